"""U01–U03 and the character stage as a whole: NFC, odd spaces, full-width letters and digits.

Also the properties of the whole character stage (W, U, P, T, O): idempotent and lossless on
any text, and what it changes on the clean corpora.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.audit import replay, unaccounted
from cleaner.config import Settings
from cleaner.filters import FILTERS, ORDER
from cleaner.model import from_text
from cleaner.runner import clean_text

_CHARACTER_FILTERS = ("whitespace", "unicode", "punct", "script", "ocr")
STAGE1_ALL = tuple(n for n in ORDER if n.split(".")[0] in _CHARACTER_FILTERS)
STAGE1 = tuple(n for n in STAGE1_ALL if FILTERS[n].enabled)  # what runs by default
CORPUS = Path(__file__).parent.parent / "fixtures" / "corpus"


def run(name: str, text: str) -> str:
    result = FILTERS[name].apply(from_text(text))
    assert unaccounted(text, result) == []
    assert replay(text, result) == [p.text for p in result.doc.paragraphs]
    assert FILTERS[name].apply(result.doc).changes == ()
    return "\n".join(p.text for p in result.doc.paragraphs)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cafe\u0301", "Café"),
        ("\uf902馬", "車馬"),  # CJK compatibility ideograph to the unified one
        ("가\u11a8", "각"),
    ],
)
def test_nfc(text: str, expected: str) -> None:
    assert run("unicode.nfc", text) == expected


@pytest.mark.parametrize(
    "text",
    ["，：；？！（）“”《》", "ＶＩＰ２０１２", "中文\u3000标题", "①②③ ㈠ ™ ﬁ"],
)
def test_nfc_is_not_nfkc(text: str) -> None:
    assert run("unicode.nfc", text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("记者\u00a0王伟", "记者 王伟"),
        ("甲\u2002乙\u2003丙\u2009丁\u202f戊", "甲 乙 丙 丁 戊"),
    ],
)
def test_odd_spaces(text: str, expected: str) -> None:
    assert run("unicode.spaces", text) == expected


def test_ideographic_space_is_kept() -> None:
    text = "深圳地铁将设立ＶＩＰ头等车厢\u3000买双倍票可享坐票"
    assert run("unicode.spaces", text) == text


def test_fullwidth_alnum_is_an_option() -> None:
    assert not FILTERS["unicode.fullwidth-alnum"].enabled
    assert run("unicode.fullwidth-alnum", "ＶＩＰ车厢，２０１２年") == "VIP车厢，2012年"
    text = "ＶＩＰ２０１２"
    assert clean_text(text).doc.paragraphs[0].text == text  # off by default


_CJK_TEXT = st.text(
    alphabet=st.sampled_from(
        list("的的确确和纳人大病保险通讯员記者級於梨华中文一个个")
        + list(',:;?!()."<>《》“”，。：（） \u00a0\u3000\u200b')
        + list("and 0123456789APP-/+%")
        + ["\n", "\u0301", "\uf902"]
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(_CJK_TEXT)
def test_stage1_idempotent_and_lossless(text: str) -> None:
    chosen = Settings(select=STAGE1_ALL)
    first = clean_text(text, chosen)
    assert unaccounted(text, first) == []
    assert replay(text, first) == [p.text for p in first.doc.paragraphs]
    output = "\n".join(p.text for p in first.doc.paragraphs)
    second = clean_text(output, chosen)
    assert second.changes == (), [(c.code, c.before, c.after) for c in second.changes]


def _stage1_changes(path: Path) -> list[tuple[str, str, str]]:
    result = clean_text(path.read_text(encoding="utf-8"), Settings(select=STAGE1))
    return [(c.code, c.before, c.after) for c in result.changes]


def test_clean_simplified_corpus_changes_only_by_documented_rules() -> None:
    """The Sohu articles are clean: the only stage-1 changes allowed are the ones listed here."""
    changed = {}
    for path in sorted((CORPUS / "clean-sohu-2012").glob("*.txt")):
        changes = _stage1_changes(path)
        if changes:
            changed[path.name] = changes
    assert changed == {}


def test_traditional_corpus_unchanged() -> None:
    for path in sorted((CORPUS / "traditional-appledaily-2008").glob("*.txt")):
        assert _stage1_changes(path) == [], path.name


GOLD = sorted((Path(__file__).parent.parent / "fixtures" / "gold").glob("*.json"))
SEEDS = Path(__file__).parent.parent / "seeds"
# score.py's "halfwidth": a half-width mark next to a Han character.
_HALF = regex.compile(r"(?<=\p{Han})[,:;?!()]|[,:;?!()](?=\p{Han})")


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem[:3])
def test_gold_corrections_and_no_halfwidth(gold_path: Path) -> None:
    """Acceptance on the gold pages: every listed correction made, no half-width mark left."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (SEEDS / gold["source"]).read_text(encoding="utf-8")
    out = "\n".join(p.text for p in clean_text(text, Settings(select=STAGE1)).doc.paragraphs)
    for fix in gold["corrections"]:
        assert fix["to"] in out, fix
        assert fix["from"] not in out, fix
    gold_text = "\n".join(
        line for a in gold["articles"] for line in a["headline"] + a["byline"] + a["body"]
    )
    assert len(_HALF.findall(out)) <= len(_HALF.findall(gold_text))
