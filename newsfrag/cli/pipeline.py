"""The one loop behind every subcommand: read documents, process each (here, or in
``-j`` worker processes), write in order, report; ``execute`` runs it for a command.

What each command does with a document is its ``Job`` (``jobs.py``). ``-o FILE`` is
replaced only when every input was read (exit 0).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple, TypeVar

import click

from ..errors import ExitCode, InputError
from ..jobs import Job
from ..read.sources import (
    Later,
    ReadOptions,
    Records,
    Unit,
    Walk,
    Whole,
    iter_paths,
    iter_units,
)
from .cluster import check_dask
from .env import Env
from .main import Quit
from .options import Inputs, current_env
from .output import RecordWriter, open_output
from .workers import CHUNK_BYTES, chunked, parallel, work

if TYPE_CHECKING:
    from .console import Meter

R = TypeVar("R")


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
    workers: int = 1,
    scheduler: str | None = None,
    progress: Callable[[int, int], object] | None = None,
    line_buffered: bool = False,
    before_finish: Callable[[], object] | None = None,
) -> Tally:
    """Process every document, report every bad input, and say how the run went.

    With ``scheduler`` (a Dask scheduler's address), the chunks go to its workers;
    with ``workers`` > 1, reading and processing run in that many worker processes
    while this one writes the results, in input order, as they come back.
    ``progress(documents, bytes)`` hears of each document done and each byte read.
    Output goes out in whole lines (``RecordWriter``). ``before_finish`` runs once every
    document is done, before what ``finish`` writes (it takes the progress bar away).
    """
    documents = failed = 0
    if progress is not None:
        units = _metered(units, progress)
    if scheduler is not None:
        from .cluster import on_cluster

        batches: Iterable[list[R | InputError]] = on_cluster(units, job, options, scheduler)
    elif workers > 1:
        batches = parallel(units, job, options, workers)
    else:
        batches = (work(chunk, job, options) for chunk in chunked(units, CHUNK_BYTES))
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


def execute(inputs: Inputs, job: Job[Any]) -> int:
    """Run ``job`` over the inputs; the exit status says whether every input could be read.

    ``-o FILE`` is replaced only when every input was read (exit 0): a Makefile target
    is then never newer than a failed run, and the next ``make`` tries again.
    """
    env = current_env()
    check_dask(inputs.scheduler)
    paths = inputs.paths
    if not paths:
        if env.stdin_isatty:
            raise click.UsageError("no input: give FILE… or pipe fragments into standard input")
        paths = ("-",)

    meter = _meter(inputs, env, paths, job.holds_output)

    def say(line: str) -> None:
        if meter is None:
            env.stderr.write(line)
            env.stderr.flush()
        else:
            meter.write(line)

    def report(error: InputError) -> None:
        say(f"newsfrag: {_printable(str(error))}\n")

    replaces = _replaces_file(inputs.output)
    try:
        with open_output(inputs.output, env.stdout) as out:
            units = iter_units(
                paths,
                env.stdin,
                inputs.read,
                later=inputs.workers > 1 or inputs.scheduler is not None,
                walk=inputs.walk,
            )
            progress = None if meter is None else meter.advance
            done = None if meter is None else meter.close
            tally = run(
                units,
                job,
                out,
                report,
                inputs.read,
                workers=inputs.workers,
                scheduler=inputs.scheduler,
                progress=progress,
                line_buffered=inputs.line_buffered,
                before_finish=done,
            )
            if tally.failed and replaces:
                raise _Unwritten(tally)  # the temporary file goes, FILE stays as it was
    except _Unwritten as e:
        tally = e.tally
    except BrokenPipeError:
        raise Quit(ExitCode.CLOSED_PIPE) from None
    except KeyboardInterrupt:
        raise Quit(ExitCode.INTERRUPTED) from None
    finally:
        if meter is not None:
            meter.close()
    if summary := _summary(tally, inputs.output if replaces else None):
        say(summary)
    return tally.status


def _replaces_file(output: str | None) -> bool:
    """Whether ``-o`` names a file the run replaces (not standard output, /dev/null or a FIFO)."""
    if output in (None, "-"):
        return False
    return not os.path.exists(str(output)) or os.path.isfile(str(output))


def _summary(tally: Tally, unwritten: str | None) -> str:
    """The run's last line when inputs failed: how many, and the ``-o`` file not written."""
    if not tally.failed or (tally.failed == 1 and unwritten is None):
        return ""  # one failure has said so in its own line
    line = (
        f"newsfrag: {tally.failed:,} of {tally.failed + tally.documents:,} inputs could not be read"
    )
    if unwritten is not None:
        left = "left as it was" if os.path.exists(unwritten) else "not written"
        line += f"; {_printable(unwritten)} {left}"
    return line + "\n"


class _Unwritten(Exception):  # noqa: N818 - not an error: the run's outcome, carried out of -o
    def __init__(self, tally: Tally) -> None:
        super().__init__(tally)
        self.tally = tally


def count_repeats(inputs: Inputs, at_least: int) -> dict[bytes, int]:
    """The first pass of ``clean --repeated``: the fragment texts found in ``at_least``
    documents or more of the inputs. An input that cannot be read is skipped here and
    reported by the run itself."""
    from ..clean.repeats import Repeats
    from ..read.sources import read_sources

    repeats = Repeats()
    for doc in read_sources(inputs.paths, None, inputs.read, inputs.walk):
        if not isinstance(doc, InputError):
            repeats.add(doc.fragments)
    return repeats.at_least(at_least)


def _meter(inputs: Inputs, env: Env, paths: tuple[str, ...], held: bool) -> Meter | None:
    """A progress bar when asked for, or by default on a terminal that the data does not
    go to as it comes (``held``: it all comes at the end, as a table)."""
    wanted = inputs.progress
    if wanted is None:
        to_terminal = env.stdout_isatty and inputs.output in (None, "-") and not held
        wanted = env.stderr_isatty and not to_terminal and env.environ.get("TERM") != "dumb"
    if not wanted:
        return None
    from .console import Meter

    total = None if "-" in paths else sum(_sizes(paths, inputs.walk))
    return Meter(env.stderr, total, color=inputs.color, environ=env.environ)


def _sizes(paths: tuple[str, ...], walk: Walk) -> Iterator[int]:
    for path in paths:
        for item in iter_paths(path, walk):
            if isinstance(item, str):
                with contextlib.suppress(OSError):  # reading it will say what is wrong
                    yield os.path.getsize(item)


def _printable(message: str) -> str:
    return message.replace("\n", "\\n").replace("\r", "\\r")
