"""newsfrag stats at the command line: TSV in a pipe, a table on a terminal, JSON, totals."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from click.testing import CliRunner

from newsfrag.cli.commands import cli
from newsfrag.cli.env import Env
from newsfrag.stats import count_words

from .conftest import invoke

HEADER = (
    "source\tfragment_count\tparagraph_count\tword_count\tsentence_count\tcharacter_count"
    "\tlink_count\tminutes"
)
# The table's heads: the short names.
HEADS = ["source", "fragments", "paragraphs", "words", "sentences", "characters", "links"]
HEADS += ["minutes"]


def _corpus(tmp_path: Path) -> Path:
    (tmp_path / "a.json").write_text(
        json.dumps(["<b>Rain fell.</b> It stopped.", "", 'See <a href="/x">this</a>.']),
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(repr(["One two three four."]), encoding="utf-8")
    return tmp_path


def test_in_a_pipe_a_header_and_a_row_per_document(tmp_path: Path) -> None:
    ran = invoke("stats", str(_corpus(tmp_path)))
    assert ran.code == 0
    # Counted by hand: a.json has 3 fragments, 2 with text ("Rain fell. It stopped." and
    # "See this."), 6 words, 3 sentences, 22 + 9 characters, 1 link; b.txt 4 words.
    assert ran.stdout.splitlines() == [
        HEADER,
        f"{tmp_path / 'a.json'}\t3\t2\t6\t3\t31\t1\t0.03",  # 6 / 238 words a minute
        f"{tmp_path / 'b.txt'}\t1\t1\t4\t1\t19\t0\t0.02",
    ]


def test_no_header_leaves_the_header_out(tmp_path: Path) -> None:
    ran = invoke("stats", "--no-header", str(_corpus(tmp_path)))
    assert [line.split("\t")[1] for line in ran.stdout.splitlines()] == ["3", "1"]


def test_minutes_are_the_same_value_in_tsv_and_json(tmp_path: Path) -> None:
    tsv = invoke("stats", "--no-header", str(_corpus(tmp_path))).stdout.splitlines()
    records = [
        json.loads(line)
        for line in invoke("stats", "--json", str(_corpus(tmp_path))).stdout.splitlines()
    ]
    assert [line.split("\t")[-1] for line in tsv] == [str(r["minutes"]) for r in records]


def test_total_is_one_row_of_sums(tmp_path: Path) -> None:
    ran = invoke("stats", "--total", str(_corpus(tmp_path)))
    assert ran.stdout.splitlines() == [HEADER, "total\t4\t3\t10\t4\t50\t1\t0.04"]


def test_json_is_one_object_per_document(tmp_path: Path) -> None:
    ran = invoke("stats", "--json", str(_corpus(tmp_path)))
    records = [json.loads(line) for line in ran.stdout.splitlines()]
    assert [r["word_count"] for r in records] == [6, 4]
    assert list(records[0]) == ["source", *HEADER.split("\t")[1:]]


def test_sort_and_reverse(tmp_path: Path) -> None:
    ran = invoke("stats", "--sort", "words", str(_corpus(tmp_path)))
    assert [line.split("\t")[3] for line in ran.stdout.splitlines()[1:]] == ["4", "6"]
    ran = invoke("stats", "--sort", "words", "--reverse", str(_corpus(tmp_path)))
    assert [line.split("\t")[3] for line in ran.stdout.splitlines()[1:]] == ["6", "4"]


def test_an_unknown_sort_field_is_a_usage_error() -> None:
    ran = invoke("stats", "--sort", "colour", stdin="['a']")
    assert ran.code == 2
    assert "'colour' is not one of 'source', 'fragment_count'" in ran.stderr


def test_reverse_without_sort_is_a_usage_error_rather_than_ignored() -> None:
    ran = invoke("stats", "--reverse", stdin="['a']")
    assert (ran.code, ran.stdout) == (2, "")
    assert "--reverse needs --sort FIELD" in ran.stderr


def test_words_add_up_to_the_total_and_match_the_text(examples: Path) -> None:
    rows = [
        json.loads(line) for line in invoke("stats", "--json", str(examples)).stdout.splitlines()
    ]
    [totals] = [json.loads(invoke("stats", "--json", "--total", str(examples)).stdout)]
    assert sum(r["word_count"] for r in rows) == totals["word_count"]
    assert totals["word_count"] == count_words(invoke("text", str(examples)).stdout)


def _on_a_terminal(*args: str, environ: dict[str, str] | None = None) -> str:
    stdout = io.BytesIO()
    env = Env(io.BytesIO(), stdout, io.StringIO(), stdout_isatty=True, environ=environ or {})
    result = CliRunner().invoke(cli, list(args), obj=env, catch_exceptions=False)
    assert result.exit_code == 0
    return stdout.getvalue().decode()


def test_on_a_terminal_a_table_with_a_totals_row(tmp_path: Path) -> None:
    table = _on_a_terminal(
        "stats", "--color", "never", str(_corpus(tmp_path)), environ={"COLUMNS": "200"}
    )
    lines = table.splitlines()
    assert "\t" not in table
    assert "\x1b" not in table  # --color never: no escape codes at all
    assert lines[0].split() == HEADS
    assert lines[-1].split() == ["total", "4", "3", "10", "4", "50", "1", "0.04"]
    words = [line.split()[3] for line in lines if line.startswith(str(tmp_path))]
    assert words == ["6", "4"]
    # Numbers are right-aligned: the words column ends at the same place on every row.
    # Right-aligned: "6" on a row and "10" on the totals row end in the same column.
    ends = {[m.end() for m in re.finditer(r"\S+", line)][3] for line in (lines[2], lines[-1])}
    assert len(ends) == 1


def test_no_color_turns_colour_off_on_a_terminal(tmp_path: Path) -> None:
    coloured = _on_a_terminal("stats", "--color", "always", str(_corpus(tmp_path)))
    assert "\x1b[" in coloured
    plain = _on_a_terminal("stats", str(_corpus(tmp_path)), environ={"NO_COLOR": "1"})
    assert "\x1b[3" not in plain  # no colours (bold may stay, as NO_COLOR allows)


def test_on_an_80_column_terminal_the_table_fits_and_tsv_keeps_the_whole_source(
    tmp_path: Path,
) -> None:
    deep = tmp_path / "corpus" / "2024" / "09" / "world-europe-ukraine-kherson"
    deep.mkdir(parents=True)
    path = deep / "counter-offensive-62713210.json"
    path.write_text(json.dumps(["Rain fell. It stopped."]), encoding="utf-8")
    for environ in ({"COLUMNS": "80"}, {"COLUMNS": "80", "TERM": "dumb"}):
        table = _on_a_terminal("stats", str(path), environ=environ)
        lines = re.sub("\x1b\\[[0-9;]*m", "", table).splitlines()  # bold heads aside
        assert max(len(line) for line in lines) <= 80
        assert lines[2].split()[1:] == ["1", "1", "4", "2", "22", "0", "0.02"]
        assert "…" in lines[2]
    assert invoke("stats", "--no-header", str(path)).stdout.split("\t")[0] == str(path)
