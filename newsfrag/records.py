"""Results as output bytes: JSON lines, tab-separated lines and plain text.

The one place that makes the bytes newsfrag writes, used by the command line and by
whatever else runs newsfrag's jobs (another engine writes the same records).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

__all__ = ["json_line", "text_bytes", "tsv_line"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def json_line(record: object) -> bytes:
    """One JSON object a line, UTF-8 unescaped.

    A lone surrogate (a ``"\\ud800"`` escape in a Python list) cannot be UTF-8:
    that record alone falls back to ``\\u`` escapes, so nothing is lost.
    """
    text = json.dumps(record, ensure_ascii=False)
    try:
        return text.encode("utf-8") + b"\n"
    except UnicodeEncodeError:
        return json.dumps(record).encode("ascii") + b"\n"


_QUOTED = re.compile('[\t\n\r"]')


def tsv_line(cells: Iterable[str]) -> str:
    """One line of tab-separated values, as spreadsheets, Python's csv, pandas, DuckDB and
    sqlite-utils read them back exactly: a cell holding a tab, a line break or a double
    quote is put in double quotes, its quotes doubled; every other cell is as it is."""
    return "\t".join(_tsv_cell(c) for c in cells) + "\n"


def _tsv_cell(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if _QUOTED.search(cell) else cell


def text_bytes(text: str) -> bytes:
    """Plain text as UTF-8; what cannot be encoded (a lone surrogate) becomes U+FFFD."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text).encode("utf-8")
