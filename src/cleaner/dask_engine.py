"""Running a batch on a Dask distributed cluster (the optional ``cleaner[dask]`` extra).

Each file is one task running :func:`cleaner.cache.clean_cached`, the same unit of work as the
local engine, and results come back in input order through :func:`cleaner.batch.ordered`, so the
outputs and the audit are the same as with ``--engine local``. Workers read and write the files
themselves: the paths must be visible to them (a shared file system on a cluster).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .errors import ConfigError

WINDOW_PER_WORKER = 4


def run_dask(
    tasks: Iterable[Any], settings: Any, mode: Any, scheduler: str, jobs: int
) -> Iterator[Any]:
    """Outcomes of ``tasks`` computed on the cluster at ``scheduler`` (``"local"``: a new one)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise ConfigError("--engine dask needs the extra: pip install 'cleaner[dask]'") from e

    from .batch import ordered
    from .cache import clean_cached

    if scheduler == "local":
        cluster: Any = LocalCluster(
            n_workers=max(jobs, 1), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    else:
        cluster = None
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as e:
            raise ConfigError(f"--scheduler {scheduler}: cannot connect ({e})") from e
    try:
        workers = max(len(client.scheduler_info().get("workers", {})), 1)

        def submit(source: Any, check: Any) -> Any:
            return client.submit(clean_cached, source, settings, mode, check, pure=False)

        def here(source: Any, check: Any) -> Any:
            return clean_cached(source, settings, mode, check)

        yield from ordered(tasks, submit, here, WINDOW_PER_WORKER * workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
