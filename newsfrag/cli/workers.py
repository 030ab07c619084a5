"""-j: the worker processes a run's chunks go to, and how they are started and ended.

Each worker is handed the job and the read options once, as it starts, whatever the
start method (fork, forkserver, spawn); it reads and processes chunks of inputs and
sends back their results, which the main process writes in input order.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from ..document import Document
from ..errors import InputError
from ..jobs import Job
from ..read.sources import Later, ReadOptions, Records, Unit, Whole, decode_unit

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

__all__ = ["CHUNK_BYTES", "chunked", "cpu_count", "parallel", "start_method", "work"]

R = TypeVar("R")


# What a worker process works with, handed to it once as it starts.
_WORKER: tuple[Job[Any], ReadOptions] | None = None


def _start_worker(job: Job[Any], options: ReadOptions) -> None:
    global _WORKER
    _WORKER = (job, options)
    _worker_signals()


def _work_chunk(chunk: list[Unit | InputError]) -> list[Any]:
    assert _WORKER is not None
    job, options = _WORKER
    return work(chunk, job, options)


def parallel(
    units: Iterable[Unit | InputError], job: Job[R], options: ReadOptions, workers: int
) -> Iterator[list[R | InputError]]:
    import multiprocessing  # only here: it costs start-up time that -j 1 need not pay
    from collections import deque

    context = multiprocessing.get_context(start_method())
    # At most a few chunks in flight per worker: memory stays flat on any corpus.
    with context.Pool(workers, initializer=_start_worker, initargs=(job, options)) as pool:
        _widen_pipes(pool)
        pending: deque[AsyncResult[list[Any]]] = deque()
        for chunk in chunked(units, CHUNK_BYTES):
            pending.append(pool.apply_async(_work_chunk, (chunk,)))
            if len(pending) > 4 * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def start_method() -> str | None:
    """How worker processes start: fork on Linux, where it is safe and quickest; the
    platform's own default elsewhere (spawn on Windows and macOS). The job reaches the
    workers the same way under every method."""
    import sys

    return "fork" if sys.platform == "linux" else None


def _widen_pipes(pool: object) -> None:
    """Let the pool's pipes hold a chunk, a megabyte, rather than 64 KiB: a chunk's
    results then cross in one write instead of sixteen turns of writer and reader,
    which cost the main process a quarter of its time. The pipes are the pool's own,
    not public: where they are not found (not Linux, another Python), nothing changes."""
    try:
        import fcntl

        widen = fcntl.F_SETPIPE_SZ
    except (ImportError, AttributeError):
        return
    for queue in ("_inqueue", "_outqueue"):
        # AttributeError: the pool keeps no such pipe; OSError: over the system's limit.
        with contextlib.suppress(AttributeError, OSError, ValueError):
            fcntl.fcntl(getattr(pool, queue)._reader.fileno(), widen, CHUNK_BYTES)


def _worker_signals() -> None:
    import signal

    # Ctrl-C reaches the whole process group: the main process alone answers it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker inherits the main process's SIGTERM and SIGHUP handlers, which
    # unwind a run: a worker just ends (the pool ends its workers with SIGTERM).
    for name in ("SIGTERM", "SIGHUP"):
        if (sig := getattr(signal, name, None)) is not None:
            signal.signal(sig, signal.SIG_DFL)


def cpu_count() -> int:
    """The cores this process may run on (what ``-j 0`` means)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def work(chunk: list[Unit | InputError], job: Job[R], options: ReadOptions) -> list[R | InputError]:
    """The results and errors of a chunk of units, in order; its documents are processed
    together, so that short ones share a parser."""
    items = [
        part
        for unit in chunk
        for part in ([unit] if isinstance(unit, InputError) else decode_unit(unit, options))
    ]
    done = iter(job.process_all([item for item in items if isinstance(item, Document)]))
    return [item if isinstance(item, InputError) else next(done) for item in items]


# A chunk of work (for a worker, or for this process with -j 1): about a megabyte of
# input. Fewer, bigger chunks cost less in messages between processes, and let short
# documents share a parser; a bound on their size keeps memory flat.
CHUNK_BYTES = 1 << 20


def chunked(units: Iterable[Unit | InputError], size: int) -> Iterator[list[Unit | InputError]]:
    chunk: list[Unit | InputError] = []
    held = 0
    for unit in units:
        chunk.append(unit)
        if isinstance(unit, Whole):
            held += len(unit.data)
        elif isinstance(unit, Later):
            held += unit.size
        elif isinstance(unit, Records):  # a batch of lines is a megabyte already
            held = size
        if held >= size:
            yield chunk
            chunk, held = [], 0
    if chunk:
        yield chunk
