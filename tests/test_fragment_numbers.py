"""A fragment number always points into the source as it was first read: through
``clean --json`` into links and a second clean's --explain, as from the raw file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsfrag.document import Document
from newsfrag.errors import InputError
from newsfrag.read.forms import parse_jsonl_record

from .conftest import invoke

NEWSFRAG = str(Path(sys.executable).with_name("newsfrag"))

# Fragment 0 is a newsletter promo and 1 is empty: clean drops both, so the link of
# raw fragment 3 is the second fragment of what clean writes.
MID = [
    "Sign up for our morning newsletter.",
    "",
    "The river rose two metres overnight, and the council opened three rest centres "
    "for families who had to leave their homes before dawn.",
    'Engineers said the <a href="https://example.org/barrier">new barrier</a> held, '
    "although water reached the top of it shortly after midnight.",
    "© 2024 Example Media. All rights reserved.",
]


def _mid(tmp_path: Path) -> str:
    path = tmp_path / "mid.json"
    path.write_text(json.dumps(MID), encoding="utf-8")
    return str(path)


def test_links_through_clean_report_the_raw_fragment(tmp_path: Path) -> None:
    alone = [json.loads(r) for r in invoke("links", "--json", _mid(tmp_path)).stdout.splitlines()]
    cleaned = invoke("clean", "--json", _mid(tmp_path))
    assert json.loads(cleaned.stdout)["fragment_numbers"] == [2, 3]
    piped = invoke("links", "--json", stdin=cleaned.stdout)
    through = [json.loads(r) for r in piped.stdout.splitlines()]
    assert [r["fragment"] for r in alone] == [r["fragment"] for r in through] == [3]
    assert through[0]["source"] == _mid(tmp_path)


def test_a_second_clean_explains_with_the_raw_numbers(tmp_path: Path) -> None:
    direct = json.loads(invoke("clean", "--json", "--explain", _mid(tmp_path)).stdout)
    first = invoke("clean", "--json", "--keep-boilerplate", _mid(tmp_path)).stdout
    assert json.loads(first)["fragment_numbers"] == [0, 2, 3, 4]  # only the empty one went
    second = json.loads(invoke("clean", "--json", "--explain", stdin=first).stdout)
    assert second["fragment_numbers"] == direct["fragment_numbers"] == [2, 3]
    assert [d["fragment"] for d in second["dropped"]] == [0, 4]
    assert [d["fragment"] for d in direct["dropped"]] == [0, 1, 4]


def test_plain_explain_through_clean_names_the_raw_fragment(tmp_path: Path) -> None:
    first = invoke("clean", "--json", "--keep-boilerplate", _mid(tmp_path)).stdout
    told = invoke("clean", "--explain", stdin=first).stderr.splitlines()
    assert [line.split(": fragment ")[1].split()[0] for line in told] == ["0", "4"]


def test_the_installed_pipeline_keeps_the_numbers(tmp_path: Path) -> None:
    # newsfrag clean --json mid.json | newsfrag links
    clean = subprocess.Popen([NEWSFRAG, "clean", "--json", _mid(tmp_path)], stdout=subprocess.PIPE)
    links = subprocess.run(
        [NEWSFRAG, "links"], stdin=clean.stdout, capture_output=True, text=True, check=False
    )
    assert clean.wait() == 0
    assert links.returncode == 0, links.stderr
    assert links.stdout.split("\t")[2:] == [_mid(tmp_path), "3\n"]


def test_a_record_carries_its_numbers_into_the_document() -> None:
    line = '{"source": "a.txt", "fragments": ["x", "y"], "fragment_numbers": [4, 9]}'
    doc = parse_jsonl_record(line, "-", 1)
    assert doc == Document("a.txt", ["x", "y"], (4, 9))
    assert [doc.number(i) for i in range(2)] == [4, 9]
    assert Document("b", ["x"]).number(0) == 0


@pytest.mark.parametrize("numbers", ["[1]", "[1, -2]", '["1", "2"]', "[1.5, 2]", "[true, 2]"])
def test_numbers_that_do_not_fit_the_fragments_are_reported(numbers: str) -> None:
    line = f'{{"fragments": ["x", "y"], "fragment_numbers": {numbers}}}'
    wanted = '"fragment_numbers" must be 2 whole numbers from 0, one a fragment'
    with pytest.raises(InputError, match=wanted) as caught:
        parse_jsonl_record(line, "in.jsonl", 7)
    assert caught.value.where == "in.jsonl:7"
