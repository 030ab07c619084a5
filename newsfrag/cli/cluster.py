"""--scheduler: the chunks that -j would hand to local processes go to the workers of a
Dask cluster instead, and come back in input order.

Where the workers see this machine's files (the same machine, a shared file system),
they open the small files themselves, as -j's processes do; elsewhere this process
reads the inputs and sends their bytes. Each chunk is one task, so a worker lost
mid-run costs Dask a retry of its tasks on another, not a result. Bad input comes back
as an error in its place, reported here as for a local run.
"""

from __future__ import annotations

import itertools
import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

import click

from ..errors import InputError, NewsfragError
from ..jobs import Job
from ..read.sources import Later, ReadOptions, Unit, read_here
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
    from importlib.util import find_spec

    try:
        found = find_spec("distributed") is not None
    except ValueError:  # a module put in its place without a spec: not importable
        found = False
    if not found:
        raise click.UsageError(f"--scheduler needs Dask: {INSTALL}")


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
        units = _as_workers_read(iter(units), client, options)
        pending: deque[Any] = deque()
        # At most a few chunks in flight per worker thread: memory stays flat.
        for chunk in chunked(units, CHUNK_BYTES):
            pending.append(client.submit(work, chunk, shared, options, pure=False))
            if len(pending) > 4 * slots:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _as_workers_read(
    units: Iterator[Unit | InputError], client: Any, options: ReadOptions
) -> Iterator[Unit | InputError]:
    """The units as the workers can read them: a small file as its path where the
    workers see this machine's files (one local machine, a shared file system), else
    read here and sent as bytes."""
    first = next(units, None)
    if first is None:
        return
    shared = isinstance(first, Later) and shares_files(client, first.path)
    for unit in itertools.chain([first], units):
        if isinstance(unit, Later) and not shared:
            yield from read_here(unit, options)
        else:
            yield unit


def shares_files(client: Any, path: str) -> bool:
    """Whether a worker sees the file at ``path`` as this process does (the same size,
    modification time and inode): then the workers open the files themselves."""
    try:
        here = _identity(path)
        there = client.submit(_identity, path, pure=False).result()
    except OSError:
        return False
    return bool(here == there)


def _identity(path: str) -> tuple[int, int, int]:
    info = os.stat(path)
    return info.st_ino, info.st_size, info.st_mtime_ns
