"""Near repeats: a paragraph that repeats an earlier one with a few characters changed.

OCR prints the same paragraph twice with different confusions (001: “这是海南省为推进…” and
“我们是为推进…”), or drops a pair of quotes in the reprint (002). Runs on joined paragraphs, so that
the pieces of a split paragraph are compared as one. Candidates come from a
:class:`~cleaner.filters.shingles.ShingleIndex` over the paragraphs kept so far and are confirmed
with ``rapidfuzz``'s normalized similarity, so the work per page stays subquadratic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import compress, count
from operator import attrgetter
from typing import Any

from ..layout import NUMBERED
from ..model import Change, Document, Paragraph, Result
from .base import register, removal
from .dedup_exact import FIELD, KEPT_FLAGS, heading_like, related_box
from .shingles import ShingleIndex, live_keys, page_keys, remembered


@dataclass(frozen=True)
class NearOptions:
    min_chars: int = 15
    """Shorter paragraphs (bylines, labels, formulaic lines) are never compared."""
    threshold: float = 90.0
    """``rapidfuzz.fuzz.ratio`` (0-100) from which a paragraph is a copy of an earlier one."""
    flag_threshold: float = 85.0
    """Below ``threshold`` but at least this: keep the paragraph and flag it (long ones only)."""
    flag_min_chars: int = 40
    """Only paragraphs this long are flagged: short ones that similar are usually formulaic."""
    candidates: int = 8
    """How many earlier paragraphs (the best by shared shingles) are compared with each one."""
    family: float = 80.0
    """Neighbours this similar that differ from a paragraph where its copy does: a list."""


_TEXT = attrgetter("text")

__all__ = ["FIELD", "NearOptions", "remove_near_repeats"]


@register(
    "dedup.near",
    "D02",
    "Remove a paragraph that nearly repeats an earlier one (a few OCR characters differ).",
    safety="heuristic",
    options=NearOptions,
)
def remove_near_repeats(doc: Document, options: NearOptions) -> Result:
    """Keep the first copy; a later paragraph with ``ratio >= threshold`` to a kept one goes.

    The audit records the kept paragraph's input offset (``kept``) and the ratio (``similarity``).
    What goes and what is flagged depends on the paragraphs' texts and their ``KEPT_FLAGS`` only
    (:func:`_decisions`); the records are made from the paragraphs themselves.
    """
    paras = doc.paragraphs
    # Cached: dedup.fragment, next, asks for (mostly) the same paragraphs' keys and shingles.
    keys = page_keys(tuple(map(_TEXT, paras)))
    held = tuple(compress(count(), map(KEPT_FLAGS.intersection, map(_FLAGS, paras))))
    decisions = _decided(keys, held, options)
    if not decisions:
        return Result(doc)
    out: list[Paragraph | None] = list(paras)  # None: removed
    changes: list[Change] = []
    for i, gone, reason, score, kind, kept_at, label in decisions:
        para = paras[i]
        data = {"kind": kind, "kept": paras[kept_at].start}
        if gone:
            changes.append(removal(remove_near_repeats, para, reason, similarity=score, **data))
            out[i] = None
            continue
        changes.append(
            remove_near_repeats.change(
                "flag",
                para.origin.span(0, len(para.text)),
                para.text,
                para.text,
                reason,
                similarity=score,
                **data,
            )
        )
        if label not in para.flags:  # (not again in a rerun of the stage)
            out[i] = replace(para, flags=(*para.flags, label))
    return Result(doc.with_paragraphs(p for p in out if p is not None), tuple(changes))


_FLAGS = attrgetter("flags")

# What dedup.near does to a paragraph: its position, whether it goes (else it is flagged), the
# reason, the similarity, the kind, the position of the paragraph it resembles, the flag's label.
Decision = tuple[int, bool, str, float, str, int, str]

# The decisions of the latest pages (keys, positions of held paragraphs, options -> decisions):
# the stage runs dedup.near again after the joins, and again in a rerun, most often over the
# same texts (the joins changed nothing, or only flagged a paragraph), which it decides alike.
_RECENT_DECISIONS: list[tuple[tuple[str, ...], tuple[int, ...], NearOptions, list[Decision]]] = []
_REMEMBER = 2


def _decided(keys: tuple[str, ...], held: tuple[int, ...], options: NearOptions) -> list[Decision]:
    """:func:`_decisions`, those of the latest two pages remembered."""
    for seen, seen_held, seen_options, found in _RECENT_DECISIONS:
        if seen_held == held and seen_options == options and seen == keys:
            return found
    found = _decisions(keys, frozenset(held), options)
    _RECENT_DECISIONS.append((keys, held, options, found))
    del _RECENT_DECISIONS[:-_REMEMBER]
    return found


def _decisions(keys: tuple[str, ...], held: frozenset[int], options: NearOptions) -> list[Decision]:
    """What goes and what is flagged on a page of paragraphs with these visible ``keys``, those
    at the positions ``held`` (flagged with one of ``KEPT_FLAGS``) left alone, in page order."""
    from rapidfuzz import fuzz

    cutoff = min(options.threshold, options.flag_threshold, options.family)
    index = ShingleIndex()
    texts: list[str] = []  # visible text of each indexed paragraph, by id
    kept: list[int] = []  # the position of each indexed paragraph, by id
    heads = ShingleIndex()  # heading-like lines (captions, subheads), apart from the text
    head_texts: list[str] = []
    head_at: list[int] = []
    decisions: list[Decision] = []
    boxed = related_box(keys)
    # Only a paragraph with a shingle that another paragraph has can find a look-alike or be
    # one: the others are left out of the index (it finds nothing through them) and kept.
    grams_of, live = live_keys(keys, options.min_chars, index.n)
    for i in live:
        key = keys[i]
        if i in held:
            continue
        grams = grams_of[key]
        if heading_like(key):
            ids, shared = heads.probe(grams, options.candidates)
            for k in ids:
                other = head_texts[k]
                if not _ocr_variant(key, other) or _field_item(key, other, options.flag_min_chars):
                    continue
                if i in boxed or _list_item(i, key, other, keys, options.family):
                    continue
                score = round(fuzz.ratio(key, other), 1)
                reason = (
                    f"near repeat (similarity {score:g}) of an earlier line: "
                    "differs only in characters OCR confuses"
                )
                decisions.append((i, True, reason, score, "near", head_at[k], ""))
                break
            else:
                heads.add(len(head_texts), key, grams, shared)
                head_texts.append(key)
                head_at.append(i)
            continue
        ids, shared = index.probe(grams, options.candidates)
        # The most similar candidate (the first of equals), if it reaches the lowest cutoff.
        best, pos = 0.0, -1
        for at, k in enumerate(ids):
            got = remembered(fuzz.ratio, key, texts[k], cutoff)
            if got >= cutoff and (pos < 0 or got > best):
                best, pos = got, at
        if pos >= 0:
            score = round(float(best), 1)
            kind = "exact" if score == 100 else "near"
            kept_text = texts[ids[pos]]
            listed = _field_item(key, kept_text, options.flag_min_chars, options.threshold)
            listed = listed or i in boxed
            listed = listed or _list_item(i, key, kept_text, keys, options.family)
            # A paragraph that contains its look-alike, or is part of it, is for dedup.fragment
            # (which keeps the more complete text): only a near copy of about equal length goes
            # here (an OCR copy may drop or add a character or two).
            partial = remembered(fuzz.partial_ratio, key, kept_text, 97)
            fuller = partial and abs(len(key) - len(kept_text)) >= _PART_GAIN
            if score >= options.threshold and not listed and not fuller:
                reason = f"{kind} repeat (similarity {score:g}) of an earlier paragraph"
                decisions.append((i, True, reason, score, kind, kept[ids[pos]], ""))
                continue
            if (score >= options.threshold and not fuller) or (
                score >= options.flag_threshold
                and len(key) >= options.flag_min_chars
                and not partial
            ):
                why = "a list item, form field or quote like" if listed else "resembles"
                reason = f"{why} an earlier paragraph (similarity {score:g}); kept"
                label = "list-item" if listed else "near-repeat?"
                decisions.append((i, False, reason, score, kind, kept[ids[pos]], label))
        index.add(len(texts), key, grams, shared)
        texts.append(key)
        kept.append(i)
    return decisions


def _field_item(key: str, original: str, min_chars: int, threshold: float = 90.0) -> bool:
    """Whether ``key`` is a form field or list item, not a copy of its look-alike ``original``.

    Fields (创意说明：…) and items share a template, so they look alike: a field is taken for
    one unless its value (after the label) is long and differs from the look-alike's only at
    scattered single characters (a reprinted notice 声明：… with an OCR confusion; template
    values differ by words). Numbered items are set
    apart by their number (一、 / 二、), which an OCR copy repeats: a long item with its
    look-alike's number is a copy, a short one is kept.

    >>> _field_item("二、严格管理资金的使用。", "一、严格管理资金的使用。", 10)
    True
    >>> _field_item("三、由基金会负责资金的使用运行。", "三、由基金会负责资金的使用运行", 10)
    False
    >>> _field_item("创意说明：模拟办公室情景。", "创意说明：模拟餐厅情景。", 10)
    True
    """
    field = FIELD.match(key)
    if field is None:
        return False
    # layout.NUMBERED is looser than FIELD's numbered alternatives (一. , 1 、) but agrees with
    # them on every key FIELD matches.
    if not NUMBERED.match(key):  # a labelled field (创意说明：…): the label is the template
        label = field.group()
        value, theirs = key[len(label) :], original[len(label) :]
        if len(value) < min_chars or not original.startswith(label):
            return True
        from rapidfuzz import fuzz

        scattered = all(max(a, b) <= 1 for _, a, b in _gaps(value, theirs))
        return not (scattered and fuzz.ratio(value, theirs, score_cutoff=threshold))
    return len(key) < min_chars or not original.startswith(field.group())


# Characters that OCR reads one for another (similar glyphs); 口 stands for an unreadable one.
_LOOKALIKE_GROUPS = (
    "人入八",
    "己已巳",
    "未末",
    "日曰",
    "土士",
    "大太犬天夫",
    "干千于",
    "王玉主",
    "木本术",
    "刀力",
    "白自",
    "今令",
    "戊戌戍",
    "侯候",
    "贝见",
    "折拆",
    "冶治",
    "汩汨",
)
_LOOKALIKE = frozenset(
    (a, b) for group in _LOOKALIKE_GROUPS for a in group for b in group if a != b
)
# At most this many confused characters (or one in ten) in a heading-like line taken for a copy.
_MAX_CONFUSED = 2


def _confused(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ only in characters OCR reads one for another (入土/人士).

    >>> _confused("入土", "人士"), _confused("李强", "王伟")
    (True, False)
    """
    return len(a) == len(b) and all(
        x == y or (x, y) in _LOOKALIKE or _UNREAD in (x, y) for x, y in zip(a, b, strict=True)
    )


