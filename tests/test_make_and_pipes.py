"""newsfrag as a Makefile step and beside other processes, through the installed command:
a failed run never replaces its -o target, a signal leaves no temporary file, and lines
from processes sharing one pipe never tear."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import EXAMPLES

NEWSFRAG = str(Path(sys.executable).with_name("newsfrag"))
ARTICLES = ["york-floods.txt", "kyiv-power.json", "lisboa-eletrico.json"]


def _raw(root: Path) -> Path:
    raw = root / "raw"
    raw.mkdir()
    for name in ARTICLES:
        shutil.copy(EXAMPLES / name, raw / name)
    return raw


def _make(root: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    make = shutil.which("make")
    assert make is not None, "GNU make runs examples/Makefile: install it"
    return subprocess.run(
        [make, "-f", str(EXAMPLES / "Makefile"), f"NEWSFRAG={NEWSFRAG}", *targets],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*.tmp"))


def test_the_example_makefile_fails_on_a_broken_input_until_it_is_fixed(tmp_path: Path) -> None:
    raw = _raw(tmp_path)
    build = tmp_path / "build"
    first = _make(tmp_path)
    assert first.returncode == 0, first.stderr
    records = (build / "clean.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(r)["source"] for r in records] == [
        f"raw/{name}" for name in sorted(ARTICLES)
    ]
    before = (build / "clean.jsonl").read_bytes()
    assert "Ouse" in (build / "text.txt").read_text(encoding="utf-8")

    (raw / "broken.txt").write_text("['A first paragraph.', 'cut off", encoding="utf-8")
    for _ in range(2):  # the next make fails again: no target newer than the failure
        failed = _make(tmp_path)
        assert failed.returncode != 0
        assert "newsfrag: raw/broken.txt:1:" in failed.stderr
        assert "build/clean.jsonl left as it was" in failed.stderr
        assert (build / "clean.jsonl").read_bytes() == before
        assert _leftovers(tmp_path) == []

    (raw / "broken.txt").write_text("['A first paragraph.', 'Now whole.']", encoding="utf-8")
    fixed = _make(tmp_path)
    assert fixed.returncode == 0, fixed.stderr
    assert len((build / "clean.jsonl").read_text(encoding="utf-8").splitlines()) == 4
    assert "Now whole." in (build / "text.txt").read_text(encoding="utf-8")
    assert _make(tmp_path).stdout.startswith("make: Nothing to be done")


def test_one_target_per_article_leaves_no_empty_target_for_a_broken_one(tmp_path: Path) -> None:
    raw = _raw(tmp_path)
    (raw / "broken.txt").write_text("['cut off", encoding="utf-8")
    for _ in range(2):
        ran = _make(tmp_path, "-k", "each")
        assert ran.returncode != 0
        made = sorted(p.name for p in (tmp_path / "build" / "each").iterdir())
        assert made == sorted(f"{name}.jsonl" for name in ARTICLES)
    (raw / "broken.txt").write_text("['Whole.']", encoding="utf-8")
    assert _make(tmp_path, "each").returncode == 0
    assert (tmp_path / "build" / "each" / "broken.txt.jsonl").stat().st_size > 0


def test_a_failed_run_leaves_an_absent_target_absent(tmp_path: Path) -> None:
    raw = _raw(tmp_path)
    (raw / "broken.txt").write_bytes(b"['caf\xe9']")
    out = tmp_path / "out.jsonl"
    ran = subprocess.run(
        [NEWSFRAG, "clean", "--json", "-o", str(out), str(raw)], capture_output=True, check=False
    )
    assert ran.returncode == 1
    assert not out.exists()
    assert ran.stderr.decode().splitlines()[-1] == (
        f"newsfrag: 1 of 4 inputs could not be read; {out} not written"
    )
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("signum", "jobs"),
    [
        (signal.SIGTERM, "1"),
        (signal.SIGHUP, "1"),
        (signal.SIGINT, "1"),
        (signal.SIGTERM, "2"),
        (signal.SIGHUP, "2"),
    ],
)
def test_a_signal_ends_a_run_with_128_plus_n_and_no_temporary_file(
    signum: int, jobs: str, tmp_path: Path
) -> None:
    # Input that never ends: the run is surely underway, its temporary file open.
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    out = tmp_path / "out.jsonl"
    out.write_text("the old target\n", encoding="utf-8")
    proc = subprocess.Popen(
        [NEWSFRAG, "text", "--json", "-j", jobs, "-o", str(out), str(fifo)],
        stderr=subprocess.PIPE,
    )
    with open(fifo, "w", encoding="utf-8") as writer:
        writer.write('["One."]\n')
        writer.flush()
        deadline = time.monotonic() + 20
        while not _leftovers(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _leftovers(tmp_path) != []
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=20)
    assert proc.returncode == 128 + signum
    assert _leftovers(tmp_path) == []
    assert out.read_text(encoding="utf-8") == "the old target\n"
    assert b"Traceback" not in err


def _articles(folder: Path, count: int) -> list[str]:
    folder.mkdir()
    paths = []
    for n in range(count):
        links = "".join(
            f'<a href="https://example.org/{n}/{k}/{"é" * (n % 7)}">link {k} é</a> '
            for k in range(20)
        )
        path = folder / f"a{n:04}.json"
        path.write_text(json.dumps([f"Article {n} ü. {links}"] * 3), encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.mark.parametrize("command", ["links", "text"])
def test_line_buffered_lines_from_processes_sharing_a_pipe_never_tear(
    command: str, tmp_path: Path
) -> None:
    # What `xargs -P8 -n25 newsfrag links --json --line-buffered` does: eight writers
    # on one pipe, each line under PIPE_BUF.
    paths = _articles(tmp_path / "corpus", 200)
    read_end, write_end = os.pipe()
    procs = [
        subprocess.Popen(
            [NEWSFRAG, command, "--json", "--line-buffered", *paths[i : i + 25]],
            stdout=write_end,
        )
        for i in range(0, len(paths), 25)
    ]
    os.close(write_end)
    with os.fdopen(read_end, "rb") as reader:
        data = reader.read()
    assert all(p.wait(timeout=60) == 0 for p in procs)
    lines = data.decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]  # a torn line would not parse
    expected = 200 * 3 * 20 if command == "links" else 200
    assert len(records) == expected


def test_a_walk_run_twice_with_its_output_inside_reads_the_articles_only(tmp_path: Path) -> None:
    raw = _raw(tmp_path)
    (raw / "index.csv").write_text("source,title\n", encoding="utf-8")
    (raw / "thumb.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    out = raw / "out.jsonl"
    for _ in range(2):
        ran = subprocess.run(
            [NEWSFRAG, "clean", "--json", "-o", str(out), str(raw)],
            capture_output=True,
            check=False,
        )
        assert (ran.returncode, ran.stderr) == (0, b"")
        assert len(out.read_bytes().splitlines()) == len(ARTICLES)


@pytest.mark.parametrize("command", ["text", "clean", "links", "stats"])
def test_empty_input_of_every_kind_is_zero_documents_and_exit_0(
    command: str, tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "folder").mkdir()
    for args, stdin in (
        ([str(tmp_path / "empty.txt")], b""),
        ([], b""),
        ([str(tmp_path / "folder")], b""),
    ):
        ran = subprocess.run(
            [NEWSFRAG, command, "--json", *args], input=stdin, capture_output=True, check=False
        )
        assert (ran.returncode, ran.stdout, ran.stderr) == (0, b"", b""), args


def test_a_file_of_printed_python_lists_is_a_document_a_line(tmp_path: Path) -> None:
    printed = tmp_path / "printed.txt"
    printed.write_text("['Lead one.', 'More one.']\n['Lead two.']\n", encoding="utf-8")
    ran = subprocess.run(
        [NEWSFRAG, "text", "--json", str(printed)], capture_output=True, check=False
    )
    assert ran.returncode == 0
    assert [json.loads(line) for line in ran.stdout.splitlines()] == [
        {"source": f"{printed}:1", "paragraphs": ["Lead one.", "More one."]},
        {"source": f"{printed}:2", "paragraphs": ["Lead two."]},
    ]
