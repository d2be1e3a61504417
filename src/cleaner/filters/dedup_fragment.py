"""Fragment repeats: a paragraph that repeats part of an earlier one, or completes it.

A piece of a paragraph is often printed again after the paragraph itself, typically the tail of a
split paragraph (000: ``员”,通过轮流讲解…`` after the joined ``…以车间(作业组)为单位…``). Such a
piece goes. The reverse also happens: the first copy is cut short and a later copy is whole; then
the whole text takes the place of the first copy (GUIDELINES: "keep the complete text at the first
position"), recorded as an edit of the first copy plus the removal of the later one.

Runs on joined paragraphs: before joining, a split paragraph's pieces are fragments of nothing.
Candidates come from a :class:`~cleaner.filters.shingles.ShingleIndex`; ``rapidfuzz``'s
``partial_ratio`` (the best alignment of the shorter text inside the longer) confirms them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from itertools import filterfalse
from operator import attrgetter
from typing import TYPE_CHECKING

import regex

from ..model import Change, Document, Paragraph, Result
from ..resources import visible
from .base import register, removal
from .dedup_exact import (
    CONTEXT_CHARS,
    KEPT_FLAGS,
    cut_piece,
    heading_like,
    related_box,
    unfinished_ends,
)
from .shingles import ShingleIndex, live_keys, page_keys, remembered

if TYPE_CHECKING:
    from rapidfuzz.distance import ScoreAlignment


@dataclass(frozen=True)
class FragmentOptions:
    min_chars: int = 15
    """Shorter paragraphs are never compared (a short phrase recurs legitimately)."""
    threshold: float = 97.0
    """``rapidfuzz.fuzz.partial_ratio`` (0-100) from which the shorter text is in the longer."""
    complete: bool = True
    """When a later copy contains an earlier, shorter one, keep its text at the first position."""
    min_gain: int = 5
    """A later copy is "more complete" only with at least this many more characters."""
    min_share: float = 0.4
    """...and only if the first copy is at least this share of it (else: flagged)."""
    candidates: int = 8
    """How many earlier paragraphs (the best by shared shingles) are compared with each one."""


# A paragraph that ends like a finished sentence.
FINISHED = regex.compile(r"[。！？!?…；;][”’」』）)]*$")
COMMA = regex.compile(r"[，,、]")
_TEXT = attrgetter("text")


@register(
    "dedup.fragment",
    "D03",
    "Remove a paragraph that repeats part of an earlier one; a fuller copy replaces the first.",
    safety="heuristic",
    options=FragmentOptions,
)
def remove_fragment_repeats(doc: Document, options: FragmentOptions) -> Result:
    """Keep the text once, at its first position, in its most complete form.

    A heading-like line found inside an earlier paragraph is only flagged (subheads quote the
    text), and so is a later copy that contains a much shorter first copy that looks finished.
    """

    flt = remove_fragment_repeats
    index = ShingleIndex()
    texts: list[str] = []  # visible text of each indexed paragraph, by id
    slot_of: list[int] = []  # its position in ``slots``
    slots: list[Paragraph | None] = list(doc.paragraphs)  # the output; None: removed
    changes: list[Change] = []

    def flag(para: Paragraph, reason: str, **data: object) -> Paragraph:
        span = para.origin.span(0, len(para.text))
        changes.append(flt.change("flag", span, para.text, para.text, reason, **data))
        if "fragment-repeat?" in para.flags:  # flagged by an earlier pass of the stage
            return para
        return replace(para, flags=(*para.flags, "fragment-repeat?"))

    keys = page_keys(tuple(map(_TEXT, doc.paragraphs)))  # mostly cached by dedup.near
    boxed = related_box(keys)
    ends: set[str] | None = None  # unfinished_ends(keys), once needed
    # Only a paragraph with a shingle that another paragraph has can be or hold a fragment: the
    # others are left out of the index (it finds nothing through them) and kept.
    grams_of, live = live_keys(keys, options.min_chars, index.n)
    for i in live:
        para, key = doc.paragraphs[i], keys[i]
        if KEPT_FLAGS.intersection(para.flags):
            continue
        inside: tuple[float, int] | None = None  # (score, id): this paragraph is part of id
        contains: tuple[float, int, bool] | None = None  # (score, id): id is part of this paragraph
        grams = grams_of[key]
        ids, shared = index.probe(grams, options.candidates)
        for k in ids:
            if slots[slot_of[k]] is None:
                continue  # removed as a part of a paragraph that grew
            other = texts[k]
            if len(key) < len(other):
                score = remembered(_partial_ratio, key, other, options.threshold)
                if score and (inside is None or score > inside[0]):
                    inside = (score, k)
            elif options.complete and len(key) >= len(other) + options.min_gain:
                found = remembered(_partial_alignment, other, key, options.threshold)
                if found is not None and (contains is None or found.score > contains[0]):
                    # A cut-short first copy is the start of the whole text and ends unfinished.
                    cut = found.dest_start <= 1 and not FINISHED.search(other)
                    contains = (found.score, k, cut)
        if inside is not None:
            score, k = round(inside[0], 1), inside[1]
            kept = slots[slot_of[k]]
            assert kept is not None
            data = {"kind": "fragment", "kept": kept.start, "similarity": score}
            if ends is None:
                ends = unfinished_ends(keys)
            if _continues(key, texts[k], ends):
                why = "repeats part of an earlier paragraph, but may be the rest of a cut one; kept"
                slots[i] = flag(para, why, **data)
            elif (heading_like(key) and not _cut_out(key, texts[k])) or i in boxed:
                slots[i] = flag(para, "repeats part of an earlier paragraph; kept", **data)
            else:
                reason = f"repeats part of an earlier paragraph (similarity {score:g})"
                changes.append(removal(flt, para, reason, **data))
                slots[i] = None
            continue
        if contains is not None:
            score, k = round(contains[0], 1), contains[1]
            first = slots[slot_of[k]]
            assert first is not None
            data = {"kind": "fragment", "kept": first.start, "similarity": score}
            short = texts[k]
            cut = contains[2] and len(short) >= options.min_share * len(key)
            # A cut-short copy has clause punctuation; a headline usually has none.
            if not cut or (heading_like(short) and not COMMA.search(short)) or i in boxed:
                slots[i] = flag(para, "contains an earlier, shorter paragraph", **data)
                index.add(len(texts), key, grams, shared)
                slot_of.append(i)
                texts.append(key)
                continue
            completed = _complete(first, para, changes, score)
            slots[i] = None  # moved to the first copy's place
            slots[slot_of[k]] = completed
            texts[k] = visible(completed.text)
            _drop_parts(k, index, texts, slots, slot_of, changes, options)
            index.add(k, texts[k])  # after: the index still points to the parts it finds
            continue
        index.add(len(texts), key, grams, shared)
        slot_of.append(i)
        texts.append(key)
    if not changes:
        return Result(doc)
    return Result(doc.with_paragraphs(p for p in slots if p is not None), tuple(changes))


def _surely_below(short: str, long: str, cutoff: float) -> bool:
    """Whether ``partial_ratio(short, long)`` is surely below ``cutoff``, from the characters of
    ``short`` that ``long`` has nowhere (a cheap bound: most candidates share a clause or two and
    little else).

    ``partial_ratio`` is the best ``ratio`` of ``short`` (the shorter text) with a piece ``w`` of
    ``long`` at most as long: ``100 * (1 - indel / (len(short) + len(w)))``. Each character of
    ``short`` missing from ``long`` is missing from ``w``: one deletion at least. So ``m`` missing
    (distinct) characters give ``indel >= m`` and a score at most ``100 * (1 - m / (2 *
    len(short)))``; one character of margin keeps float rounding out of it.

    >>> _surely_below("甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉戌亥", 97.0)
    True
    >>> _surely_below("甲乙丙丁戊", "子甲乙丙丁戊丑", 97.0)
    False
    """
    bound = (1 - cutoff / 100) * 2 * len(short) + 1
    missing: set[str] = set()
    # The characters of ``short`` that ``long`` lacks, found by C searches (no set of either
    # text), counted until there are enough: most candidates lack many within a few characters.
    for char in filterfalse(long.__contains__, short):
        missing.add(char)
        if len(missing) > bound:
            return True
    return False


def _partial_ratio(a: str, b: str, score_cutoff: float) -> float:
    """``fuzz.partial_ratio(a, b, score_cutoff=...)``, skipped (0) when :func:`_surely_below`."""
    from rapidfuzz import fuzz

    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if _surely_below(short, long, score_cutoff):
        return 0.0
    return fuzz.partial_ratio(a, b, score_cutoff=score_cutoff)


def _partial_alignment(a: str, b: str, score_cutoff: float) -> ScoreAlignment | None:
    """``fuzz.partial_ratio_alignment(a, b, score_cutoff=...)``, None when :func:`_surely_below`."""
    from rapidfuzz import fuzz

    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if _surely_below(short, long, score_cutoff):
        return None
    return fuzz.partial_ratio_alignment(a, b, score_cutoff=score_cutoff)


def _continues(key: str, other: str, ends: Collection[str]) -> bool:
    """Whether ``key`` (inside ``other``) may be the rest of a paragraph of the page cut inside a
    word: one ends (``ends``: :func:`~cleaner.filters.dedup_exact.unfinished_ends`) as ``other``
    reads right before ``key`` (its head, left unjoined).

    >>> whole = "捐赠了３３８０元，可帮助到１００名孩子。"
    >>> _continues("元，可帮助到１００名孩子。", whole, unfinished_ends(["他说，共捐款３３８０"]))
    True
    """
    pos = other.find(key)
    if pos < CONTEXT_CHARS or not key[:1].isalnum():
        return False
    context = other[pos - CONTEXT_CHARS : pos]
    return context in ends and not key.endswith(context)  # not its own end


def _cut_out(key: str, other: str) -> bool:
    """Whether ``key``, inside ``other`` exactly, is a piece cut out of its running text
    (:func:`~cleaner.filters.dedup_exact.cut_piece`), not a phrase a subhead quotes.

    >>> whole = "有效合理的使用基金，并定期通过媒体向捐赠者报告基金使用情况。"
    >>> _cut_out("基金，并定期通过媒体向捐赠者报", whole)
    True
    >>> _cut_out("定期通过媒体向捐赠者报告", whole)
    False
    """
    pos = other.find(key)
    return pos >= 0 and cut_piece(key, other, pos)


def _complete(first: Paragraph, later: Paragraph, changes: list[Change], score: float) -> Paragraph:
    """``first`` with the text of ``later``: an edit of the part between their common ends."""
    a, b = first.text, later.text
    pre = 0
    while pre < min(len(a), len(b)) and a[pre] == b[pre]:
        pre += 1
    suf = 0
    while suf < min(len(a), len(b)) - pre and a[-1 - suf] == b[-1 - suf]:
        suf += 1
    i, j, new = pre, len(a) - suf, b[pre : len(b) - suf]
    changes.append(
        remove_fragment_repeats.change(
            "edit",
            first.origin.span(i, j),
            a[i:j],
            new,
            "completed from a later, more complete copy",
            kind="fragment",
            source=later.start,
        )
    )
    reason = f"more complete copy of an earlier paragraph (similarity {score:g}), moved there"
    changes.append(
        removal(
            remove_fragment_repeats,
            later,
            reason,
            kind="fragment",
            kept=first.start,
            similarity=score,
            completes=True,
        )
    )
    return first.edit([(i, j, new)])


def _drop_parts(
    k: int,
    index: ShingleIndex,
    texts: list[str],
    slots: list[Paragraph | None],
    slot_of: list[int],
    changes: list[Change],
    options: FragmentOptions,
) -> None:
    """After paragraph ``k`` grew, remove later kept paragraphs that are now parts of it."""

    grown = slots[slot_of[k]]
    assert grown is not None
    for m in index.candidates(texts[k], options.candidates * 2):
        para = slots[slot_of[m]]
        if para is None or slot_of[m] <= slot_of[k] or heading_like(texts[m]):
            continue
        if len(texts[m]) >= len(texts[k]):
            continue
        score = remembered(_partial_ratio, texts[m], texts[k], options.threshold)
        if not score:
            continue
        score = round(score, 1)
        reason = f"repeats part of an earlier paragraph (similarity {score:g})"
        changes.append(
            removal(
                remove_fragment_repeats,
                para,
                reason,
                kind="fragment",
                kept=grown.start,
                similarity=score,
            )
        )
        slots[slot_of[m]] = None
