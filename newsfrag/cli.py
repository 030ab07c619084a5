"""The command line: options in, one call into the core per command, an exit status out."""

from __future__ import annotations

import functools
import io
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast

import click

from . import __version__
from .env import Env
from .errors import ExitCode, InputError, NewsfragError
from .forms import FORMS, Form
from .output import open_output
from .reading import ReadOptions, read_sources
from .run import Blocks, Job, Lines, run
from .text import render_text


@dataclass(frozen=True)
class Inputs:
    """The options every subcommand shares: what to read, how, and where to write."""

    paths: tuple[str, ...]
    read: ReadOptions
    output: str | None
    as_json: bool


def input_options(command: Callable[..., int]) -> Callable[..., int]:
    """FILE… and the options every subcommand takes, handed on as one ``Inputs``."""

    @click.argument("files", nargs=-1, type=click.Path(allow_dash=True, dir_okay=True))
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
    @functools.wraps(command)
    def wrapper(
        files: tuple[str, ...],
        as_json: bool,
        output: str | None,
        form: str | None,
        encoding_errors: str,
        **kwargs: Any,
    ) -> int:
        read = ReadOptions(
            cast(Form | None, form), cast(Literal["strict", "replace"], encoding_errors)
        )
        return command(Inputs(files, read, output, as_json), **kwargs)

    return wrapper


def execute(inputs: Inputs, job: Job[Any]) -> int:
    """Run ``job`` over the inputs; the exit status says whether every input could be read."""
    env = click.get_current_context().find_object(Env) or Env.from_sys()
    paths = inputs.paths
    if not paths:
        if env.stdin_isatty:
            raise click.UsageError("no input: give FILE… or pipe fragments into standard input")
        paths = ("-",)

    def report(error: InputError) -> None:
        env.stderr.write(f"newsfrag: {_printable(str(error))}\n")

    try:
        with open_output(inputs.output, env.stdout) as out:
            return run(read_sources(paths, env.stdin, inputs.read), job, out, report)
    except BrokenPipeError:
        raise _Quit(ExitCode.CLOSED_PIPE) from None
    except KeyboardInterrupt:
        raise _Quit(ExitCode.INTERRUPTED) from None


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
                traceback.print_exc()
            click.echo(
                f"newsfrag: internal error: {type(e).__name__}: {e} (--debug shows more)", err=True
            )
            status = ExitCode.SOFTWARE
        status = int(status or 0)
        if standalone_mode:
            sys.exit(status)
        return status


@click.group(
    "newsfrag", cls=NewsfragGroup, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, "-V", "--version", prog_name="newsfrag")
@click.option("--debug", is_flag=True, help="Show a traceback on an internal error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Read, clean and measure news fragment files.

    A fragment file is an article scraped paragraph by paragraph: a list of HTML
    fragments, as a Python list, a JSON array, JSON lines, an HTML page, or one
    fragment a line. Each subcommand reads files, directories or standard input.
    """
    if not isinstance(ctx.obj, Env):
        ctx.obj = Env.from_sys()


@cli.command(
    epilog="""\b
Examples:
  newsfrag text article.txt
  newsfrag text --json corpus/ | jq -r .source
  newsfrag clean raw/ | newsfrag text --markdown
""",
)
@input_options
@click.option("--markdown", is_flag=True, help="Keep bold, italics and links as Markdown.")
def text(inputs: Inputs, markdown: bool) -> int:
    """Print the text of each article, one paragraph a line."""
    render = functools.partial(render_text, as_json=inputs.as_json, markdown=markdown)
    return execute(inputs, Lines(render) if inputs.as_json else Blocks(render))


def _silence_stdout() -> None:
    # The reader is gone: point stdout at /dev/null so the flush at exit cannot complain.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def main() -> None:
    """The console script."""
    cli.main()
