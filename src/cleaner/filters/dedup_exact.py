"""Exact repeats: a paragraph, or a run of paragraphs, whose text was already printed on the page.

Runs before split paragraphs are joined: the exact copy of a split paragraph's tail is only visible
while the tail is still a paragraph of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from ..model import Change, Document, Result
from ..resources import visible
from .base import register, removal


@dataclass(frozen=True)
class ExactOptions:
    min_chars: int = 15
    """Shorter paragraphs (bylines, labels, formulaic lines) are removed only as part of a run."""
    blocks: bool = True
    """Also remove short paragraphs inside a repeated run of paragraphs (a reprinted TOC)."""
    min_run: int = 3
    """At least this many consecutive paragraphs repeating consecutive earlier ones form a run."""
    min_run_chars: int = 20
    """A run also needs this many visible characters and two different paragraphs."""


_RUN_REASON = "repeats an earlier run of paragraphs"
_EXACT_REASON = "exact repeat of an earlier paragraph"
# Sentence punctuation: a short line without it is a heading, caption, label, TOC or form line.
SENTENCE = regex.compile(r"[。！？!?；;]")
HEADING_MAX = 40
# A related-reading box reprints text of the article on purpose.
RELATED = regex.compile(r"^(?:延伸阅读|相关阅读|相关链接|相关新闻|新闻链接|背景链接|链接)[：:]?$")
RELATED_REACH = 3  # paragraphs after such a label that count as inside the box


def heading_like(key: str) -> bool:
    """Short and without sentence punctuation: repeated legitimately (headlines, fields, labels).

    >>> heading_like("港报：女孩被幼儿园拒收"), heading_like("据介绍,运动会由海南指导。")
    (True, False)
    """
    return len(key) <= HEADING_MAX and not SENTENCE.search(key)


def related_box(keys: list[str]) -> set[int]:
    """Positions of paragraphs inside a related-reading box (the label's next few paragraphs).

    >>> sorted(related_box(["甲", "延伸阅读：", "乙", "丙"]))
    [2, 3]
    """
    inside: set[int] = set()
    for i, key in enumerate(keys):
        if RELATED.match(key):
            inside.update(range(i + 1, min(i + 1 + RELATED_REACH, len(keys))))
    return inside


# Flags that a repeat filter leaves on a paragraph it kept on purpose: later ones leave it alone.
KEPT_FLAGS = frozenset({"related-repeat", "list-item"})


# How many earlier copies of a paragraph are tried as the start of a repeated run.
_MAX_PARTNERS = 32


def repeated_runs(keys: list[str], min_run: int, min_chars: int) -> set[int]:
    """Positions inside a run of at least ``min_run`` keys that repeats an earlier run.

    Runs are diagonals of the (later, earlier) equality matrix, found from the occurrence lists of
    each key, so the work is linear in the number of equal pairs tried, not quadratic in the page.

    >>> sorted(repeated_runs(["a", "b", "c", "x", "a", "b", "c", "b", "c"], 3, 2))
    [4, 5, 6]
    """
    seen: dict[str, list[int]] = {}
    inside: set[int] = set()
    n = len(keys)
    for i, key in enumerate(keys):
        earlier = seen.setdefault(key, [])
        for j in earlier[-_MAX_PARTNERS:]:
            if i > 0 and j > 0 and keys[i - 1] == keys[j - 1]:
                continue  # not the start of a diagonal: walked from its start already
            length = 1
            while i + length < n and keys[i + length] == keys[j + length]:
                length += 1
            if length < min_run:
                continue
            run = keys[i : i + length]
            if len(set(run)) < 2 or sum(map(len, run)) < min_chars:
                continue
            inside.update(range(i, i + length))
        earlier.append(i)
    return inside


@register(
    "dedup.exact",
    "D01",
    "Remove a paragraph, or a run of paragraphs, that repeats earlier text exactly.",
    options=ExactOptions,
)
def remove_exact_repeats(doc: Document, options: ExactOptions) -> Result:
    """Keep the first copy of each paragraph of at least ``min_chars`` visible characters.

    Identical short lines (two articles with the same byline, a repeated 阅读提示 label) are kept,
    and so are heading-like lines (short, no sentence punctuation: headlines, form fields, an
    address): alone, nothing tells them apart from a legitimate repeat, and a wrongly removed line
    loses text. They are removed only inside a run of ``min_run`` consecutive paragraphs that
    repeats an earlier run (a table of contents printed again): there the run is the evidence.
    A repeat inside a related-reading box (延伸阅读, 相关链接) is kept and flagged.

    Removing a long copy can bring two copies of a run together, so passes repeat until nothing
    more goes (each pass removes something or ends the loop; in practice two passes suffice).
    """
    result = _one_pass(doc, options)
    changes = list(result.changes)
    while any(c.action == "remove" for c in result.changes):
        result = _one_pass(result.doc, options)
        changes.extend(c for c in result.changes if c.action == "remove")
    return Result(result.doc, tuple(changes))


def _one_pass(doc: Document, options: ExactOptions) -> Result:
    keys = [visible(p.text) for p in doc.paragraphs]
    in_run: set[int] = set()
    if options.blocks:
        in_run = repeated_runs(keys, options.min_run, options.min_run_chars)
    first: dict[str, int] = {}
    keep = []
    changes: list[Change] = []
    boxed = related_box(keys)
    for i, (para, key) in enumerate(zip(doc.paragraphs, keys, strict=True)):
        original = first.setdefault(key, i)
        block = i in in_run
        alone = len(key) < options.min_chars or heading_like(key)
        if original == i or not key or (alone and not block):
            keep.append(para)
            continue
        if not block and i in boxed:
            if "related-repeat" in para.flags:  # flagged by an earlier pass
                keep.append(para)
                continue
            reason = "repeats an earlier paragraph inside a related-reading box; kept"
            span = para.origin.span(0, len(para.text))
            kept = doc.paragraphs[original].start
            changes.append(
                remove_exact_repeats.change(
                    "flag", span, para.text, para.text, reason, kind="exact", kept=kept
                )
            )
            keep.append(replace(para, flags=(*para.flags, "related-repeat")))
            continue
        changes.append(
            removal(
                remove_exact_repeats,
                para,
                _RUN_REASON if block else _EXACT_REASON,
                kind="block" if block else "exact",
                kept=doc.paragraphs[original].start,
                similarity=100.0,
            )
        )
    if not changes:
        return Result(doc)
    return Result(doc.with_paragraphs(keep), tuple(changes))
