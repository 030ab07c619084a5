"""One loop behind every subcommand: read documents, process each, write in order, report.

A subcommand is a ``Job``: ``process`` turns one document into a result (pure, so
it can run anywhere), ``emit`` turns results into output bytes in input order, and
``finish`` writes what only the whole run knows (totals, unique counts).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar, Generic, NamedTuple, TypeVar

from .document import Document
from .errors import ExitCode, InputError
from .output import RecordWriter
from .read.sources import Later, ReadOptions, Records, Unit, Whole, decode_unit

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

    from .markup import Roots

R = TypeVar("R")


class Job(Generic[R]):
    """What a subcommand does with each document; subclasses fill in ``process``.

    A job crosses to worker processes (``-j``) by pickling, whatever the start method;
    the fields named in ``main_only`` serve ``emit`` and ``finish`` alone, in the main
    process, and go to workers as None.
    """

    main_only: ClassVar[tuple[str, ...]] = ()

    @property
    def holds_output(self) -> bool:
        """Whether every byte waits for ``finish`` (a table drawn at the end): a progress
        bar may then show on the terminal the output goes to, until then."""
        return False

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        for name in self.main_only:
            state[name] = None
        return state

    def process(self, doc: Document, roots: Roots | None = None) -> R:
        """The result for ``doc``; ``roots``: its fragments already parsed."""
        raise NotImplementedError

    def process_all(self, docs: list[Document]) -> list[R]:
        """``process`` for documents read together, their fragments parsed together."""
        from .markup import parse_documents

        parsed = parse_documents(doc.fragments for doc in docs)
        return [self.process(doc, roots) for doc, roots in zip(docs, parsed, strict=True)]

    def emit(self, result: R) -> bytes:
        assert isinstance(result, bytes)
        return result

    def finish(self) -> bytes:
        return b""


class BlankLines:
    """Plain-text blocks, one per document, joined by a blank line between non-empty ones."""

    def __init__(self) -> None:
        self.started = False

    def __call__(self, block: bytes) -> bytes:
        if not block:
            return b""
        if self.started:
            return b"\n" + block
        self.started = True
        return block


class Blocks(Job[bytes]):
    """Plain-text output: what ``render`` gives for each document, as a block."""

    def __init__(self, render: Callable[[Document, Roots | None], bytes]) -> None:
        self.render = render
        self.between = BlankLines()

    def process(self, doc: Document, roots: Roots | None = None) -> bytes:
        return self.render(doc, roots)

    def emit(self, result: bytes) -> bytes:
        return self.between(result)


class Lines(Job[bytes]):
    """JSON-lines (or line-per-record) output: what ``render`` gives, as it is."""

    def __init__(self, render: Callable[[Document, Roots | None], bytes]) -> None:
        self.render = render

    def process(self, doc: Document, roots: Roots | None = None) -> bytes:
        return self.render(doc, roots)


class Tally(NamedTuple):
    """How a run went: the documents written and the inputs that could not be read."""

    documents: int
    failed: int

    @property
    def status(self) -> ExitCode:
        return ExitCode.BAD_INPUT if self.failed else ExitCode.OK


def run(
    units: Iterable[Unit | InputError],
    job: Job[R],
    out: BinaryIO,
    report: Callable[[InputError], None],
    options: ReadOptions = ReadOptions(),
    jobs: int = 1,
    progress: Callable[[int, int], object] | None = None,
    line_buffered: bool = False,
    before_finish: Callable[[], object] | None = None,
) -> Tally:
    """Process every document, report every bad input, and say how the run went.

    With ``jobs`` > 1, reading and processing run in that many worker processes
    while this one writes the results, in input order, as they come back.
    ``progress(documents, bytes)`` hears of each document done and each byte read.
    Output goes out in whole lines (``RecordWriter``). ``before_finish`` runs once every
    document is done, before what ``finish`` writes (it takes the progress bar away).
    """
    documents = failed = 0
    if progress is not None:
        units = _metered(units, progress)
    if jobs > 1:
        batches: Iterable[list[R | InputError]] = _parallel(units, job, options, jobs)
    else:
        batches = (_work(chunk, job, options) for chunk in _chunked(units, _CHUNK_BYTES))
    writer = RecordWriter(out, line_buffered)
    for batch in batches:
        if progress is not None:
            progress(len(batch), 0)
        for item in batch:
            if isinstance(item, InputError):
                writer.flush()  # the documents before it stand before its line
                report(item)
                failed += 1
            else:
                documents += 1
                writer.write(job.emit(item))
    writer.flush()
    if before_finish is not None:
        before_finish()
    writer.write(job.finish())
    writer.flush()
    return Tally(documents, failed)


def _metered(
    units: Iterable[Unit | InputError], progress: Callable[[int, int], object]
) -> Iterator[Unit | InputError]:
    for unit in units:
        if isinstance(unit, Whole):
            progress(0, len(unit.data))
        elif isinstance(unit, Records):
            progress(0, sum(len(line) + 1 for _, line in unit.lines))
        elif isinstance(unit, Later):
            progress(0, unit.size)
        yield unit


def _work(
    chunk: list[Unit | InputError], job: Job[R], options: ReadOptions
) -> list[R | InputError]:
    """The results and errors of a chunk of units, in order; its documents are processed
    together, so that short ones share a parser."""
    items = [
        part
        for unit in chunk
        for part in ([unit] if isinstance(unit, InputError) else decode_unit(unit, options))
    ]
    done = iter(job.process_all([item for item in items if isinstance(item, Document)]))
    return [item if isinstance(item, InputError) else next(done) for item in items]


# What a worker process works with, handed to it once as it starts.
_WORKER: tuple[Job[Any], ReadOptions] | None = None


def _start_worker(job: Job[Any], options: ReadOptions) -> None:
    global _WORKER
    _WORKER = (job, options)
    _worker_signals()


def _work_chunk(chunk: list[Unit | InputError]) -> list[Any]:
    assert _WORKER is not None
    job, options = _WORKER
    return _work(chunk, job, options)


def _parallel(
    units: Iterable[Unit | InputError], job: Job[R], options: ReadOptions, jobs: int
) -> Iterator[list[R | InputError]]:
    import multiprocessing  # only here: it costs start-up time that -j 1 need not pay
    from collections import deque

    context = multiprocessing.get_context(start_method())
    # At most a few chunks in flight per worker: memory stays flat on any corpus.
    with context.Pool(jobs, initializer=_start_worker, initargs=(job, options)) as pool:
        _widen_pipes(pool)
        pending: deque[AsyncResult[list[Any]]] = deque()
        for chunk in _chunked(units, _CHUNK_BYTES):
            pending.append(pool.apply_async(_work_chunk, (chunk,)))
            if len(pending) > 4 * jobs:
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
            fcntl.fcntl(getattr(pool, queue)._reader.fileno(), widen, _CHUNK_BYTES)


# A chunk of work (for a worker, or for this process with -j 1): about a megabyte of
# input. Fewer, bigger chunks cost less in messages between processes, and let short
# documents share a parser; a bound on their size keeps memory flat.
_CHUNK_BYTES = 1 << 20


def _chunked(units: Iterable[Unit | InputError], size: int) -> Iterator[list[Unit | InputError]]:
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
