"""The command line: options in, one call into the core per command, an exit status out."""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, Literal, NamedTuple, cast

import click

from . import __version__
from .env import Env
from .errors import ExitCode, InputError, NewsfragError
from .forms import FORMS, Form
from .output import open_output
from .reading import ReadOptions, iter_units
from .run import Job, cpu_count, run


class Inputs(NamedTuple):
    """The options every subcommand shares: what to read, how, and where to write."""

    paths: tuple[str, ...]
    read: ReadOptions
    output: str | None
    as_json: bool
    jobs: int = 1


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
    @click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=0),
        default=1,
        show_default=True,
        metavar="N",
        help="Work in N processes (0: one per core); the output is the same, in the same order.",
    )
    @functools.wraps(command)
    def wrapper(
        files: tuple[str, ...],
        as_json: bool,
        output: str | None,
        form: str | None,
        encoding_errors: str,
        jobs: int,
        **kwargs: Any,
    ) -> int:
        read = ReadOptions(
            cast(Form | None, form), cast(Literal["strict", "replace"], encoding_errors)
        )
        return command(Inputs(files, read, output, as_json, jobs or cpu_count()), **kwargs)

    return wrapper


def _env() -> Env:
    return click.get_current_context().find_object(Env) or Env.from_sys()


def execute(inputs: Inputs, job: Job[Any]) -> int:
    """Run ``job`` over the inputs; the exit status says whether every input could be read."""
    env = _env()
    paths = inputs.paths
    if not paths:
        if env.stdin_isatty:
            raise click.UsageError("no input: give FILE… or pipe fragments into standard input")
        paths = ("-",)

    def report(error: InputError) -> None:
        env.stderr.write(f"newsfrag: {_printable(str(error))}\n")

    try:
        with open_output(inputs.output, env.stdout) as out:
            units = iter_units(paths, env.stdin, inputs.read)
            return run(units, job, out, report, inputs.read, inputs.jobs)
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
    from .text import text_job

    return execute(inputs, text_job(inputs.as_json, markdown))


@cli.command(
    epilog="""\b
Examples:
  newsfrag clean raw/ > clean.txt
  newsfrag clean --json raw/ | newsfrag links --json | jq -r .url
  newsfrag clean --json --explain article.txt | jq .dropped
""",
)
@input_options
@click.option(
    "--explain",
    is_flag=True,
    help="Say which rule dropped which fragment: a 'dropped' list with --json, else on stderr.",
)
@click.option(
    "--rules",
    "rules_file",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="Add the patterns in FILE (NAME<TAB>REGEX a line) to the built-in rules.",
)
@click.option("--keep-boilerplate", is_flag=True, help="Clean the markup but drop no fragment.")
def clean(inputs: Inputs, explain: bool, rules_file: str | None, keep_boilerplate: bool) -> int:
    """Drop boilerplate and junk markup: the article itself, ready for the other commands."""
    from .jobs import CleanJob
    from .rules import DEFAULT_RULES, load_rules

    rules = DEFAULT_RULES
    if rules_file is not None:
        try:
            rules = (*DEFAULT_RULES, *load_rules(rules_file))
        except NewsfragError as e:
            raise click.BadParameter(str(e), param_hint="--rules") from None
    env = _env()
    job = CleanJob(inputs.as_json, rules, keep_boilerplate, explain, env.stderr.write)
    return execute(inputs, job)


@cli.command(
    epilog="""\b
Examples:
  newsfrag links article.txt | cut -f1
  newsfrag links --json --base https://www.bbc.co.uk/news/ raw/ | jq -r .url | sort -u
  newsfrag links --unique --external --domain bbc.co.uk raw/
""",
)
@input_options
@click.option(
    "--base", metavar="URL", help="Resolve relative links against URL, as a browser would."
)
@click.option("--domain", metavar="HOST", help="The site's own host, for --internal/--external.")
@click.option("--unique", is_flag=True, help="Each URL once, at its first place, with a count.")
@click.option("--internal", is_flag=True, help="Only links to the site's own host.")
@click.option("--external", is_flag=True, help="Only links to other hosts.")
@click.option("--scheme", metavar="LIST", help="Only links with these schemes, e.g. https,mailto.")
def links(
    inputs: Inputs,
    base: str | None,
    domain: str | None,
    unique: bool,
    internal: bool,
    external: bool,
    scheme: str | None,
) -> int:
    """List every link with its text and place: URL<TAB>TEXT, or JSON lines."""
    from .jobs import LinksJob
    from .links import LinkOptions, check_options

    schemes = (
        frozenset(s.strip().lower() for s in scheme.split(",") if s.strip()) if scheme else None
    )
    options = LinkOptions(base, domain, unique, internal, external, schemes)
    try:
        check_options(options)
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    return execute(inputs, LinksJob(options, inputs.as_json))


@cli.command(
    epilog="""\b
Examples:
  newsfrag stats article.txt
  newsfrag stats corpus/ | sort -t$'\\t' -k4n | tail
  newsfrag stats --total --json corpus/
""",
)
@input_options
@click.option("--total", "only_total", is_flag=True, help="Only the totals over every document.")
@click.option("--sort", metavar="FIELD", help="Sort the rows by FIELD (source or a figure).")
@click.option("--reverse", is_flag=True, help="Sort in descending order.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the terminal table (auto: on a terminal, unless NO_COLOR is set).",
)
def stats(inputs: Inputs, only_total: bool, sort: str | None, reverse: bool, color: str) -> int:
    """Count fragments, paragraphs, words, sentences, characters and links."""
    from .jobs import StatsJob
    from .stats import FIELDS

    if sort is not None and sort not in ("source", *FIELDS):
        raise click.BadParameter(
            f"{sort!r} is not one of source, {', '.join(FIELDS)}", param_hint="--sort"
        )
    env = _env()
    table = None
    if env.stdout_isatty and not inputs.as_json and inputs.output is None:
        table = functools.partial(_draw_table, color=color, environ=env.environ)
    job = StatsJob(inputs.as_json, only_total, sort, reverse, table)
    return execute(inputs, job)


def _draw_table(rows: list[Any], totals: Any, *, color: str, environ: Any) -> bytes:
    from .console import make_console, print_stats_table

    buffer = io.StringIO()
    console = make_console(buffer, color)
    print_stats_table(console, rows, totals)
    return buffer.getvalue().encode("utf-8")


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
