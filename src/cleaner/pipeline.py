"""Chaining filters: each sees the document the previous one produced."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .config import Settings
from .filters import Filter
from .model import Change, Document, Result


@dataclass(frozen=True)
class Pipeline:
    steps: tuple[tuple[Filter[Any], Any], ...]

    @classmethod
    def from_settings(cls, settings: Settings) -> Pipeline:
        return cls(tuple(settings.pipeline_filters()))

    def run(self, doc: Document) -> Result:
        changes: list[Change] = []
        for flt, options in self.steps:
            result = flt.apply(doc, options)
            doc = result.doc
            changes.extend(result.changes)
        return Result(doc, tuple(changes))
