"""The document model: paragraphs that remember where they came from, and the changes made to them.

A page is read into a :class:`Document` whose :class:`Paragraph` units are the non-empty lines of
the input. Every paragraph carries an :class:`Origin`, a piecewise map from offsets in its current
text to character offsets in the decoded input, so that any filter can say exactly which input
characters it removed, joined or changed. Filters never mutate: they return a new document and the
list of :class:`Change` records that explain the difference.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

Safety = Literal["safe", "heuristic"]
Action = Literal["edit", "remove", "join", "flag"]

# Article kinds, as in the gold guidelines; "page" means the page is not segmented yet.
ARTICLE_KINDS = ("page", "article", "brief", "photo", "toc", "continuation", "sidebar")
# What a paragraph is within its article.
ROLES = ("headline", "byline", "body")


@dataclass(frozen=True, slots=True)
class Segment:
    """Text offsets ``[tstart, tstart + tlen)`` come from input offsets ``[istart, istart + ilen)``.

    In a *linear* segment character ``k`` maps to ``istart + k``; a non-linear segment is the
    result of a replacement, and each of its characters maps to the whole input range.
    """

    tstart: int
    tlen: int
    istart: int
    ilen: int
    linear: bool = True

    def piece(self, a: int, b: int) -> Segment:
        """The part of this segment over text offsets ``[a, b)``."""
        if self.linear:
            return Segment(a, b - a, self.istart + a - self.tstart, b - a)
        return Segment(a, b - a, self.istart, self.ilen, False)


def _kept(seg: Segment, a: int, b: int) -> tuple[int, int, int, int, int, bool]:
    """``seg.piece(a, b)`` as a tuple for :meth:`Origin.splice`."""
    if seg.linear:
        return (a, 1, b - a, seg.istart + a - seg.tstart, b - a, True)
    return (a, 1, b - a, seg.istart, seg.ilen, False)


@dataclass(frozen=True, slots=True)
class Origin:
    """Piecewise map from offsets in a paragraph's text to offsets in the decoded input."""

    segments: tuple[Segment, ...]

    @classmethod
    def linear(cls, istart: int, length: int) -> Origin:
        return cls((Segment(0, length, istart, length),))

    @property
    def start(self) -> int:
        return min(s.istart for s in self.segments) if self.segments else 0

    def _find(self, pos: int) -> Segment:
        if len(self.segments) == 1:
            return self.segments[0]
        k = bisect.bisect_right([s.tstart for s in self.segments], pos) - 1
        return self.segments[max(k, 0)]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Input span of the text range ``[i, j)``; an empty range maps to an empty span.

        When the range runs over pieces that are not in input order (across a join), the span
        runs from the lowest to the highest input offset of those pieces: see :meth:`pieces`.

        >>> Origin.linear(10, 5).span(1, 3)
        (11, 13)
        """
        return self._span(i, j, None)

    def _span(self, i: int, j: int, starts: list[int] | None) -> tuple[int, int]:
        if not self.segments:
            return (0, 0)
        if j <= i:
            a = self._find(i)
            lo = a.istart + (i - a.tstart) if a.linear else a.istart
            if a.linear and i >= a.tstart + a.tlen:
                lo = a.istart + a.ilen
            return (lo, lo)
        parts = self._pieces(i, j, starts)
        if not parts:
            a = self._find(i)
            return (a.istart, a.istart)
        return (min(a for a, _ in parts), max(b for _, b in parts))

    def pieces(self, i: int, j: int) -> list[tuple[int, int]]:
        """The input ranges the text range ``[i, j)`` comes from, in text order.

        >>> o = Origin.linear(10, 2).concat(Origin.linear(0, 2), 2)
        >>> o.pieces(1, 3)
        [(11, 12), (0, 1)]
        """
        return self._pieces(i, j, None)

    def _pieces(self, i: int, j: int, starts: list[int] | None) -> list[tuple[int, int]]:
        """:meth:`pieces`, given the segments' text offsets when the caller has them."""
        out: list[tuple[int, int]] = []
        if len(self.segments) == 1:
            k = 0
        else:
            if starts is None:
                starts = [s.tstart for s in self.segments]
            k = max(bisect.bisect_right(starts, i) - 1, 0)
        for seg in self.segments[k:]:
            if seg.tstart >= j:
                break
            a, b = max(i, seg.tstart), min(j, seg.tstart + seg.tlen)
            if b <= a:
                continue
            if seg.linear:  # the input range of seg.piece(a, b), without building the Segment
                lo, hi = seg.istart + a - seg.tstart, seg.istart + b - seg.tstart
            else:
                lo, hi = seg.istart, seg.istart + seg.ilen
            if out and out[-1][1] == lo and seg.linear:
                out[-1] = (out[-1][0], hi)
            elif not out or out[-1] != (lo, hi):
                out.append((lo, hi))
        return out

    def splice(self, edits: Sequence[tuple[int, int, str]]) -> Origin:
        """The map after replacing each text range ``[i, j)`` by a string (edits sorted, disjoint).

        >>> o = Origin.linear(0, 6).splice([(2, 4, "x")])
        >>> o.span(0, 2), o.span(2, 3), o.span(3, 5)
        ((0, 2), (2, 4), (4, 6))
        """
        # (text offset, 0 new / 1 kept, tlen, istart, ilen, linear): the Segments are built once,
        # at their final offsets (this runs for every edited paragraph of every filter).
        out: list[tuple[int, int, int, int, int, bool]] = []
        for seg in self.segments:
            cur, end = seg.tstart, seg.tstart + seg.tlen
            for i, j, _ in edits:
                if j <= cur or i >= end:
                    continue
                if i > cur:
                    out.append(_kept(seg, cur, i))
                cur = max(cur, j)
            if cur < end:
                out.append(_kept(seg, cur, end))
        starts = [s.tstart for s in self.segments]
        for i, j, new in edits:
            lo, hi = self._span(i, j, starts)
            out.append((i, 0, len(new), lo, hi - lo, False))
        out.sort(key=lambda t: (t[0], t[1]))
        segments: list[Segment] = []
        pos = 0
        for _, _, tlen, istart, ilen, linear in out:
            if tlen:
                segments.append(Segment(pos, tlen, istart, ilen, linear))
                pos += tlen
        return Origin(tuple(segments))

    def concat(self, other: Origin, own_len: int) -> Origin:
        moved = tuple(
            Segment(s.tstart + own_len, s.tlen, s.istart, s.ilen, s.linear) for s in other.segments
        )
        return Origin(self.segments + moved)

    def ranges(self) -> list[tuple[int, int]]:
        """The input ranges this text comes from, merged and in input order."""
        out: list[tuple[int, int]] = []
        for s in sorted(self.segments, key=lambda s: s.istart):
            a, b = s.istart, s.istart + s.ilen
            if out and a <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], b))
            elif b > a:
                out.append((a, b))
        return out

    def input_offsets(self) -> Iterable[int]:
        """Every input offset this text accounts for."""
        for s in self.segments:
            yield from range(s.istart, s.istart + s.ilen)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One unit of text: a line of the input, or several pieces joined into one paragraph."""

    text: str
    origin: Origin
    gap: int = 0  # blank lines before this paragraph in the input (a layout cue)
    role: str = "body"
    article: int = 0
    flags: tuple[str, ...] = ()

    @property
    def start(self) -> int:
        return self.origin.start

    def edit(self, edits: Sequence[tuple[int, int, str]]) -> Paragraph:
        """Replace each range ``[i, j)`` of the text; ranges must be sorted and disjoint."""
        if not edits:
            return self
        parts: list[str] = []
        last = 0
        for i, j, new in edits:
            parts.append(self.text[last:i])
            parts.append(new)
            last = j
        parts.append(self.text[last:])
        return replace(self, text="".join(parts), origin=self.origin.splice(edits))

    def join(self, tail: Paragraph, sep: str = "") -> Paragraph:
        """This paragraph with ``tail`` appended (``sep`` has no input origin)."""
        origin = self.origin
        text = self.text
        if sep:
            lo = self.origin.span(len(text), len(text))[0] if text else self.start
            origin = origin.concat(Origin((Segment(0, len(sep), lo, 0, False),)), len(text))
            text += sep
        return replace(self, text=text + tail.text, origin=origin.concat(tail.origin, len(text)))


@dataclass(frozen=True, slots=True)
class Change:
    """One explained difference between input and output: the audit record of a filter's act."""

    filter: str
    code: str
    action: Action
    span: tuple[int, int]  # character offsets in the decoded input
    before: str
    after: str
    reason: str
    safety: Safety = "safe"
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Document:
    """A page: its paragraphs in page order, its articles' kinds, and where its lines start."""

    id: str
    source: str
    paragraphs: tuple[Paragraph, ...]
    line_starts: tuple[int, ...] = (0,)
    kinds: Mapping[int, str] = field(default_factory=lambda: {0: "page"})
    meta: Mapping[str, Any] = field(default_factory=dict)

    def with_paragraphs(self, paragraphs: Iterable[Paragraph], **kw: Any) -> Document:
        return replace(self, paragraphs=tuple(paragraphs), **kw)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an input offset."""
        k = bisect.bisect_right(self.line_starts, offset) - 1
        return k + 1, offset - self.line_starts[max(k, 0)] + 1


@dataclass(frozen=True, slots=True)
class Result:
    doc: Document
    changes: tuple[Change, ...] = ()


def from_text(text: str, *, id: str = "", source: str = "") -> Document:
    """Split decoded text into line paragraphs, keeping each line's origin and blank-line gap.

    >>> doc = from_text("甲\\n\\n乙")
    >>> [(p.text, p.gap, p.start) for p in doc.paragraphs]
    [('甲', 0, 0), ('乙', 1, 3)]
    """
    paragraphs: list[Paragraph] = []
    starts = [0]
    gap = 0
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append(Paragraph(line, Origin.linear(pos, len(line)), gap=gap))
            gap = 0
        elif paragraphs:
            gap += 1
        pos += len(line) + 1
        starts.append(pos)
    return Document(id=id, source=source, paragraphs=tuple(paragraphs), line_starts=tuple(starts))
