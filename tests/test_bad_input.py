"""Dirty input on every subcommand: one line on stderr, the rest still written, exit 1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import invoke

COMMANDS = ["text", "clean", "links", "stats"]


# (name, file content, what the one line on stderr says after "newsfrag: SOURCE")
BAD = [
    ("code", b"__import__('os').system('touch pwned')", ":1: Python code, not fragments"),
    ("call in list", b"['a', __import__('os').getcwd()]", ":1:7: item 1 is a call"),
    ("lambda", b"['a', lambda: 1]", ":1:7: item 1 is a lambda"),
    ("truncated list", b"['a', 'b'", ":1:1: not a Python list: '[' was never closed"),
    ("unterminated string", b"['a', 'b]", ":1:7: not a Python list: unterminated string"),
    ("dict", b"{'a': 'b'}", ":1:2: not JSON"),
    ("numbers", b"['a', 2, 'c']", ":1:7: item 1 is a number, not a string"),
    ("nested list", b'["a", ["b"]]', ": item 1 is a nested list, not a string"),
    ("deep nesting", b"[" * 200_000, ":1:201: not a Python list: too many nested parentheses"),
    ("not UTF-8", b"['caf\xe9']", ":1:6: not valid UTF-8 (byte 0xe9)"),
    ("binary", b"\x7fELF\x02\x01\x01\x00\x00\x00", ": binary file (it holds NUL bytes)"),
]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("name", "content", "message"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_file_is_one_line_and_the_good_one_is_still_written(
    command: str, name: str, content: bytes, message: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.json"
    good.write_text(json.dumps(['<a href="https://x.org/">Still here</a>']), encoding="utf-8")
    ran = invoke(command, str(bad), str(good))
    assert ran.code == 1, name
    assert ran.stderr.startswith(f"newsfrag: {bad}{message}"), ran.stderr
    assert ran.stderr.count("\n") == 1
    assert "Traceback" not in ran.stderr
    assert "Still here" in ran.stdout or str(good) in ran.stdout  # stats names the document


@pytest.mark.parametrize("command", COMMANDS)
def test_a_broken_json_line_is_reported_by_number_and_the_others_are_read(command: str) -> None:
    stream = (
        '["<a href=\\"/one\\">one</a>"]\n["broken\n'
        '{"no": "fragments"}\n["<a href=\\"/four\\">four</a>"]\n'
    )
    ran = invoke(command, "--json", stdin=stream)
    assert ran.code == 1
    assert ran.stderr.splitlines() == [
        "newsfrag: -:2:2: not JSON: Unterminated string starting at",
        'newsfrag: -:3: expected an object with "fragments"',
        "newsfrag: 2 of 4 inputs could not be read",
    ]
    sources = [json.loads(line)["source"] for line in ran.stdout.splitlines()]
    assert sources[0] == "-:1"
    assert sources[-1] == "-:4"


@pytest.mark.parametrize("command", COMMANDS)
def test_an_empty_list_is_a_document_with_no_fragments(command: str) -> None:
    ran = invoke(command, stdin="[]")
    assert (ran.code, ran.stderr) == (0, "")


def test_encoding_errors_replace_reads_on() -> None:
    ran = invoke("text", "--encoding-errors", "replace", stdin=b"['caf\xe9']")
    assert (ran.stdout, ran.code) == ("caf\ufffd\n", 0)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_large_fragment_with_many_links_is_read_and_processed(command: str) -> None:
    # About 1.6 MB and 30,000 links in one fragment: work per link must not grow with
    # the fragment (it once did, and 20 MB took an hour in links).
    fragment = 'Words and <b>bold</b> &amp; <a href="/x">more</a>. ' * 30_000
    ran = invoke(command, "--json", stdin=json.dumps([fragment, "next"]))
    assert (ran.code, ran.stderr) == (0, "")
    records = [json.loads(line) for line in ran.stdout.splitlines()]
    if command == "text":
        assert records[0]["paragraphs"][1] == "next"
        assert records[0]["paragraphs"][0].count("Words and bold & more.") == 30_000
    elif command == "clean":
        assert records[0]["fragments"][0].count('<a href="/x">more</a>') == 30_000
    elif command == "links":
        assert len(records) == 30_000
        assert records[-1] == {
            "source": "-",
            "fragment": 0,
            "href": "/x",
            "url": None,
            "text": "more",
        }
    else:
        assert (records[0]["link_count"], records[0]["word_count"]) == (
            30_000,
            4 * 30_000 + 1,
        )  # Words, and, bold, more; "&" is no word; next


def _installed() -> str:
    return str(Path(sys.executable).with_name("newsfrag"))


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps(["A paragraph of text."] * 50) + "\n" * 1, encoding="utf-8")
    with corpus.open("a", encoding="utf-8") as f:
        for _ in range(3000):
            f.write(json.dumps(["A paragraph of text."] * 50) + "\n")
    script = f"'{_installed()}' text '{corpus}' | head -1; echo \"${{PIPESTATUS[0]}}\" >&2"
    proc = subprocess.run(["/bin/bash", "-c", script], capture_output=True, check=False)
    assert proc.stdout == b"A paragraph of text.\n"
    assert proc.stderr.decode().strip() in ("0", "141")  # nothing but the status


def test_ctrl_c_ends_quietly_with_130_and_leaves_the_old_output(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    proc = subprocess.Popen(
        [_installed(), "text", "-o", str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    proc.stdin.write(b'["first"]\n')
    proc.stdin.flush()
    time.sleep(1.0)  # let it start and block on reading more
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert stderr == b""
    assert target.read_text(encoding="utf-8") == "old\n"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import newsfrag.stats

    def broken(*args: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(newsfrag.stats, "document_stats", broken)
    ran = invoke("stats", stdin="['a']")
    assert (ran.code, ran.stderr) == (
        70,
        "newsfrag: internal error: RuntimeError: boom (--debug shows more)\n",
    )
    ran = invoke("--debug", "stats", stdin="['a']")
    assert ran.code == 70
    assert "Traceback (most recent call last)" in ran.stderr


@pytest.mark.parametrize(
    ("command", "stderr"),
    [
        ("text <&-", "newsfrag: -: standard input is not available\n"),
        (
            "text >&- <<< \"['a']\"",
            "newsfrag: standard output: cannot write the output: standard output is closed\n",
        ),
        ("text 2>&- <<< '[1]'", ""),  # the error has nowhere to go; the status still tells
    ],
)
def test_a_closed_standard_stream_is_no_internal_error(command: str, stderr: str) -> None:
    script = f"'{_installed()}' {command}"
    proc = subprocess.run(["/bin/bash", "-c", script], capture_output=True, check=False)
    assert (proc.returncode, proc.stderr.decode()) == (1, stderr)
