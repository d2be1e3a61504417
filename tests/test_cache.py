"""Resuming runs: a rerun skips up-to-date outputs and says the same; changes re-clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cleaner.cache import MANIFEST
from cleaner.cli import cli

LINE = "工会组织职工开展技能竞赛，助其提升收入。"
PAGES = {
    "a.txt": f"{LINE}  \r\n{LINE}\n第二段\u200b文字。\n",
    "b.txt": "第一段文字。\n第二段文字。\n",
    "sub/c.txt": f"标题\n\n{LINE}\n{LINE}\n{LINE}\n",
}
TIME = re.compile(r", [\d.]+ s$")


def clean(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def summary(result: Result) -> str:
    assert result.exit_code == 0, result.stderr
    return TIME.sub("", result.stderr.strip())


def stamps(out: Path) -> dict[str, int]:
    return {
        p.relative_to(out).as_posix(): p.stat().st_mtime_ns
        for p in out.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for rel, text in PAGES.items():
        path = tmp_path / "in" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    return tmp_path


def test_rerun_skips_and_says_the_same(work: Path) -> None:
    first = clean("in", "-o", "out", "--report", "r1.jsonl")
    times = stamps(work / "out")
    assert (work / "out" / MANIFEST).is_file()
    second = clean("in", "-o", "out", "--report", "r2.jsonl")
    assert summary(second) == summary(first)
    assert stamps(work / "out") == times  # nothing rewritten
    assert (work / "r2.jsonl").read_bytes() == (work / "r1.jsonl").read_bytes()
    assert (work / "r1.jsonl").read_bytes()  # there was something to report
    # --no-cache cleans again and still says the same
    third = clean("in", "-o", "out", "--report", "r3.jsonl", "--no-cache")
    assert summary(third) == summary(first)
    assert (work / "r3.jsonl").read_bytes() == (work / "r1.jsonl").read_bytes()


def test_report_after_a_run_without_one(work: Path) -> None:
    clean("in", "-o", "out")
    with_report = clean("in", "-o", "out", "--report", "r.jsonl")
    reference = clean("in", "-o", "ref", "--report", "ref.jsonl")
    assert summary(with_report) == summary(reference)
    assert (work / "r.jsonl").read_bytes() == (work / "ref.jsonl").read_bytes()


def test_changed_input_is_cleaned_again(work: Path) -> None:
    clean("in", "-o", "out")
    times = stamps(work / "out")
    (work / "in" / "b.txt").write_text("第一段文字。\n第一段\u200b文字。\n", encoding="utf-8")
    result = clean("in", "-o", "out", "-v")
    assert result.exit_code == 0
    after = stamps(work / "out")
    assert after["b.txt"] != times["b.txt"]
    assert {k: v for k, v in after.items() if k != "b.txt"} == {
        k: v for k, v in times.items() if k != "b.txt"
    }
    assert (work / "out" / "b.txt").read_text(encoding="utf-8") == "第一段文字。\n第一段文字。\n"


def test_changed_output_is_rewritten(work: Path) -> None:
    clean("in", "-o", "out")
    (work / "out" / "a.txt").write_text("tampered\n", encoding="utf-8")
    (work / "out" / "sub" / "c.txt").unlink()
    clean("in", "-o", "out")
    reference = clean("in", "-o", "ref")
    assert reference.exit_code == 0
    for rel in PAGES:
        assert (work / "out" / rel).read_bytes() == (work / "ref" / rel).read_bytes()


def test_changed_settings_clean_again(work: Path) -> None:
    clean("in", "-o", "out", "--select", "W01,D01")
    assert (work / "out" / "a.txt").read_text(encoding="utf-8") == f"{LINE}\n第二段文字。\n"
    clean("in", "-o", "out", "--select", "W01")
    assert (work / "out" / "a.txt").read_text(encoding="utf-8") == f"{LINE}\n{LINE}\n第二段文字。\n"
    (work / "cfg.toml").write_text('[filters."dedup.exact"]\nmin-chars = 100\n', encoding="utf-8")
    clean("in", "-o", "out", "--select", "W01,D01", "--config", "cfg.toml")
    assert (work / "out" / "a.txt").read_text(encoding="utf-8") == f"{LINE}\n{LINE}\n第二段文字。\n"
    # text and JSONL outputs of one input live side by side
    clean("in", "-o", "out", "--format", "jsonl")
    assert (work / "out" / "a.jsonl").is_file() and (work / "out" / "a.txt").is_file()


@pytest.mark.parametrize(
    "tail",
    [
        b'{"out": "a.txt", "key": "ab',  # a run cut in the middle of a line
        b"\x00\x00garbage\n",
        b'{"out": "b.txt"}\n[1, 2]\n',  # lines that are not ours
    ],
)
def test_interrupted_manifest_line_is_tolerated(work: Path, tail: bytes) -> None:
    first = clean("in", "-o", "out", "--report", "r1.jsonl")
    manifest = work / "out" / MANIFEST
    with manifest.open("ab") as f:
        f.write(tail)
    (work / "in" / "b.txt").write_text("第一段文字。\n", encoding="utf-8")  # one file to redo
    second = clean("in", "-o", "out", "--report", "r2.jsonl")
    assert second.exit_code == 0, second.stderr
    assert "3 files cleaned" in second.stderr
    assert (work / "out" / "b.txt").read_text(encoding="utf-8") == "第一段文字。\n"
    # the manifest is whole lines again: a third run skips everything and agrees
    times = stamps(work / "out")
    third = clean("in", "-o", "out", "--report", "r3.jsonl")
    assert summary(third) == summary(second)
    assert stamps(work / "out") == times
    assert (work / "r3.jsonl").read_bytes() == (work / "r2.jsonl").read_bytes()
    assert summary(first)  # the first run worked


def test_check_and_diff_do_not_use_the_cache(work: Path) -> None:
    clean("in", "-o", "out")
    check = clean("in", "--check")
    assert check.exit_code == 1 and check.stdout
    diff = clean("in", "--diff")
    assert diff.exit_code == 0 and diff.stdout.startswith("--- in/a.txt")


def test_each_input_is_read_once(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    read_bytes = Path.read_bytes

    def counted(self: Path) -> bytes:
        reads.append(self.as_posix())
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", counted)
    summary(clean("in", "-o", "out", "-j", "1"))
    inputs = [r for r in reads if "/in/" in r or r.startswith("in/")]
    assert sorted(inputs) == sorted(set(inputs))
    assert len(inputs) == len(PAGES)
