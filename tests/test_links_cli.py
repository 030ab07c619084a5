"""newsfrag links at the command line: TSV rows (url, text, source, fragment), JSON records,
filters."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .conftest import invoke

ARTICLE = [
    'Read <a href="/news/uk-1" class="x">the first</a> and <a href="../up">the second</a>.',
    '<a href="https://example.org/x?a=1&amp;b=2">Elsewhere</a>, then '
    '<a href="/news/uk-1">again</a>',
    'Write to <a href="mailto:desk@example.org">the desk</a> or '
    '<a href="javascript:void(0)">js</a>',
    'An <a href="/open">open link',
    "is not carried into this paragraph.",
]
BASE = "https://www.bbc.co.uk/news/world/"


def _article(tmp_path: Path) -> str:
    path = tmp_path / "article.json"
    path.write_text(json.dumps(ARTICLE), encoding="utf-8")
    return str(path)


def test_plain_output_is_url_tab_text_with_href_where_no_url_is_known(tmp_path: Path) -> None:
    ran = invoke("links", _article(tmp_path))
    assert (ran.code, ran.stderr) == (0, "")
    source = _article(tmp_path)
    assert ran.stdout.splitlines() == [
        f"/news/uk-1\tthe first\t{source}\t0",
        f"../up\tthe second\t{source}\t0",
        f"https://example.org/x?a=1&b=2\tElsewhere\t{source}\t1",
        f"/news/uk-1\tagain\t{source}\t1",
        f"mailto:desk@example.org\tthe desk\t{source}\t2",
        f"javascript:void(0)\tjs\t{source}\t2",
        f"/open\topen link\t{source}\t3",
    ]


def test_base_resolves_relative_links_as_a_browser_would(tmp_path: Path) -> None:
    ran = invoke("links", "--base", BASE, _article(tmp_path))
    urls = [line.split("\t")[0] for line in ran.stdout.splitlines()]
    assert urls == [
        "https://www.bbc.co.uk/news/uk-1",
        "https://www.bbc.co.uk/news/up",
        "https://example.org/x?a=1&b=2",
        "https://www.bbc.co.uk/news/uk-1",
        "mailto:desk@example.org",
        "javascript:void(0)",  # never resolved into something that looks fetchable
        "https://www.bbc.co.uk/open",
    ]


def test_json_records_carry_source_fragment_href_url_and_text(tmp_path: Path) -> None:
    path = _article(tmp_path)
    ran = invoke("links", "--json", path)
    records = [json.loads(line) for line in ran.stdout.splitlines()]
    assert records[0] == {
        "source": path,
        "fragment": 0,
        "href": "/news/uk-1",
        "url": None,
        "text": "the first",
    }
    assert [r["fragment"] for r in records] == [0, 0, 1, 1, 2, 2, 3]
    assert records[5]["url"] is None  # javascript: has no URL


def test_unique_gives_each_url_once_with_a_count(tmp_path: Path) -> None:
    ran = invoke("links", "--json", "--unique", "--base", BASE, _article(tmp_path))
    records = [json.loads(line) for line in ran.stdout.splitlines()]
    assert [(r["url"], r["count"]) for r in records][:3] == [
        ("https://www.bbc.co.uk/news/uk-1", 2),
        ("https://www.bbc.co.uk/news/up", 1),
        ("https://example.org/x?a=1&b=2", 1),
    ]


def test_internal_and_external_split_by_host(tmp_path: Path) -> None:
    internal = invoke("links", "--internal", "--base", BASE, _article(tmp_path)).stdout
    external = invoke("links", "--external", "--base", BASE, _article(tmp_path)).stdout
    assert [line.split("\t")[1] for line in internal.splitlines()] == [
        "the first",
        "the second",
        "again",
        "open link",
    ]
    assert [line.split("\t")[1] for line in external.splitlines()] == ["Elsewhere"]


def test_scheme_keeps_only_those_schemes(tmp_path: Path) -> None:
    ran = invoke("links", "--scheme", "mailto", _article(tmp_path))
    assert ran.stdout == f"mailto:desk@example.org\tthe desk\t{_article(tmp_path)}\t2\n"


def test_scheme_names_are_checked_and_listed(tmp_path: Path) -> None:
    ran = invoke("links", "--scheme", "https,bogus", _article(tmp_path))
    assert (ran.code, ran.stdout) == (2, "")
    assert "'bogus' is not one of http, https, ftp" in ran.stderr
    assert "of: http, https" in invoke("links", "--help").stdout


def test_header_names_the_columns_and_unique_counts_in_plain_output(tmp_path: Path) -> None:
    ran = invoke("links", "--header", "--unique", _article(tmp_path))
    source = _article(tmp_path)
    assert ran.stdout.splitlines()[:2] == [
        "url\ttext\tsource\tfragment\tcount",
        f"/news/uk-1\tthe first\t{source}\t0\t2",
    ]
    records = [
        json.loads(line)
        for line in invoke("links", "--json", "--unique", source).stdout.splitlines()
    ]
    plain = [line.split("\t") for line in ran.stdout.splitlines()[1:]]
    assert [int(cells[-1]) for cells in plain] == [r["count"] for r in records]


def test_a_quoted_link_text_reads_back_exactly_as_tsv(tmp_path: Path) -> None:
    page = tmp_path / "quotes.json"
    page.write_text(json.dumps(['<a href="/q">"Heavy losses" claimed</a>']), encoding="utf-8")
    ran = invoke("links", "--header", str(page))
    rows = list(csv.DictReader(io.StringIO(ran.stdout, newline=""), delimiter="\t"))
    assert rows == [
        {"url": "/q", "text": '"Heavy losses" claimed', "source": str(page), "fragment": "0"}
    ]


def test_contradictory_filters_are_a_usage_error() -> None:
    ran = invoke("links", "--internal", "--external", "--domain", "bbc.co.uk", stdin="[]")
    assert ran.code == 2
    assert ran.stderr.startswith("newsfrag: ")
    assert ran.stderr.count("\n") == 1


def test_links_read_the_output_of_clean_json() -> None:
    stream = json.dumps({"source": "orig.txt", "fragments": ['<a href="https://a.org/">A</a>']})
    ran = invoke("links", "--json", stdin=stream + "\n")
    assert json.loads(ran.stdout)["source"] == "orig.txt"
