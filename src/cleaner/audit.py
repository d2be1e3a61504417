"""Checking the no-loss promise: every input character is in the output or in the audit.

What counts is *content*: every character that is not whitespace. Line breaks, blank lines,
whitespace-only lines and the spaces between paragraphs are layout: the output rebuilds its own
layout (one line per paragraph, a blank line between articles), so the input's layout characters
are neither kept nor audited one by one. A space inside a line that a filter removes is still an
edit with its span, but the verifier does not insist on it.

A character is accounted for when an output paragraph's :class:`~cleaner.model.Origin` maps some of
its text to that character, or when an ``edit`` or ``remove`` change covers it (a removed paragraph
that was joined from several pieces lists them in ``data["pieces"]``).

:func:`replay` checks the other direction: that the origins tell the truth, by rebuilding every
output paragraph from the input and the edit records alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Change, Result, Segment


def unaccounted(text: str, result: Result) -> list[int]:
    """Input offsets of non-whitespace characters that are neither in the output nor audited.

    An empty list means nothing was lost.

    >>> from cleaner.model import from_text
    >>> doc = from_text("甲乙\\n丙")
    >>> unaccounted("甲乙\\n丙", Result(doc.with_paragraphs(doc.paragraphs[:1])))
    [3]
    """
    covered = bytearray(len(text) + 1)
    for para in result.doc.paragraphs:
        for seg in para.origin.segments:
            _mark(covered, seg.istart, seg.istart + seg.ilen)
    for change in result.changes:
        if change.action in ("edit", "remove"):
            for a, b in _pieces(change):
                _mark(covered, a, b)
    return [i for i, ch in enumerate(text) if not covered[i] and not ch.isspace()]


def replay(text: str, result: Result) -> list[str]:
    """The output paragraphs rebuilt from the input text and the audit alone.

    A linear part of a paragraph's origin is copied from the input, with the one-for-one edits
    inside it (one character for one, see :class:`~cleaner.model.Segment`) made over it in the
    order they were recorded; a replaced part is taken from the ``after`` of the last edit whose
    input span is exactly that part's input range. When the
    result equals ``[p.text for p in result.doc.paragraphs]``, every origin is truthful, and the
    audit explains the output. A replaced part that no edit explains comes back as U+FFFD.

    >>> from cleaner.runner import clean_text
    >>> page = "甲\\u200b乙\\r\\n丙"
    >>> replay(page, clean_text(page))
    ['甲乙', '丙']
    """
    afters: dict[tuple[int, int], str] = {}
    swapped = list(text)  # the input with every one-for-one edit made, the last one winning
    for change in result.changes:
        if change.action == "edit":
            afters[change.span] = change.after
            a, b = change.span
            if b - a == 1 and len(change.after) == 1:
                swapped[a] = change.after
    edited = "".join(swapped)
    out = []
    for para in result.doc.paragraphs:
        parts = [_rebuild(edited, seg, afters, para.text) for seg in para.origin.segments]
        out.append("".join(parts))
    return out


def _rebuild(edited: str, seg: Segment, afters: dict[tuple[int, int], str], current: str) -> str:
    if seg.linear:
        return edited[seg.istart : seg.istart + seg.ilen]
    after = afters.get((seg.istart, seg.istart + seg.ilen))
    if after is None:
        return "\ufffd" * seg.tlen
    if len(after) == seg.tlen:
        return after
    # A later edit kept only part of this replacement: the part must be a piece of it.
    piece = current[seg.tstart : seg.tstart + seg.tlen]
    return piece if piece in after else "\ufffd" * seg.tlen


def _pieces(change: Change) -> Iterable[tuple[int, int]]:
    pieces = change.data.get("pieces")
    if pieces:
        return [(int(a), int(b)) for a, b in pieces]
    return [change.span]


def _mark(covered: bytearray, a: int, b: int) -> None:
    a, b = max(a, 0), min(b, len(covered) - 1)
    if b > a:
        covered[a:b] = b"\x01" * (b - a)
