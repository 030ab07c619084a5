"""clean --repeated: what recurs across a run's documents goes, in bounded memory."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from newsfrag.clean import clean_fragments
from newsfrag.clean.repeats import Repeats, digest

from .conftest import invoke

FOOTER = "Unsere Redaktion ist für Sie da: schreiben Sie uns an redaktion@beispiel.de"
MORE = '<a href="/region">Mehr aus der Region</a>'


def story(i: int) -> list[str]:
    """Three paragraphs of their own, then the site's two recurring lines."""
    return [
        f"Story {i}: the council met on Tuesday to discuss plan number {i} for the harbour.",
        f"Residents of district {i} said the proposal would change the town for good.",
        f"The mayor said a decision on plan {i} would come next month, after a consultation.",
        FOOTER,
        MORE,
    ]


def corpus(tmp_path: Path, documents: list[list[str]]) -> Path:
    for i, fragments in enumerate(documents):
        (tmp_path / f"a{i}.json").write_text(json.dumps(fragments), encoding="utf-8")
    return tmp_path


def test_a_text_is_counted_once_a_document_and_returned_from_n_documents_on() -> None:
    repeats = Repeats()
    repeats.add_texts(["a", "b", "a"])  # "a" twice in one document: one document
    repeats.add_texts(["a", "c"])
    repeats.add_texts(["a", "b", ""])  # an empty text is not counted
    assert repeats.at_least(3) == {digest("a"): 3}
    assert repeats.at_least(2) == {digest("a"): 3, digest("b"): 2}
    assert digest("") not in repeats.counts


def test_past_the_limit_a_new_text_is_never_counted_but_known_ones_still_are() -> None:
    repeats = Repeats(limit=2)
    repeats.add_texts(["a", "b"])
    repeats.add_texts(["a", "c"])  # "c" comes third: not counted
    repeats.add_texts(["c", "b"])
    assert repeats.counts == {digest("a"): 2, digest("b"): 2}


def test_documents_are_counted_by_their_cleaned_text() -> None:
    repeats = Repeats()
    repeats.add(['<a href="/x" class="a">Mehr aus der Region</a>'])
    repeats.add(["<span>Mehr aus der  Region</span>"])
    assert repeats.at_least(2) == {digest("Mehr aus der Region"): 2}


def _cleaned(tmp_path: Path, at_least: str) -> list[dict[str, Any]]:
    """``clean --json --explain --repeated AT_LEAST`` over four stories of one site."""
    folder = corpus(tmp_path, [story(i) for i in range(4)])
    ran = invoke("clean", "--json", "--explain", "--repeated", at_least, str(folder))
    assert ran.code == 0, ran.stderr
    records = [json.loads(line) for line in ran.stdout.splitlines()]
    assert len(records) == 4
    return records


def test_the_sites_recurring_lines_go_from_every_document(tmp_path: Path) -> None:
    records = _cleaned(tmp_path, "3")
    for i, record in enumerate(records):
        assert record["fragments"] == story(i)[:3]
        repeated = [d for d in record["dropped"] if d["rule"] == "repeated"]
        assert [(d["fragment"], d["evidence"]) for d in repeated] == [
            (3, "in 4 documents"),
            (4, "in 4 documents"),
        ]


def test_a_line_in_fewer_documents_than_asked_is_not_dropped_as_repeated(tmp_path: Path) -> None:
    records = _cleaned(tmp_path, "5")
    assert all(d["rule"] != "repeated" for record in records for d in record["dropped"])


def test_an_article_that_recurs_whole_stays(tmp_path: Path) -> None:
    # The same wire story in three files, and a fourth article: most of the story's
    # words recur, so it is the article recurring, not boilerplate.
    folder = corpus(tmp_path, [story(0), story(0), story(0), story(1)])
    ran = invoke("clean", "--json", "--explain", "--repeated", "3", str(folder))
    assert ran.code == 0, ran.stderr
    records = [json.loads(line) for line in ran.stdout.splitlines()]
    assert len(records) == 4
    for record in records[:3]:
        assert record["fragments"][:3] == story(0)[:3]
        assert all(d["rule"] != "repeated" for d in record["dropped"])


def test_repeated_refuses_standard_input_as_a_usage_error() -> None:
    ran = invoke("clean", "--repeated", "3", "-", stdin=json.dumps(story(0)))
    assert ran.code == 2
    assert ran.stdout == ""
    assert "--repeated reads the input twice: give files or folders" in ran.stderr


def test_repeated_refuses_a_pipe_it_could_read_only_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # never opened: refused before any reading
    ran = invoke("clean", "--repeated", "2", str(fifo))
    assert (ran.code, ran.stdout) == (2, "")
    assert "not standard input or a pipe" in ran.stderr


def test_repeated_and_keep_boilerplate_are_a_usage_error(tmp_path: Path) -> None:
    folder = corpus(tmp_path, [story(0), story(1)])
    ran = invoke("clean", "--repeated", "2", "--keep-boilerplate", str(folder))
    assert (ran.code, ran.stdout) == (2, "")
    assert "--repeated drops boilerplate: not with --keep-boilerplate" in ran.stderr


def test_a_bad_file_among_them_is_named_once_and_the_others_are_cleaned(tmp_path: Path) -> None:
    folder = corpus(tmp_path, [story(i) for i in range(3)])
    (folder / "bad.json").write_text('["unclosed', encoding="utf-8")
    ran = invoke("clean", "--json", "--explain", "--repeated", "3", str(folder))
    assert ran.code == 1
    assert ran.stderr.count("\n") == 1
    assert ran.stderr.startswith(f"newsfrag: {folder / 'bad.json'}:")
    records = [json.loads(line) for line in ran.stdout.splitlines()]
    assert [r["fragments"] for r in records] == [story(i)[:3] for i in range(3)]


def test_repeated_gives_the_same_with_two_processes_and_into_a_file(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    folder = corpus(tmp_path / "in", [story(i) for i in range(4)])
    one = invoke("clean", "--json", "--explain", "--repeated", "3", str(folder))
    two = invoke("clean", "--json", "--explain", "--repeated", "3", "-j", "2", str(folder))
    out = tmp_path / "out.jsonl"
    into = invoke("clean", "--json", "--explain", "--repeated", "3", "-o", str(out), str(folder))
    assert one.code == two.code == into.code == 0
    assert two.stdout == one.stdout
    assert out.read_text(encoding="utf-8") == one.stdout
    assert '"rule": "repeated"' in one.stdout


def test_cleaning_again_with_the_same_counts_changes_nothing() -> None:
    counts = {digest(FOOTER): 4, digest("Mehr aus der Region"): 4}

    def recurs(text: str) -> int:
        return counts.get(digest(text), 0)

    once = clean_fragments(story(1), repeated=recurs)
    assert once.fragments == story(1)[:3]
    assert clean_fragments(once.fragments, repeated=recurs).fragments == once.fragments
