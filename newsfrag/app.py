"""How every newsfrag command runs: the shared options, the one run, and how it ends.

Every way a run can end (done, bad input, usage error, closed pipe, Ctrl-C, a bug)
becomes an exit status and at most one line on stderr here, and nowhere else.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, cast

import click

from .env import Env
from .errors import ExitCode, InputError, NewsfragError
from .output import open_output
from .read.forms import FORMS, Form
from .read.sources import ReadOptions, Walk, iter_paths, iter_units
from .run import Job, Tally, cpu_count, run

if TYPE_CHECKING:
    from .console import Meter


class Inputs(NamedTuple):
    """The options every subcommand shares: what to read, how, and where to write."""

    paths: tuple[str, ...]
    read: ReadOptions
    output: str | None
    as_json: bool
    jobs: int = 1
    progress: bool | None = None  # None: when stderr is a terminal and the data goes elsewhere
    color: str = "auto"
    globs: tuple[str, ...] = ()
    line_buffered: bool = False

    @property
    def walk(self) -> Walk:
        """How directories are walked: ``--glob``, and never the ``-o`` file itself."""
        out = self.output
        skip = frozenset() if out in (None, "-") else frozenset({os.path.realpath(str(out))})
        return Walk(self.globs, skip)


def input_options(command: Callable[..., int]) -> Callable[..., int]:
    """FILE… and the options every subcommand takes, handed on as one ``Inputs``."""

    @click.argument(
        "files", nargs=-1, metavar="[FILE]...", type=click.Path(allow_dash=True, dir_okay=True)
    )
    @click.option(
        "--json", "as_json", is_flag=True, help="Write JSON lines, one object per record."
    )
    @click.option(
        "-o",
        "--output",
        metavar="FILE",
        type=click.Path(dir_okay=False, allow_dash=True),
        help="Write to FILE, replaced atomically only when every input was read (exit 0): "
        "after a failed run FILE is as it was, and make tries again.",
    )
    @click.option(
        "--from",
        "form",
        type=click.Choice(FORMS),
        metavar="FORM",
        help=f"Read every input as FORM ({', '.join(FORMS)}) instead of detecting it.",
    )
    @click.option(
        "--encoding-errors",
        type=click.Choice(["strict", "replace"]),
        default="strict",
        show_default=True,
        help="On bytes that are not UTF-8: report the input, or read on with U+FFFD.",
    )
    @click.option(
        "-g",
        "--glob",
        "globs",
        multiple=True,
        metavar="GLOB",
        help="In a directory, read the files GLOB matches, not the fragment-file kinds "
        "(.txt .json .jsonl .ndjson .html .htm, and .gz); !GLOB leaves files out. Repeatable.",
    )
    @click.option(
        "--line-buffered",
        is_flag=True,
        help="Write each line as it comes, in one write: lines from processes sharing a "
        "pipe (xargs -P) never interleave.",
    )
    @click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=0),
        default=1,
        show_default=True,
        metavar="N",
        help="Work in N processes (0: one per core); the output is the same, in the same order.",
    )
    @click.option(
        "--progress/--no-progress",
        default=None,
        help="A progress bar on stderr for a long run [default: when stderr is a terminal "
        "and the output goes to a file or pipe].",
    )
    @click.option(
        "--color",
        type=click.Choice(["auto", "always", "never"]),
        default="auto",
        show_default=True,
        help="Colour tables and progress (auto: on a terminal, unless NO_COLOR is set).",
    )
    @functools.wraps(command)
    def wrapper(
        files: tuple[str, ...],
        as_json: bool,
        output: str | None,
        form: str | None,
        encoding_errors: str,
        jobs: int,
        progress: bool | None,
        color: str,
        globs: tuple[str, ...],
        line_buffered: bool,
        **kwargs: Any,
    ) -> int:
        read = ReadOptions(
            cast(Form | None, form), cast(Literal["strict", "replace"], encoding_errors)
        )
        inputs = Inputs(
            files, read, output, as_json, jobs or cpu_count(), progress, color, globs, line_buffered
        )
        return command(inputs, **kwargs)

    return wrapper


def current_env() -> Env:
    """The streams of this run: the test runner's ``obj``, or the process's own."""
    return click.get_current_context().find_object(Env) or Env.from_sys()


def execute(inputs: Inputs, job: Job[Any]) -> int:
    """Run ``job`` over the inputs; the exit status says whether every input could be read.

    ``-o FILE`` is replaced only when every input was read (exit 0): a Makefile target
    is then never newer than a failed run, and the next ``make`` tries again.
    """
    env = current_env()
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
                paths, env.stdin, inputs.read, later=inputs.jobs > 1, walk=inputs.walk
            )
            progress = None if meter is None else meter.advance
            done = None if meter is None else meter.close
            tally = run(
                units,
                job,
                out,
                report,
                inputs.read,
                inputs.jobs,
                progress,
                inputs.line_buffered,
                done,
            )
            if tally.failed and replaces:
                raise _Unwritten(tally)  # the temporary file goes, FILE stays as it was
    except _Unwritten as e:
        tally = e.tally
    except BrokenPipeError:
        raise _Quit(ExitCode.CLOSED_PIPE) from None
    except KeyboardInterrupt:
        raise _Quit(ExitCode.INTERRUPTED) from None
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


def readable_twice(path: str) -> bool:
    """Whether a FILE can be read a second time: a regular file or a folder, not "-",
    a pipe or a device (a path that does not exist is reported by the run itself)."""
    if path == "-":
        return False
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return True
    return stat.S_ISREG(mode) or stat.S_ISDIR(mode)


def count_repeats(inputs: Inputs, at_least: int) -> dict[bytes, int]:
    """The first pass of ``clean --repeated``: the fragment texts found in ``at_least``
    documents or more of the inputs. An input that cannot be read is skipped here and
    reported by the run itself."""
    from .clean.repeats import Repeats
    from .read.sources import read_sources

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


class _Quit(Exception):  # noqa: N818 - not an error: a quiet end that click lets through
    """End the run quietly with this status (click would print for Ctrl-C and EPIPE)."""

    def __init__(self, status: ExitCode) -> None:
        super().__init__(status)
        self.status = status


class Signalled(BaseException):
    """SIGTERM or SIGHUP ended the run: it unwinds as Ctrl-C does, so that no temporary
    file is left, and the exit status is 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_end_runs() -> Iterator[None]:
    """SIGTERM and SIGHUP raise ``Signalled`` while the block runs (not where they are
    ignored already, as under nohup); the handlers before are put back after it."""
    import signal

    previous: dict[int, Any] = {}

    def ended(signum: int, frame: object) -> None:
        for sig in previous:  # the cleanup that follows is not cut short by another
            signal.signal(sig, signal.SIG_IGN)
        raise Signalled(signum)

    for name in ("SIGTERM", "SIGHUP"):  # Windows has no SIGHUP
        sig = getattr(signal, name, None)
        if sig is None or signal.getsignal(sig) == signal.SIG_IGN:
            continue
        try:
            previous[sig] = signal.signal(sig, ended)
        except ValueError:  # not the main thread: leave the signals as they are
            break
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _printable(message: str) -> str:
    return message.replace("\n", "\\n").replace("\r", "\\r")


