"""One hierarchy for everything a user may be told; the CLI turns it into one line."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """Exit statuses, after grep and sysexits.h."""

    OK = 0
    BAD_INPUT = 1  # some input could not be read; the rest was processed
    USAGE = 2
    SOFTWARE = 70  # an internal error: a bug in newsfrag
    HANGUP = 129  # 128 + SIGHUP
    INTERRUPTED = 130  # 128 + SIGINT
    CLOSED_PIPE = 141  # 128 + SIGPIPE: the reader went away (newsfrag … | head)
    TERMINATED = 143  # 128 + SIGTERM (timeout, kill)


class NewsfragError(Exception):
    """An error meant for the user, not a traceback."""


class InputError(NewsfragError):
    """One input (a file, a record of a stream) could not be read.

    The run goes on with the other inputs; ``str()`` gives the user's line
    without the program name: ``SOURCE[:LINE[:COL]]: what is wrong``.
    """

    def __init__(
        self, source: str, message: str, line: int | None = None, col: int | None = None
    ) -> None:
        super().__init__(source, message, line, col)
        self.source = source
        self.message = message
        self.line = line
        self.col = col

    @property
    def where(self) -> str:
        place = self.source
        if self.line is not None:
            place += f":{self.line}"
            if self.col is not None:
                place += f":{self.col}"
        return place

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class RulesError(NewsfragError):
    """A user's rules file (``clean --rules``) cannot be used."""


class OutputError(NewsfragError):
    """The output (``-o FILE`` or standard output) cannot be written: the run stops."""

    def __init__(self, target: str, reason: str) -> None:
        super().__init__(target, reason)
        self.target = target
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.target}: cannot write the output: {self.reason}"
