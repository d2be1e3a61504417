"""The audit promise, as a property: every filter and the pipeline are idempotent and lose nothing.

Pages are built at random from real Chinese paragraphs (the clean corpus and the seed pages),
exact repeats and fragments of them, and the noise OCR leaves (CRLF, BOM, zero-width and control
characters, stray spaces, half-width punctuation, " and ", traditional characters, blank lines).
For every filter in :data:`cleaner.filters.ORDER` alone, for the default pipeline and for the
pipeline with every filter selected:

- nothing is lost: :func:`cleaner.audit.unaccounted` is empty;
- the audit explains the output: :func:`cleaner.audit.replay` rebuilds every output paragraph;
- cleaning the text output again records no change (``flag`` records are notes, not changes).

Filters added to ``ORDER`` later are covered without touching this file. The examples are
derandomized so that the suite gives the same verdict on every run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import render
from cleaner.audit import replay, unaccounted
from cleaner.config import Settings
from cleaner.filters import FILTERS, ORDER
from cleaner.model import Result
from cleaner.runner import clean_text

ROOT = Path(__file__).resolve().parents[1]


def _pool() -> list[str]:
    paras: list[str] = []
    for folder in ("fixtures/corpus/clean-sohu-2012", "seeds"):
        for path in sorted((ROOT / folder).glob("*.txt"))[:8]:
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if line:
                    paras.append(line[:160])
    return paras


POOL = _pool()
NOISE = [" ", "  ", "\t", "\r", "\u200b", "\ufeff", "\u3000", "\x07", ",", ":", "(", ")", "?"]
NOISE += [" and ", "級", "們", "的的", "。", "“", "”", "\u00a0", "A", "3.5"]
SHORT = ["本报记者 张三", "阅读提示", "（上接第1版）", "图为工人在车间。", "新华社北京6月2日电"]


@st.composite
def noisy(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few noise strings put in at random places."""
    chars = list(text)
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(chars)))
        chars.insert(at, draw(st.sampled_from(NOISE)))
    return "".join(chars)


@st.composite
def pages(draw: st.DrawFn) -> str:
    """A page: paragraphs, repeats and fragments of earlier ones, short lines and noise."""
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(["para", "para", "para", "repeat", "fragment", "short"]))
        if kind in ("repeat", "fragment") and lines:
            earlier = draw(st.sampled_from(lines))
            if kind == "fragment" and len(earlier) > 4:
                a = draw(st.integers(0, len(earlier) - 2))
                b = draw(st.integers(a + 1, len(earlier)))
                earlier = earlier[a:b]
            lines.append(earlier)
        elif kind == "short":
            lines.append(draw(st.sampled_from(SHORT)))
        else:
            para = draw(st.sampled_from(POOL))
            if draw(st.booleans()):  # a paragraph cut in two, as at a column break
                cut = draw(st.integers(1, max(1, len(para) - 1)))
                lines.extend([para[:cut], para[cut:]])
            else:
                lines.append(para)
    out = []
    for line in lines:
        out.append(draw(noisy(line)) if draw(st.booleans()) else line)
        out.append(draw(st.sampled_from(["\n", "\n", "\r\n", "\n\n", "\n \n"])))
    return "".join(out)


def _check(text: str, chosen: Settings, label: str, *, idempotent: bool = True) -> None:
    result = clean_text(text, chosen, source="page.txt")
    _lossless(text, result, label)
    output = render.to_text(result.doc)
    again = clean_text(output, chosen, source="page.txt")
    _lossless(output, again, label + " (second run)")
    if not idempotent:
        return
    changes = [c for c in again.changes if c.action != "flag"]
    assert changes == [], f"{label}: not idempotent: {changes[:3]}"
    assert render.to_text(again.doc) == output, f"{label}: the output changed on a second run"


