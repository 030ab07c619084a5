"""The command line as a user meets it: exit statuses, one-line errors, stdin, -o."""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import BinaryIO, cast

import pytest
from click.testing import CliRunner

from newsfrag import __version__
from newsfrag.cli.commands import cli
from newsfrag.cli.env import Env

from .conftest import invoke


def test_version() -> None:
    ran = invoke("--version")
    assert (ran.stdout, ran.code) == (f"newsfrag, version {__version__}\n", 0)


def test_stdin_and_dash_and_a_file_give_the_same_output(tmp_path: Path) -> None:
    data = "['One', 'Two']"
    path = tmp_path / "a.txt"
    path.write_text(data, encoding="utf-8")
    outputs = {
        invoke("text", stdin=data).stdout,
        invoke("text", "-", stdin=data).stdout,
        invoke("text", str(path)).stdout,
    }
    assert outputs == {"One\nTwo\n"}


def test_a_bad_input_is_one_line_and_the_rest_is_still_written(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('["first"]', encoding="utf-8")
    (tmp_path / "b.txt").write_text("['broken", encoding="utf-8")
    (tmp_path / "c.json").write_text('["last"]', encoding="utf-8")
    ran = invoke("text", str(tmp_path))
    assert ran.code == 1
    assert ran.stdout == "first\n\nlast\n"
    assert ran.stderr == (
        f"newsfrag: {tmp_path / 'b.txt'}:1:2: not a Python list: unterminated string literal"
        " (detected at line 1)\n"
    )


def test_a_missing_file_exits_1_with_its_name() -> None:
    ran = invoke("text", "no/such/file.txt")
    assert (ran.stdout, ran.code) == ("", 1)
    assert ran.stderr == "newsfrag: no/such/file.txt: No such file or directory\n"


def test_an_unknown_option_is_a_usage_error_on_one_line() -> None:
    ran = invoke("text", "--jsn")
    assert ran.code == 2
    assert ran.stderr.count("\n") == 1
    assert ran.stderr.startswith("newsfrag: No such option '--jsn'")
    assert "newsfrag text --help" in ran.stderr


def test_no_input_from_a_terminal_is_a_usage_error_that_says_how() -> None:
    stdout = io.BytesIO()
    env = Env(stdin=io.BytesIO(), stdout=stdout, stderr=io.StringIO(), stdin_isatty=True)
    result = CliRunner().invoke(cli, ["text"], obj=env)
    assert result.exit_code == 2
    assert "no input: give FILE… or pipe fragments into standard input" in result.stderr
    assert stdout.getvalue() == b""


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old contents\n", encoding="utf-8")
    ran = invoke("text", "-o", str(target), stdin="['new']")
    assert (ran.stdout, ran.code) == ("", 0)
    assert target.read_text(encoding="utf-8") == "new\n"
    assert sorted(os.listdir(tmp_path)) == ["out.txt"]


def test_an_output_that_cannot_be_created_is_one_line_and_exit_1(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.txt"
    ran = invoke("text", "-o", str(target), stdin="['a']")
    assert (ran.code, ran.stdout) == (1, "")
    assert ran.stderr == f"newsfrag: {target}: cannot write the output: No such file or directory\n"


def test_a_full_disk_under_stdout_is_one_line_and_exit_1() -> None:
    with open("/dev/full", "wb") as full:  # Linux: every write fails with ENOSPC
        proc = subprocess.run(
            [_installed(), "text"], input=b"['a']", stdout=full, stderr=subprocess.PIPE, check=False
        )
    assert proc.returncode == 1
    assert proc.stderr == (
        b"newsfrag: standard output: cannot write the output: No space left on device\n"
    )


def test_output_through_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old contents\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    ran = invoke("text", "-o", str(link), stdin="['new']")
    assert ran.code == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "new\n"
    assert sorted(os.listdir(tmp_path)) == ["link.txt", "real.txt"]


def test_output_to_a_fifo_writes_into_it_instead_of_replacing_it(tmp_path: Path) -> None:
    # As /dev/null: what is not a regular file is written to, never renamed over.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    ran = invoke("text", "-o", str(fifo), stdin="['through the pipe']")
    reader.join(timeout=10)
    assert ran.code == 0
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(os.listdir(tmp_path)) == ["pipe"]


def test_an_internal_error_leaves_the_old_output_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsfrag.text

    def broken(*args: object, **kwargs: object) -> bytes:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(newsfrag.text, "document_paragraphs", broken)
    target = tmp_path / "out.txt"
    target.write_text("old contents\n", encoding="utf-8")
    ran = invoke("text", "-o", str(target), stdin="['new']")
    assert ran.code == 70
    assert ran.stderr == (
        "newsfrag: internal error: ZeroDivisionError: a bug (--debug shows more)\n"
    )
    assert target.read_text(encoding="utf-8") == "old contents\n"
    assert sorted(os.listdir(tmp_path)) == ["out.txt"]


def test_surrogates_from_python_escapes_never_crash_the_output() -> None:
    ran = invoke("text", "--json", stdin="['a\\ud800b']")
    assert (ran.stdout, ran.code) == ('{"source": "-", "paragraphs": ["a\\ud800b"]}\n', 0)
    assert invoke("text", stdin="['a\\ud800b']").stdout == "a\ufffdb\n"


def _installed() -> str:
    exe = shutil.which("newsfrag") or str(Path(sys.executable).with_name("newsfrag"))
    assert Path(exe).exists(), "newsfrag is not installed: pip install -e '.[test]'"
    return exe


def test_the_installed_console_script_reads_a_pipe(examples: Path) -> None:
    data = (examples / "kyiv-power.json").read_bytes()
    proc = subprocess.run([_installed(), "text"], input=data, capture_output=True, check=False)
    assert proc.returncode == 0
    assert proc.stderr == b""
    assert proc.stdout.decode().splitlines()[3] == (
        'Residents queued at "invincibility points" \u2014 heated tents with generators '
        "\u2014 to charge phones."
    )


def test_the_installed_console_script_reports_bad_input_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02")
    proc = subprocess.run([_installed(), "text", str(bad)], capture_output=True, check=False)
    assert proc.returncode == 1
    assert proc.stderr.decode() == (
        f"newsfrag: {bad}: binary file (it holds NUL bytes), not a fragment file\n"
    )


@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_an_error_stands_after_the_output_of_the_inputs_before_it(
    tmp_path: Path, unbuffered: str
) -> None:
    # 2>&1 into one file, as a Makefile log or a terminal shows both streams.
    for name, content in [("1.txt", "['one']"), ("2.txt", "[2]"), ("3.txt", "['three']")]:
        (tmp_path / name).write_text(content, encoding="utf-8")
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    proc = subprocess.run(
        [_installed(), "text", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stdout.decode() == (
        f"one\nnewsfrag: {tmp_path / '2.txt'}: item 0 is a number, not a string\n\nthree\n"
    )


def test_every_byte_is_written_to_a_stream_that_takes_a_few_at_a_time() -> None:
    # What an unbuffered stdout (PYTHONUNBUFFERED) on a full pipe does.
    from newsfrag.cli.output import write_all

    class Trickle(io.RawIOBase):
        def __init__(self) -> None:
            self.got = bytearray()

        def writable(self) -> bool:
            return True

        def write(self, data: bytes | memoryview) -> int:  # type: ignore[override]
            chunk = bytes(data)[:3]
            self.got += chunk
            return len(chunk)

    out = Trickle()
    write_all(cast(BinaryIO, out), "Ünïcode paragraph\n".encode())
    assert out.got.decode() == "Ünïcode paragraph\n"
