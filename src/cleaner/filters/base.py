"""What a filter is, and the registry that names them.

A filter is a pure function ``apply(doc, options) -> Result`` plus data that describes it: a stable
``name`` (``"dedup.exact"``) and ``code`` (``"D01"``), a one-line summary, a safety label and a
frozen dataclass of typed options. Filters are registered with :func:`register` and run in the
order of :data:`cleaner.filters.ORDER`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Generic, TypeVar, cast

from ..model import (
    NO_DATA,
    Action,
    Change,
    Document,
    Origin,
    Paragraph,
    Result,
    Safety,
    Segment,
    _new_segment,  # Segment(...) without its Python-level __new__: the splice's own shortcut
)

Opts = TypeVar("Opts")


@dataclass(frozen=True)
class NoOptions:
    """A filter without options."""


@dataclass(frozen=True)
class Filter(Generic[Opts]):
    name: str
    code: str
    summary: str
    safety: Safety
    options: type[Opts]
    run: Callable[[Document, Opts], Result]
    doc: str = ""
    enabled: bool = True  # in the pipeline unless deselected; False: only when selected

    def apply(self, doc: Document, options: Opts | None = None) -> Result:
        return self.run(doc, options if options is not None else self.options())

    def option_fields(self) -> dict[str, dataclasses.Field[Any]]:
        return {f.name: f for f in dataclasses.fields(self.options)}  # type: ignore[arg-type]

    def change(
        self,
        action: Action,
        span: tuple[int, int],
        before: str,
        after: str,
        reason: str,
        **data: Any,
    ) -> Change:
        return Change(self.name, self.code, action, span, before, after, reason, self.safety, data)


FILTERS: dict[str, Filter[Any]] = {}


def register(
    name: str,
    code: str,
    summary: str,
    *,
    safety: Safety = "safe",
    options: type[Any] = NoOptions,
    enabled: bool = True,
) -> Callable[[Callable[[Document, Any], Result]], Filter[Any]]:
    """Decorator that turns ``run(doc, options) -> Result`` into a registered :class:`Filter`."""

    def wrap(run: Callable[[Document, Any], Result]) -> Filter[Any]:
        # The same function imported a second time (pytest's doctest collection of one module
        # imports it under another name) replaces its first registration; anything else clashing
        # is a programming error.
        same = FILTERS.get(name)
        if same is not None and same.run.__qualname__ == run.__qualname__ and same.code == code:
            del FILTERS[name]
        if name in FILTERS or any(f.code == code for f in FILTERS.values()):
            raise ValueError(f"filter {name} ({code}) registered twice")
        doc = run.__doc__ or ""
        flt: Filter[Any] = Filter(name, code, summary, safety, options, run, doc, enabled)
        FILTERS[name] = flt
        return flt

    return wrap


# An edit found in a paragraph: text range, replacement, reason, extra audit data.
Edit = tuple[int, int, str, str, Mapping[str, Any]]


def edit_each(
    flt: Filter[Any],
    doc: Document,
    find: Callable[[Paragraph], Iterable[Edit]],
    only: Iterable[int] | None = None,
) -> Result:
    """Apply the character edits ``find`` proposes to every paragraph, recording each one.

    ``only``: the indexes of the paragraphs to look at (the others have no edit for sure).
    All edits of one paragraph are applied in one splice of its origin. Paragraphs left empty by
    the edits are dropped (their characters are in the edit records).
    """
    paragraphs = doc.paragraphs
    found = (
        (k, sorted(find(paragraphs[k]), key=_FIRST))
        for k in (range(len(paragraphs)) if only is None else sorted(only))
    )
    return apply_edits(flt, doc, found)


def apply_edits(
    flt: Filter[Any], doc: Document, found: Iterable[tuple[int, Sequence[Edit]]]
) -> Result:
    """Apply edits already found: ``(paragraph index, its edits sorted and disjoint)``, indexes
    in increasing order (what :func:`edit_each` does once ``find`` has run)."""
    paragraphs = doc.paragraphs
    changes: list[Change] = []
    out: list[Paragraph | None] | None = None
    emptied = False  # whether a paragraph was left empty (and is dropped)
    name, code, safety = flt.name, flt.code, flt.safety
    for k, edits in found:
        if not edits:
            continue
        if out is None:
            out = list(paragraphs)
        para = paragraphs[k]
        # most paragraphs: their first edits, in one loop; the others: the general splice
        edited = _edit_linear(para, edits, changes, name, code, safety) or _edit_any(
            para, edits, changes, name, code, safety
        )
        if edited.text.strip():
            out[k] = edited
        else:
            out[k], emptied = None, True
    if out is None:
        return Result(doc)
    left = [p for p in out if p is not None] if emptied else cast(list[Paragraph], out)
    return Result(doc.with_paragraphs(left), tuple(changes))


def _edit_any(
    para: Paragraph,
    edits: Sequence[Edit],
    changes: list[Change],
    name: str,
    code: str,
    safety: Safety,
) -> Paragraph:
    """The edits applied to any paragraph (:meth:`Paragraph.edit_spans`), records appended."""
    add = changes.append
    edited, spans = para.edit_spans([(i, j, new) for i, j, new, _, _ in edits])
    text = para.text
    for (i, j, new, reason, data), span in zip(edits, spans, strict=True):
        # what flt.change builds, without the call and its keyword arguments
        kept: Mapping[str, Any] = {**data} if data else NO_DATA
        add(_new_change(Change, (name, code, "edit", span, text[i:j], new, reason, safety, kept)))
    return edited


def _edit_linear(
    para: Paragraph,
    edits: Sequence[Edit],
    changes: list[Change],
    name: str,
    code: str,
    safety: Safety,
) -> Paragraph | None:
    """:func:`_edit_any` in one loop, for a paragraph whose origin is one linear segment over
    its whole text (a paragraph's first edits: most edits of a page). The text, the origin and
    the records are made edit by edit, without the lists of edits and spans in between. The
    origin maps every text range to the input as :meth:`Origin.splice`'s does, but a one-for-one
    edit (one character for one) does not cut its linear segment (see ``Segment``): a paragraph
    with only such edits keeps its origin. None, with nothing recorded, for any other paragraph
    or for edits that are not sorted and disjoint within the text."""
    segs = para.origin.segments
    text = para.text
    if len(segs) != 1:
        return None
    tstart, tlen, base, ilen, linear = segs[0]
    if not linear or tstart or tlen != ilen or tlen != len(text):
        return None
    done = len(changes)
    add = changes.append
    pieces: list[Segment] = []
    piece = pieces.append
    parts: list[str] = []
    part = parts.append
    new_seg, new_change = _new_segment, _new_change
    cur = 0  # old text placed
    run, at = 0, 0  # where the linear segment being built starts, in the old and the new text
    for i, j, new, reason, data in edits:
        if i < cur or j < i or j > tlen:
            del changes[done:]
            return None
        if i > cur:
            part(text[cur:i])
        if new:
            part(new)
        n = len(new)
        if n != 1 or j - i != 1:  # a one-for-one edit keeps the segment linear (see Segment)
            if i > run:
                piece(new_seg(Segment, (at, i - run, base + run, i - run, True)))
                at += i - run
            if n:
                piece(new_seg(Segment, (at, n, base + i, j - i, False)))
                at += n
            run = j
        kept = {**data} if data else NO_DATA
        add(
            new_change(
                Change,
                (name, code, "edit", (base + i, base + j), text[i:j], new, reason, safety, kept),
            )
        )
        cur = j
    if tlen > cur:
        part(text[cur:])
    if not run and not pieces:
        origin = para.origin  # every edit one character for one
    else:
        if tlen > run:
            piece(new_seg(Segment, (at, tlen - run, base + run, tlen - run, True)))
        origin = Origin(tuple(pieces))
    return Paragraph("".join(parts), origin, para.gap, para.role, para.article, para.flags)


_FIRST = itemgetter(0)  # an edit's start, as a sort key (stable: equal starts keep their order)
# Change(...) without its Python-level __new__ and keyword handling: hot in apply_edits.
_new_change = cast(Callable[[type[Change], tuple[Any, ...]], Change], tuple.__new__)


def removal(flt: Filter[Any], para: Paragraph, reason: str, **data: Any) -> Change:
    """The record of a paragraph removed (``pieces`` lists its input ranges if it was joined)."""
    ranges = para.origin.ranges()
    if len(ranges) > 1:
        data["pieces"] = ranges
    span = (ranges[0][0], ranges[-1][1]) if ranges else (para.start, para.start)
    # what flt.change builds (``data`` is this call's own dict), without its keyword arguments
    record = (flt.name, flt.code, "remove", span, para.text, "", reason, flt.safety, data)
    return _new_change(Change, record)


def iter_filters(order: Iterable[str]) -> Iterator[Filter[Any]]:
    for name in order:
        yield FILTERS[name]
