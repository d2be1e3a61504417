"""Reading pages in every encoding OCR tools produce, bad input, and atomic writes."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cleaner import io
from cleaner.cli import cli
from cleaner.errors import InputError
from cleaner.io import decode, read_text, write_atomic

ROOT = Path(__file__).resolve().parents[1]
SIMPLIFIED = "临夏州工会通过技能竞赛助力扶贫车间产业升级，让在家门口就业的新工人入会进家。\n"
TRADITIONAL = "病榻旁，3姊妹輕聲唱起詩歌和爸爸最愛的原住民歌曲，突然間，阿平安靜下來。\n"
BASIC = ["--select", "W01,D01"]


def clean(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# -- detection -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (SIMPLIFIED.encode(), SIMPLIFIED, "utf-8"),
        (codecs.BOM_UTF8 + SIMPLIFIED.encode(), "\ufeff" + SIMPLIFIED, "utf-8-sig"),
        (SIMPLIFIED.encode("utf-16"), SIMPLIFIED, "utf-16"),
        (codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"), SIMPLIFIED, "utf-16"),
        (codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), SIMPLIFIED, "utf-16"),
        (SIMPLIFIED.encode("gbk"), SIMPLIFIED, "gb18030"),
        (SIMPLIFIED.encode("gb18030"), SIMPLIFIED, "gb18030"),
        (TRADITIONAL.encode("big5"), TRADITIONAL, "big5"),
        (b"", "", "empty"),
        (b"plain ASCII text\n", "plain ASCII text\n", "utf-8"),
    ],
)
def test_decode_detects_encoding(data: bytes, text: str, encoding: str) -> None:
    assert decode(data, "page.txt") == (text, encoding)


def test_gb18030_beyond_gbk() -> None:
    text = "新闻报道中的生僻字䶮和𠀀，记者采访了工人。\n"
    assert decode(text.encode("gb18030"), "p") == (text, "gb18030")


def test_real_pages_in_legacy_encodings() -> None:
    simplified = (ROOT / "seeds" / "001_61f5ec92cb293119.txt").read_text(encoding="utf-8")
    simplified = simplified.encode("gbk", errors="ignore").decode("gbk")
    assert decode(simplified.encode("gbk"), "p") == (simplified, "gb18030")
    corpus = ROOT / "fixtures" / "corpus" / "traditional-appledaily-2008" / "0001.txt"
    traditional = corpus.read_text(encoding="utf-8")
    traditional = traditional.encode("big5", errors="ignore").decode("big5")
    assert decode(traditional.encode("big5"), "p") == (traditional, "big5")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "binary"),
        (b"ELF\x7f" + bytes(range(32)) * 4, "binary"),
        (bytes(range(1, 9)) * 20 + "中文".encode(), "binary"),
        (b"\x80\x81\xff" * 10, "unknown encoding"),
        (bytes(range(128, 256)) * 3, "unknown encoding"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfa", "invalid UTF-8 at byte 3"),
    ],
)
def test_decode_rejects_bad_input(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "bad.bin")
    assert str(info.value).startswith("bad.bin: ")
    assert message in str(info.value)


def test_read_text_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^shown\.txt: no such file"):
        read_text(tmp_path / "missing.txt", "shown.txt")
    with pytest.raises(InputError, match=r"^d: is a directory"):
        read_text(tmp_path, "d")


# -- bad input through the command line ------------------------------------------------------


@pytest.fixture
def pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_good.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (d / "z_good.txt").write_bytes(TRADITIONAL.encode("big5"))
    return tmp_path


def _errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("m_binary.txt", b"\x00\x01\x02binary\x00" * 10, "binary file"),
        ("m_undecodable.txt", b"\x80\x81\xff" * 10, "unknown encoding"),
        ("m_empty.txt", b"", "empty file"),
        ("m_bad_bom.txt", codecs.BOM_UTF8 + "中文".encode() + b"\xff\xfe\xfa", "invalid UTF-8"),
    ],
)
def test_bad_file_one_line_others_processed_exit_2(
    pages: Path, name: str, data: bytes, message: str
) -> None:
    (pages / "in" / name).write_bytes(data)
    before = snapshot(pages / "in")
    result = clean("in", "-o", "out", *BASIC)
    assert result.exit_code == 2
    errors = _errors(result)
    assert len(errors) == 1
    assert errors[0].startswith(f"error: {os.path.join('in', name)}: {message}")
    assert "Traceback" not in result.stderr
    assert (pages / "out" / "a_good.txt").read_text(encoding="utf-8") == SIMPLIFIED
    assert (pages / "out" / "z_good.txt").read_text(encoding="utf-8") == TRADITIONAL
    assert snapshot(pages / "in") == before
    # --check and --diff report the same error and still look at the other files
    check = clean("in", "--check", *BASIC)
    assert check.exit_code == 2
    assert len(_errors(check)) == 1


def test_empty_file_gives_empty_output_and_an_error(pages: Path) -> None:
    """Issue 3 asks for an empty output; bad input exits 2: both happen."""
    (pages / "in" / "empty.txt").write_bytes(b"")
    result = clean("in", "-o", "out", *BASIC)
    assert result.exit_code == 2
    assert (pages / "out" / "empty.txt").read_bytes() == b""
    assert _errors(result) == [f"error: {os.path.join('in', 'empty.txt')}: empty file"]


def test_directory_with_no_matching_files(pages: Path) -> None:
    (pages / "nothing").mkdir()
    (pages / "nothing" / "readme.md").write_text("x", encoding="utf-8")
    result = clean("nothing", "in", "-o", "out", *BASIC)
    assert result.exit_code == 2
    errors = _errors(result)
    assert len(errors) == 1 and errors[0].startswith("error: nothing: no files matching *.txt")
    assert sorted(p.name for p in (pages / "out").iterdir() if not p.name.startswith(".")) == [
        "a_good.txt",
        "z_good.txt",
    ]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(pages: Path) -> None:
    locked = pages / "in" / "locked.txt"
    locked.write_text(SIMPLIFIED, encoding="utf-8")
    locked.chmod(0)
    try:
        result = clean("in", "-o", "out", *BASIC)
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 2
    assert _errors(result) == [f"error: {os.path.join('in', 'locked.txt')}: permission denied"]
    assert (pages / "out" / "a_good.txt").exists()


def test_unreadable_file_as_root_is_simulated(pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the test runs as root, chmod cannot lock a file: simulate the permission error."""
    locked = pages / "in" / "locked.txt"
    locked.write_text(SIMPLIFIED, encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = clean("in", "-o", "out", "--no-cache", *BASIC)
    assert result.exit_code == 2
    assert _errors(result) == [f"error: {os.path.join('in', 'locked.txt')}: permission denied"]
    assert (pages / "out" / "a_good.txt").exists() and (pages / "out" / "z_good.txt").exists()


def test_encodings_all_come_out_utf8(pages: Path) -> None:
    d = pages / "in"
    (d / "bom.txt").write_bytes(codecs.BOM_UTF8 + SIMPLIFIED.encode())
    (d / "utf16.txt").write_bytes(SIMPLIFIED.encode("utf-16"))
    (d / "gbk.txt").write_bytes(SIMPLIFIED.replace("\n", "\r\n").encode("gbk"))
    result = clean("in", "-o", "out", *BASIC)
    assert result.exit_code == 0, result.stderr
    for name in ("bom.txt", "utf16.txt", "gbk.txt", "a_good.txt"):
        assert (pages / "out" / name).read_bytes() == SIMPLIFIED.encode(), name
    assert (pages / "out" / "z_good.txt").read_bytes() == TRADITIONAL.encode()


# -- atomic writes ---------------------------------------------------------------------------


def test_write_atomic_replaces_whole_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "page.txt"
    write_atomic(target, "第一版\r\n")
    assert target.read_bytes() == "第一版\r\n".encode()  # newline="\n": text written as given
    target.chmod(0o640)
    inode = target.stat().st_ino
    write_atomic(target, "短\n")
    assert target.read_bytes() == "短\n".encode()  # no leftover of the longer old content
    assert target.stat().st_ino != inode  # renamed over, never truncated in place
    assert target.stat().st_mode & 0o777 == 0o640  # permissions kept
    assert [p.name for p in target.parent.iterdir()] == ["page.txt"]


def test_write_atomic_failure_keeps_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "page.txt"
    target.write_bytes(b"old")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(io.os, "replace", broken)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.txt"]


# -- the input is never modified; output inside the input tree --------------------------------


def test_inputs_byte_identical_after_every_mode(pages: Path) -> None:
    d = pages / "in"
    (d / "dirty.txt").write_bytes(
        "  工会组织职工开展技能竞赛，助其提升收入。\r\n"
        "工会组织职工开展技能竞赛，助其提升收入。\r\n".encode()
    )
    before = snapshot(d)
    runs = [
        ["in", "-o", "out"],
        ["in", "-o", "out2", "--format", "jsonl", "--report", "r.jsonl"],
        ["in", "--check"],
        ["in", "--check", "--output-format", "json"],
        ["in", "--diff"],
        ["in", "-o", "out", "-j", "2"],
    ]
    for args in runs:
        result = clean(*args)
        assert result.exit_code in (0, 1), (args, result.stderr)
        assert snapshot(d) == before, args


def test_output_dir_inside_input_is_not_reread(pages: Path) -> None:
    for _ in range(3):
        result = clean("in", "-o", "in/out", "--no-cache", *BASIC)
        assert result.exit_code == 0, result.stderr
        assert result.stderr.startswith("2 files cleaned")
    assert not (pages / "in" / "out" / "out").exists()
    assert sorted(p.name for p in (pages / "in" / "out").iterdir()) == [
        "a_good.txt",
        "z_good.txt",
    ]
    # the same when the output directory is named by another path to it
    result = clean(str(pages / "in"), "-o", "./in/../in/out", "--no-cache", *BASIC)
    assert result.exit_code == 0 and result.stderr.startswith("2 files cleaned")
