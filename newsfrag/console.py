"""What newsfrag draws on a terminal: the ``stats`` table and the progress bar.

The only module that imports rich, and only imported when something is drawn: a
pipe gets tab-separated text from the cores and never pays for rich.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Literal, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .stats import FIELDS, LABELS, DocStats

__all__ = ["COLOR_CHOICES", "Meter", "make_console", "print_stats_table", "stats_table"]

COLOR_CHOICES = ("auto", "always", "never")
_WIDEST = 1 << 20  # room enough to measure any table at its natural width

# Control characters in a source (a file name can hold any) are shown escaped: a
# newline would break the row, an ESC would reach the terminal.
_VISIBLE = str.maketrans(
    {i: f"\\x{i:02x}" for i in (*range(32), *range(127, 160))}
    | {9: "\\t", 10: "\\n", 13: "\\r", 0x2028: "\\u2028", 0x2029: "\\u2029"}
)


def make_console(
    file: TextIO,
    color: str = "auto",
    *,
    terminal: bool | None = None,
    environ: Mapping[str, str] | None = None,
) -> Console:
    """A console on ``file`` that prints data literally: no markup, emoji codes or highlighting.

    ``color``: "never" writes no escape codes at all; "always" colours even into a
    pipe, whatever NO_COLOR or TERM say (an explicit choice wins); "auto" leaves it
    to rich, which colours a terminal unless NO_COLOR is set (bold stays) or TERM
    is dumb, and colours a pipe when FORCE_COLOR is set. ``terminal`` says that
    ``file`` stands for a terminal (a buffer whose content goes to one); ``None``
    asks the file itself. ``environ`` replaces ``os.environ`` for these checks.
    """
    if color not in COLOR_CHOICES:
        raise ValueError(f"color must be one of {', '.join(COLOR_CHOICES)}, not {color!r}")
    if color == "never":
        return _console(file, environ, terminal, color_system=None, no_color=True)
    if color == "always":
        console = _console(file, environ, True, color_system="auto", no_color=False)
        if console.color_system is None:  # TERM=dumb: colour was asked for all the same
            console = _console(file, environ, True, color_system="standard", no_color=False)
        return console
    return _console(file, environ, terminal, color_system="auto", no_color=None)


def _console(
    file: TextIO,
    environ: Mapping[str, str] | None,
    terminal: bool | None,
    *,
    color_system: Literal["auto", "standard"] | None,
    no_color: bool | None,
) -> Console:
    return Console(
        file=file,
        force_terminal=terminal,
        color_system=color_system,
        no_color=no_color,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
        _environ=environ,
    )


def stats_table(rows: Sequence[DocStats], totals: DocStats | None) -> Table:
    """One row per document, figures right-aligned, and the totals under a line.

    Sources are Text objects, so "[bold]" in a path is printed, not obeyed. With
    totals but no rows (``--total``), the totals are the only row.
    """
    footer = totals is not None and len(rows) > 0
    table = Table(
        box=box.SIMPLE,
        header_style="bold",
        footer_style="bold",
        show_footer=footer,
        show_edge=False,
        pad_edge=False,
    )
    cells = [_cells(totals)] if totals is not None else [[Text("")] * (len(FIELDS) + 1)]
    table.add_column("source", footer=cells[0][0], no_wrap=True)
    for i, name in enumerate(FIELDS, start=1):
        table.add_column(LABELS[name], footer=cells[0][i], justify="right", no_wrap=True)
    for row in rows:
        table.add_row(*_cells(row))
    if totals is not None and not footer:
        table.add_row(*_cells(totals), style="bold")
    return table


def _cells(s: DocStats) -> list[Text]:
    figures = [str(getattr(s, n)) for n in FIELDS]
    return [Text(s.source.translate(_VISIBLE)), *(Text(f) for f in figures)]


def print_stats_table(console: Console, rows: Sequence[DocStats], totals: DocStats | None) -> None:
    """Print the table at its natural width: a table wider than the terminal widens
    the console instead of wrapping or cutting a source or a figure."""
    table = stats_table(rows, totals)
    unbounded = console.options.update(max_width=_WIDEST)
    needed = console.measure(table, options=unbounded).maximum
    if needed > console.width:
        console.width = needed
    console.print(table)


class Meter:
    """A progress bar on stderr (documents, MB, MB/s, ETA), drawn only once a run is long.

    Nothing shows for a run that ends within ``delay`` seconds, so quick calls in a
    Makefile or a shell stay quiet; the bar is transient and leaves no trace.
    """

    def __init__(
        self,
        file: TextIO,
        total_bytes: int | None,
        *,
        color: str = "auto",
        environ: Mapping[str, str] | None = None,
        delay: float = 0.5,
    ) -> None:
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        console = make_console(file, color, terminal=True, environ=environ)
        columns = [SpinnerColumn(), TextColumn("{task.fields[documents]} documents")]
        if total_bytes:
            columns += [BarColumn(), TaskProgressColumn()]
        columns += [TransferSpeedColumn(), TimeRemainingColumn()]
        self._progress = Progress(*columns, console=console, transient=True)
        self._task = self._progress.add_task("", total=total_bytes or None, documents=0)
        self._documents = 0
        self._start = time.monotonic()
        self._delay = delay
        self._shown = False

    def advance(self, documents: int, nbytes: int) -> None:
        """Count what the run has read so far."""
        self._documents += documents
        self._progress.update(self._task, advance=nbytes, documents=self._documents)
        if not self._shown and time.monotonic() - self._start >= self._delay:
            self._progress.start()
            self._shown = True

    def write(self, line: str) -> None:
        """A message on stderr, printed above the bar rather than through it."""
        if self._shown:
            self._progress.console.print(line.rstrip("\n"), soft_wrap=True)
        else:
            self._progress.console.file.write(line)

    def close(self) -> None:
        """Take the bar off the screen."""
        if self._shown:
            self._progress.stop()
