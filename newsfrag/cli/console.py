"""What newsfrag draws on a terminal: the ``stats`` table and the progress bar.

The only module that imports rich, and only when something is drawn: a pipe gets
tab-separated text from the cores, and a run too short for its progress bar ends
before rich is loaded.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TextIO

if TYPE_CHECKING:
    from rich.console import Console

    from ..stats import DocStats

__all__ = ["COLOR_CHOICES", "Meter", "make_console", "print_stats_table"]

COLOR_CHOICES = ("auto", "always", "never")
_REFRESH = 0.1  # seconds between two updates of a progress bar's counts


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
    from rich.console import Console

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


def print_stats_table(console: Console, rows: Sequence[DocStats], totals: DocStats | None) -> None:
    """Draw the table to fit the console's width (``table.layout``): heads and totals in
    bold, the rows as plain text in one write, however many there are."""
    from rich.text import Text

    from ..table import layout

    plain: list[str] = []
    for line in layout(rows, totals, console.width):
        if line.style in ("row", "rule"):
            plain.append(line.text + "\n")
            continue
        if plain:
            console.file.write("".join(plain))
            plain = []
        console.print(Text(line.text, style="bold"), soft_wrap=True)
    if plain:
        console.file.write("".join(plain))


class Meter:
    """A progress bar on stderr (documents, MB, MB/s, ETA), drawn only once a run is long.

    Nothing shows for a run that ends within ``delay`` seconds, so quick calls in a
    Makefile or a shell stay quiet; the bar is transient and leaves no trace. One bar
    at a time on a terminal: a bar holds a lock on the terminal device while it shows,
    so the other stages of a pipeline (``newsfrag clean | newsfrag stats``) and the
    other jobs of ``make -j`` stay quiet until it is gone.
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
        self._file = file
        self._total = total_bytes
        self._color = color
        self._environ = environ
        self._documents = 0
        self._bytes = 0
        self._start = time.monotonic()
        self._delay = delay
        self._progress: Any = None  # rich's Progress, made when the bar first shows
        self._task: Any = None
        self._lock: int | None = None
        self._tried = 0.0  # when the terminal was last asked for
        self._updated = 0.0  # when the bar was last told the counts

    @property
    def _shown(self) -> bool:
        return self._progress is not None

    def advance(self, documents: int, nbytes: int) -> None:
        """Count what the run has read so far."""
        self._documents += documents
        self._bytes += nbytes
        now = time.monotonic()
        if self._progress is not None:
            if now - self._updated >= _REFRESH:  # the bar redraws no faster than this
                self._updated = now
                self._progress.update(self._task, completed=self._bytes, documents=self._documents)
            return
        if now - self._start >= self._delay and now - self._tried >= self._delay:
            self._tried = now
            if self._claim():
                self._show()

    def _show(self) -> None:
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        console = make_console(self._file, self._color, terminal=True, environ=self._environ)
        columns = [SpinnerColumn(), TextColumn("{task.fields[documents]} documents")]
        if self._total:
            columns += [BarColumn(), TaskProgressColumn()]
        columns += [TransferSpeedColumn(), TimeRemainingColumn()]
        self._progress = Progress(
            *columns, console=console, transient=True, refresh_per_second=1 / _REFRESH
        )
        self._task = self._progress.add_task(
            "", total=self._total or None, completed=self._bytes, documents=self._documents
        )
        self._progress.start()

    def _claim(self) -> bool:
        """Whether this bar may show: no other holds the terminal (where that can be told)."""
        try:
            import fcntl

            fd = os.open(os.ttyname(self._file.fileno()), os.O_RDONLY | os.O_NOCTTY)
        except (ImportError, OSError, AttributeError, ValueError, io.UnsupportedOperation):
            return True  # not a terminal device, or no locks here: nothing to share
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._lock = fd
        return True

    def write(self, line: str) -> None:
        """A message on stderr, printed above the bar rather than through it."""
        if self._progress is not None:
            self._progress.console.print(line.rstrip("\n"), soft_wrap=True)
        else:
            self._file.write(line)
            self._file.flush()

    def close(self) -> None:
        """Take the bar off the screen and let another show; once is enough."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
        if self._lock is not None:
            os.close(self._lock)  # the lock goes with it
            self._lock = None
        self._start = float("inf")  # closed: it never shows again
