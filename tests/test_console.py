"""The two faces of newsfrag stats: the table on a terminal (rich driven with a forced
terminal into a buffer) and the tab-separated form for a pipe."""

from __future__ import annotations

import csv
import io
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from newsfrag.cli.console import make_console, print_stats_table
from newsfrag.stats import FIELDS, LABELS, DocStats, total, tsv_header, tsv_row

ROWS = [
    DocStats("corpus/[bold]a[/bold].txt", 32, 32, 992, 45, 6241, 2),
    DocStats("b.txt", 3, 2, 12345, 5, 100, 0),
]
ESC = "\x1b"


def draw(
    rows: list[DocStats],
    totals: DocStats | None,
    color: Literal["standard"] | None = None,
    width: int = 100,
) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=width, color_system=color)
    print_stats_table(console, rows, totals)
    return buffer.getvalue()


def lines_of(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.strip()]


def test_the_header_names_source_then_every_figure_in_order() -> None:
    header = lines_of(draw(ROWS, total(ROWS)))[0].split()
    assert header == ["source", *(LABELS[name] for name in FIELDS)]
    assert header[1:] == "fragments paragraphs words sentences characters links minutes".split()


def test_figures_are_right_aligned_under_their_headers() -> None:
    header, *rows = [ln for ln in lines_of(draw(ROWS, total(ROWS))) if set(ln.strip()) != {"─"}]
    for i, name in enumerate(FIELDS, start=1):
        end = header.index(LABELS[name]) + len(LABELS[name])
        for line, stats in zip(rows, [*ROWS, total(ROWS)], strict=True):
            figure = stats.row()[i]  # widths differ: 992 and 12345, 6241 and 100
            assert line[end - len(figure) - 1 : end] == " " + figure, (name, line)
            assert line[end : end + 1] in ("", " ")


def test_sources_are_left_aligned() -> None:
    _header, _rule, first, second, *_ = lines_of(draw(ROWS, total(ROWS)))
    assert first.startswith("corpus/")
    assert second.startswith("b.txt ")


def test_totals_row_comes_last_under_a_line() -> None:
    lines = lines_of(draw(ROWS, total(ROWS)))
    assert lines[-1].split() == ["total", "35", "34", "13337", "50", "6341", "2", "56.04"]
    assert set(lines[-2].strip()) == {"─"}
    assert len(lines) == 6  # header, rule, two rows, rule, totals


def test_no_totals_row_without_totals() -> None:
    lines = lines_of(draw(ROWS, None))
    assert len(lines) == 4
    assert not any(line.startswith("total") for line in lines)


def test_totals_alone_are_one_plain_row() -> None:
    lines = lines_of(draw([], total(ROWS)))
    assert len(lines) == 3
    assert lines[-1].split()[0] == "total"


def test_a_source_with_markup_is_printed_literally() -> None:
    for color in (None, "standard"):
        assert "corpus/[bold]a[/bold].txt" in draw(ROWS, None, color)


def test_control_characters_in_a_source_are_shown_not_sent() -> None:
    out = draw([DocStats("a\nb\x1b[31mc", 1, 1, 1, 1, 1, 0)], None)
    assert "a\\nb\\x1b[31mc" in out
    assert ESC not in out


def test_no_escape_codes_when_colour_is_off() -> None:
    assert ESC not in draw(ROWS, total(ROWS), None)


def test_escape_codes_when_colour_is_on() -> None:
    assert ESC + "[" in draw(ROWS, total(ROWS), "standard")


def test_a_long_source_is_shortened_in_its_middle_to_fit_80_columns() -> None:
    source = "corpus/2024/09/bbc/world-europe/ukraine-kherson-counter-offensive-62713210.txt"
    lines = draw([DocStats(source, 32, 32, 992, 45, 6241, 2)], None, width=80).splitlines()
    assert max(map(len, lines)) <= 80
    row = lines[2]
    assert row.startswith("corpus/20")
    assert "…" in row
    assert row.split()[0].endswith("-62713210.txt")
    assert row.split()[1:] == ["32", "32", "992", "45", "6241", "2", "4.17"]


def test_too_narrow_for_columns_each_document_is_a_block_with_every_figure() -> None:
    rows = [DocStats("a/very/long/path/to/some/article-with-a-long-name.txt", 1, 2, 3, 4, 5, 6)]
    lines = lines_of(draw(rows, None, width=30))
    assert lines[0] == "a/very/long/path/to/some/article-with-a-long-name.txt"
    assert [line.split() for line in lines[1:]] == [
        ["fragments", "1"],
        ["paragraphs", "2"],
        ["words", "3"],
        ["sentences", "4"],
        ["characters", "5"],
        ["links", "6"],
        ["minutes", "0.01"],
    ]


