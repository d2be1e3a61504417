"""The ``clean`` command line: every flag, every exit status, stdout and stderr kept apart.

Tests that depend on exact output pick their filters with ``--select W01,D01`` so that filters
added to the pipeline later do not change what they expect.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cleaner.cli import cli

ROOT = Path(__file__).resolve().parents[1]
LINE = "工会组织职工开展技能竞赛，助其提升收入。"  # a sentence, long enough to be a repeat
DIRTY = f"{LINE}  \r\n{LINE}\n\n第二段\u200b文字。\n"
CLEAN = "第一段文字。\n第二段文字。\n"
BASIC = ["--select", "W01,D01"]
FINDING = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]\d\d) \S")
RECORD_KEYS = {"file", "filter", "code", "span", "before", "after", "reason"}


def clean(*args: str, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin)


def one_line_error(result: Result) -> str:
    """The stderr of a failed run: exactly one line, no traceback."""
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a dirty and a clean page, made the current directory (relative paths)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "dirty.txt").write_bytes(DIRTY.encode())
    (tmp_path / "in" / "clean.txt").write_bytes(CLEAN.encode())
    return tmp_path


def tree(root: Path) -> dict[str, bytes]:
    """Every visible file under ``root`` (the cache manifest is hidden) and its bytes."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


# -- output: -o, --format ------------------------------------------------------------------


def test_output_dir_text(work: Path) -> None:
    result = clean("in", "-o", "out", *BASIC)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert (work / "out" / "dirty.txt").read_bytes() == f"{LINE}\n第二段文字。\n".encode()
    assert (work / "out" / "clean.txt").read_bytes() == CLEAN.encode()
    assert "2 files cleaned (1 changed)" in result.stderr  # the summary, on stderr


def test_output_mirrors_relative_paths_and_globs(work: Path) -> None:
    (work / "in" / "sub" / "deep").mkdir(parents=True)
    (work / "in" / "sub" / "deep" / "x.txt").write_text(CLEAN, encoding="utf-8")
    (work / "in" / "sub" / "notes.md").write_text(CLEAN, encoding="utf-8")
    (work / "in" / "sub" / "skip.txt").write_text(CLEAN, encoding="utf-8")
    result = clean("in", "-o", "out", "--exclude", "skip.txt", *BASIC)
    assert result.exit_code == 0, result.stderr
    assert sorted(tree(work / "out")) == ["clean.txt", "dirty.txt", "sub/deep/x.txt"]
    result = clean("in", "-o", "md", "--include", "*.md", *BASIC)
    assert result.exit_code == 0, result.stderr
    assert sorted(tree(work / "md")) == ["sub/notes.md"]


def test_format_jsonl(work: Path) -> None:
    result = clean("in", "-o", "out", "--format", "jsonl", *BASIC)
    assert result.exit_code == 0, result.stderr
    assert sorted(tree(work / "out")) == ["clean.jsonl", "dirty.jsonl"]
    raw = (work / "out" / "dirty.jsonl").read_text(encoding="utf-8")
    assert "第二段" in raw  # UTF-8, not ASCII-escaped
    rows = [json.loads(line) for line in raw.splitlines()]
    assert len(rows) == 1  # one object per page until articles are reconstructed
    row = rows[0]
    assert set(row) == {"id", "source", "index", "kind", "headline", "byline", "body", "flags"}
    assert row["source"] == "dirty.txt" and row["index"] == 0
    assert row["headline"] + row["byline"] + row["body"] == [LINE, "第二段文字。"]


def test_bad_format_is_a_usage_error(work: Path) -> None:
    assert "format" in one_line_error(clean("in", "-o", "out", "--format", "xml"))


def test_output_is_utf8_with_lf(work: Path) -> None:
    (work / "in" / "dirty.txt").write_bytes("第一段\r\n第二段\r\n".encode())
    assert clean("in/dirty.txt", "-o", "out", *BASIC).exit_code == 0
    assert (work / "out" / "dirty.txt").read_bytes() == "第一段\n第二段\n".encode()


# -- --in-place --------------------------------------------------------------------------


