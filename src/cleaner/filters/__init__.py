"""The filters, in the order the pipeline runs them.

Order matters: exact copies of a split paragraph's tail are only visible before the tail is
joined back, and fragments only after.
"""

from __future__ import annotations

from . import dedup_exact, whitespace
from .base import FILTERS, Filter, NoOptions, register

# Stages, in order: 1. characters (whitespace, Unicode, punctuation, script, OCR noise);
# 2. exact repeats, while split tails are still separate; 3. joins of split paragraphs and
# hard-wrapped headlines; 4. near, block and fragment repeats, on joined paragraphs;
# 5. article segmentation and labelling.
ORDER: tuple[str, ...] = (
    whitespace.normalize_whitespace.name,
    dedup_exact.remove_exact_repeats.name,
)

__all__ = ["FILTERS", "ORDER", "Filter", "NoOptions", "register"]
