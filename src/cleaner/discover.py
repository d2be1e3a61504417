"""Finding the files to clean: explicit files always, directories walked lazily with globs."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

STDIN = "-"


@dataclass(frozen=True)
class Source:
    """A file to clean: where it is, how to name it, and its path relative to the output root."""

    path: str
    display: str
    rel: str
    error: str | None = None


def discover(
    paths: Sequence[str],
    include: Sequence[str],
    exclude: Sequence[str],
    skip: Sequence[Path] = (),
) -> Iterator[Source]:
    """Sources in a stable order; a path that yields nothing is a source carrying an error.

    Directories are walked in sorted order, skipping hidden folders and the folders in ``skip``
    (an output directory inside the input tree is never read back as input).
    """
    skipped = {p.resolve() for p in skip}
    for raw in paths:
        if raw == STDIN:
            yield Source(STDIN, "<stdin>", STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for source in _walk(path, include, exclude, skipped):
                found = True
                yield source
            if not found:
                yield Source(raw, raw, "", f"no files matching {', '.join(include)}")
        elif path.exists() or path.is_symlink():
            yield Source(raw, raw, path.name)
        else:
            yield Source(raw, raw, "", "no such file or directory")


def _walk(
    root: Path, include: Sequence[str], exclude: Sequence[str], skipped: set[Path]
) -> Iterator[Source]:
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as e:
            yield Source(str(folder), str(folder), "", e.strerror or "cannot be listed")
            continue
        subdirs = []
        for entry in entries:
            rel = Path(entry.path).relative_to(root).as_posix()
            if entry.name.startswith(".") or _matches(rel, entry.name, exclude):
                continue
            if entry.is_dir(follow_symlinks=True):
                if Path(entry.path).resolve() not in skipped:
                    subdirs.append(Path(entry.path))
            elif _matches(rel, entry.name, include):
                yield Source(entry.path, entry.path, rel)
        stack.extend(reversed(subdirs))


def _matches(rel: str, name: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, p) or fnmatch.fnmatchcase(rel, p) for p in patterns)
