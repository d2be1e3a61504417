"""Running many files, here or over worker processes: streamed, results in input order."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from .config import Settings
from .discover import STDIN, Source
from .runner import Mode, Outcome, process


def run_batch(
    sources: Iterable[Source], settings: Settings, mode: Mode, jobs: int = 1
) -> Iterator[Outcome]:
    """Outcomes in the order of ``sources``, whatever ``jobs`` is.

    With several jobs, at most ``4 * jobs`` files are in flight, so a directory of any size is
    streamed rather than listed and held in memory.
    """
    if jobs <= 1:
        for source in sources:
            yield process(source, settings, mode)
        return
    window: deque[Future[Outcome] | Outcome] = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for source in sources:
            if source.path == STDIN or source.error:
                window.append(process(source, settings, mode))
            else:
                window.append(pool.submit(process, source, settings, mode))
            while len(window) >= 4 * jobs:
                yield _result(window.popleft())
        while window:
            yield _result(window.popleft())


def _result(item: Future[Outcome] | Outcome) -> Outcome:
    return item.result() if isinstance(item, Future) else item
