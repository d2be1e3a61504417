"""Whitespace and line endings: CR, BOM, zero-width and control characters, edge spaces."""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from ..model import Document, Paragraph, Result
from ..resources import EDGE, INVISIBLE, INVISIBLE_NAMES
from .base import Edit, edit_each, register


@register(
    "whitespace.normalize",
    "W01",
    "Remove CR line endings, BOM, zero-width and control characters, and spaces at line ends.",
)
def normalize_whitespace(doc: Document, options: object) -> Result:
    """Line-ending and invisible-character debris that OCR and file conversions leave behind.

    Spaces inside a line are left alone: in bylines and headlines they separate names and
    phrases (the punctuation filters remove the ones that touch full-width marks).
    """
    # Fast path for most lines: every invisible character and every space but " " is
    # non-printable, so a printable line with no " " at either end has nothing to remove. The
    # test runs in one comprehension, and _edits only on the lines it lets through.
    hits = [
        k
        for k, para in enumerate(doc.paragraphs)
        if not (text := para.text).isprintable() or text[:1] == " " or text[-1:] == " "
    ]
    if not hits:
        return Result(doc)
    return edit_each(normalize_whitespace, doc, _edits, only=hits)


def _edits(para: Paragraph) -> Iterator[Edit]:
    text = para.text
    if not _may_edit(text):
        return
    edges = [m.span() for m in EDGE.finditer(text)]
    for m in INVISIBLE.finditer(text):
        if not any(a <= m.start() < b for a, b in edges):
            yield m.start(), m.end(), "", _reason(m.group(), ""), {}
    for a, b in edges:
        where = "line start" if a == 0 else "line end"
        run = a
        for k in range(a + 1, b + 1):
            if k == b or _reason(text[k], where) != _reason(text[run], where):
                yield run, k, "", _reason(text[run], where), {}
                run = k


def _may_edit(text: str) -> bool:
    """Whether :func:`_edits` can find anything in ``text``: not if it is printable with no " "
    at either end (see normalize_whitespace), nor if neither end is a space or invisible (EDGE
    needs one) and nothing is invisible: a line that is not printable only for spaces inside it
    (the U+3000 of clean typesetting)."""
    if text.isprintable() and text[:1] != " " and text[-1:] != " ":
        return False
    edge = _EDGE_CHARS
    return text[:1] in edge or text[-1:] in edge or _INVISIBLE.search(text) is not None


# One character of what EDGE removes at a line end.
_EDGE_CHAR = regex.compile(rf"(?:\s|{INVISIBLE.pattern})")
# The characters _EDGE_CHAR matches (regex's \s: White_Space; tests/test_core_speed.py checks
# the set over all of Unicode), and INVISIBLE for the stdlib's ``re`` (a class of literal
# characters: the same for both engines, and a third of the cost of a call).
_EDGE_CHARS = frozenset(
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff\u200b\u200c\u200d\u2060"
    + "".join(map(chr, [*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)]))
    + "".join(map(chr, range(0x2000, 0x200B)))
)
_INVISIBLE = re.compile(INVISIBLE.pattern)


def _reason(char: str, where: str) -> str:
    if INVISIBLE.match(char):
        return INVISIBLE_NAMES.get(char, "control character")
    return f"space at {where}"