def _console(color: str, environ: dict[str, str], terminal: bool | None = None) -> str:
    buffer = io.StringIO()
    console = make_console(buffer, color, terminal=terminal, environ=environ)
    print_stats_table(console, ROWS, total(ROWS))
    return buffer.getvalue()


def test_color_never_writes_no_escape_codes_even_when_forced() -> None:
    assert ESC not in _console("never", {"FORCE_COLOR": "1", "TERM": "xterm"}, terminal=True)


def test_color_always_colours_a_pipe_despite_no_color_and_a_dumb_terminal() -> None:
    assert ESC in _console("always", {"NO_COLOR": "1", "TERM": "dumb"})


def test_color_auto_leaves_a_pipe_plain() -> None:
    assert ESC not in _console("auto", {"TERM": "xterm"})


def test_color_auto_colours_a_terminal() -> None:
    assert ESC in _console("auto", {"TERM": "xterm-256color"}, terminal=True)


def test_color_auto_honours_force_color() -> None:
    assert ESC in _console("auto", {"FORCE_COLOR": "1", "TERM": "xterm"})


def test_color_auto_honours_no_color_and_a_dumb_terminal() -> None:
    no_color = make_console(io.StringIO(), "auto", terminal=True, environ={"NO_COLOR": "1"})
    assert no_color.no_color
    dumb = make_console(io.StringIO(), "auto", terminal=True, environ={"TERM": "dumb"})
    assert dumb.color_system is None
    assert ESC not in _console("auto", {"TERM": "dumb"}, terminal=True)


def test_an_unknown_colour_choice_is_refused() -> None:
    with pytest.raises(ValueError, match="always"):
        make_console(io.StringIO(), "sometimes")


# The pipe form.


def test_the_pipe_form_is_a_header_and_one_row_per_document() -> None:
    rows = [DocStats("b.txt", 3, 2, 40, 4, 200, 1), DocStats("a.txt", 32, 32, 992, 45, 6241, 2)]
    out = "".join([tsv_header(), *map(tsv_row, rows)])
    assert out == (
        "source\tfragment_count\tparagraph_count\tword_count\tsentence_count"
        "\tcharacter_count\tlink_count\tminutes\n"
        "b.txt\t3\t2\t40\t4\t200\t1\t0.17\n"  # 40 / 238 words a minute
        "a.txt\t32\t32\t992\t45\t6241\t2\t4.17\n"  # 992 / 238
    )
    # sort -t$'\t' -k4n works on it: the words column holds plain integers.
    lines = out.splitlines()[1:]
    assert sorted(lines, key=lambda line: int(line.split("\t")[3]))[0].startswith("b.txt")


def test_a_source_with_tabs_newlines_and_quotes_is_quoted_and_reads_back_exactly() -> None:
    source = 'a\tb\nc\\d "e"'
    row = tsv_row(DocStats(source, 1, 1, 1, 1, 1, 0))
    assert row == '"a\tb\nc\\d ""e"""\t1\t1\t1\t1\t1\t0\t0.0\n'
    assert _read_back(row) == [[source, "1", "1", "1", "1", "1", "0", "0.0"]]


def test_a_plain_source_is_written_as_it_is() -> None:
    assert tsv_row(DocStats("C:\\data\\a.txt", 1, 1, 1, 1, 1, 0)).startswith("C:\\data\\a.txt\t")


def _read_back(text: str) -> list[list[str]]:
    # What sqlite-utils insert --tsv, pandas and DuckDB do: a csv reader over tabs.
    return list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))


n = st.integers(min_value=0, max_value=10**9)
doc_stats = st.builds(DocStats, st.text(max_size=20), n, n, n, n, n, n)


@given(doc_stats)
def test_every_row_has_the_header_columns(s: DocStats) -> None:
    row = tsv_row(s)
    [header] = _read_back(tsv_header())
    [cells] = _read_back(row)
    assert len(cells) == len(header)
    assert cells == s.row()
    assert cells[0] == s.source


@given(st.lists(doc_stats, max_size=4))
def test_any_sources_draw_one_line_a_row_without_escapes(rows: list[DocStats]) -> None:
    totals = total(rows) if len(rows) > 1 else None
    out = draw(rows, totals)
    assert ESC not in out
    assert len(out.splitlines()) == 2 + len(rows) + (2 if totals else 0)