def _lossless(text: str, result: Result, label: str) -> None:
    lost = unaccounted(text, result)
    assert lost == [], f"{label}: lost {[text[i] for i in lost[:10]]} at {lost[:10]}"
    assert replay(text, result) == [p.text for p in result.doc.paragraphs], (
        f"{label}: the audit does not explain the output"
    )


PROPERTY = settings(
    max_examples=20,  # per filter: the suite stays fast as filters are added
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# Filters known not to be idempotent when run alone, and why: their idempotence test is an
# expected failure (not strict: it passes again once fixed); their no-loss test is not affected.
KNOWN_NOT_IDEMPOTENT: dict[str, str] = {}


def _known(name: str) -> pytest.MarkDecorator | tuple[()]:
    reason = KNOWN_NOT_IDEMPOTENT.get(name)
    return pytest.mark.xfail(reason=reason, strict=False) if reason else ()


@pytest.mark.parametrize("name", ORDER)
@PROPERTY
@given(text=pages())
def test_each_filter_lossless(name: str, text: str) -> None:
    _check(text, Settings(select=(name,)), f"{FILTERS[name].code} {name}", idempotent=False)


@pytest.mark.parametrize("name", [pytest.param(n, marks=_known(n)) for n in ORDER])
@PROPERTY
@given(text=pages())
def test_each_filter_idempotent(name: str, text: str) -> None:
    _check(text, Settings(select=(name,)), f"{FILTERS[name].code} {name}")


@settings(PROPERTY, max_examples=50)
@given(text=pages())
def test_pipeline_idempotent_and_lossless(text: str) -> None:
    _check(text, Settings(), "default pipeline")
    _check(text, Settings(select=tuple(ORDER)), "every filter")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "\ufeff",
        " \u200b \r\n",
        "甲",
        "工会组织职工开展技能竞赛，助其提升收入。\n" * 5,
        "\ufeff工会组织职工开展技能竞赛，助其提升收入。  \r\n\r\n"
        "工会组织职工开展技能竞赛，助其提升收入。\u200b\r\n",
    ],
)
def test_edge_pages(text: str) -> None:
    _check(text, Settings(select=tuple(ORDER)), "every filter")


def test_loss_is_detected() -> None:
    """The checks themselves work: a paragraph dropped without a record is caught."""
    text = "第一段文字。\n第二段文字。\n"
    result = clean_text(text, Settings(select=("W01",)))
    dropped = Result(result.doc.with_paragraphs(result.doc.paragraphs[:1]), result.changes)
    assert unaccounted(text, dropped) == list(range(7, 13))
    assert replay(text, result) == ["第一段文字。", "第二段文字。"]


def test_one_for_one_edits_keep_the_origin_linear_and_replay() -> None:
    """A character edited one for one, then edited again by a later filter, keeps a linear
    origin; replay makes the edits over the input in the order they were recorded."""
    from cleaner.filters import base
    from cleaner.model import NO_DATA, from_text

    first, second = FILTERS["punct.halfwidth"], FILTERS["punct.period"]
    text = "甲,乙:丙"
    doc = from_text(text)
    one = base.apply_edits(
        first, doc, [(0, [(1, 2, "，", "a", NO_DATA), (3, 4, "：", "b", NO_DATA)])]
    )
    two = base.apply_edits(
        second, one.doc, [(0, [(1, 2, "、", "c", NO_DATA), (4, 5, "丁", "d", NO_DATA)])]
    )
    (para,) = two.doc.paragraphs
    assert para.text == "甲、乙：丁" and para.origin is doc.paragraphs[0].origin
    assert [c.span for c in two.changes] == [(1, 2), (4, 5)]
    assert replay(text, Result(two.doc, one.changes + two.changes)) == ["甲、乙：丁"]
    grown = base.apply_edits(second, one.doc, [(0, [(1, 2, "——", "e", NO_DATA)])])
    assert grown.doc.paragraphs[0].text == "甲——乙：丙"
    assert replay(text, Result(grown.doc, one.changes + grown.changes)) == ["甲——乙：丙"]
