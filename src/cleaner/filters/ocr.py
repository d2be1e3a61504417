"""OCR noise: an English " and " for 和, a doubled 的, and a short list of known confusions.

Only what is certain changes (``../shared/gold/GUIDELINES.md`` §5–6). Other doubled characters are
mostly legitimate reduplication (一个个, 实实在在, 村村, 天天): O04 only flags them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import regex

from ..model import Document, Paragraph, Result
from .base import Edit, register
from .charscan import candidates, scan_edits
from .ocr_confusions import CONFUSIONS

_T_AND = re.compile(" and ")
_AND = regex.compile(r"(?<=\p{Han}) +and +(?=\p{Han})")


@register("ocr.and", "O01", 'An English " and " between Chinese words to 和.')
def and_to_he(doc: Document, options: object) -> Result:
    """The spaces around "and" go with it: 技能培训 and 转岗培训 → 技能培训和转岗培训."""

    def find(para: Paragraph) -> Iterator[Edit]:
        for m in _AND.finditer(para.text):
            yield m.start(), m.end(), "和", 'English " and " between Chinese words', {}

    return scan_edits(and_to_he, doc, _T_AND, find)


# 的的 is doubled, except in 的的确确, before 的确 (说的的确是), and after 目/标/端 (目的的手段).
_T_DE = re.compile("的的")
_DE = regex.compile(r"(?<![目标端])的的+(?!确)")


@register("ocr.doubled-de", "O02", "A doubled 的的 to 的 (not in 的的确确, 说的的确, 目的的).")
def doubled_de(doc: Document, options: object) -> Result:
    """The first characters of the run go; the last 的 stays."""

    def find(para: Paragraph) -> Iterator[Edit]:
        for m in _DE.finditer(para.text):
            yield m.start(), m.end() - 1, "", "doubled 的", {}

    return scan_edits(doubled_de, doc, _T_DE, find)


_CONFUSIONS = tuple((regex.compile(c.pattern), c) for c in CONFUSIONS)
_ANY_CONFUSION = re.compile("|".join(re.escape(c.trigger) for c in CONFUSIONS))


@register(
    "ocr.confusions",
    "O03",
    "Known OCR confusions from a short context-bound list (纳人大病保险 → 纳入大病保险).",
    safety="heuristic",
)
def confusions(doc: Document, options: object) -> Result:
    """The list, with the page each entry was seen on, is in ``ocr_confusions.py``."""

    def find(para: Paragraph) -> Iterator[Edit]:
        taken: list[tuple[int, int]] = []
        for pattern, entry in _CONFUSIONS:
            for m in pattern.finditer(para.text):
                a, b = m.span()
                if any(a < y and x < b for x, y in taken):
                    continue
                taken.append((a, b))
                yield a, b, entry.new, f"OCR confusion: {entry.why}", {"example": entry.example}

    return scan_edits(confusions, doc, _ANY_CONFUSION, find)


# A Han character printed twice, where the pair is not one of the common reduplications.
_T_DOUBLED = re.compile(r"([\u3400-\u9fff])\1")
_DOUBLED = regex.compile(r"(\p{Han})\1")
# Characters that reduplicate in correct text: measure words and nouns (个个 天天 村村 人人),
# adjectives and verbs (实实在在 看看 慢慢), kinship terms (妈妈), numerals and onomatopoeia.
_REDUPLICATES = frozenset(
    "个天人家村户年月日时事处样条件次层步声回遍趟代辈心口面片句字点滴"
    "实在明白清楚干净高兴快慢轻重早晚多少大小长短深浅好坏远近红绿仔细平安"
    "看想听说走试谈聊问等跑跳笑哭查找写读学练议商量研究讨论"
    "妈爸哥姐弟妹爷奶叔婶姑舅姥宝星"
    "一二三四五六七八九十百千万两几常偏刚渐稍往默纷统频连各区乡镇"
    "哈呵嘻嘿啦呜哗轰隆咚叮当"
)


@register(
    "ocr.doubled",
    "O04",
    "Flag (never change) a doubled character that is not a common reduplication; off by default.",
    safety="heuristic",
    enabled=False,
)
def doubled(doc: Document, options: object) -> Result:
    """Adds ``O04 doubled X`` to the paragraph's flags; the text and the audit stay unchanged,
    so that a clean page still has nothing to change under ``--check``. Off unless selected:
    on the clean corpus most doubled characters are two words meeting (老街站站到, 统计计算)."""
    hits = candidates(doc, _T_DOUBLED)
    if not hits:
        return Result(doc)
    out = list(doc.paragraphs)
    touched = False
    for k in sorted(hits):
        para = out[k]
        found = [
            m.group(1)
            for m in _DOUBLED.finditer(para.text)
            if m.group(1) not in _REDUPLICATES and m.group(1) != "的"
        ]
        new = [f"O04 doubled {c}{c}" for c in dict.fromkeys(found)]
        new = [f for f in new if f not in para.flags]
        if new:
            out[k] = replace(para, flags=(*para.flags, *new))
            touched = True
    return Result(doc.with_paragraphs(out)) if touched else Result(doc)