class NewsfragGroup(click.Group):
    """Turns every way a run can end into one line on stderr and an exit status."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args) or ["--help"]  # bare: the help
        try:
            with _signals_end_runs():
                status = super().main(argv, prog_name or "newsfrag", standalone_mode=False, **extra)
        except Signalled as e:
            status = 128 + e.signum
        except click.UsageError as e:
            hint = f" (see '{e.ctx.command_path} --help')" if e.ctx else ""
            click.echo(f"newsfrag: {e.format_message()}{hint}", err=True)
            status = ExitCode.USAGE
        except click.ClickException as e:
            click.echo(f"newsfrag: {e.format_message()}", err=True)
            status = e.exit_code
        except _Quit as e:
            status = e.status
            if status == ExitCode.CLOSED_PIPE:
                _silence_stdout()
        except (KeyboardInterrupt, click.Abort):
            status = ExitCode.INTERRUPTED
        except NewsfragError as e:
            click.echo(f"newsfrag: {e}", err=True)
            status = ExitCode.BAD_INPUT
        except Exception as e:  # noqa: BLE001 - the one place a bug becomes a message
            if "--debug" in argv:
                import traceback

                traceback.print_exc()
            click.echo(
                f"newsfrag: internal error: {type(e).__name__}: {e} (--debug shows more)", err=True
            )
            status = ExitCode.SOFTWARE
        status = int(status or 0)
        if standalone_mode:
            sys.exit(status)
        return status


def _silence_stdout() -> None:
    # The reader is gone: point stdout at /dev/null so the flush at exit cannot complain.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass
