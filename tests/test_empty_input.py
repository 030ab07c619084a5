"""Empty input is zero documents and exit 0, as for jq and wc; a document whose
fragments are all dropped stays a document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import invoke

COMMANDS = ["text", "clean", "links", "stats"]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("data", [b"", b"  \n\t\n"], ids=["empty", "whitespace"])
def test_an_empty_file_or_stdin_is_zero_documents_and_exit_0(
    command: str, data: bytes, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(data)
    for ran in (invoke(command, "--json", str(empty)), invoke(command, "--json", stdin=data)):
        assert (ran.code, ran.stdout, ran.stderr) == (0, "", "")


@pytest.mark.parametrize("command", COMMANDS)
def test_an_empty_directory_is_zero_documents_and_exit_0(command: str, tmp_path: Path) -> None:
    ran = invoke(command, "--json", str(tmp_path))
    assert (ran.code, ran.stdout, ran.stderr) == (0, "", "")


def test_an_empty_file_among_others_is_skipped_silently(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('["One."]', encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.json").write_text('["Two."]', encoding="utf-8")
    ran = invoke("text", str(tmp_path))
    assert (ran.code, ran.stdout, ran.stderr) == (0, "One.\n\nTwo.\n", "")


ALL_BOILERPLATE = [
    "© 2024 Example Media. All rights reserved.",
    "Subscribe to our newsletter for the latest news",
]


def test_an_article_of_boilerplate_only_stays_a_document_through_the_pipe(
    tmp_path: Path,
) -> None:
    page = tmp_path / "page.json"
    page.write_text(json.dumps(ALL_BOILERPLATE), encoding="utf-8")
    cleaned = invoke("clean", "--json", str(page))
    assert (cleaned.code, cleaned.stderr) == (0, "")
    assert json.loads(cleaned.stdout) == {
        "source": str(page),
        "fragments": [],
        "fragment_numbers": [],
    }

    text = invoke("text", "--json", stdin=cleaned.stdout)
    assert (text.code, text.stderr) == (0, "")
    assert json.loads(text.stdout)["source"] == str(page)
    assert json.loads(text.stdout)["paragraphs"] == []

    stats = invoke("stats", "--json", stdin=cleaned.stdout)
    assert (stats.code, stats.stderr) == (0, "")
    row = json.loads(stats.stdout)
    assert row["source"] == str(page)
    assert {k: v for k, v in row.items() if k != "source"} == {k: 0 for k in row if k != "source"}


def test_plain_clean_of_boilerplate_only_gives_text_nothing_to_read_and_no_error(
    tmp_path: Path,
) -> None:
    page = tmp_path / "page.json"
    page.write_text(json.dumps(ALL_BOILERPLATE), encoding="utf-8")
    cleaned = invoke("clean", str(page))
    assert (cleaned.code, cleaned.stdout) == (0, "")
    text = invoke("text", stdin=cleaned.stdout)
    assert (text.code, text.stdout, text.stderr) == (0, "", "")
