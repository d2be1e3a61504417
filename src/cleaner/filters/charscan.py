"""Fast paths shared by the character filters (unicode, punct, script, ocr).

Most paragraphs of a page need no character edit. Instead of running each rule's Python code
paragraph by paragraph, :func:`scan_edits` runs the rule's *candidate* pattern once over the whole
page (C speed) and hands only the paragraphs with a candidate to the rule's ``find`` function.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable
from typing import Any

import regex

from ..model import Document, Paragraph, Result
from .base import Edit, Filter, edit_each

# Han characters and the full-width punctuation of Chinese prose: the "Chinese context" of a mark.
HAN = r"\p{Han}"
FW_PUNCT = "，。、；：？！（）“”‘’《》〈〉「」『』【】…—"
CJK = rf"[{HAN}{FW_PUNCT}]"

# Spans that keep their ASCII untouched: URLs, e-mail addresses, domain names. Trailing ASCII
# punctuation is not part of a URL ("见www.a.cn," keeps the comma for the punctuation rules).
PROTECTED = regex.compile(
    r"(?:(?:https?|ftp)://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
)
_TRAILING = ".,;:!?'"


# The page text of the last document scanned: consecutive filters that change nothing pass the
# same paragraphs on, and the joined text is built once for all of them.
_LAST: list[tuple[tuple[Paragraph, ...], str, list[int]]] = []


def joined(doc: Document) -> tuple[str, list[int]]:
    """The page's paragraphs joined by newlines, and where each paragraph starts."""
    last = _LAST[0] if _LAST else None  # one read: safe if threads share the module
    if last is not None and last[0] is doc.paragraphs:
        return last[1], last[2]
    texts = [p.text for p in doc.paragraphs]
    text = "\n".join(texts)
    starts = list(itertools.accumulate((len(t) + 1 for t in texts), initial=0))
    _LAST[:] = [(doc.paragraphs, text, starts)]
    return text, starts


def candidates(doc: Document, trigger: re.Pattern[str]) -> set[int]:
    """Indexes of paragraphs in which ``trigger`` matches (one scan over the joined page).

    A trigger is a cheap stdlib ``re`` pattern (literals, small character classes): it only
    finds the paragraphs worth a closer look by the rule's exact pattern.
    """
    text, starts = joined(doc)
    m = trigger.search(text)
    hits: set[int] = set()
    while m is not None:
        k = bisect.bisect_right(starts, m.start()) - 1
        hits.add(k)
        if k + 1 >= len(doc.paragraphs):
            break
        m = trigger.search(text, starts[k + 1])
    return hits


def scan_edits(
    flt: Filter[Any],
    doc: Document,
    trigger: re.Pattern[str],
    find: Callable[[Paragraph], Iterable[Edit]],
) -> Result:
    """:func:`edit_each`, calling ``find`` only on paragraphs where ``trigger`` matches."""
    hits = candidates(doc, trigger)
    if not hits:
        return Result(doc)
    return edit_each(flt, doc, find, only=hits)


def protected_spans(text: str) -> list[tuple[int, int]]:
    """The URL and e-mail spans of a paragraph (empty for almost every paragraph)."""
    if "@" not in text and "//" not in text and "www." not in text:
        return []
    spans = []
    for m in PROTECTED.finditer(text):
        a, b = m.span()
        while b > a and (
            text[b - 1] in _TRAILING
            or (text[b - 1] == ")" and text.count("(", a, b) < text.count(")", a, b))
        ):
            b -= 1
        spans.append((a, b))
    return spans


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)