def test_in_place_rewrites_only_changed_files_atomically(work: Path) -> None:
    clean_before = os.stat(work / "in" / "clean.txt")
    dirty_before = os.stat(work / "in" / "dirty.txt")
    result = clean("in", "--in-place", *BASIC)
    assert result.exit_code == 0, result.stderr
    assert (work / "in" / "dirty.txt").read_bytes() == f"{LINE}\n第二段文字。\n".encode()
    clean_after = os.stat(work / "in" / "clean.txt")
    assert (clean_after.st_ino, clean_after.st_mtime_ns) == (
        clean_before.st_ino,
        clean_before.st_mtime_ns,
    )
    # replaced by a rename (a new inode), not rewritten in place; no temporary file left behind
    assert os.stat(work / "in" / "dirty.txt").st_ino != dirty_before.st_ino
    assert sorted(p.name for p in (work / "in").iterdir()) == ["clean.txt", "dirty.txt"]
    # a second run changes nothing
    again = clean("in", "--in-place", *BASIC)
    assert again.exit_code == 0
    assert "(0 changed)" in again.stderr


def test_in_place_and_output_conflict(work: Path) -> None:
    assert "--in-place" in one_line_error(clean("in", "--in-place", "-o", "out"))


def test_in_place_refuses_jsonl(work: Path) -> None:
    one_line_error(clean("in", "--in-place", "--format", "jsonl"))
    assert (work / "in" / "dirty.txt").read_bytes() == DIRTY.encode()


def test_nothing_to_do(work: Path) -> None:
    assert "nothing to do" in one_line_error(clean("in"))


# -- --check -----------------------------------------------------------------------------


def test_check_lists_findings_and_exits_1(work: Path) -> None:
    before = tree(work)
    result = clean("in", "--check", *BASIC)
    assert result.exit_code == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines, "findings expected on stdout"
    for line in lines:
        m = FINDING.match(line)
        assert m, line
        assert m["path"] == os.path.join("in", "dirty.txt")
    assert {FINDING.match(x)["code"] for x in lines} == {"W01", "D01"}  # type: ignore[index]
    assert any(line.startswith("in/dirty.txt:2:1: D01 ") for line in lines)
    assert "1 file would be changed" in result.stderr
    assert tree(work) == before  # nothing written


def test_check_exits_0_on_clean_text(work: Path) -> None:
    result = clean("in/clean.txt", "--check", *BASIC)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_check_json(work: Path) -> None:
    result = clean("in", "--check", "--output-format", "json", *BASIC)
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert findings and all(RECORD_KEYS | {"message", "line", "col"} <= set(f) for f in findings)
    assert {f["file"] for f in findings} == {os.path.join("in", "dirty.txt")}
    clean_run = clean("in/clean.txt", "--check", "--output-format", "json", *BASIC)
    assert clean_run.exit_code == 0
    assert json.loads(clean_run.stdout) == []


def test_check_github_annotations(work: Path) -> None:
    result = clean("in", "--check", "--output-format", "github", *BASIC)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines
    pattern = re.compile(
        r"^::warning file=in/dirty\.txt,line=\d+,col=\d+,title=[A-Z]\d\d [^:]+::.+"
    )
    assert all(pattern.match(line) for line in lines), lines


def test_bad_output_format(work: Path) -> None:
    one_line_error(clean("in", "--check", "--output-format", "xml"))


# -- --diff, --report ----------------------------------------------------------------------


def test_diff_prints_unified_diff_and_writes_nothing(work: Path) -> None:
    before = tree(work)
    result = clean("in", "--diff", *BASIC)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("--- in/dirty.txt\t(original)\n+++ in/dirty.txt\t(cleaned)\n")
    assert "clean.txt" not in out  # a file with nothing to change has no diff
    assert "\n-第二段\u200b文字。\n" in out and "\n+第二段文字。\n" in out
    assert tree(work) == before


