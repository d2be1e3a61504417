"""Running many files, here, over worker processes or on a Dask cluster: streamed, in input order.

Every engine runs the same unit of work (:func:`cleaner.cache.clean_cached`) and yields outcomes
in the order of the sources, so output and audit do not depend on the engine or on ``-j``. At most
a few batches of files per worker are in flight: a directory of any size is streamed, never
listed whole.
With ``-o DIR`` a manifest in DIR records each finished file, and a rerun skips the files whose
output is up to date (see :mod:`cleaner.cache`).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Literal

from .cache import Cache, Check, Stamp, clean_cached
from .config import Settings
from .discover import STDIN, Source
from .runner import Mode, Outcome, warm_up

Engine = Literal["local", "dask"]
Task = tuple[Source, Check | None]
Done = tuple[Outcome, Stamp | None]
# Tasks (files, or batches of files) in flight per worker: enough to keep workers busy, few
# enough to stream.
WINDOW_PER_WORKER = 4


def run_batch(
    sources: Iterable[Source],
    settings: Settings,
    mode: Mode,
    jobs: int = 1,
    *,
    engine: Engine = "local",
    scheduler: str | None = None,
    use_cache: bool = True,
) -> Iterator[Outcome]:
    """Outcomes in the order of ``sources``, whatever ``jobs`` and ``engine`` are."""
    cache = None
    if use_cache and mode.write == "out" and mode.out is not None:
        cache = Cache(mode.out, settings, records=mode.records)
    tasks = ((s, cache.check(s) if cache else None) for s in sources)
    if engine == "dask":
        from .dask_engine import run_dask

        done = run_dask(tasks, settings, mode, scheduler or "local", jobs)
    else:
        done = run_local(tasks, settings, mode, jobs)
    try:
        for outcome, stamp in done:
            if cache is not None:
                if outcome.skipped:
                    outcome = cache.replay(outcome)
                elif stamp is not None:
                    cache.record(outcome, stamp)
            yield outcome
    finally:
        if cache is not None:
            cache.close()


def run_local(tasks: Iterable[Task], settings: Settings, mode: Mode, jobs: int) -> Iterator[Done]:
    if jobs <= 1:
        for source, check in tasks:
            yield clean_cached(source, settings, mode, check)
        return
    # Set-up once, here: forked workers inherit the pipeline and its tables. gc.freeze() keeps
    # the collector from touching (and so copying) the inherited objects in every worker; with
    # another start method than fork, each worker warms up on its own before its first file.
    with contextlib.suppress(Exception):  # only a head start: the files report their errors
        warm_up(settings)
    context = multiprocessing.get_context()  # what ProcessPoolExecutor would use
    if context.get_start_method() == "fork":
        pool = ProcessPoolExecutor(jobs, context)
    else:
        pool = ProcessPoolExecutor(jobs, context, initializer=warm_up, initargs=(settings,))
    gc.freeze()
    try:
        with pool:
            window = WINDOW_PER_WORKER * jobs
            pending: deque[Future[list[Done]] | list[Done]] = deque()
            for batch in batches(tasks, window):
                if any(source.path == STDIN for source, _ in batch):  # read here, not in a worker
                    pending.append(_clean_all(batch, settings, mode))
                else:
                    pending.append(pool.submit(_clean_all, batch, settings, mode))
                while len(pending) >= window:
                    yield from _result(pending.popleft())
            while pending:
                yield from _result(pending.popleft())
    finally:
        gc.unfreeze()


# Files sent to a worker at once: every round trip costs the parent process a wake-up and a few
# messages, which on small pages is time taken from the workers.
BATCH = 8


def batches(tasks: Iterable[Task], singles: int, size: int = BATCH) -> Iterator[list[Task]]:
    """The tasks in order, in lists of up to ``size``; the first ``singles`` one by one, so that a
    small run is still spread over the workers. Standard input is always alone.

    >>> [len(b) for b in batches([(Source(str(n), str(n), str(n)), None) for n in range(20)], 2, 8)]
    [1, 1, 8, 8, 2]
    """
    batch: list[Task] = []
    for n, task in enumerate(tasks):
        if task[0].path == STDIN and batch:
            yield batch
            batch = []
        batch.append(task)
        if n < singles or len(batch) >= size or task[0].path == STDIN:
            yield batch
            batch = []
    if batch:
        yield batch


def _clean_all(batch: list[Task], settings: Settings, mode: Mode) -> list[Done]:
    return [clean_cached(source, settings, mode, check) for source, check in batch]


def ordered(
    tasks: Iterable[Task],
    submit: Callable[[Source, Check | None], Future[Done]],
    here: Callable[[Source, Check | None], Done],
    window: int,
) -> Iterator[Done]:
    """Results in task order with at most ``window`` tasks submitted and not yet yielded.

    Standard input and sources that carry an error are handled ``here``, in this process.
    ``submit`` returns anything with a ``result()`` method (a concurrent or a Dask future).
    """
    pending: deque[Future[Done] | Done] = deque()
    for source, check in tasks:
        if source.path == STDIN or source.error:
            pending.append(here(source, check))
        else:
            pending.append(submit(source, check))
        while len(pending) >= window:
            yield _result(pending.popleft())
    while pending:
        yield _result(pending.popleft())


def _result(item: Any) -> Any:
    """The value of a future, or the value itself when it was computed here."""
    return item if isinstance(item, (tuple, list)) else item.result()
