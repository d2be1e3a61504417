"""Cleaning one file end to end (read, clean, render, write): the unit of parallel work."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import render
from .config import Settings
from .discover import STDIN, Source
from .errors import CleanerError
from .io import decode, read_text, write_atomic
from .model import Change, Result, from_text
from .pipeline import Pipeline, paused_gc

WriteMode = Literal["out", "in-place", "check", "diff"]


@dataclass(frozen=True)
class Mode:
    """What to do with a cleaned file (derived from the flags once, like black's WriteBack)."""

    write: WriteMode
    out: str | None = None
    records: bool = False  # whether audit records are wanted (--report, --check)
    diff: bool = False


@dataclass
class Outcome:
    """What cleaning one file gave: small and picklable, so that it can come back from a worker."""

    display: str
    rel: str
    error: str | None = None
    changed: bool = False
    records: list[dict[str, Any]] = field(default_factory=list)
    diff: str = ""
    output: str | None = None  # only for stdin, which is written to stdout
    stats: Counter[str] = field(default_factory=Counter)
    skipped: bool = False  # output up to date (see cache.py): nothing was cleaned


def clean_text(text: str, settings: Settings | None = None, *, source: str = "") -> Result:
    """Run the configured pipeline over a page's text (the library entry point).

    >>> line = "工会组织职工开展技能竞赛，助其提升收入。"
    >>> clean_text(f"{line}\\n\\n{line}").changes[0].code
    'D01'
    """
    with paused_gc():  # reading the page makes as many objects as cleaning it: see paused_gc
        doc = from_text(text, id=source, source=source)
        return _pipeline(settings or _DEFAULT).run(doc)


_PIPELINES: dict[str, Pipeline] = {}
# The settings of a call without any: one object, so that _pipeline finds its pipeline by
# identity, page after page, without the fingerprint.
_DEFAULT = Settings()
_LAST: list[tuple[Settings, Pipeline]] = []

# A small page on which every stage has something to do, so that cleaning it loads what the
# filters load on first use (OpenCC tables, word lists, compiled patterns).
WARM_UP = (
    "阅读提示\n本报记者 张三\n新华社北京6月2日电 工人在車間,学習技術 and 提升收入的的。\n"
    "工会组织职工开展技能竞赛，助其提\n升收入。\n工会组织职工开展技能竞赛，助其提\n\n（上接第1版）\n"
)


def warm_up(settings: Settings) -> None:
    """Build the pipeline for ``settings`` and load everything its filters load lazily.

    Called before worker processes are forked (see :mod:`cleaner.batch`): each worker inherits
    the loaded tables instead of loading them again for its first file.
    """
    doc = clean_text(WARM_UP, settings).doc
    render.to_text(doc)
    render.to_jsonl(doc, "warm-up.txt")


def _pipeline(settings: Settings) -> Pipeline:
    last = _LAST[0] if _LAST else None  # the same settings object, page after page
    if last is not None and last[0] is settings:
        return last[1]
    key = settings.fingerprint()  # dataclasses.asdict: 0.1 ms, too slow for every page
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline.from_settings(settings)
    _LAST[:] = [(settings, _PIPELINES[key])]
    return _PIPELINES[key]


def process(source: Source, settings: Settings, mode: Mode, data: bytes | None = None) -> Outcome:
    """Clean one file; ``data``: its bytes when the caller has read them already (the cache)."""
    outcome = Outcome(source.display, source.rel)
    if source.error:
        outcome.error = f"{source.display}: {source.error}"
        return outcome
    try:
        if data is not None:
            text, _ = decode(data, source.display)
        elif source.path == STDIN:
            text, _ = decode(sys.stdin.buffer.read(), source.display)
        else:
            text, _ = read_text(Path(source.path), source.display)
        result = clean_text(text, settings, source=source.rel)
        _finish(source, settings, mode, text, result, outcome)
    except CleanerError as e:
        outcome.error = str(e)
    except OSError as e:
        outcome.error = f"{source.display}: {e.strerror or e}"
    except Exception as e:  # a bug in a filter: report the file, keep cleaning the others
        outcome.error = f"{source.display}: internal error ({type(e).__name__}: {e})"
    return outcome


def _finish(
    source: Source, settings: Settings, mode: Mode, text: str, result: Result, outcome: Outcome
) -> None:
    doc, changes = result.doc, result.changes
    outcome.changed = any(c.action != "flag" for c in changes)  # a flag is a note, not a change
    outcome.stats = _stats(changes)
    if not text:
        outcome.error = f"{source.display}: empty file"
    if mode.records:
        outcome.records = [render.record(doc, c, source.display) for c in changes]
    fmt = "text" if mode.write == "in-place" else settings.format
    cleaned = render.to_text(doc) if fmt != "jsonl" or (mode.diff and outcome.changed) else ""
    output = render.to_jsonl(doc, source.rel) if fmt == "jsonl" else cleaned
    if mode.diff and outcome.changed:
        outcome.diff = "".join(render.unified_diff(text, cleaned, source.display))
    if source.path == STDIN:
        if mode.write in ("out", "in-place"):
            outcome.output = output
        return
    if mode.write == "out" and mode.out is not None:
        write_atomic(_out_path(Path(mode.out), source.rel, fmt), output)
    elif mode.write == "in-place" and outcome.changed:
        write_atomic(Path(source.path), output)


def _out_path(root: Path, rel: str, fmt: str) -> Path:
    target = root / rel
    return target.with_suffix(".jsonl") if fmt == "jsonl" else target


def _stats(changes: tuple[Change, ...]) -> Counter[str]:
    stats: Counter[str] = Counter()
    for c in changes:
        if c.action == "remove":
            stats["removed"] += 1
        elif c.action == "join":
            stats["joins"] += 1
        if c.action in ("edit", "remove"):
            stats["chars"] += max(len(c.before), len(c.after))
    return stats
