"""Shared helpers: run the CLI in-process and see its three outputs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsfrag.cli.commands import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@dataclass(frozen=True)
class Ran:
    """What a run of newsfrag printed and how it exited."""

    stdout: str
    stderr: str
    code: int


def invoke(*args: str, stdin: bytes | str | None = None) -> Ran:
    """Run ``newsfrag ARGS`` in-process with ``stdin`` piped in."""
    result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    return Ran(result.stdout, result.stderr, result.exit_code)


@pytest.fixture
def examples() -> Path:
    """The example articles shipped in the repo (written for it, not scraped)."""
    return EXAMPLES
