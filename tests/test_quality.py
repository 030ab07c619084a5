"""The code stays as pyproject.toml configures it: ruff and mypy --strict find nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_finds_nothing() -> None:
    ran = _run("ruff", "check", "newsfrag", "tests", "bench")
    assert ran.returncode == 0, ran.stdout + ran.stderr


def test_mypy_strict_finds_nothing() -> None:
    ran = _run("mypy", "--strict", "newsfrag", "tests")
    assert ran.returncode == 0, ran.stdout + ran.stderr
