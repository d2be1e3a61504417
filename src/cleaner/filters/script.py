"""Script: stray traditional characters in simplified text (級 → 级), conservatively.

Only *traditional-only* characters change: a character OpenCC's table maps to something else, that
is not itself a simplified character (a key of OpenCC's simplified-to-traditional table) and that
the table does not list as its own candidate (於 → 于 於, 乾 → 干 乾: valid in simplified text as a
surname or in 乾坤). On top of that, a documented list of characters that are correct simplified
text in names or senses (:data:`KEEP`) never changes. Where a traditional-only character is found,
the paragraph goes through OpenCC's phrase-aware t2s, and only the positions of traditional-only
characters take the converted character: everything else stays as it was.

A document that is genuinely traditional (traditional-only characters are at least
``traditional_share`` of its Han characters) is left alone unless ``mode = "simplified"``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..model import Document, Paragraph, Result
from .base import Edit, edit_each, register
from .charscan import joined, remember, scan_edits

# Characters valid in simplified text that OpenCC's t2s table would still convert (surnames and
# names, senses kept by the 通用规范汉字表 annex 1, and characters OpenCC's own tracker reports
# as over-converted: 甦 in 杨甦棣, 汎 in 王汎森, 旂 in 薛应旂, 坏 -> 坯, 麽).
KEEP = frozenset("剋吒昇椏氾甦甯祕絜脩蒐袷逕釐陞颺汎旂坏麽著兒乾夥藉瞭麼餘摺徵鯰瀋鹼於沈")

Mode = Literal["auto", "simplified", "keep"]


@dataclass(frozen=True)
class ScriptOptions:
    mode: Mode = "auto"  # auto: only in simplified documents; simplified: always; keep: never
    traditional_share: float = 0.2  # Apple Daily 2008: 0.26-0.36; OCR strays: ~0.0001
    min_traditional: int = 3  # a document needs this many traditional-only characters too


@functools.cache
def _tables() -> tuple[frozenset[str], re.Pattern[str], Callable[[str], str]]:
    """The traditional-only set, a trigger for it, and OpenCC's t2s (loaded once, lazily).

    The trigger is a stdlib ``re`` class of the BMP members plus the whole astral range (a class
    of BMP characters compiles to a bitmap: a 20 MB page is scanned in 0.1 s, where a class with
    astral members or the ``regex`` module takes seconds); matches are checked against the set.
    """
    import opencc

    convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
    folder = Path(opencc.__file__).parent / "dictionary"
    table: dict[str, list[str]] = {}
    for line in (folder / "TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        key, _, cands = line.partition("\t")
        if len(key) == 1:
            table[key] = cands.split()
    simplified = {
        line.partition("\t")[0]
        for line in (folder / "STCharacters.txt").read_text(encoding="utf-8").splitlines()
    }
    only = frozenset(
        c for c, cands in table.items() if c not in cands and c not in simplified and c not in KEEP
    )
    bmp = "".join(sorted(c for c in only if ord(c) < 0x10000))
    trigger = re.compile("[" + re.escape(bmp) + "\U00010000-\U0010ffff]")
    return only, trigger, convert


@functools.lru_cache(maxsize=1)
def _bmp_trigger() -> re.Pattern[str]:
    """The trigger without its astral range, for a text that has no astral character: ``re``
    tests a class of single characters with a bitmap, but walks a range per character (a third
    of the scan)."""
    return re.compile(_tables()[1].pattern.replace("\U00010000-\U0010ffff", ""))


def _page_trigger(text: str) -> re.Pattern[str]:
    """The trigger to scan ``text`` with: without the astral range when ``text`` has none (its
    UTF-16 form is then two bytes a character; encoding is a copy, ten times cheaper than the
    range)."""
    bmp = len(text.encode("utf-16-le")) == 2 * len(text)
    return _bmp_trigger() if bmp else _tables()[1]


def traditional_only() -> frozenset[str]:
    return _tables()[0]


_NOT_HAN = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def traditional_count(texts: list[str]) -> tuple[int, int]:
    """Traditional-only characters and Han characters in ``texts``.

    >>> traditional_count(["這是幾個繁體字"]), traditional_count(["这是简体字"])
    ((4, 7), (0, 0))
    """
    only, trigger, _ = _tables()
    joined = "\n".join(texts)
    found = sum(1 for c in trigger.findall(joined) if c in only)
    if not found:
        return 0, 0  # the Han count is only needed when something was found
    return found, len(_NOT_HAN.sub("", joined))


def _looks_traditional(texts: list[str], options: ScriptOptions) -> bool:
    """Whether ``found >= traditional_share * han`` (and ``min_traditional``), as
    :func:`traditional_count` would tell, with the Han characters counted only as far as needed:
    a few traditional characters in a long page are outnumbered within its first chunks."""
    only, trigger, _ = _tables()
    text = texts[0] if len(texts) == 1 else "\n".join(texts)
    return _traditional_share(text, sum(1 for c in trigger.findall(text) if c in only), options)


def _traditional_share(text: str, found: int, options: ScriptOptions) -> bool:
    """:func:`_looks_traditional` of a text with ``found`` traditional-only characters."""
    if found < options.min_traditional:
        return False
    if not found:
        return True  # no Han count needed: traditional_count tells (0, 0)
    share, han = options.traditional_share, 0
    for start in range(0, len(text), _CHUNK):
        chunk = text[start : start + _CHUNK]
        han += len(chunk) - sum(map(len, _NOT_HAN.findall(chunk)))
        if found < share * han:
            return False  # han only grows: the answer is already known
    return found >= share * han


_CHUNK = 16_384  # characters of a page counted at a time by _looks_traditional


@register(
    "script.simplify",
    "T01",
    "Stray traditional-only characters in simplified text to simplified (級 → 级).",
    options=ScriptOptions,
)
def simplify(doc: Document, options: ScriptOptions) -> Result:
    """Genuinely traditional documents keep their script unless ``mode = "simplified"``."""
    if options.mode == "keep":
        return Result(doc)
    only, trigger, convert = _tables()
    page, starts = joined(doc)
    # One scan finds the candidates of a page with a few traditional characters (the common
    # case); a page with many is counted by _looks_traditional (findall: fast on many matches).
    found: list[int] = []
    for m in _page_trigger(page).finditer(page):
        found.append(m.start())
        if len(found) > _FEW:
            break
    if not found:
        return Result(doc)
    if options.mode == "auto" and (
        _looks_traditional([page], options)
        if len(found) > _FEW
        else _traditional_share(page, sum(page[i] in only for i in found), options)
    ):
        return Result(doc)  # a genuinely traditional document
    reason = "traditional character in simplified text"
    if options.mode == "simplified":
        reason = "traditional character (script: simplified)"

    def find(para: Paragraph) -> Iterator[Edit]:
        text = para.text
        if options.mode == "auto" and _looks_traditional([text], options):
            return  # a traditional passage (a quotation, a reprint) inside a simplified page
        converted = convert(text)
        for m in trigger.finditer(text):
            i = m.start()
            if text[i] not in only:
                continue
            new = converted[i] if len(converted) == len(text) else convert(text[i])
            if new != text[i]:
                yield i, i + 1, new, reason, {}

    if len(found) > _FEW:
        return scan_edits(simplify, doc, trigger, find)
    hits = {bisect.bisect_right(starts, i) - 1 for i in found}
    return remember(doc, edit_each(simplify, doc, find, only=hits), hits)


_FEW = 1000  # trigger matches on a page that simplify collects one by one
