"""The streams and facts about them that a run works with, passed in rather than looked up.

Tests build an ``Env`` of their own (a terminal on stdin, say) instead of patching ``sys``.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Mapping
from typing import BinaryIO, NamedTuple, TextIO


class Env(NamedTuple):
    """Standard streams, whether each is a terminal, and the environment variables."""

    stdin: BinaryIO | None  # None: closed (newsfrag <&-)
    stdout: BinaryIO
    stderr: TextIO
    stdin_isatty: bool = False
    stdout_isatty: bool = False
    stderr_isatty: bool = False
    environ: Mapping[str, str] = {}  # a NamedTuple default: shared, so never mutated

    @classmethod
    def from_sys(cls) -> Env:
        """The process's own streams (as click's test runner may have swapped them)."""
        # A stream closed by the shell (<&- >&- 2>&-) is None in sys: reading it is an
        # input error, writing to it an output error, and messages go nowhere.
        return cls(
            stdin=sys.stdin.buffer if sys.stdin is not None else None,
            stdout=sys.stdout.buffer if sys.stdout is not None else _ClosedOutput(),
            stderr=sys.stderr if sys.stderr is not None else io.StringIO(),
            stdin_isatty=_isatty(sys.stdin),
            stdout_isatty=_isatty(sys.stdout),
            stderr_isatty=_isatty(sys.stderr),
            environ=dict(os.environ),
        )


class _ClosedOutput(io.BytesIO):
    """Standard output that the shell closed: every write fails as on a closed descriptor."""

    def write(self, data: object) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except ValueError:  # a closed stream
        return False
