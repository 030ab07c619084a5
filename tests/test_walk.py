"""A directory walk reads the fragment-file kinds, or what --glob says; a FILE named on
the command line is always read; gzip is read through."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsfrag.read.walk import Walk, is_fragment_file

from .conftest import invoke


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("a.txt", True),
        ("a.json", True),
        ("a.jsonl", True),
        ("a.ndjson", True),
        ("a.html", True),
        ("a.htm", True),
        ("A.TXT", True),
        ("a.txt.gz", True),
        ("a.jsonl.gz", True),
        ("index.csv", False),
        ("thumb.png", False),
        ("a.gz", False),
        ("notes.md", False),
        ("txt", False),
    ],
)
def test_a_walk_reads_the_fragment_file_kinds_by_extension(name: str, read: bool) -> None:
    assert is_fragment_file(name) is read
    assert Walk().reads(name) is read


def test_a_positive_glob_replaces_the_kinds_and_a_later_glob_decides() -> None:
    walk = Walk(("*.csv", "!bad*.csv"))
    assert walk.reads("index.csv")
    assert walk.reads("sub/index.csv")  # a glob without a slash matches at any depth
    assert not walk.reads("bad-1.csv")
    assert not walk.reads("a.txt")  # a positive glob says what is read
    assert Walk(("!bad*.csv", "*.csv")).reads("bad-1.csv")  # the last match decides


def test_a_negative_glob_alone_leaves_files_out_of_the_kinds() -> None:
    walk = Walk(("!manifest.json",))
    assert walk.reads("a.json")
    assert not walk.reads("manifest.json")
    assert not walk.reads("x/manifest.json")


def test_a_glob_with_a_slash_matches_the_path_below_the_directory() -> None:
    walk = Walk(("2024/*.txt",))
    assert walk.reads("2024/a.txt")
    assert not walk.reads("2023/a.txt")
    assert Walk(("/2024/*.txt",)).reads("2024/a.txt")


def test_a_negative_glob_keeps_a_directory_out_of_the_walk() -> None:
    walk = Walk(("!drafts",))
    assert not walk.enters("drafts")
    assert not walk.enters("2024/drafts")
    assert walk.enters("2024")


def _mixed(folder: Path) -> None:
    (folder / "a.json").write_text(json.dumps(["Alpha one."]), encoding="utf-8")
    (folder / "b.txt.gz").write_bytes(gzip.compress(json.dumps(["Beta two."]).encode()))
    (folder / "index.csv").write_text("source,title\na.json,Alpha\n", encoding="utf-8")
    (folder / "thumb.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "drafts").mkdir()
    (folder / "drafts" / "c.txt").write_text(json.dumps(["Draft three."]), encoding="utf-8")


def test_a_walk_skips_what_is_no_fragment_file_and_reads_gzip(tmp_path: Path) -> None:
    _mixed(tmp_path)
    ran = invoke("text", str(tmp_path))
    assert (ran.code, ran.stderr) == (0, "")
    assert ran.stdout == "Alpha one.\n\nBeta two.\n\nDraft three.\n"


def test_glob_reads_other_files_and_leaves_some_out(tmp_path: Path) -> None:
    _mixed(tmp_path)
    ran = invoke(
        "stats", "--json", "-g", "*.json", "-g", "*.csv", "--glob", "!drafts", str(tmp_path)
    )
    sources = [json.loads(line)["source"] for line in ran.stdout.splitlines()]
    assert sources == [str(tmp_path / "a.json"), f"{tmp_path / 'index.csv'}:1"]
    assert ran.code == 0


def test_a_file_named_on_the_command_line_is_always_read(tmp_path: Path) -> None:
    _mixed(tmp_path)
    ran = invoke("stats", "--json", str(tmp_path / "thumb.png"))
    assert ran.code == 1
    assert ran.stderr.startswith(f"newsfrag: {tmp_path / 'thumb.png'}: binary file")


def test_a_walk_never_reads_the_file_its_own_output_goes_to(tmp_path: Path) -> None:
    _mixed(tmp_path)
    out = tmp_path / "out.jsonl"
    for _ in range(2):
        ran = invoke("clean", "--json", "-o", str(out), str(tmp_path))
        assert (ran.code, ran.stderr) == (0, "")
        assert len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_gzip_piped_in_is_read_through() -> None:
    ran = invoke("text", stdin=gzip.compress(b'["Piped in."]'))
    assert (ran.code, ran.stdout, ran.stderr) == (0, "Piped in.\n", "")


def test_a_cut_gzip_file_is_one_line_and_the_others_are_read(tmp_path: Path) -> None:
    whole = gzip.compress(("\n".join(json.dumps([f"Line {i}."]) for i in range(50))).encode())
    (tmp_path / "a.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "b.json").write_text(json.dumps(["Still read."]), encoding="utf-8")
    ran = invoke("text", str(tmp_path))
    assert ran.code == 1
    [line] = ran.stderr.splitlines()
    assert line.startswith(f"newsfrag: {tmp_path / 'a.jsonl.gz'}: not a whole gzip stream")
    assert ran.stdout.endswith("Still read.\n")
