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
from .forms import FORMS, Form
from .output import open_output
from .reading import ReadOptions, iter_paths, iter_units
from .run import Job, cpu_count, run

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
        help="Write to FILE, replaced atomically once the run is over.",
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
        **kwargs: Any,
    ) -> int:
        read = ReadOptions(
            cast(Form | None, form), cast(Literal["strict", "replace"], encoding_errors)
        )
        inputs = Inputs(files, read, output, as_json, jobs or cpu_count(), progress, color)
        return command(inputs, **kwargs)

    return wrapper


def current_env() -> Env:
    """The streams of this run: the test runner's ``obj``, or the process's own."""
    return click.get_current_context().find_object(Env) or Env.from_sys()


def execute(inputs: Inputs, job: Job[Any]) -> int:
    """Run ``job`` over the inputs; the exit status says whether every input could be read."""
    env = current_env()
    paths = inputs.paths
    if not paths:
        if env.stdin_isatty:
            raise click.UsageError("no input: give FILE… or pipe fragments into standard input")
        paths = ("-",)

    meter = _meter(inputs, env, paths)

    try:
        with open_output(inputs.output, env.stdout) as out:

            def report(error: InputError) -> None:
                # The output so far first: where both streams go to one terminal or
                # file (2>&1), the error stands after the documents before it.
                out.flush()
                line = f"newsfrag: {_printable(str(error))}\n"
                if meter is None:
                    env.stderr.write(line)
                    env.stderr.flush()
                else:
                    meter.write(line)

            units = iter_units(paths, env.stdin, inputs.read, later=inputs.jobs > 1)
            progress = None if meter is None else meter.advance
            return run(units, job, out, report, inputs.read, inputs.jobs, progress)
    except BrokenPipeError:
        raise _Quit(ExitCode.CLOSED_PIPE) from None
    except KeyboardInterrupt:
        raise _Quit(ExitCode.INTERRUPTED) from None
    finally:
        if meter is not None:
            meter.close()


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
    from .reading import read_sources

    repeats = Repeats()
    for doc in read_sources(inputs.paths, None, inputs.read):
        if not isinstance(doc, InputError):
            repeats.add(doc.fragments)
    return repeats.at_least(at_least)


def _meter(inputs: Inputs, env: Env, paths: tuple[str, ...]) -> Meter | None:
    """A progress bar when asked for, or by default on a terminal that the data does not go to."""
    wanted = inputs.progress
    if wanted is None:
        to_terminal = env.stdout_isatty and inputs.output in (None, "-")
        wanted = env.stderr_isatty and not to_terminal and env.environ.get("TERM") != "dumb"
    if not wanted:
        return None
    from .console import Meter

    total = None if "-" in paths else sum(_sizes(paths))
    return Meter(env.stderr, total, color=inputs.color, environ=env.environ)


def _sizes(paths: tuple[str, ...]) -> Iterator[int]:
    for path in paths:
        for item in iter_paths(path):
            if isinstance(item, str):
                with contextlib.suppress(OSError):  # reading it will say what is wrong
                    yield os.path.getsize(item)


class _Quit(Exception):  # noqa: N818 - not an error: a quiet end that click lets through
    """End the run quietly with this status (click would print for Ctrl-C and EPIPE)."""

    def __init__(self, status: ExitCode) -> None:
        super().__init__(status)
        self.status = status


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
        argv = list(sys.argv[1:] if args is None else args)
        try:
            status = super().main(argv, prog_name or "newsfrag", standalone_mode=False, **extra)
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
