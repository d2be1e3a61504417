"""The filters, in the order the pipeline runs them.

Order matters: exact copies of a split paragraph's tail are only visible before the tail is
joined back, and fragments only after.
"""

from __future__ import annotations

from . import dedup_exact, whitespace
from .base import FILTERS, Filter, NoOptions, register

ORDER: tuple[str, ...] = (
    whitespace.normalize_whitespace.name,
    dedup_exact.remove_exact_repeats.name,
)

__all__ = ["FILTERS", "ORDER", "Filter", "NoOptions", "register"]
