"""Acceptance on the five seed pages: outputs, --check before and after, untouched inputs, audit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cleaner.audit import replay, unaccounted
from cleaner.cli import cli
from cleaner.config import Settings
from cleaner.filters import ORDER
from cleaner.runner import clean_text

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def clean(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def snapshot() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in SEEDS}


@pytest.fixture(scope="module")
def original() -> dict[str, bytes]:
    assert len(SEEDS) == 5
    return snapshot()


def test_jsonl_writes_five_files(tmp_path: Path, original: dict[str, bytes]) -> None:
    result = clean(str(ROOT / "seeds"), "-o", str(tmp_path), "--format", "jsonl", "-q")
    assert result.exit_code == 0, result.stderr
    outputs = sorted(tmp_path.glob("*.jsonl"))
    assert [p.stem for p in outputs] == [p.stem for p in SEEDS]
    for path in outputs:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert rows, path
        assert [r["index"] for r in rows] == list(range(len(rows)))
        assert all(r["source"] == f"{path.stem}.txt" for r in rows)
        assert sum(len(r["headline"]) + len(r["byline"]) + len(r["body"]) for r in rows) > 10
    assert snapshot() == original


def test_check_raw_exits_1_and_cleaned_output_exits_0(
    tmp_path: Path, original: dict[str, bytes]
) -> None:
    raw = clean(str(ROOT / "seeds"), "--check")
    assert raw.exit_code == 1, raw.stderr
    assert raw.stdout and not raw.stderr.startswith("0 files would be changed")
    assert snapshot() == original
    out = tmp_path / "out"
    done = clean(str(ROOT / "seeds"), "-o", str(out))
    assert done.exit_code == 0, done.stderr
    assert snapshot() == original
    again = clean(str(out), "--check")
    assert again.exit_code == 0, again.stdout[:2000]
    assert again.stdout == ""
    assert "0 files would be changed, 5 unchanged" in again.stderr


def test_diff_and_in_place_copies(tmp_path: Path, original: dict[str, bytes]) -> None:
    diff = clean(str(ROOT / "seeds"), "--diff")
    assert diff.exit_code == 0
    assert diff.stdout.startswith("--- ") and "\n+++ " in diff.stdout
    assert snapshot() == original
    copy = tmp_path / "copy"
    copy.mkdir()
    for seed in SEEDS:
        (copy / seed.name).write_bytes(seed.read_bytes())
    assert clean(str(copy), "--in-place", "-q").exit_code == 0
    assert clean(str(copy), "--check").exit_code == 0  # in place, then nothing left to change
    assert snapshot() == original


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("every", [False, True], ids=["default", "every-filter"])
def test_audit_accounts_for_every_character(seed: Path, every: bool) -> None:
    text = seed.read_text(encoding="utf-8")
    chosen = Settings(select=tuple(ORDER)) if every else Settings()
    result = clean_text(text, chosen, source=seed.name)
    assert unaccounted(text, result) == []
    assert replay(text, result) == [p.text for p in result.doc.paragraphs]


def test_report_spans_match_the_input(tmp_path: Path) -> None:
    report = tmp_path / "audit.jsonl"
    result = clean(str(ROOT / "seeds"), "--check", "--report", str(report), "--select", "W01,D01")
    assert result.exit_code == 1
    texts = {str(p): p.read_text(encoding="utf-8") for p in SEEDS}
    records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert {r["file"] for r in records} <= set(texts)
    removed = [r for r in records if r["action"] == "remove"]
    assert removed, "the seeds repeat paragraphs"
    for rec in records:
        a, b = rec["span"]
        if rec["action"] in ("edit", "remove") and "pieces" not in rec:
            assert texts[rec["file"]][a:b] == rec["before"], rec
        if rec["action"] == "remove":
            assert "kept" in rec and rec["kept"]["offset"] < a