def test_report_is_jsonl_with_one_record_per_change(work: Path) -> None:
    result = clean("in", "-o", "out", "--report", "audit/report.jsonl", *BASIC)
    assert result.exit_code == 0, result.stderr
    lines = (work / "audit" / "report.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert records
    text = DIRTY  # decoded input: the spans are character offsets into it
    codes = []
    for rec in records:
        assert set(rec) >= RECORD_KEYS, rec
        assert rec["file"] == os.path.join("in", "dirty.txt")
        a, b = rec["span"]
        assert text[a:b] == rec["before"], rec
        assert isinstance(rec["reason"], str) and rec["reason"]
        codes.append(rec["code"])
    # one record per change: the two trailing spaces, the CR, the zero-width space, the repeat
    assert sorted(codes) == ["D01", "W01", "W01", "W01"]
    removed = [r for r in records if r["action"] == "remove"]
    assert [r["before"] for r in removed] == [LINE] and removed[0]["after"] == ""


def test_report_with_check_and_diff(work: Path) -> None:
    for flag in ("--check", "--diff"):
        report = work / f"r{flag}.jsonl"
        result = clean("in", flag, "--report", str(report), *BASIC)
        assert result.exit_code == (1 if flag == "--check" else 0)
        assert len(report.read_text(encoding="utf-8").splitlines()) == 4


def test_report_unwritable(work: Path) -> None:
    (work / "blocker").write_text("x")
    assert "report" in one_line_error(clean("in", "-o", "out", "--report", "blocker/r.jsonl"))


# -- -j, -q, -v ------------------------------------------------------------------------------


def test_jobs_give_identical_output_and_audit(work: Path) -> None:
    src = work / "many"
    src.mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        (src / seed.name).write_bytes(seed.read_bytes())
    for k in range(20):  # past the first files sent one by one: whole batches and a rest
        (src / f"small{k}.txt").write_bytes((DIRTY * (k % 6 + 1)).encode())
    runs = {}
    for jobs in ("1", "2"):
        result = clean("many", "-o", f"out{jobs}", "-j", jobs, "--report", f"r{jobs}.jsonl")
        assert result.exit_code == 0, result.stderr
        runs[jobs] = (tree(work / f"out{jobs}"), (work / f"r{jobs}.jsonl").read_bytes())
    assert len(runs["1"][0]) == 25
    assert runs["1"] == runs["2"]
    check1 = clean("many", "--check", "-j", "1")
    check2 = clean("many", "--check", "-j", "2")
    assert (check1.exit_code, check1.stdout) == (check2.exit_code, check2.stdout)


def test_jobs_must_be_positive(work: Path) -> None:
    assert "jobs" in one_line_error(clean("in", "-o", "out", "-j", "0"))
    one_line_error(clean("in", "-o", "out", "-j", "two"))


def test_quiet_and_verbose(work: Path) -> None:
    quiet = clean("in", "-o", "out", "-q", *BASIC)
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout == ""
    verbose = clean("in", "--check", "-v", *BASIC)
    assert verbose.exit_code == 1
    per_file = [line for line in verbose.stderr.splitlines() if line.startswith("in/")]
    assert sorted(per_file) == [
        "in/clean.txt: unchanged (0 changes)",
        "in/dirty.txt: would change (4 changes)",
    ]


# -- --select / --ignore, configuration --------------------------------------------------------


def _body(path: Path) -> list[str]:
    return path.read_bytes().decode("utf-8").split("\n")[:-1]


def test_select_and_ignore(work: Path) -> None:
    assert clean("in/dirty.txt", "-o", "w", "--select", "W01").exit_code == 0
    assert _body(work / "w" / "dirty.txt") == [LINE, LINE, "第二段文字。"]  # no dedup
    assert clean("in/dirty.txt", "-o", "d", "--select", "dedup.exact").exit_code == 0
    assert _body(work / "d" / "dirty.txt") == [f"{LINE}  \r", "第二段\u200b文字。"]
    assert clean("in/dirty.txt", "-o", "i", *BASIC, "--ignore", "D01").exit_code == 0
    assert _body(work / "i" / "dirty.txt") == [LINE, LINE, "第二段文字。"]
    # repeated flags and comma lists are the same
    assert clean("in/dirty.txt", "-o", "r", "--select", "W01", "--select", "D01").exit_code == 0
    assert _body(work / "r" / "dirty.txt") == [LINE, "第二段文字。"]


def test_select_unknown_filter(work: Path) -> None:
    assert "'Z99'" in one_line_error(clean("in", "-o", "out", "--select", "Z99"))
    assert "'nope'" in one_line_error(clean("in", "-o", "out", "--ignore", "nope"))


def test_config_file_and_flags_win(work: Path) -> None:
    (work / "cfg.toml").write_text('select = ["W01"]\nformat = "jsonl"\n', encoding="utf-8")
    assert clean("in", "-o", "a", "--config", "cfg.toml").exit_code == 0
    row = json.loads((work / "a" / "dirty.jsonl").read_text(encoding="utf-8"))
    assert row["body"] == [LINE, LINE, "第二段文字。"]  # only W01 ran
    # flags win over the file
    flags = clean("in", "-o", "b", "--config", "cfg.toml", "--select", "D01", "--format", "text")
    assert flags.exit_code == 0, flags.stderr
    assert _body(work / "b" / "dirty.txt") == [f"{LINE}  \r", "第二段\u200b文字。"]


def test_pyproject_tool_cleaner(work: Path) -> None:
    (work / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.cleaner]\nignore = ["D01"]\n'
        '[tool.cleaner.filters."dedup.exact"]\nmin-chars = 100\n',
        encoding="utf-8",
    )
    assert clean("in", "-o", "a", "--select", "W01,D01").exit_code == 0
    # ignore from the file, select from the flag: W01 only
    assert _body(work / "a" / "dirty.txt") == [LINE, LINE, "第二段文字。"]
    (work / "pyproject.toml").write_text(
        '[tool.cleaner]\n[tool.cleaner.filters."dedup.exact"]\nmin-chars = 5\n', encoding="utf-8"
    )
    (work / "in" / "short.txt").write_text("短短的一句话。\n短短的一句话。\n", encoding="utf-8")
    assert clean("in/short.txt", "-o", "b", *BASIC).exit_code == 0
    assert _body(work / "b" / "short.txt") == ["短短的一句话。"]  # filter option from the file


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ('selct = ["W01"]\n', "'selct'"),
        ('jobs = "two"\n', "'jobs'"),
        ('format = "xml"\n', "'format'"),
        ('select = ["Q42"]\n', "'Q42'"),
        ('[filters."dedup.exact"]\nmin-char = 3\n', "'min-char'"),
        ('[filters."dedup.exact"]\nmin-chars = "3"\n', "'min-chars'"),
        ('[filters."dedup.exactly"]\nmin-chars = 3\n', "'dedup.exactly'"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_config_key_exits_2_naming_it(work: Path, content: str, named: str) -> None:
    (work / "cfg.toml").write_text(content, encoding="utf-8")
    message = one_line_error(clean("in", "-o", "out", "--config", "cfg.toml"))
    assert named in message and "cfg.toml" in message
    assert not (work / "out").exists()


def test_bad_key_in_pyproject(work: Path) -> None:
    (work / "pyproject.toml").write_text("[tool.cleaner]\nincldue = []\n", encoding="utf-8")
    message = one_line_error(clean("in", "-o", "out"))
    assert "'incldue'" in message and "pyproject.toml" in message


def test_missing_config_file(work: Path) -> None:
    assert "nope.toml" in one_line_error(clean("in", "-o", "out", "--config", "nope.toml"))


# -- usage errors, help, filters, stdin --------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["in", "--bogus"],
        ["in", "-o"],
        ["--output-format"],
        ["in", "--check", "--scheduler", "tcp://x:1"],
    ],
)
def test_bad_option_one_line_exit_2(work: Path, args: list[str]) -> None:
    one_line_error(clean(*args))


