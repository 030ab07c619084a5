"""The stats table laid out for a terminal of a given width: it always fits, and no
figure is ever lost.

Columns sit two spaces apart, figures right-aligned under their heads, which are
shortened ("frags", "mins") on a narrow terminal. Where the sources are too long for
the width, each is shortened in its middle ("corpus/2024/…/a123.json"; the full path
stays in TSV and JSON). Where even a short source leaves no room for the figures,
each document becomes a block of its own, a figure a line. Pure text: ``console.py``
draws the lines, bold where the style says so.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Literal, NamedTuple

from .stats import DocStats
from .vocab import LABELS, STATS_FIELDS

__all__ = ["GAP", "MIN_SOURCE", "Line", "cell_len", "fit", "layout", "visible"]

GAP = "  "
MIN_SOURCE = 12  # narrower than this, a source says too little: blocks instead
_ELLIPSIS = "…"
# Heads for a narrow terminal: every figure still shown, under a shorter name.
_SHORT = {
    "fragment_count": "frags",
    "paragraph_count": "paras",
    "word_count": "words",
    "sentence_count": "sents",
    "character_count": "chars",
    "link_count": "links",
    "minutes": "mins",
}
# Control characters in a source (a file name can hold any) are shown escaped: a
# newline would break the row, an ESC would reach the terminal.
_VISIBLE = str.maketrans(
    {i: f"\\x{i:02x}" for i in (*range(32), *range(127, 160))}
    | {9: "\\t", 10: "\\n", 13: "\\r", 0x2028: "\\u2028", 0x2029: "\\u2029"}
)


class Line(NamedTuple):
    """A line of the table and how it is drawn."""

    text: str
    style: Literal["head", "rule", "row", "total"]


def layout(rows: Sequence[DocStats], totals: DocStats | None, width: int) -> list[Line]:
    """The table for ``width`` columns: a head, a rule, a line a row, a rule and the
    totals; with totals but no rows (``--total``), the totals alone under the head."""
    body = [*rows, *([totals] if totals is not None else [])]
    figures = [[str(getattr(s, name)) for name in STATS_FIELDS] for s in body]
    longest = [max((len(f[i]) for f in figures), default=0) for i in range(len(STATS_FIELDS))]
    sources = [visible(s.source) for s in body]
    needed = max([len("source"), *map(cell_len, sources)])
    for heads in (LABELS, _SHORT):  # the short heads where the long leave no room
        labels = [heads[name] for name in STATS_FIELDS]
        widths = [max(len(label), n) for label, n in zip(labels, longest, strict=True)]
        room = width - sum(widths) - len(GAP) * len(widths)
        if room >= min(needed, MIN_SOURCE):
            break
    else:
        labels = [LABELS[name] for name in STATS_FIELDS]
        return _blocks(sources, figures, labels, totals is not None, width)
    column = min(needed, room)

    def line(source: str, cells: Sequence[str]) -> str:
        padded = source + " " * (column - cell_len(source))
        return GAP.join([padded, *(c.rjust(w) for c, w in zip(cells, widths, strict=True))])

    out = [Line(line("source", labels), "head")]
    rule = Line("─" * (column + sum(widths) + len(GAP) * len(widths)), "rule")
    out.append(rule)
    for source, cells in zip(sources[: len(rows)], figures, strict=False):
        out.append(Line(line(fit(source, column), cells), "row"))
    if totals is not None:
        if rows:
            out.append(rule)
        out.append(Line(line(fit(sources[-1], column), figures[-1]), "total"))
    return out


def _blocks(
    sources: list[str], figures: list[list[str]], labels: list[str], totals: bool, width: int
) -> list[Line]:
    """A block a document: its source (whole, wrapped by the terminal), then a figure a
    line; a blank line between blocks."""
    pad = max(map(len, labels))
    value = max(len(c) for cells in figures for c in cells)
    indent, gap = (GAP, GAP) if len(GAP) * 2 + pad + value <= width else ("", " ")
    out: list[Line] = []
    for n, (source, cells) in enumerate(zip(sources, figures, strict=True)):
        style: Literal["row", "total"] = "total" if totals and n == len(sources) - 1 else "row"
        if out:
            out.append(Line("", "row"))
        out.append(Line(source, "head" if style == "row" else "total"))
        out += [
            Line(f"{indent}{label.ljust(pad)}{gap}{cell}", style)
            for label, cell in zip(labels, cells, strict=True)
        ]
    return out


def visible(source: str) -> str:
    """``source`` with its control characters escaped (``\\n``, ``\\t``, ``\\x1b``)."""
    return source.translate(_VISIBLE)


def cell_len(text: str) -> int:
    """Terminal columns of ``text``: wide (CJK) characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(_char_len(c) for c in text)


def _char_len(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def fit(text: str, columns: int) -> str:
    """``text`` in at most ``columns`` columns: shortened in its middle with "…", more of
    its end kept than of its start (a file's name says more than its first folders)."""
    if cell_len(text) <= columns:
        return text
    keep = columns - 1
    head_room = keep // 3
    head, used = "", 0
    for char in text:
        if used + _char_len(char) > head_room:
            break
        head += char
        used += _char_len(char)
    tail, left = "", keep - used
    for char in reversed(text):
        if _char_len(char) > left:
            break
        tail = char + tail
        left -= _char_len(char)
    return head + _ELLIPSIS + tail
