"""Decoration follows the conventions: tables and bars only on a terminal, never in data."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner

from newsfrag.cli.commands import cli
from newsfrag.cli.console import Meter
from newsfrag.cli.env import Env

from .conftest import invoke


def test_force_color_never_puts_a_table_or_escapes_into_a_pipe() -> None:
    result = CliRunner(env={"FORCE_COLOR": "1"}).invoke(cli, ["stats"], input="['One two.']")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == "-\t1\t1\t2\t1\t8\t0\t0.01"  # 2 / 238
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("command", ["text", "clean", "links", "stats"])
def test_every_command_takes_the_colour_and_progress_options(command: str) -> None:
    ran = invoke(command, "--help")
    assert "--color [auto|always|never]" in ran.stdout
    assert "--progress / --no-progress" in ran.stdout


def _run(*args: str, stderr_isatty: bool, stdout_isatty: bool = False) -> tuple[str, str]:
    stdout, stderr = io.BytesIO(), io.StringIO()
    env = Env(io.BytesIO(b"['One.']"), stdout, stderr, False, stdout_isatty, stderr_isatty, {})
    result = CliRunner().invoke(cli, list(args), obj=env, catch_exceptions=False)
    assert result.exit_code == 0
    return stdout.getvalue().decode(), stderr.getvalue()


def test_a_quick_run_shows_no_progress_bar_even_on_a_terminal() -> None:
    assert _run("text", stderr_isatty=True) == ("One.\n", "")


def test_no_progress_bar_when_stderr_is_not_a_terminal() -> None:
    assert _run("text", stderr_isatty=False) == ("One.\n", "")


def test_the_progress_bar_counts_documents_and_the_share_read() -> None:
    screen = io.StringIO()
    meter = Meter(screen, total_bytes=1000, color="never", environ={}, delay=0.0)
    meter.advance(3, 500)
    meter.close()
    drawn = screen.getvalue()
    assert "3 documents" in drawn
    assert "50%" in drawn


def test_messages_during_a_bar_go_above_it() -> None:
    screen = io.StringIO()
    meter = Meter(screen, total_bytes=None, color="never", environ={}, delay=0.0)
    meter.advance(1, 10)
    meter.write("newsfrag: a.txt: broken\n")
    meter.close()
    assert "newsfrag: a.txt: broken" in screen.getvalue()
