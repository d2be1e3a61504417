"""Running many files, here, over worker processes or on a Dask cluster: streamed, in input order.

Every engine runs the same unit of work (:func:`cleaner.cache.clean_cached`) and yields outcomes
in the order of the sources, so output and audit do not depend on the engine or on ``-j``. At most
a few files per worker are in flight: a directory of any size is streamed, never listed whole.
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
from typing import Literal

from .cache import Cache, Check, Stamp, clean_cached
from .config import Settings
from .discover import STDIN, Source
from .runner import Mode, Outcome, warm_up

Engine = Literal["local", "dask"]
Task = tuple[Source, Check | None]
Done = tuple[Outcome, Stamp | None]
# How many files may be in flight per worker: enough to keep workers busy, few enough to stream.
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
            yield from ordered(
                tasks,
                lambda s, c: pool.submit(clean_cached, s, settings, mode, c),
                lambda s, c: clean_cached(s, settings, mode, c),
                WINDOW_PER_WORKER * jobs,
            )
    finally:
        gc.unfreeze()


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


def _result(item: Future[Done] | Done) -> Done:
    return item if isinstance(item, tuple) else item.result()
