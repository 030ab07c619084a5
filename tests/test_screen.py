"""What the installed newsfrag leaves on a real terminal (a pty, read by a terminal
emulator): a progress bar while a table's rows are gathered, one bar at a time, and no
trace of it when the run ends, however it ends."""

from __future__ import annotations

import io
import json
import os
import pty
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyte

from newsfrag.cli.console import Meter

NEWSFRAG = str(Path(sys.executable).with_name("newsfrag"))
COLUMNS, ROWS = 100, 30
BAR = "documents"  # the words of the progress bar


def _on_terminal(
    argv: list[str], during: Callable[[int, bytearray], None] = lambda pid, drawn: None
) -> tuple[list[str], bytes, int, list[list[str]]]:
    """Run ``argv`` with a pty as its terminal; the final screen, every byte it drew,
    its exit status and the screens seen on the way."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the pty is its stdin, stdout and stderr
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS)}
        env.pop("NO_COLOR", None)
        os.execve(argv[0], argv, env)  # noqa: S606 - the pty child becomes the command
    screen = pyte.Screen(COLUMNS, ROWS)
    stream = pyte.ByteStream(screen)
    raw = b""
    seen: list[list[str]] = []
    drawn = bytearray()  # what has been drawn so far, for ``during`` to watch
    threading.Thread(target=during, args=(pid, drawn), daemon=True).start()
    while True:
        try:
            data = os.read(fd, 1 << 16)
        except OSError:  # EIO: the child is gone and the pty closed
            break
        if not data:
            break
        raw += data
        drawn.extend(data)
        stream.feed(data)
        seen.append(list(screen.display))
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return list(screen.display), raw, os.waitstatus_to_exitcode(status), seen


def _slow_input(tmp_path: Path, records: int = 40, pause: float = 1.2) -> Path:
    """A FIFO fed a record, then the rest after ``pause``: a run that is surely long
    enough for the bar, however fast the machine."""
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "w", encoding="utf-8") as writer:
            writer.write(json.dumps(["First paragraph. It has two sentences."]) + "\n")
            writer.flush()
            time.sleep(pause)
            for n in range(records):
                writer.write(json.dumps([f"Paragraph {n} of the rest."]) + "\n")

    threading.Thread(target=feed, daemon=True).start()
    return fifo


def test_a_table_gathers_under_a_bar_that_is_gone_when_it_is_drawn(tmp_path: Path) -> None:
    screen, raw, status, _ = _on_terminal([NEWSFRAG, "stats", str(_slow_input(tmp_path))])
    assert status == 0
    assert BAR.encode() in raw  # the bar showed while the rows were gathered
    assert BAR not in "\n".join(screen)  # and left no trace
    assert b"source" in raw[raw.rindex(BAR.encode()) :]  # the table came after the bar
    drawn = [line for line in screen if line.strip()]
    # By hand: "First paragraph. It has two sentences." (6 words, 2 sentences, 38
    # characters) and 40 of "Paragraph N of the rest." (5 words, 1 sentence, 24 or 25).
    assert drawn[-1].split() == ["total", "41", "41", "206", "42", "1028", "0", "0.87"]
    assert all("…" in line for line in drawn[-5:-2])  # long sources, shortened to fit


def _interrupt(sig: int) -> Callable[[int, bytearray], None]:
    def send(pid: int, drawn: bytearray) -> None:
        deadline = time.monotonic() + 30
        while BAR.encode() not in drawn and time.monotonic() < deadline:
            time.sleep(0.02)  # the signal comes once the bar is on the screen
        os.kill(pid, sig)

    return send


def _corpus(folder: Path, count: int = 2500) -> Path:
    """Articles enough that cleaning them takes seconds."""
    folder.mkdir()
    paragraph = "The council said the river would stay high until Friday, and that " * 4
    for n in range(count):
        article = [f"Story {n}.", *(f"{paragraph}{k}." for k in range(8)), "Sign up now."]
        (folder / f"a{n:05}.json").write_text(json.dumps(article), encoding="utf-8")
    return folder


def test_a_bar_leaves_no_trace_when_the_run_is_interrupted_or_ended(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    for sig, code in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
        argv = [NEWSFRAG, "clean", "--json", "-o", str(tmp_path / "out.jsonl"), str(corpus)]
        screen, raw, status, _ = _on_terminal(argv, _interrupt(sig))
        assert status == code
        assert BAR.encode() in raw
        assert BAR not in "\n".join(screen)
        assert "Traceback" not in "\n".join(screen)


def test_two_stages_of_a_pipeline_never_draw_two_bars(tmp_path: Path) -> None:
    fifo = _slow_input(tmp_path, records=200)
    pipeline = f"{NEWSFRAG} clean --json {fifo} | {NEWSFRAG} stats --json > {tmp_path / 'o'}"
    screen, raw, status, seen = _on_terminal(["/bin/sh", "-c", pipeline])
    assert status == 0
    assert BAR.encode() in raw
    assert all("\n".join(s).count(BAR) <= 1 for s in seen)
    assert BAR not in "\n".join(screen)
    assert len((tmp_path / "o").read_text(encoding="utf-8").splitlines()) == 201


def test_a_second_bar_waits_until_the_first_is_gone() -> None:
    # Two meters on one terminal, as two newsfrag processes would hold them.
    master, slave = pty.openpty()
    with (
        open(slave, "w", encoding="utf-8", closefd=False) as first_file,
        open(os.ttyname(slave), "w", encoding="utf-8") as second_file,
    ):
        first = Meter(first_file, None, color="never", environ={}, delay=0.0)
        second = Meter(second_file, None, color="never", environ={}, delay=0.0)
        first.advance(1, 0)
        second.advance(1, 0)
        assert (first._shown, second._shown) == (True, False)
        first.close()
        second._tried = 0.0  # it asks again at its next advance
        second.advance(1, 0)
        assert second._shown
        second.close()
    os.close(master)
    os.close(slave)


def test_a_meter_off_a_terminal_shows_without_asking() -> None:
    meter = Meter(io.StringIO(), None, color="never", environ={}, delay=0.0)
    meter.advance(1, 0)
    assert meter._shown
    meter.close()
