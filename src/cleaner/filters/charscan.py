"""Fast paths shared by the character filters (unicode, punct, script, ocr).

Most paragraphs of a page need no character edit. Instead of running each rule's Python code
paragraph by paragraph, :func:`scan_edits` runs the rule's *candidate* pattern once over the whole
page (C speed) and hands only the paragraphs with a candidate to the rule's ``find`` function.
"""

from __future__ import annotations

import bisect
import itertools
import operator
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
_TEXT = operator.attrgetter("text")
_PLUS_ONE = (1).__add__


def joined(doc: Document) -> tuple[str, list[int]]:
    """The page's paragraphs joined by newlines, and where each paragraph starts."""
    last = _LAST[0] if _LAST else None  # one read: safe if threads share the module
    if last is not None and last[0] is doc.paragraphs:
        return last[1], last[2]
    texts = list(map(_TEXT, doc.paragraphs))
    text = "\n".join(texts)
    # len(t) + 1 for each text, summed up, in C (no generator frame per paragraph)
    starts = list(itertools.accumulate(map(_PLUS_ONE, map(len, texts)), initial=0))
    _LAST[:] = [(doc.paragraphs, text, starts)]
    return text, starts


def candidates(doc: Document, trigger: re.Pattern[str] | str) -> set[int]:
    """Indexes of paragraphs in which ``trigger`` matches (one scan over the joined page).

    A trigger is a cheap stdlib ``re`` pattern (literals, small character classes): it only
    finds the paragraphs worth a closer look by the rule's exact pattern. A string stands for
    the class of its characters, found with ``str.find`` (which skips ahead in C where ``re``
    tests a class at every character: several times faster on a page of Chinese text).

    >>> from cleaner.model import from_text
    >>> doc = from_text("甲(乙\\n丙\\n丁)(戊)")
    >>> candidates(doc, "()"), candidates(doc, re.compile("[()]"))
    ({0, 2}, {0, 2})
    """
    text, starts = joined(doc)
    if isinstance(trigger, str):
        return _char_candidates(text, starts, trigger)
    m = trigger.search(text)
    hits: set[int] = set()
    while m is not None:
        k = bisect.bisect_right(starts, m.start()) - 1
        hits.add(k)
        if k + 1 >= len(doc.paragraphs):
            break
        m = trigger.search(text, starts[k + 1])
    return hits


def _char_candidates(text: str, starts: list[int], chars: str) -> set[int]:
    """:func:`candidates` of the class of ``chars``: each character looked for in turn."""
    hits: set[int] = set()
    last = len(starts) - 2  # the last paragraph's index
    find = text.find
    for char in chars:
        at = find(char)
        while at >= 0:
            k = bisect.bisect_right(starts, at) - 1
            hits.add(k)
            at = find(char, starts[k + 1]) if k < last else -1
    return hits


def scan_edits(
    flt: Filter[Any],
    doc: Document,
    trigger: re.Pattern[str] | str,
    find: Callable[[Paragraph], Iterable[Edit]],
) -> Result:
    """:func:`edit_each`, calling ``find`` only on paragraphs where ``trigger`` matches."""
    hits = candidates(doc, trigger)
    if not hits:
        return Result(doc)
    return remember(doc, edit_each(flt, doc, find, only=hits), hits)


def remember(doc: Document, result: Result, touched: Iterable[int]) -> Result:
    """Pass ``result`` on, with the page text of its document put where :func:`joined` finds
    it: built from ``doc``'s page text and the paragraphs in ``touched`` (the only ones that
    may have changed), so that the next filter does not join the whole page again.

    Nothing is remembered when a paragraph was dropped or ``doc``'s text is not at hand, nor
    when many paragraphs changed their length (joined() is as fast then).
    """
    last = _LAST[0] if _LAST else None
    before, after = doc.paragraphs, result.doc.paragraphs
    if after is before or last is None or last[0] is not before or len(after) != len(before):
        return result
    _, text, starts = last
    touched = sorted(touched)
    if len(touched) > max(len(after) // 8, 64):
        # Many changed: the page joined again (in C), with the same offsets if no length changed.
        if any(len(after[k].text) != len(before[k].text) for k in touched):
            return result
        _LAST[:] = [(after, "\n".join(map(_TEXT, after)), starts)]
        return result
    parts: list[str] = []
    moved: list[tuple[int, int]] = []  # (paragraph, change of its length) where it changed
    end = 0
    for k in touched:
        new = after[k].text
        if new is before[k].text:
            continue
        parts.append(text[end : starts[k]])
        parts.append(new)
        end = starts[k + 1] - 1
        if len(new) != end - starts[k]:
            moved.append((k, len(new) - (end - starts[k])))
    parts.append(text[end:])
    if moved:  # the offsets after a paragraph that changed length move by the change so far
        fixed = starts[: moved[0][0] + 1]
        shift = 0
        for n, (k, delta) in enumerate(moved):
            shift += delta
            stop = moved[n + 1][0] + 1 if n + 1 < len(moved) else len(starts)
            fixed.extend(map(shift.__add__, starts[k + 1 : stop]))
        starts = fixed
    _LAST[:] = [(after, "".join(parts), starts)]
    return result


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
