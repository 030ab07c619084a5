"""The fragment file forms, parsed from text, and the rule that tells them apart.

Pure functions over ``str``: reading bytes, files and streams is ``reading``'s job.
Input is never evaluated: a Python list is read with the parser alone, and only
string constants (and ``None``) are taken from its tree.
"""

from __future__ import annotations

import json
import re
from typing import Literal

from selectolax.lexbor import LexborHTMLParser

from ..document import Document
from ..errors import InputError
from .pylist import is_python, parse_pylist

Form = Literal["pylist", "json", "jsonl", "html", "lines"]
FORMS: tuple[Form, ...] = ("pylist", "json", "jsonl", "html", "lines")

# The block elements that make an HTML page's fragments, one per outermost block.
HTML_BLOCKS = (
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "figcaption",
    "td",
)
# Tags that only a page or snippet has: a `lines` file (cleaned fragments) carries inline tags only.
_PAGE_TAG = re.compile(
    r"<(?:!doctype|html|head|body|div|article|section|table|tr|ul|ol|"
    + "|".join(HTML_BLOCKS)
    + r")[\s/>]",
    re.IGNORECASE,
)


def detect(text: str) -> Form:
    """Tell the form of a whole input from its content.

    ``{`` starts JSON lines (unless prose follows: ``lines``); ``[`` a JSON or Python
    list, JSON lines when the first line is a whole JSON value and more follows,
    HTML when ``<`` comes next (the
    ``[<p>…</p>, <p>…</p>]`` that printing a list of soup tags gives); ``<`` an HTML
    page or snippet when a block or page tag occurs, otherwise cleaned ``lines``.
    Anything else is ``lines``.
    """
    return streamed_form(text) or whole_form(text)


def whole_form(text: str) -> Form:
    """The form of an input that ``streamed_form`` found is not read a line at a time:
    HTML when ``<`` opens it or follows its ``[``, a JSON array, or a Python list."""
    body = text.lstrip()
    if body.startswith("<") or body[1:].lstrip().startswith("<"):
        return "html"
    return "json" if not _PYTHON_QUOTE.match(body) and _is_json_value(body) else "pylist"


_OBJECT_START = re.compile(r"""\{\s*["'}]""")
# A list whose first item is in single quotes, as repr writes most: never JSON.
_PYTHON_QUOTE = re.compile(r"\s*\[\s*'")


def streamed_form(text: str) -> Form | None:
    """``jsonl`` or ``lines`` for the forms read a line at a time; None for the others.

    Cheap on purpose: it runs on the first 64 KiB of every input, before any parsing.
    """
    body = text.lstrip()
    first = body[:1]
    if first == "{":
        # A JSON object opens with a key or closes at once; "{Updated} Ministers …"
        # is a cleaned fragment, the first line of the ``lines`` form.
        if _OBJECT_START.match(body) or is_python(body):
            return "jsonl"  # a dict, if broken: read as JSON lines, it is reported
        return "lines"
    if first == "[":
        after = body[1:].lstrip()[:1]
        if after == "<":
            return None
        line, newline, rest = body.partition("\n")
        if newline and rest.strip() and (_is_json_value(line) or _is_python_list(line)):
            return "jsonl"  # a list a line, JSON or Python (``print(fragments)`` per article)
        if after.isalpha() and not after.startswith(("N", "T", "F")) and not is_python(body):
            return "lines"  # prose that opens with a bracket: "[Updated] …"
        return None
    if first == "<":
        return None if _PAGE_TAG.search(text) else "lines"
    return "lines"


def parse_list(text: str, source: str) -> list[str]:
    """A JSON array or a Python list of strings: JSON is tried first, as it is the faster,
    unless the list opens with a single quote (a failed try costs more than a read)."""
    if _PYTHON_QUOTE.match(text):
        return parse_pylist(text, source)
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return parse_pylist(text, source)
    return _strings(value, source)


def _is_json_value(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _is_python_list(line: str) -> bool:
    """A whole Python list of strings on one line ("[Photo]" is prose, not a list)."""
    if not line.rstrip().endswith("]"):
        return False
    try:
        parse_pylist(line, "")
    except InputError:
        return False
    return True


def parse_json(text: str, source: str) -> list[str]:
    """The strings of a JSON array; ``null`` items are ""."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(source, f"not JSON: {e.msg}", e.lineno, e.colno) from None
    except (RecursionError, MemoryError):
        raise InputError(source, "not JSON: nested too deeply") from None
    return _strings(value, source)


def _strings(value: object, source: str, line: int | None = None) -> list[str]:
    if not isinstance(value, list):
        raise InputError(source, f"expected a list of strings, found {_json_kind(value)}", line)
    fragments: list[str] = []
    for i, item in enumerate(value):
        if isinstance(item, str):
            fragments.append(item)
        elif item is None:
            fragments.append("")
        else:
            raise InputError(source, f"item {i} is {_json_kind(item)}, not a string", line)
    return fragments


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    kinds: dict[type, str] = {dict: "an object", list: "a nested list", str: "a string"}
    return kinds.get(type(value), "null")


def parse_jsonl_record(line: str, path: str, lineno: int) -> Document:
    """One JSON-lines record: an array of strings, or an object with ``fragments``; a
    Python list of strings too, as ``print(fragments)`` writes one a line."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as e:
        if _PYTHON_QUOTE.match(line) or _is_python_list(line):
            return Document(f"{path}:{lineno}", _pylist_line(line, path, lineno))
        raise InputError(path, f"not JSON: {e.msg}", lineno, e.colno) from None
    except (RecursionError, MemoryError):
        raise InputError(path, "not JSON: nested too deeply", lineno) from None
    source = f"{path}:{lineno}"
    numbers = None
    if isinstance(value, dict):
        if "fragments" not in value:
            raise InputError(path, 'expected an object with "fragments"', lineno)
        if isinstance(value.get("source"), str):
            source = value["source"]
        fragments = _strings(value["fragments"], path, lineno)
        if "fragment_numbers" in value:
            numbers = _numbers(value["fragment_numbers"], len(fragments), path, lineno)
        return Document(source, fragments, numbers)
    return Document(source, _strings(value, path, lineno))


def _numbers(value: object, count: int, path: str, lineno: int) -> tuple[int, ...]:
    """``fragment_numbers``: a whole number from 0 for each fragment."""
    if (
        not isinstance(value, list)
        or len(value) != count
        or not all(type(n) is int and n >= 0 for n in value)
    ):
        wanted = f'"fragment_numbers" must be {count} whole numbers from 0, one a fragment'
        raise InputError(path, wanted, lineno)
    return tuple(value)


def _pylist_line(line: str, path: str, lineno: int) -> list[str]:
    try:
        return parse_pylist(line, path)
    except InputError as e:
        raise InputError(path, e.message, lineno, e.col) from None


def parse_html(text: str) -> list[str]:
    """One fragment per outermost block element; a snippet with no blocks is one fragment."""
    parser = LexborHTMLParser(text)
    taken: set[int] = set()
    fragments: list[str] = []
    for node in parser.css(", ".join(HTML_BLOCKS)):
        parent = node.parent
        while parent is not None and parent.mem_id not in taken:
            parent = parent.parent
        if parent is None:
            taken.add(node.mem_id)
            fragments.append(node.inner_html or "")
    if not taken and parser.body is not None and (inner := parser.body.inner_html or "").strip():
        fragments.append(inner)
    return fragments
