"""Exact repeats: a paragraph whose text was already printed earlier on the page."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Change, Document, Paragraph, Result
from ..resources import visible
from .base import register, removal


@dataclass(frozen=True)
class ExactOptions:
    min_chars: int = 15
    """Shorter paragraphs (bylines, labels, formulaic lines) are never removed as repeats."""


@register(
    "dedup.exact",
    "D01",
    "Remove a paragraph that repeats an earlier one exactly (ignoring spaces).",
    options=ExactOptions,
)
def remove_exact_repeats(doc: Document, options: ExactOptions) -> Result:
    """Keep the first copy of each paragraph of at least ``min_chars`` visible characters.

    Identical short lines (two articles with the same byline, a repeated 阅读提示 label) are kept:
    only their length tells them apart from a repeat, and a wrongly removed byline loses text.
    """
    first: dict[str, Paragraph] = {}
    kept: list[Paragraph] = []
    changes: list[Change] = []
    for para in doc.paragraphs:
        key = visible(para.text)
        if len(key) < options.min_chars:
            kept.append(para)
            continue
        original = first.setdefault(key, para)
        if original is para:
            kept.append(para)
            continue
        changes.append(
            removal(
                remove_exact_repeats,
                para,
                "exact repeat of an earlier paragraph",
                kind="exact",
                kept=original.start,
                similarity=100.0,
            )
        )
    if not changes:
        return Result(doc)
    return Result(doc.with_paragraphs(kept), tuple(changes))
