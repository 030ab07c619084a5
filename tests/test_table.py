"""The stats table fits any terminal width, and no figure is ever lost."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsfrag.stats import DocStats, total
from newsfrag.table import cell_len, fit, layout

n = st.integers(min_value=0, max_value=10**7)
sources = st.text(min_size=1, max_size=90)
rows = st.lists(st.builds(DocStats, sources, n, n, n, n, n, n), min_size=1, max_size=5)


@given(rows, st.integers(min_value=20, max_value=220))
def test_every_line_fits_and_every_figure_is_there(docs: list[DocStats], width: int) -> None:
    lines = layout(docs, total(docs), width)
    text = "\n".join(line.text for line in lines)
    blocks = lines[1].style != "rule"
    for line in lines:
        # In blocks a source line is whole, for the terminal to wrap; all else fits.
        if not (blocks and line.style in ("head", "total") and line.text.strip() == line.text):
            assert cell_len(line.text) <= width, line
    for doc in [*docs, total(docs)]:
        for figure in doc.row()[1:]:
            assert figure in text


def test_sources_fit_in_the_middle_keeping_more_of_the_end() -> None:
    # 20 columns: a third of the 19 left beside "…" for the start, the rest for the end.
    assert fit("corpus/2024/09/article-000123.json", 20) == "corpus…e-000123.json"
    assert fit("a.txt", 20) == "a.txt"


def test_wide_characters_count_two_columns() -> None:
    assert cell_len("新闻") == 4
    assert cell_len("e\u0301") == 1
    shortened = fit("新闻/" * 20 + "报道.txt", 15)
    assert cell_len(shortened) <= 15
    assert shortened.endswith(".txt")


def test_the_short_heads_come_before_blocks() -> None:
    docs = [DocStats("corpus/a.json", 32, 32, 992, 45, 6241, 2)]
    wide = [line.text for line in layout(docs, None, 100)]
    narrow = [line.text for line in layout(docs, None, 62)]
    assert (
        wide[0].split()
        == "source fragments paragraphs words sentences characters links minutes".split()
    )
    assert narrow[0].split() == "source frags paras words sents chars links mins".split()
    assert narrow[2].split() == ["corpus/a.json", "32", "32", "992", "45", "6241", "2", "4.17"]
