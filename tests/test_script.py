"""T01: stray traditional characters in simplified text, and traditional documents left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.audit import unaccounted
from cleaner.config import Settings
from cleaner.filters import script
from cleaner.filters.script import KEEP, ScriptOptions, simplify, traditional_only
from cleaner.model import from_text
from cleaner.runner import clean_text

CORPUS = Path(__file__).parent.parent / "fixtures" / "corpus"


def run(text: str, mode: str = "auto") -> str:
    result = simplify.apply(from_text(text), ScriptOptions(mode=mode))  # type: ignore[arg-type]
    assert unaccounted(text, result) == []
    assert simplify.apply(result.doc, ScriptOptions(mode=mode)).changes == ()  # type: ignore[arg-type]
    return "\n".join(p.text for p in result.doc.paragraphs)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("截至目前，全国級在档困难职工", "截至目前，全国级在档困难职工"),
        ("各项工作有序開展", "各项工作有序开展"),
        ("新疆区总組织开展活动", "新疆区总组织开展活动"),
    ],
)
def test_stray_traditional(text: str, expected: str) -> None:
    assert run(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "於梨华是一位作家",  # 於 is a surname
        "乾隆年间，乾坤",  # 乾 is valid simplified
        "沈阳市沈先生",  # 沈 is simplified (t2s would make 沉)
        "杨甦棣大使",  # 甦 in a name
        "二𫫇英（也作二恶英）是一类公认的剧毒、持久性环境污染物",
        "什么 怎么 这么 那么 多么 要么 好么 甚么",
    ],
)
def test_must_not_change(text: str) -> None:
    assert run(text) == text
    assert run(text, "simplified") == text


def test_keep_set_is_never_traditional_only() -> None:
    assert not KEEP & traditional_only()
    assert {"級", "這", "個", "開"} <= traditional_only()


def test_traditional_document_is_left_alone_unless_asked() -> None:
    text = "這是幾個繁體字，會被轉換爲簡體字"
    assert run(text) == text
    assert run(text, "simplified") == "这是几个繁体字，会被转换为简体字"
    assert run("級", "keep") == "級"


def test_traditional_corpus_keeps_its_script() -> None:
    files = sorted((CORPUS / "traditional-appledaily-2008").glob("*.txt"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert run(text) == "\n".join(p.text for p in from_text(text).paragraphs), path.name


def test_mode_from_settings() -> None:
    text = "這是幾個繁體字"
    settings = Settings(select=("T01",), filters={"script.simplify": {"mode": "simplified"}})
    assert clean_text(text, settings).doc.paragraphs[0].text == "这是几个繁体字"


def test_cli_script_option(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cleaner.cli import cli

    page = tmp_path / "in" / "page.txt"
    page.parent.mkdir()
    page.write_text("這是幾個繁體字，會被轉換爲簡體字\n", encoding="utf-8")
    runner = CliRunner()
    kept = runner.invoke(cli, [str(page), "-o", str(tmp_path / "a"), "-q", "--no-cache"])
    assert kept.exit_code == 0, kept.output
    assert (tmp_path / "a" / "page.txt").read_text(encoding="utf-8").startswith("這是幾個")
    args = [str(page), "-o", str(tmp_path / "b"), "-q", "--no-cache", "--script", "simplified"]
    converted = runner.invoke(cli, args)
    assert converted.exit_code == 0, converted.output
    assert (tmp_path / "b" / "page.txt").read_text(encoding="utf-8").startswith("这是几个")
    bad = runner.invoke(cli, [str(page), "-o", str(tmp_path / "c"), "--script", "nope"])
    assert bad.exit_code == 2


@pytest.mark.parametrize("text", ["這是幾個繁體字", "级別 and 𠀀 級", "simplified 简体", ""])
def test_the_page_trigger_finds_what_the_full_trigger_finds(text: str) -> None:
    """Without the astral range (a text with no astral character), or with it: same matches."""
    full = script._tables()[1]
    page = script._page_trigger(text)
    assert [m.span() for m in page.finditer(text)] == [m.span() for m in full.finditer(text)]
    assert (page is full) == any(ord(c) > 0xFFFF for c in text)
