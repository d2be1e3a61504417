"""Counting what a run did, its exit status and the summary line, in the manner of black."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from .runner import Outcome


@dataclass
class Report:
    check: bool = False
    files: int = 0
    changed: int = 0
    errors: int = 0
    totals: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)

    def add(self, outcome: Outcome) -> None:
        if outcome.error:
            self.errors += 1
        if outcome.error is None or outcome.changed:
            self.files += 1
        self.changed += outcome.changed
        self.totals.update(outcome.stats)

    @property
    def exit_code(self) -> int:
        """0 done or nothing to change, 1 ``--check`` found changes, 2 an error."""
        if self.errors:
            return 2
        return 1 if self.check and self.changed else 0

    def summary(self) -> str:
        unchanged = self.files - self.changed
        if self.check:
            head = f"{_n(self.changed, 'file')} would be changed, {unchanged} unchanged"
        else:
            head = f"{_n(self.files, 'file')} cleaned ({self.changed} changed)"
        parts = [
            head,
            f"{_n(self.totals['removed'], 'paragraph')} removed",
            _n(self.totals["joins"], "join"),
            f"{_n(self.totals['chars'], 'character')} changed",
            _n(self.errors, "error"),
            f"{time.perf_counter() - self.started:.2f} s",
        ]
        return ", ".join(parts)


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
