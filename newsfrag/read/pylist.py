"""A fast reader for the common shape of a Python list of strings, as ``repr`` writes it.

Python's own parser reads such a list at about 70 MB/s; this reads the plain shape
(``[``, quoted strings or ``None``, commas, ``]``) at about twice that with
``str.find``. It is a strict subset of Python's grammar with the same meaning:
anything outside it (string prefixes, implicit concatenation, comments, a backslash
before a non-Latin-1 character, a line continuation) returns ``None`` and the
caller falls back to Python's parser, which also gives the error messages.
"""

from __future__ import annotations

import re
import warnings

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
