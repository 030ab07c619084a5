"""--scheduler: the chunks that -j would hand to local processes go to the workers of a
Dask cluster instead, and come back in input order.

Where the workers see this machine's files (the same machine, a shared file system),
they open the small files themselves, as -j's processes do; elsewhere this process
reads the inputs and sends their bytes. Each chunk is one task, so a worker lost
mid-run costs Dask a retry of its tasks on another, not a result. Bad input comes back
as an error in its place, reported here as for a local run.
"""

from __future__ import annotations

import contextlib
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
# A chunk for the cluster is larger than one for -j: a Dask task, and its result's trip
# back through the client, cost more than a pool's message (bench/NOTES.md).
CLUSTER_CHUNK = 2 * CHUNK_BYTES


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
    """The results of each chunk of ``units``, worked on the cluster at ``address``.

    Where processes fork (Linux), a child process loads Dask and talks to the cluster
    while this one works the first chunks itself: loading Dask takes about as long as a
    small run, and the two then overlap. Elsewhere this process talks to it.
    """
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        yield from _in_process(units, job, options, address)
        return
    here, there = multiprocessing.get_context("fork").Pipe()
    child = multiprocessing.get_context("fork").Process(
        target=_dispatch, args=(there, address, job, options), daemon=True
    )
    child.start()
    there.close()
    try:
        yield from _through(here, chunked(units, CLUSTER_CHUNK), job, options)
    except EOFError:
        raise ClusterError(f"--scheduler {address}: the cluster's client stopped") from None
    finally:
        # Every result is in (or the run is over): the child's goodbye to the scheduler
        # is not waited for; the scheduler sees the client go either way.
        here.close()
        child.terminate()
        child.join(timeout=5)


def _through(
    here: Any, chunks: Iterator[list[Unit | InputError]], job: Job[R], options: ReadOptions
) -> Iterator[list[R | InputError]]:
    """Chunks worked here until the child has reached the cluster, then sent to it; the
    results in input order."""
    limit: int | None = None
    inflight = 0
    for chunk in chunks:
        if limit is None and here.poll():
            limit = _answer(here.recv())
        if limit is None:
            yield work(chunk, job, options)
            continue
        here.send(chunk)
        inflight += 1
        if inflight > limit:
            yield _answer(here.recv())
            inflight -= 1
    if limit is None:
        _answer(here.recv())  # all worked here: the cluster must still have answered
    here.send(None)
    for _ in range(inflight):
        yield _answer(here.recv())


def _answer(message: tuple[str, Any]) -> Any:
    kind, value = message
    if kind == "error":
        raise ClusterError(value)
    if kind == "crash":
        raise RuntimeError(value)
    return value


def _dispatch(conn: Any, address: str, job: Job[Any], options: ReadOptions) -> None:
    """The child: connect, then submit each chunk it is sent and send back the results
    in order, at most a few chunks a worker thread in flight."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent answers Ctrl-C, and ends this
    for name in ("SIGTERM", "SIGHUP"):
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    try:
        try:
            client, shared, slots = _connect(address, job)
        except ClusterError as e:
            conn.send(("error", str(e)))
            return
        with client:
            conn.send(("ready", 4 * slots))
            for result in _submitted(client, shared, slots, iter(conn.recv, None), options):
                conn.send(("result", result))
    except EOFError:  # the parent is gone
        return
    except BaseException as e:  # noqa: BLE001 - the parent reports it as a bug
        with contextlib.suppress(OSError):
            conn.send(("crash", f"{type(e).__name__}: {e}"))


def _connect(address: str, job: Job[Any]) -> tuple[Any, Any, int]:
    """A client of the cluster, the job on every worker, and the worker threads."""
    from distributed import Client

    # Dask logs a lost worker, a task rescheduled, a closing connection: newsfrag reports
    # what matters. Its configuration gives some loggers levels of their own.
    for name in [n for n in logging.root.manager.loggerDict if n.split(".")[0] == "distributed"]:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        client = Client(address, set_as_default=False, timeout=10)
    except (OSError, TimeoutError, ValueError) as e:
        raise ClusterError(f"--scheduler {address}: cannot connect: {e}") from None
    slots = max(1, sum(client.nthreads().values()))
    [shared] = client.scatter([job], broadcast=True)  # sent once, not with every chunk
    return client, shared, slots


def _in_process(
    units: Iterable[Unit | InputError], job: Job[R], options: ReadOptions, address: str
) -> Iterator[list[R | InputError]]:
    client, shared, slots = _connect(address, job)
    with client:
        yield from _submitted(client, shared, slots, chunked(units, CLUSTER_CHUNK), options)


def _submitted(
    client: Any,
    shared: Any,
    slots: int,
    chunks: Iterable[list[Unit | InputError]],
    options: ReadOptions,
) -> Iterator[list[Any]]:
    """Each chunk worked on the cluster, the results in order, at most a few chunks a
    worker thread in flight (memory stays flat). A small file goes as its path where
    the workers see this machine's files (one machine, a shared file system), else it
    is read here and its bytes go."""
    pending: deque[Any] = deque()
    readable: bool | None = None
    for chunk in chunks:
        if readable is None:
            later = next((u for u in chunk if isinstance(u, Later)), None)
            readable = later is not None and shares_files(client, later.path)
        if not readable:
            chunk = [u for unit in chunk for u in _here(unit, options)]
        pending.append(client.submit(work, chunk, shared, options, pure=False))
        if len(pending) > 4 * slots:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _here(unit: Unit | InputError, options: ReadOptions) -> list[Unit | InputError]:
    return read_here(unit, options) if isinstance(unit, Later) else [unit]


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
