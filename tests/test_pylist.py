"""read/pylist.py: the fast reader of a Python list agrees with Python's parser."""

from __future__ import annotations

import ast
import warnings

from hypothesis import given
from hypothesis import strategies as st

from newsfrag.read.pylist import fast_string_list

fragment_lists = st.lists(st.text(max_size=40), max_size=8)


def _python_parser(text: str) -> list[str] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "\\d" is an invalid escape, still a string
            tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError):
        return None
    if not isinstance(tree.body, ast.List):
        return None
    out = []
    for item in tree.body.elts:
        if not isinstance(item, ast.Constant) or not isinstance(item.value, str | None):
            return None
        out.append(item.value or "")
    return out


# Lists in Python syntax, valid and not: quotes, escapes and separators at random.
_string_body = st.lists(
    st.sampled_from(
        [
            "a",
            "ž",
            " ",
            "\\n",
            "\\x41",
            "\\x4",
            "\\'",
            '\\"',
            "\\\\",
            "\\u017e",
            "\\é",
            "\\d",
            "\\777",
            "'",
            '"',
            "\\N{BULLET}",
            "\\\n",
            "\x00",
            "\t",
            "\u2028",
            "#",
        ]
    ),
    max_size=6,
).map("".join)
_item = st.one_of(
    st.sampled_from(["None", "none", "1", "b'x'", "r'x'", "'" * 3 + "x" + "'" * 3]),
    st.builds(lambda q, body: q + body + q, st.sampled_from(["'", '"']), _string_body),
)
_separator = st.sampled_from([",", ", ", " ,\n", ",,", "", " ", "\u00a0,", ",\f"])
list_texts = st.lists(st.tuples(_item, _separator), max_size=6).map(
    lambda items: "[" + "".join(i + s for i, s in items) + "]"
)


@given(list_texts)
def test_the_fast_list_reader_agrees_with_pythons_parser(text: str) -> None:
    fast = fast_string_list(text)
    if fast is not None:  # when it answers, it gives what Python's parser gives
        assert fast == _python_parser(text)


@given(fragment_lists)
def test_the_fast_list_reader_reads_whatever_repr_writes(fragments: list[str]) -> None:
    assert fast_string_list(repr(fragments)) == fragments
