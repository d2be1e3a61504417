"""The Dask engine writes byte for byte what the local engine writes (needs ``cleaner[dask]``).

One LocalCluster with two worker processes serves every check, so the module takes a few seconds.
``make test`` installs the ``dask`` extra, so there it runs; without the extra it is skipped.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cleaner.cli import cli

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]


def clean(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def test_dask_local_cluster_matches_local_engine(tmp_path: Path) -> None:
    src = tmp_path / "in"
    shutil.copytree(ROOT / "seeds", src)
    (src / "empty.txt").write_bytes(b"")  # an error travels back from a worker too
    before = tree(src)
    local = clean(
        str(src), "-o", str(tmp_path / "local"), "--format", "jsonl", "--report",
        str(tmp_path / "local.jsonl"),
    )  # fmt: skip
    dask = clean(
        str(src), "-o", str(tmp_path / "dask"), "--format", "jsonl", "--report",
        str(tmp_path / "dask.jsonl"), "--engine", "dask", "--scheduler", "local", "-j", "2",
    )  # fmt: skip
    assert local.exit_code == dask.exit_code == 2  # the empty file
    assert "Traceback" not in dask.stderr
    errors = [line for line in dask.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {src / 'empty.txt'}: empty file"]
    outputs = tree(tmp_path / "local")
    assert len(outputs) == 6
    assert tree(tmp_path / "dask") == outputs
    audit = (tmp_path / "local.jsonl").read_bytes()
    assert audit and (tmp_path / "dask.jsonl").read_bytes() == audit
    assert tree(src) == before


def test_scheduler_needs_dask_engine(tmp_path: Path) -> None:
    result = clean(str(ROOT / "seeds"), "-o", str(tmp_path), "--scheduler", "local")
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: --scheduler needs --engine dask"