def _ocr_variant(key: str, other: str) -> bool:
    """Whether ``key`` is ``other`` read with a few OCR confusions: as long, and every
    difference a single character that looks like the other one, or unreadable (口).

    Heading-like lines (captions, subheads) are only compared so: two headings that differ in a
    word (第一届 / 第二届, a name) are different lines.

    >>> _ocr_variant("公益基金的工作入员和志愿者一起打包", "公益基金的工作人员和志愿者一起打包")
    True
    >>> _ocr_variant("第二届中国爱心城市大会在晋江举行", "第一届中国爱心城市大会在晋江举行")
    False
    """
    if len(key) != len(other) or key == other:
        return False
    diffs = [(a, b) for a, b in zip(key, other, strict=True) if a != b]
    return len(diffs) <= max(_MAX_CONFUSED, len(key) // 10) and all(
        (a, b) in _LOOKALIKE or _UNREAD in (a, b) for a, b in diffs
    )


# A length difference from which a contained look-alike is a fragment, not a near copy.
_PART_GAIN = 5

# How far (in paragraphs) the items of one list stand from each other.
_LIST_REACH = 4


def _list_item(i: int, key: str, original: str, keys: Sequence[str], family: float) -> bool:
    """Whether ``key`` is an item of a list built from a template, like its neighbours.

    Items of a list (网友甲捐赠了…；网友乙捐赠了…；) differ from each other in one slot: ``key``
    differs from its look-alike ``original`` and from a similar neighbour at the same places.
    OCR copies of one paragraph differ from each other at places of their own.
    """
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    gaps = _gaps(key, original)
    if len(gaps) == 1 and gaps[0][1] == gaps[0][2] >= _SLOT:
        at, size, _ = gaps[0]
        mine_word, theirs_word = key[at : at + size], original[at : at + size]
        if _UNREAD not in mine_word and not _confused(mine_word, theirs_word):
            return True  # only a word replaced by another as long (a name): a slot of a template
    mine = _differs(key, original, Levenshtein)
    lo, hi = max(0, i - _LIST_REACH), min(len(keys), i + _LIST_REACH + 1)
    for k in range(lo, hi):
        other = keys[k]
        if k == i or other in (key, original) or not remembered(fuzz.ratio, key, other, family):
            continue
        theirs = _differs(key, other, Levenshtein)
        if mine and len(mine & theirs) >= 0.8 * len(mine | theirs):
            return True
    return False


