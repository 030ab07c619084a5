"""What the installed newsfrag writes for other programs: one name a meaning across the
commands' JSON, one TSV convention, checked option values, and bare newsfrag's help."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

NEWSFRAG = str(Path(sys.executable).with_name("newsfrag"))


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [NEWSFRAG, *args],
        input=None if stdin is None else stdin.decode(),
        capture_output=True,
        text=True,
        check=False,
    )


ARTICLE = [
    "<b>Kherson push.</b> Ukraine's military says it has broken through.",
    '<a href="/claims">"Heavy losses" claimed</a> by both sides, officials said.',
]


def _article(tmp_path: Path, name: str = "a\tb.json") -> Path:
    path = tmp_path / name  # a tab in the source, as a scraper's file names may have
    path.write_text(json.dumps(ARTICLE), encoding="utf-8")
    return path


def test_records_joined_from_every_command_never_collide(tmp_path: Path) -> None:
    path = str(_article(tmp_path))
    records: dict[str, dict[str, object]] = {}
    for command in ("text", "clean", "links", "stats"):
        out = _run(command, "--json", path).stdout.splitlines()[0]
        records[command] = json.loads(out)
    kinds: dict[str, set[str]] = {}
    for record in records.values():
        for key, value in record.items():
            kinds.setdefault(key, set()).add(type(value).__name__)
    assert {k: v for k, v in kinds.items() if len(v) > 1} == {}
    assert records["stats"]["fragment_count"] == len(records["clean"]["fragments"])  # type: ignore[arg-type]


def test_tsv_of_links_and_stats_reads_back_exactly_with_a_csv_reader(tmp_path: Path) -> None:
    path = str(_article(tmp_path))
    links = _run("links", "--header", path).stdout
    stats = _run("stats", path).stdout
    [link] = csv.DictReader(io.StringIO(links, newline=""), delimiter="\t")
    [row] = csv.DictReader(io.StringIO(stats, newline=""), delimiter="\t")
    assert link == {
        "url": "/claims",
        "text": '"Heavy losses" claimed',
        "source": path,
        "fragment": "1",
    }
    assert row["source"] == path
    as_json = json.loads(_run("stats", "--json", path).stdout)
    assert row == {k: str(v) for k, v in as_json.items()}  # minutes too: one value


def test_the_unique_count_is_in_plain_output_as_in_json(tmp_path: Path) -> None:
    path = str(_article(tmp_path, "a.json"))
    plain = _run("links", "--unique", path, path).stdout
    assert plain == f'/claims\t"""Heavy losses"" claimed"\t{path}\t1\t2\n'
    assert json.loads(_run("links", "--unique", "--json", path, path).stdout)["count"] == 2


def test_option_values_are_checked_and_listed(tmp_path: Path) -> None:
    path = str(_article(tmp_path, "a.json"))
    scheme = _run("links", "--scheme", "bogus", path)
    assert (scheme.returncode, scheme.stdout) == (2, "")
    assert "'bogus' is not one of http, https" in scheme.stderr
    sort = _run("stats", "--sort", "colour", path)
    assert sort.returncode == 2
    assert "'colour' is not one of 'source', 'fragment_count'" in sort.stderr
    assert "--sort FIELD" in _run("stats", "--help").stdout
    assert "word_count" in _run("stats", "--help").stdout
    old = _run("stats", "--sort", "words", "--no-header", path, str(_article(tmp_path)))
    assert old.returncode == 0


def test_bare_newsfrag_prints_its_help() -> None:
    ran = _run()
    assert (ran.returncode, ran.stderr) == (0, "")
    assert ran.stdout.startswith("Usage: newsfrag [OPTIONS] COMMAND [ARGS]...")
    assert "Commands:" in ran.stdout