def test_no_path(work: Path) -> None:
    result = clean()
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_help_shows_examples() -> None:
    for flag in ("--help", "-h"):
        result = clean(flag)
        assert result.exit_code == 0
        assert "Examples:" in result.stdout
        assert "clean seeds -o out" in result.stdout
        assert "--check" in result.stdout and "Exit status" in result.stdout
        assert "filters" in result.stdout


def test_version() -> None:
    result = clean("--version")
    assert result.exit_code == 0 and "clean" in result.stdout


def test_filters_lists_every_filter_in_order() -> None:
    from cleaner.filters import FILTERS, ORDER

    result = clean("filters")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[1] for line in lines] == list(ORDER)
    assert [line.split()[0] for line in lines] == [FILTERS[n].code for n in ORDER]


@pytest.mark.parametrize("name", ["D01", "d01", "dedup.exact"])
def test_filters_explains_one(name: str) -> None:
    result = clean("filters", name)
    assert result.exit_code == 0
    assert result.stdout.startswith("D01 dedup.exact (safe)")
    assert "min-chars = 15" in result.stdout


def test_filters_unknown() -> None:
    assert "'X77'" in one_line_error(clean("filters", "X77"))


def test_stdin_to_stdout() -> None:
    result = clean("-", *BASIC, stdin=DIRTY.encode())
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{LINE}\n第二段文字。\n"
    jsonl = clean("-", "--format", "jsonl", *BASIC, stdin=DIRTY.encode())
    assert json.loads(jsonl.stdout)["body"] == [LINE, "第二段文字。"]