# From how many characters an equal-length replacement is a template's slot, when it is the only
# difference (OCR confusions are mostly single characters, scattered, or unreadable 口).
_SLOT = 2
_UNREAD = "口"


def _gaps(a: str, b: str) -> list[tuple[int, int, int]]:
    """Each run of differences between ``a`` and ``b``: its start in ``a``, lengths in both.

    >>> _gaps("网友傅亮亮捐赠了。", "网友李丽春捐赠了"), _gaps("甲乙丙", "甲乙丙")
    ([(2, 3, 3), (8, 1, 0)], [])
    """
    from rapidfuzz.distance import Levenshtein

    out: list[tuple[int, int, int]] = []
    end = -1
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "equal":
            continue
        la, lb = op.src_end - op.src_start, op.dest_end - op.dest_start
        if out and op.src_start == end:
            at, sa, sb = out[-1]
            out[-1] = (at, sa + la, sb + lb)
        else:
            out.append((op.src_start, la, lb))
        end = op.src_end
    return out


def _differs(a: str, b: str, lev: Any) -> set[int]:
    """Positions of ``a`` where it differs from ``b``."""
    out: set[int] = set()
    for op in lev.opcodes(a, b):
        if op.tag != "equal":
            out.update(range(op.src_start, max(op.src_end, op.src_start + 1)))
    return out
