"""The options every subcommand shares, as a decorator bundle, handed on as ``Inputs``."""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Callable
from typing import Any, Literal, NamedTuple, cast

import click

from ..read.forms import FORMS, Form
from ..read.sources import ReadOptions, Walk
from .env import Env
from .workers import cpu_count

__all__ = ["Inputs", "current_env", "input_options", "readable_twice"]


class Inputs(NamedTuple):
    """The options every subcommand shares: what to read, how, and where to write."""

    paths: tuple[str, ...]
    read: ReadOptions
    output: str | None
    as_json: bool
    workers: int = 1  # processes (-j N, --jobs N)
    progress: bool | None = None  # None: when stderr is a terminal and the data goes elsewhere
    color: str = "auto"
    globs: tuple[str, ...] = ()
    line_buffered: bool = False
    scheduler: str | None = None  # a Dask scheduler's address: the work goes there

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
        "--scheduler",
        metavar="ADDRESS",
        envvar="NEWSFRAG_SCHEDULER",
        help="Work on the Dask cluster at ADDRESS (tcp://host:8786) instead of in local "
        "processes; the output is the same, in the same order. Needs newsfrag[dask].",
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
        scheduler: str | None,
        **kwargs: Any,
    ) -> int:
        read = ReadOptions(
            cast(Form | None, form), cast(Literal["strict", "replace"], encoding_errors)
        )
        inputs = Inputs(
            files,
            read,
            output,
            as_json,
            jobs or cpu_count(),
            progress,
            color,
            globs,
            line_buffered,
            scheduler or None,
        )
        return command(inputs, **kwargs)

    return wrapper


def current_env() -> Env:
    """The streams of this run: the test runner's ``obj``, or the process's own."""
    return click.get_current_context().find_object(Env) or Env.from_sys()


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
