"""The filters, in the order the pipeline runs them.

Order matters: exact copies of a split paragraph's tail are only visible before the tail is
joined back, and fragments only after.
"""

from __future__ import annotations

from . import (
    dedup_exact,
    dedup_fragment,
    dedup_near,
    headlines,
    ocr,
    punct,
    rejoin,
    script,
    segment,
    unicode,
    whitespace,
)
from .base import FILTERS, Filter, NoOptions, register

# Stages, in order: 1. characters (whitespace, Unicode, punctuation, script, OCR noise);
# 2. exact repeats, while split tails are still separate; 3. joins of split paragraphs and
# hard-wrapped headlines; 4. near, block and fragment repeats, on joined paragraphs;
# 5. article segmentation and labelling.
ORDER: tuple[str, ...] = (
    whitespace.normalize_whitespace.name,
    unicode.nfc.name,
    unicode.odd_spaces.name,
    unicode.fullwidth_alnum.name,
    punct.halfwidth.name,
    punct.parens.name,
    punct.angle.name,
    punct.quotes.name,
    punct.period.name,
    punct.spaces.name,
    script.simplify.name,
    ocr.and_to_he.name,
    ocr.doubled_de.name,
    ocr.confusions.name,
    ocr.doubled.name,
    dedup_exact.remove_exact_repeats.name,
    rejoin.join_split.name,
    headlines.join_headlines.name,
    # stage 4: near and fragment repeats, on joined paragraphs (after the joins above)
    dedup_near.remove_near_repeats.name,
    dedup_fragment.remove_fragment_repeats.name,
    segment.segment_articles.name,  # last: it only groups and labels
)

__all__ = ["FILTERS", "ORDER", "Filter", "NoOptions", "register"]
