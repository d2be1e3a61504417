"""Whitespace and line endings: CR, BOM, zero-width and control characters, edge spaces."""

from __future__ import annotations

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
    if text.isprintable() and text[:1] != " " and text[-1:] != " ":
        return  # nothing to remove (see normalize_whitespace)
    if not (_EDGE_CHAR.match(text[:1]) or _EDGE_CHAR.match(text[-1:]) or INVISIBLE.search(text)):
        # Neither end is a space or invisible (EDGE needs one) and nothing is invisible: a line
        # that is not printable only for spaces inside it (the U+3000 of clean typesetting).
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


# One character of what EDGE removes at a line end.
_EDGE_CHAR = regex.compile(rf"(?:\s|{INVISIBLE.pattern})")


def _reason(char: str, where: str) -> str:
    if INVISIBLE.match(char):
        return INVISIBLE_NAMES.get(char, "control character")
    return f"space at {where}"
