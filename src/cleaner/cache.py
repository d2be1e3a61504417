"""Up-to-date checks: a manifest in the output directory lets a rerun skip finished files.

``OUT/.cleaner-cache`` (JSON lines) holds one JSON line per output file written, appended (one write
each) as soon as the file is done, so a run that is interrupted resumes where it stopped:

    {"out": "a/page.txt", "key": "<sha256>", "size": 1234, "mtime_ns": ..., "changed": true,
     "stats": {"removed": 3, ...}, "records": [...] or null}

``key`` hashes the input bytes together with the tool's version and code, and
:meth:`Settings.fingerprint` (filters, options, format). A file is skipped when its key is the
recorded one and its output still has the recorded size and modification time; what it would have
contributed to the summary (and, if recorded, to ``--report``) is replayed from the line. Lines
are keyed by the output path, so text and JSONL outputs of one input live side by side; a later
line for the same output wins. Only ``-o DIR`` runs use the cache: ``--check``, ``--diff`` and
``--in-place`` always clean every file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from . import __version__
from .config import Settings
from .discover import STDIN, Source
from .runner import Mode, Outcome, process

MANIFEST = ".cleaner-cache"  # JSON lines; no .jsonl suffix, so *.jsonl globs miss it


@dataclass(frozen=True)
class Stamp:
    """What identifies a finished output: the input's key and the output file's size and time."""

    key: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Check:
    """What a worker needs to decide that a file is up to date (small and picklable)."""

    salt: str
    out: str  # the output path
    known: Stamp | None  # what the manifest says, if anything


@dataclass(frozen=True)
class _Line:
    stamp: Stamp
    offset: int
    length: int
    has_records: bool


@cache
def code_digest() -> str:
    """A hash of the package's source, so that a changed filter invalidates old outputs."""
    h = hashlib.sha256(__version__.encode())
    root = Path(__file__).parent
    for path in sorted(root.rglob("*.py")):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def salt_for(settings: Settings) -> str:
    text = f"{__version__}\0{code_digest()}\0{settings.fingerprint()}"
    return hashlib.sha256(text.encode()).hexdigest()


def input_key(salt: str, data: bytes) -> str:
    return hashlib.sha256(salt.encode() + b"\0" + data).hexdigest()


def out_path(root: str, rel: str, fmt: str) -> Path:
    target = Path(root) / rel
    return target.with_suffix(".jsonl") if fmt == "jsonl" else target


def clean_cached(
    source: Source, settings: Settings, mode: Mode, check: Check | None
) -> tuple[Outcome, Stamp | None]:
    """Clean one file unless its output is up to date (the unit of work of every engine).

    Returns the outcome and, when the output was written, the stamp to record in the manifest.
    A skipped file's outcome has ``skipped`` set and nothing else: the manifest fills it in.
    """
    if check is None or source.error or source.path == STDIN:
        return process(source, settings, mode), None
    try:
        data = Path(source.path).read_bytes()
    except OSError:
        return process(source, settings, mode), None  # process reports the error
    key = input_key(check.salt, data)
    if check.known is not None and check.known.key == key and _same(check.out, check.known):
        return Outcome(source.display, source.rel, skipped=True), None
    outcome = process(source, settings, mode, data)  # read once: the bytes just hashed
    if outcome.error:
        return outcome, None
    try:
        st = os.stat(check.out)
    except OSError:
        return outcome, None
    return outcome, Stamp(key, st.st_size, st.st_mtime_ns)


def _same(path: str, stamp: Stamp) -> bool:
    try:
        st = os.stat(path)
    except OSError:
        return False
    return st.st_size == stamp.size and st.st_mtime_ns == stamp.mtime_ns


class Cache:
    """The manifest of one output directory: an index in memory, the audit records on disk."""

    def __init__(self, root: str, settings: Settings, *, records: bool) -> None:
        self.root = root
        self.fmt = settings.format
        self.salt = salt_for(settings)
        self.records = records  # whether this run needs audit records (then they are stored)
        self.path = Path(root) / MANIFEST
        self.index: dict[str, _Line] = {}
        self.lines = 0
        self._fd: int | None = None
        self._load()

    def _load(self) -> None:
        try:
            f = self.path.open("rb")
        except OSError:
            return
        with f:
            offset = 0
            for raw in f:
                self.lines += 1
                try:
                    entry = json.loads(raw)
                    stamp = Stamp(entry["key"], entry["size"], entry["mtime_ns"])
                    has_records = entry.get("records") is not None
                    self.index[entry["out"]] = _Line(stamp, offset, len(raw), has_records)
                except (ValueError, KeyError, TypeError):
                    pass  # a line cut short by an interrupted run, or not ours
                offset += len(raw)

    def _rel(self, source: Source) -> str:
        return out_path("", source.rel, self.fmt).as_posix()

    def check(self, source: Source) -> Check | None:
        """What to tell the worker about ``source`` (None: no caching for it)."""
        if source.error or source.path == STDIN:
            return None
        rel = self._rel(source)
        line = self.index.get(rel)
        known = None
        if line is not None and (line.has_records or not self.records):
            known = line.stamp
        return Check(self.salt, str(out_path(self.root, source.rel, self.fmt)), known)

    def replay(self, outcome: Outcome) -> Outcome:
        """A skipped file's outcome, as the run that wrote its output saw it."""
        line = self.index[out_path("", outcome.rel, self.fmt).as_posix()]
        with self.path.open("rb") as f:
            f.seek(line.offset)
            entry = json.loads(f.read(line.length))
        records = [{"file": outcome.display, **r} for r in entry.get("records") or []]
        return replace(
            outcome,
            changed=bool(entry["changed"]),
            stats=Counter(entry["stats"]),
            records=records if self.records else [],
        )

    def record(self, outcome: Outcome, stamp: Stamp) -> None:
        """Append the line of a file just written (one write, so a cut leaves whole lines)."""
        rel = self._rel(Source("", "", outcome.rel))
        records = None
        if self.records:
            records = [{k: v for k, v in r.items() if k != "file"} for r in outcome.records]
        entry: dict[str, Any] = {
            "out": rel,
            "key": stamp.key,
            "size": stamp.size,
            "mtime_ns": stamp.mtime_ns,
            "changed": outcome.changed,
            "stats": dict(outcome.stats),
            "records": records,
        }
        data = (json.dumps(entry, ensure_ascii=False) + "\n").encode()
        if self._fd is None:
            self._fd = self._open()
        offset = os.lseek(self._fd, 0, os.SEEK_END)
        _write_all(self._fd, data)
        self.index[rel] = _Line(stamp, offset, len(data), records is not None)
        self.lines += 1

    def _open(self) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
        size = os.lseek(fd, 0, os.SEEK_END)
        if size:
            os.lseek(fd, size - 1, os.SEEK_SET)
            if os.read(fd, 1) != b"\n":  # an interrupted run left half a line
                _write_all(fd, b"\n")
                self.lines += 1
        return fd

    def close(self) -> None:
        """Close the manifest, rewriting it without superseded lines when they dominate."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self.lines > 2 * len(self.index) + 64:
            self._compact()

    def _compact(self) -> None:
        fd, tmp = tempfile.mkstemp(prefix=f"{MANIFEST}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as out, self.path.open("rb") as f:
                for line in sorted(self.index.values(), key=lambda x: x.offset):
                    f.seek(line.offset)
                    out.write(f.read(line.length))
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.lines = len(self.index)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
