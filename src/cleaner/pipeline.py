"""Chaining filters: each sees the document the previous one produced."""

from __future__ import annotations

import functools
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .config import Settings
from .filters import Filter
from .model import Change, Document, Result

Step = tuple[Filter[Any], Any]  # a filter and its options


@dataclass(frozen=True)
class Pipeline:
    steps: tuple[tuple[Filter[Any], Any], ...]

    @classmethod
    def from_settings(cls, settings: Settings) -> Pipeline:
        return cls(tuple(settings.pipeline_filters()))

    def run(self, doc: Document) -> Result:
        """Run every step once; rerun the repeat-and-join steps while late removals expose more.

        Removing a near copy or a fragment (D02, D03) can bring together what the earlier steps
        look for: two copies of a run of lines (D01), a head and its tail (J01). Without another
        pass, cleaning the output again would still change it. The stage is rerun, at most
        ``MAX_PASSES`` times in all, while a pass makes such a removal; notes (``flag``) that
        a rerun repeats are recorded once.
        """
        changes: list[Change] = []
        with paused_gc():
            for step, block in self._plan:
                if step is not None:
                    doc = self._step(step, doc, changes)
                    continue
                last: dict[int, tuple[Document, Result]] = {}  # step -> its latest input, result
                for _ in range(MAX_PASSES):
                    before = len(changes)
                    for again in block:
                        doc = self._step_again(again, doc, changes, last)
                    if not any(
                        c.action != "flag" and c.filter in EXPOSING for c in changes[before:]
                    ):
                        break
        return Result(doc, tuple(_unique_flags(changes)))

    @functools.cached_property
    def _plan(self) -> tuple[tuple[Step | None, tuple[Step, ...]], ...]:
        """What :meth:`run` runs, in order: ``(step, ())`` for a step run once, ``(None, block)``
        for a repeatable block (worked out once per pipeline, not once per page)."""
        steps = list(self.steps)
        plan: list[tuple[Step | None, tuple[Step, ...]]] = []
        k = 0
        while k < len(steps):
            block = _repeatable_block(steps, k)
            if block:
                plan.append((None, tuple(block)))
                k += _block_length(block)
            else:
                plan.append((steps[k], ()))
                k += 1
        return tuple(plan)

    @staticmethod
    def _step(step: tuple[Filter[Any], Any], doc: Document, changes: list[Change]) -> Document:
        flt, options = step
        result = flt.apply(doc, options)
        changes.extend(result.changes)
        return result.doc

    @staticmethod
    def _step_again(
        step: tuple[Filter[Any], Any],
        doc: Document,
        changes: list[Change],
        last: dict[int, tuple[Document, Result]],
    ) -> Document:
        """:meth:`_step` for a step of the repeated block: when ``doc`` equals the input the step
        had the last time it ran (the same document, or one equal to it: nothing between changed
        it), its result then is its result now (filters are pure), and the step is not run again
        (a rerun of the stage where D02, run right before the joins, met a page the joins left
        as it was, as it does after them)."""
        seen = last.get(id(step))
        if seen is not None and (seen[0] is doc or seen[0] == doc):
            result = seen[1]
        else:
            flt, options = step
            result = flt.apply(doc, options)
            last[id(step)] = (doc, result)
        changes.extend(result.changes)
        return result.doc


# The repeat and join steps, rerun together while a removal by one of EXPOSING makes new evidence.
REPEATABLE = frozenset(
    {"dedup.exact", "join.split", "join.headline", "dedup.near", "dedup.fragment"}
)
EXPOSING = frozenset({"dedup.near", "dedup.fragment"})
MAX_PASSES = 3
JOIN = "join.split"
# Repeat steps that also run before the joins (when both are selected), not only after them.
# A near copy of a whole paragraph, like an exact one (dedup.exact runs first), is visible
# before the joins: once join.split has glued it to an unfinished paragraph it can only be taken
# for a longer paragraph that contains an earlier one, and is kept (boundaries-research §3.0).
PRE_JOIN = frozenset({"dedup.near"})


def _repeatable_block(
    steps: list[tuple[Filter[Any], Any]], k: int
) -> list[tuple[Filter[Any], Any]]:
    """The run of consecutive repeatable steps starting at ``k`` (empty if ``steps[k]`` is not one),
    or nothing when none of them can expose new evidence (a rerun would change nothing).

    The steps of ``PRE_JOIN`` in the run also run once more right before ``join.split`` (see
    ``PRE_JOIN``); the caller advances by :func:`_block_length`.
    """
    block: list[tuple[Filter[Any], Any]] = []
    for step in steps[k:]:
        if step[0].name not in REPEATABLE:
            break
        block.append(step)
    if not any(flt.name in EXPOSING for flt, _ in block):
        return []
    names = [flt.name for flt, _ in block]
    if JOIN in names:
        at = names.index(JOIN)
        early = [step for step in block[at + 1 :] if step[0].name in PRE_JOIN]
        block[at:at] = early
    return block


def _block_length(block: list[tuple[Filter[Any], Any]]) -> int:
    """How many steps of the pipeline ``block`` stands for (its ``PRE_JOIN`` repeats left out)."""
    return len({id(step) for step in block})


def _unique_flags(changes: list[Change]) -> list[Change]:
    seen: set[tuple[str, tuple[int, int], str]] = set()
    out = []
    for c in changes:
        if c.action == "flag":
            key = (c.code, c.span, c.reason)
            if key in seen:
                continue
            seen.add(key)
        out.append(c)
    return out


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off while a page is cleaned, back on (if it was) after.

    A page makes hundreds of thousands of small objects (paragraphs, origins, segments, change
    records) that all stay alive until the page is done, and that hold no reference cycles: the
    collector would scan them over and over and free nothing (a third of the time of the
    character filters on a 20 MB page). Memory is still freed by reference counting; the few
    cycles made meanwhile are collected once the collector is back on.
    """
    if not gc.isenabled():  # nested, or turned off by the caller: leave it as it is
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
