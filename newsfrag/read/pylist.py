"""Python lists of strings, read by a parser and never evaluated: a fast reader for the
common shape, as ``repr`` writes it, and Python's own parser for the rest.

It reads the plain shape (``[``, quoted strings or ``None``, commas, ``]``) with
``str.find``, faster than Python's own parser (bench/RESULTS.md, bench/NOTES.md). It is
a strict subset of Python's grammar with the same meaning:
anything outside it (string prefixes, implicit concatenation, comments, a backslash
before a non-Latin-1 character, a line continuation) returns ``None`` and the
caller falls back to Python's parser, which also gives the error messages.
"""

from __future__ import annotations

import ast
import re
import warnings

from ..errors import InputError

_SPACE = " \t\f\r\n"  # what Python's tokenizer skips between tokens (no NBSP, no U+2028)
_ESCAPED = {
    "'": re.compile(r"'([^'\\\n\r\x00]*(?:\\[^\n\r\x00][^'\\\n\r\x00]*)*)'"),
    '"': re.compile(r'"([^"\\\n\r\x00]*(?:\\[^\n\r\x00][^"\\\n\r\x00]*)*)"'),
}
# "\é" keeps its backslash in Python, but backslashreplace would turn "é"'s escape into one.
_BAD_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\[^\x00-\xff]")  # an odd run of backslashes


def fast_string_list(text: str) -> list[str] | None:
    """The strings of ``text`` (``None`` items as ""), or None when it is not the plain shape."""
    s = text.strip(_SPACE)
    if not (s.startswith("[") and s.endswith("]")):
        return None
    end = len(s) - 1
    pos = 1
    out: list[str] = []
    # Line breaks and NUL end a string literal: look for them in each string only
    # when the text has any (repr writes none).
    breaks = "\n" in s or "\r" in s or "\x00" in s
    while True:
        while s[pos] in _SPACE:
            pos += 1
        if pos == end:
            return out  # "[]", or a trailing comma
        quote = s[pos]
        if quote in "'\"":
            close = s.find(quote, pos + 1)
            if close < 0:
                return None
            body = s[pos + 1 : close]
            if "\\" in body:
                decoded = _unescape(s, pos, quote)
                if decoded is None:
                    return None
                body, close = decoded
            elif breaks and ("\n" in body or "\r" in body or "\x00" in body):
                return None
            out.append(body)
            pos = close + 1
        elif s.startswith("None", pos):
            out.append("")
            pos += 4
        else:
            return None
        while s[pos] in _SPACE:
            pos += 1
        if pos == end:
            return out
        if s[pos] != ",":
            return None
        pos += 1


def _unescape(s: str, pos: int, quote: str) -> tuple[str, int] | None:
    """The decoded string starting at ``pos`` and the index of its closing quote."""
    match = _ESCAPED[quote].match(s, pos)
    if match is None or _BAD_ESCAPE.search(match.group(1)):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "\\d" is an invalid escape that Python keeps as is
            body = match.group(1).encode("latin-1", "backslashreplace").decode("unicode_escape")
    except UnicodeDecodeError:  # a truncated \x or \u escape: Python's parser says which
        return None
    return body, match.end() - 1


def is_python(text: str) -> bool:
    try:
        ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def parse_pylist(text: str, source: str) -> list[str]:
    """The strings of a Python list literal, read by the parser alone; ``None`` items are ""."""
    if (fast := fast_string_list(text)) is not None:
        return fast
    # Python refuses an indented first line: keep the line breaks, drop the indent.
    stripped = text.lstrip()
    lead = text[: len(text) - len(stripped)]
    first_line, indent = lead.count("\n") + 1, len(lead) - lead.rfind("\n") - 1

    def error(message: str, line: int | None, col: int | None) -> InputError:
        if line == first_line and col is not None:
            col += indent
        return InputError(source, message, line, col)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "\\d", an invalid escape, is still a string
            tree = ast.parse("\n" * (first_line - 1) + stripped, mode="eval")
    except SyntaxError as e:
        raise error(f"not a Python list: {e.msg}", e.lineno, e.offset) from None
    except (RecursionError, MemoryError):
        raise InputError(source, "not a Python list: nested too deeply") from None
    except ValueError as e:  # e.g. NUL bytes
        raise InputError(source, f"not a Python list: {e}") from None
    node = tree.body
    if not isinstance(node, ast.List):
        found = f"expected a list of strings, found {_describe(node)}"
        raise error(found, node.lineno, node.col_offset + 1)
    fragments: list[str] = []
    for i, item in enumerate(node.elts):
        if isinstance(item, ast.Constant) and isinstance(item.value, str):
            fragments.append(item.value)
        elif isinstance(item, ast.Constant) and item.value is None:
            fragments.append("")
        else:
            wrong = f"item {i} is {_describe(item)}, not a string"
            raise error(wrong, item.lineno, item.col_offset + 1)
    return fragments


def _describe(node: ast.expr) -> str:
    if isinstance(node, ast.Constant):
        kind = type(node.value).__name__
        return {
            "int": "a number",
            "float": "a number",
            "complex": "a number",
            "bool": "a boolean",
            "bytes": "a bytes literal",
            "str": "a string",
        }.get(kind, kind)
    names = {
        ast.Call: "a call (code is never run)",
        ast.Lambda: "a lambda (code is never run)",
        ast.Dict: "a dict",
        ast.List: "a nested list",
        ast.Tuple: "a tuple",
        ast.Set: "a set",
        ast.Name: "a name",
        ast.JoinedStr: "an f-string",
        ast.Attribute: "an attribute",
    }
    return names.get(type(node), "an expression (code is never run)")


def looks_like_code(line: str) -> bool:
    """True for a line that parses as a Python call or lambda: code given where data belongs."""
    try:
        tree = ast.parse(line.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return any(isinstance(n, ast.Call | ast.Lambda) for n in ast.walk(tree))
