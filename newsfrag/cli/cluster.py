"""--scheduler: the chunks that -j would hand to local processes go to the workers of a
Dask cluster instead, and come back in input order.

The main process reads the inputs and sends their bytes (a worker may be another
machine, which cannot open this one's files); each chunk is one task, so a worker lost
mid-run costs Dask a retry of its tasks on another, not a result. Bad input comes back
as an error in its place, reported here as for a local run.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

import click

from ..errors import InputError, NewsfragError
from ..jobs import Job
from ..read.sources import ReadOptions, Unit
from .workers import CHUNK_BYTES, chunked, work

__all__ = ["ClusterError", "check_dask", "on_cluster"]

R = TypeVar("R")
INSTALL = "pip install 'newsfrag[dask]'"


class ClusterError(NewsfragError):
    """The cluster cannot be reached or used: the run stops."""


def check_dask(address: str | None) -> None:
    """A usage error when ``--scheduler`` is given and Dask is not installed."""
    if address is None:
        return
    try:
        import distributed  # noqa: F401 - only whether it is there
    except ImportError:
        raise click.UsageError(f"--scheduler needs Dask: {INSTALL}") from None


def on_cluster(
    units: Iterable[Unit | InputError], job: Job[R], options: ReadOptions, address: str
) -> Iterator[list[R | InputError]]:
    """The results of each chunk of ``units``, worked on the cluster at ``address``."""
    from distributed import Client

    # Dask logs a lost worker or a closing connection: newsfrag reports what matters.
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    try:
        client = Client(address, set_as_default=False, timeout=10)
    except (OSError, TimeoutError, ValueError) as e:
        raise ClusterError(f"--scheduler {address}: cannot connect: {e}") from None
    with client:
        slots = max(1, sum(client.nthreads().values()))
        [shared] = client.scatter([job], broadcast=True)  # sent once, not with every chunk
        pending: deque[Any] = deque()
        # At most a few chunks in flight per worker thread: memory stays flat.
        for chunk in chunked(units, CHUNK_BYTES):
            pending.append(client.submit(work, chunk, shared, options, pure=False))
            if len(pending) > 4 * slots:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