def test_stdin_check_and_diff() -> None:
    result = clean("-", "--check", *BASIC, stdin=DIRTY.encode())
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("<stdin>:1:")
    assert clean("-", "--check", *BASIC, stdin=CLEAN.encode()).exit_code == 0
    diff = clean("-", "--diff", *BASIC, stdin=DIRTY.encode())
    assert diff.exit_code == 0 and diff.stdout.startswith("--- <stdin>")


def test_stdin_gbk() -> None:
    result = clean("-", *BASIC, stdin="第一段新闻文字，记者报道。\n".encode("gbk"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "第一段新闻文字，记者报道。\n"


def test_missing_path_is_reported_and_others_processed(work: Path) -> None:
    result = clean("in/dirty.txt", "missing.txt", "-o", "out", *BASIC)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == ["error: missing.txt: no such file or directory"]
    assert (work / "out" / "dirty.txt").exists()


def test_flags_are_notes_not_changes(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ``flag`` record changes nothing: --check exits 0 without findings, --report keeps it."""
    from cleaner import config
    from cleaner.filters import FILTERS, Filter, NoOptions
    from cleaner.model import Document
    from cleaner.model import Result as PageResult

    def note(doc: Document, options: NoOptions) -> PageResult:
        para = doc.paragraphs[0]
        change = flt.change("flag", para.origin.span(0, 1), para.text[:1], para.text[:1], "unsure")
        return PageResult(doc, (change,))

    flt: Filter[NoOptions] = Filter("test.note", "Z90", "flags", "heuristic", NoOptions, note)
    monkeypatch.setitem(FILTERS, "test.note", flt)
    monkeypatch.setattr(config, "ORDER", (*config.ORDER, "test.note"))
    before = os.stat(work / "in" / "clean.txt").st_mtime_ns
    check = clean("in/clean.txt", "--check", "--select", "Z90", "--report", "r.jsonl")
    assert check.exit_code == 0, check.stderr
    assert check.stdout == ""
    [rec] = [json.loads(x) for x in (work / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rec["action"] == "flag" and rec["code"] == "Z90"
    assert clean("in/clean.txt", "--in-place", "--select", "Z90").exit_code == 0
    assert os.stat(work / "in" / "clean.txt").st_mtime_ns == before  # not rewritten
    assert clean("in/clean.txt", "--diff", "--select", "Z90").stdout == ""


def test_a_filter_that_crashes_is_one_error_line_and_the_batch_goes_on(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cleaner import runner

    original = runner.clean_text

    def crash_on_dirty(text: str, *args: object, **kwargs: object) -> object:
        if LINE in text:
            raise RuntimeError("boom")
        return original(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "clean_text", crash_on_dirty)
    result = clean("in", "-o", "out", *BASIC, "-q")
    line = one_line_error(result)
    assert "dirty.txt" in line and "internal error (RuntimeError: boom)" in line
    assert (work / "out" / "clean.txt").exists()  # the other file was still cleaned


@pytest.mark.parametrize(
    ("before", "after", "shown"),
    [
        ("甲乙", "丙丁。", "“甲乙” + “丙丁。”"),  # short pieces whole, no ellipsis
        ("甲" * 30, "乙" * 30, f"“…{'甲' * 24}” + “{'乙' * 24}…”"),  # the ends that meet
    ],
)
def test_join_finding_shows_the_pieces_that_meet(before: str, after: str, shown: str) -> None:
    from cleaner.render import message

    rec = {"action": "join", "reason": "continues", "before": before, "after": after}
    assert message(rec) == f"continues: {shown}"
