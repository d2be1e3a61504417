"""The document model: paragraphs that remember where they came from, and the changes made to them.

A page is read into a :class:`Document` whose :class:`Paragraph` units are the non-empty lines of
the input. Every paragraph carries an :class:`Origin`, a piecewise map from offsets in its current
text to character offsets in the decoded input, so that any filter can say exactly which input
characters it removed, joined or changed. Filters never mutate: they return a new document and the
list of :class:`Change` records that explain the difference.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields, replace
from operator import itemgetter, mul, sub
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, cast

Safety = Literal["safe", "heuristic"]
Action = Literal["edit", "remove", "join", "flag"]

# Article kinds, as in the gold guidelines; "page" means the page is not segmented yet.
ARTICLE_KINDS = ("page", "article", "brief", "photo", "toc", "continuation", "sidebar")
# What a paragraph is within its article.
ROLES = ("headline", "byline", "body")


class Segment(NamedTuple):
    """Text offsets ``[tstart, tstart + tlen)`` come from input offsets ``[istart, istart + ilen)``.

    In a *linear* segment character ``k`` maps to ``istart + k``: it is that input character,
    or what an edit of exactly that one character made of it (``,`` → ``，``: a one-for-one edit
    need not cut the segment, and the edit record says what the character was). A non-linear
    segment is the result of any other replacement, and each of its characters maps to the whole
    input range. A named
    tuple, not a dataclass: every character edit builds a few of them, and a tuple is built three
    times faster (and compared and bisected in C).
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


_TSTART = itemgetter(0)  # Segment.tstart, as a bisection key
_ISTART = itemgetter(2)  # Segment.istart, as a sort key
_TLEN, _ILEN, _LINEAR = itemgetter(1), itemgetter(3), itemgetter(4)
# Segment(...) without its Python-level __new__: a splice builds a few per edit.
_new_segment = cast(
    Callable[[type[Segment], tuple[int, int, int, int, bool]], Segment], tuple.__new__
)


