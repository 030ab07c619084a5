"""The streams and facts about them that a run works with, passed in rather than looked up.

Tests build an ``Env`` of their own (a terminal on stdin, say) instead of patching ``sys``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import BinaryIO, NamedTuple, TextIO


class Env(NamedTuple):
    """Standard streams, whether each is a terminal, and the environment variables."""

    stdin: BinaryIO
    stdout: BinaryIO
    stderr: TextIO
    stdin_isatty: bool = False
    stdout_isatty: bool = False
    stderr_isatty: bool = False
    environ: Mapping[str, str] = {}  # a NamedTuple default: shared, so never mutated

    @classmethod
    def from_sys(cls) -> Env:
        """The process's own streams (as click's test runner may have swapped them)."""
        return cls(
            stdin=sys.stdin.buffer,
            stdout=sys.stdout.buffer,
            stderr=sys.stderr,
            stdin_isatty=_isatty(sys.stdin),
            stdout_isatty=_isatty(sys.stdout),
            stderr_isatty=_isatty(sys.stderr),
            environ=dict(os.environ),
        )


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except ValueError:  # a closed stream
        return False