@dataclass(frozen=True, slots=True)
class Origin:
    """Piecewise map from offsets in a paragraph's text to offsets in the decoded input.

    The segments cover the text in order. Every lookup bisects them (``O(log n)``, no key list
    built), and :meth:`splice` is one sweep over segments and edits, so that the cost of an edit
    does not grow with the number of earlier edits of the same paragraph.
    """

    segments: tuple[Segment, ...]

    @classmethod
    def linear(cls, istart: int, length: int) -> Origin:
        return cls((Segment(0, length, istart, length),))

    @property
    def start(self) -> int:
        segs = self.segments
        if len(segs) == 1:
            return segs[0].istart
        return min(s.istart for s in segs) if segs else 0

    def _index(self, pos: int) -> int:
        """Index of the last segment that starts at or before ``pos`` (0 if there is none)."""
        segs = self.segments
        if len(segs) <= 1:
            return 0
        return max(bisect.bisect_right(segs, pos, key=_TSTART) - 1, 0)

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Input span of the text range ``[i, j)``; an empty range maps to an empty span.

        When the range runs over pieces that are not in input order (across a join), the span
        runs from the lowest to the highest input offset of those pieces: see :meth:`pieces`.

        >>> Origin.linear(10, 5).span(1, 3)
        (11, 13)
        """
        segs = self.segments
        if not segs:
            return (0, 0)
        k = self._index(i)
        if j <= i:
            seg = segs[k]
            if not seg.linear:
                return (seg.istart, seg.istart)
            end = seg.tstart + seg.tlen
            lo = seg.istart + seg.ilen if i >= end else seg.istart + (i - seg.tstart)
            return (lo, lo)
        lo, hi = self._covered(k, i, j)
        if hi < 0:
            return (segs[k].istart, segs[k].istart)
        return (lo, hi)

    def _covered(self, k: int, i: int, j: int) -> tuple[int, int]:
        """Lowest and highest input offsets of the non-empty range ``[i, j)``, looking from
        segment ``k`` on (no segment before ``k`` may overlap it); ``(-1, -1)`` if no segment
        covers any of it."""
        segs = self.segments
        lo = hi = -1
        for n in range(k, len(segs)):
            tstart, tlen, istart, ilen, linear = segs[n]
            if tstart >= j:
                break
            a = i if i > tstart else tstart
            b = j if j < tstart + tlen else tstart + tlen
            if b <= a:
                continue
            if linear:
                plo, phi = istart + a - tstart, istart + b - tstart
            else:
                plo, phi = istart, istart + ilen
            if hi < 0:
                lo, hi = plo, phi
            else:
                lo, hi = min(lo, plo), max(hi, phi)
        return lo, hi

    def pieces(self, i: int, j: int) -> list[tuple[int, int]]:
        """The input ranges the text range ``[i, j)`` comes from, in text order.

        >>> o = Origin.linear(10, 2).concat(Origin.linear(0, 2), 2)
        >>> o.pieces(1, 3)
        [(11, 12), (0, 1)]
        """
        out: list[tuple[int, int]] = []
        segs = self.segments
        for n in range(self._index(i), len(segs)):
            seg = segs[n]
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
        return self.splice_spans(edits)[0]

    def splice_spans(
        self, edits: Sequence[tuple[int, int, str]]
    ) -> tuple[Origin, list[tuple[int, int]]]:
        """:meth:`splice`, and the input span of each edit (``self.span(i, j)``) found on the way.

        >>> Origin.linear(10, 6).splice_spans([(1, 2, ""), (4, 4, "+")])[1]
        [(11, 12), (14, 14)]
        """
        segs = self.segments
        count = len(segs)
        if count == 1 and segs[0].linear and not segs[0].tstart:  # a paragraph's first edits
            done = self._splice_linear(edits)
            if done is not None:
                return done
        out: list[Segment] = []
        spans: list[tuple[int, int]] = []
        pos = k = cur = 0  # offset in the new text; next segment to place; old text placed
        for i, j, new in edits:
            pos, k = self._keep(out, pos, k, cur, i)
            # The span of [i, j): the segments before k end at or before i.
            lo, hi = self._covered(k, i, j) if j > i else (-1, -1)
            span = (lo, hi) if hi >= 0 else self.span(i, j)  # insertions and edge cases
            spans.append(span)
            if new:  # each new character maps to the whole replaced input range
                out.append(
                    _new_segment(Segment, (pos, len(new), span[0], span[1] - span[0], False))
                )
                pos += len(new)
            cur = max(cur, j)
        self._keep(out, pos, k, cur, -1)
        return Origin(tuple(out)), spans

    def _splice_linear(
        self, edits: Sequence[tuple[int, int, str]]
    ) -> tuple[Origin, list[tuple[int, int]]] | None:
        """:meth:`splice_spans` of a one-segment linear origin (a paragraph's first edits);
        None if an edit runs outside the text (the general sweep handles that)."""
        _, tlen, base, ilen, _ = self.segments[0]
        out: list[Segment] = []
        spans: list[tuple[int, int]] = []
        add, new_seg = out.append, _new_segment
        pos = cur = 0
        for i, j, new in edits:
            if not 0 <= i <= j <= tlen:
                return None
            if i > cur:
                add(new_seg(Segment, (pos, i - cur, base + cur, i - cur, True)))
                pos += i - cur
            if j > i:
                span = (base + i, base + j)
            else:  # an insertion: an empty span where it is made
                span = (base + ilen, base + ilen) if i >= tlen else (base + i, base + i)
            spans.append(span)
            if new:
                n = len(new)
                add(new_seg(Segment, (pos, n, span[0], span[1] - span[0], False)))
                pos += n
            if j > cur:
                cur = j
        if tlen > cur:
            add(new_seg(Segment, (pos, tlen - cur, base + cur, tlen - cur, True)))
        return Origin(tuple(out)), spans

    def _keep(self, out: list[Segment], pos: int, k: int, cur: int, stop: int) -> tuple[int, int]:
        """Place the old text ``[cur, stop)`` (to the end if ``stop`` < 0) at new offset ``pos``.

        Returns the new offset and the first segment that still has text after ``stop``.
        """
        segs = self.segments
        while k < len(segs):
            tstart, tlen, istart, ilen, linear = segs[k]
            end = tstart + tlen
            if 0 <= stop <= tstart:
                break
            a = cur if cur > tstart else tstart
            b = end if stop < 0 or end < stop else stop
            if b > a:
                if pos == a == tstart and b == end and (ilen == tlen or not linear):
                    # kept whole and not moved: this segment and the whole ones after it, as
                    # they are
                    n = self._whole_run(k, stop)
                    out.extend(segs[k:n])
                    pos = segs[n - 1].tstart + segs[n - 1].tlen
                    k = n
                    continue
                if linear:
                    out.append(
                        _new_segment(Segment, (pos, b - a, istart + a - tstart, b - a, True))
                    )
                else:
                    out.append(_new_segment(Segment, (pos, b - a, istart, ilen, False)))
                pos += b - a
            if end > stop >= 0:
                break
            k += 1
        return pos, k

    def _whole_run(self, k: int, stop: int) -> int:
        """End of the run of segments from ``k`` that end by ``stop`` (all if ``stop`` < 0), are
        not empty, and are linear only with ``ilen == tlen`` (segment ``k`` is such a one)."""
        segs = self.segments
        m = len(segs) if stop < 0 else bisect.bisect_left(segs, stop, k + 1, key=_TSTART)
        if m > k + 1 and 0 <= stop < segs[m - 1].tstart + segs[m - 1].tlen:
            m -= 1  # the last one runs past stop
        rest = segs[k + 1 : m]
        if not rest:
            return k + 1
        tlens = list(map(_TLEN, rest))
        odd = map(mul, map(sub, map(_ILEN, rest), tlens), map(_LINEAR, rest))
        return m if all(tlens) and not any(odd) else k + 1

    def concat(self, other: Origin, own_len: int) -> Origin:
        moved = tuple(
            Segment(tstart + own_len, tlen, istart, ilen, linear)
            for tstart, tlen, istart, ilen, linear in other.segments
        )
        return Origin(self.segments + moved)

    def ranges(self) -> list[tuple[int, int]]:
        """The input ranges this text comes from, merged and in input order."""
        out: list[tuple[int, int]] = []
        segs = self.segments
        if len(segs) > 1:
            segs = tuple(sorted(segs, key=_ISTART))  # stable, keyed in C
        for _, _, a, ilen, _ in segs:
            b = a + ilen
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
        return self.edit_spans(edits)[0]

    def edit_spans(
        self, edits: Sequence[tuple[int, int, str]]
    ) -> tuple[Paragraph, list[tuple[int, int]]]:
        """:meth:`edit`, and the input span of each edit (for its audit record)."""
        parts: list[str] = []
        last = 0
        text = self.text
        for i, j, new in edits:
            parts.append(text[last:i])
            parts.append(new)
            last = j
        parts.append(text[last:])
        origin, spans = self.origin.splice_spans(edits)
        # The constructor, not dataclasses.replace(): three times faster.
        edited = Paragraph("".join(parts), origin, self.gap, self.role, self.article, self.flags)
        return edited, spans

    def join(self, tail: Paragraph) -> Paragraph:
        """This paragraph with ``tail`` appended, nothing between them (Chinese has no spaces).

        Nothing is inserted: a separator would be output text with no input behind it.
        """
        origin = self.origin.concat(tail.origin, len(self.text))
        # The constructor, not dataclasses.replace() (as in edit_spans).
        return Paragraph(
            self.text + tail.text, origin, self.gap, self.role, self.article, self.flags
        )


NO_DATA: Mapping[str, Any] = MappingProxyType({})


class Change(NamedTuple):
    """One explained difference between input and output: the audit record of a filter's act.

    A named tuple, not a frozen dataclass: a page can make hundreds of thousands of them (one per
    character edit), and a tuple is built four times faster. Immutable all the same; ``data``
    defaults to one shared read-only empty mapping.
    """

    filter: str
    code: str
    action: Action
    span: tuple[int, int]  # character offsets in the decoded input
    before: str
    after: str
    reason: str
    safety: Safety = "safe"
    data: Mapping[str, Any] = NO_DATA


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
        if kw:
            return replace(self, paragraphs=tuple(paragraphs), **kw)
        # what replace() builds, without its look at the fields (see _DOCUMENT_FIELDS)
        paras = tuple(paragraphs)
        return Document(self.id, self.source, paras, self.line_starts, self.kinds, self.meta)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an input offset."""
        k = bisect.bisect_right(self.line_starts, offset) - 1
        return k + 1, offset - self.line_starts[max(k, 0)] + 1


@dataclass(frozen=True, slots=True)
class Result:
    doc: Document
    changes: tuple[Change, ...] = ()


_DOCUMENT_FIELDS = ["id", "source", "paragraphs", "line_starts", "kinds", "meta"]
if [f.name for f in fields(Document)] != _DOCUMENT_FIELDS:
    raise ImportError("Document's fields changed: update with_paragraphs")  # pragma: no cover


# What from_text builds for each line, without the dataclass __init__s (their argument handling
# and one object.__setattr__ per field: most of the time of reading a page): the instances made
# bare and their slots set directly, the defaults of the other fields taken from the classes.
# tests/test_pipeline_rerun.py checks it against the constructors.
_new_object = object.__new__
_SET_SEGMENTS: Callable[[Origin, tuple[Segment, ...]], None] = cast(Any, Origin).segments.__set__
_PARAGRAPH_FIELDS = {f.name: f.default for f in fields(Paragraph)}
if list(_PARAGRAPH_FIELDS) != ["text", "origin", "gap", "role", "article", "flags"]:
    raise ImportError("Paragraph's fields changed: update from_text")  # pragma: no cover
_PARAGRAPH_SETTERS = tuple(vars(Paragraph)[name].__set__ for name in _PARAGRAPH_FIELDS)
_PARAGRAPH_DEFAULTS = tuple(_PARAGRAPH_FIELDS[name] for name in ("role", "article", "flags"))
_SET_TEXT, _SET_ORIGIN, _SET_GAP, _SET_ROLE, _SET_ARTICLE, _SET_FLAGS = _PARAGRAPH_SETTERS


def _paragraph_init(
    self: Paragraph,
    text: str,
    origin: Origin,
    gap: int = 0,
    role: str = "body",
    article: int = 0,
    flags: tuple[str, ...] = (),
) -> None:
    """``Paragraph.__init__``: what the dataclass's own does (a frozen class's sets each field
    with ``object.__setattr__``, by name), in half the time: through each slot's setter. Every
    filter that changes a paragraph builds a new one, so a page builds thousands."""
    _SET_TEXT(self, text)
    _SET_ORIGIN(self, origin)
    _SET_GAP(self, gap)
    _SET_ROLE(self, role)
    _SET_ARTICLE(self, article)
    _SET_FLAGS(self, flags)


if _paragraph_init.__defaults__ != tuple(_PARAGRAPH_FIELDS.values())[2:]:
    raise ImportError("Paragraph's defaults changed: update _paragraph_init")  # pragma: no cover
Paragraph.__init__ = _paragraph_init  # type: ignore[method-assign]

_SET_DOC, _SET_CHANGES = (vars(Result)[f.name].__set__ for f in fields(Result))


def _result_init(self: Result, doc: Document, changes: tuple[Change, ...] = ()) -> None:
    """``Result.__init__`` through the slots' setters, as ``_paragraph_init`` (every filter
    returns one)."""
    _SET_DOC(self, doc)
    _SET_CHANGES(self, changes)


if [(f.name, f.default) for f in fields(Result)] != [("doc", MISSING), ("changes", ())]:
    raise ImportError("Result's fields changed: update _result_init")  # pragma: no cover
Result.__init__ = _result_init  # type: ignore[method-assign]


def from_text(text: str, *, id: str = "", source: str = "") -> Document:
    """Split decoded text into line paragraphs, keeping each line's origin and blank-line gap.

    >>> doc = from_text("甲\\n\\n乙")
    >>> [(p.text, p.gap, p.start) for p in doc.paragraphs]
    [('甲', 0, 0), ('乙', 1, 3)]
    """
    paragraphs: list[Paragraph] = []
    new, new_seg, set_segments = _new_object, _new_segment, _SET_SEGMENTS
    set_text, set_origin, set_gap, set_role, set_article, set_flags = _PARAGRAPH_SETTERS
    role, article, flags = _PARAGRAPH_DEFAULTS
    lines = text.split("\n")
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    gap = 0
    for line, pos in zip(lines, starts, strict=False):
        if line and not line.isspace():  # what line.strip() tells, without the copy
            n = len(line)
            origin = new(Origin)
            set_segments(origin, (new_seg(Segment, (0, n, pos, n, True)),))
            para = new(Paragraph)
            set_text(para, line)
            set_origin(para, origin)
            set_gap(para, gap)
            set_role(para, role)
            set_article(para, article)
            set_flags(para, flags)
            paragraphs.append(para)  # Paragraph(line, Origin((Segment(0, n, pos, n),)), gap)
            gap = 0
        elif paragraphs:
            gap += 1
    return Document(id=id, source=source, paragraphs=tuple(paragraphs), line_starts=tuple(starts))
