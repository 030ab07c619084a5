"""Each fragment form is recognised from its content and read to the same fragments."""

from __future__ import annotations

import io
import json

import pytest

from newsfrag.document import Document
from newsfrag.errors import InputError
from newsfrag.read.forms import detect, parse_html, parse_json
from newsfrag.read.pylist import parse_pylist
from newsfrag.read.sources import ReadOptions, read_stream

FRAGMENTS = ['<b class="x">Lead.</b>', 'It\'s "quoted".', "Last &amp; least"]

# (form, content that holds FRAGMENTS)
EVERY_FORM = [
    ("pylist", repr(FRAGMENTS)),
    (
        "pylist",
        "[\n  'Lead', \"It's\",\n]".replace("'Lead', \"It's\"", ", ".join(map(repr, FRAGMENTS))),
    ),
    ("json", json.dumps(FRAGMENTS)),
    ("json", json.dumps(FRAGMENTS, indent=2)),
    ("jsonl", json.dumps(FRAGMENTS) + "\n" + json.dumps(FRAGMENTS) + "\n"),
    ("jsonl", json.dumps({"source": "a.txt", "fragments": FRAGMENTS}) + "\n"),
    ("html", "".join(f"<p>{f}</p>\n" for f in FRAGMENTS)),
    ("html", "[" + ", ".join(f"<p>{f}</p>" for f in FRAGMENTS) + "]"),
    ("lines", "\n".join(FRAGMENTS) + "\n"),
]


@pytest.mark.parametrize(("form", "content"), EVERY_FORM)
def test_the_form_is_detected_from_the_content(form: str, content: str) -> None:
    assert detect(content) == form


@pytest.mark.parametrize(("form", "content"), EVERY_FORM)
def test_every_form_reads_to_the_same_fragments(form: str, content: str) -> None:
    docs = list(read_stream(io.BytesIO(content.encode()), "S"))
    assert all(isinstance(d, Document) for d in docs)
    assert next(d.fragments for d in docs if isinstance(d, Document)) == FRAGMENTS


@pytest.mark.parametrize(
    ("content", "form"),
    [
        ("[Updated] Ministers met again on Tuesday.\n", "lines"),  # prose with a bracket
        ("<b>Bold lead</b>\nSecond paragraph\n", "lines"),  # cleaned fragments, inline tags only
        ("<h2>Heading</h2><div>text</div>", "html"),
        ("Plain paragraph\n", "lines"),
        ("[None, 'a']", "pylist"),
        ("[]", "json"),
    ],
)
def test_look_alikes_are_told_apart(content: str, form: str) -> None:
    assert detect(content) == form


def test_a_forced_form_is_used_as_it_is() -> None:
    docs = list(read_stream(io.BytesIO(b'["a", "b"]\n'), "S", ReadOptions(form="lines")))
    assert docs == [Document("S:1", ['["a", "b"]'])]


def test_none_items_are_empty_fragments() -> None:
    assert parse_pylist("['a', None, 'b']", "S") == ["a", "", "b"]
    assert parse_json('["a", null]', "S") == ["a", ""]


def test_python_escapes_and_quotes_are_read_as_repr_writes_them() -> None:
    fragments = [
        "it's",
        'say "hi"',
        "both ' and \"",
        "tab\there",
        "\u00e9\U0001f600",
        "back\\slash",
    ]
    assert parse_pylist(repr(fragments), "S") == fragments


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[__import__('os').system('echo hacked')]", "item 0 is a call (code is never run)"),
        ("['a', (lambda: 1)]", "item 1 is a lambda (code is never run)"),
        ("['a', 1]", "item 1 is a number, not a string"),
        ("['a', ['b']]", "item 1 is a nested list, not a string"),
        ("{'a': 'b'}", "expected a list of strings, found a dict"),
        ("['a', f'{x}']", "item 1 is an f-string, not a string"),
        ("['a', 'b'", "not a Python list: '[' was never closed"),
        ("['a, 'b']", "not a Python list"),
        ("[" * 200_000, "not a Python list"),
    ],
)
def test_a_python_list_that_is_not_a_literal_of_strings_is_rejected(
    content: str, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        parse_pylist(content, "S")
    assert message in str(caught.value)
    assert str(caught.value).startswith("S")


def test_a_json_error_says_where() -> None:
    with pytest.raises(InputError) as caught:
        parse_json('["a",\n "b" "c"]', "f.json")
    assert str(caught.value) == "f.json:2:6: not JSON: Expecting ',' delimiter"


def test_json_nested_too_deep_is_an_error_not_a_crash() -> None:
    with pytest.raises(InputError, match="nested too deeply"):
        parse_json("[" * 200_000 + "]" * 200_000, "S")


def test_html_takes_the_outermost_blocks_in_order() -> None:
    page = (
        "<html><head><title>T</title></head><body><h1>Head</h1>"
        "<blockquote><p>q1</p><p>q2</p></blockquote><ul><li>i1</li><li>i2</li></ul>"
        "<table><tr><td>c1</td></tr></table><pre>x  y</pre><figure><figcaption>cap</figcaption>"
        "</figure></body></html>"
    )
    assert parse_html(page) == ["Head", "<p>q1</p><p>q2</p>", "i1", "i2", "c1", "x  y", "cap"]


def test_an_html_snippet_without_blocks_is_one_fragment() -> None:
    assert parse_html("Just <b>inline</b> text") == ["Just <b>inline</b> text"]


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ("\n\n  ['a', 1]", "S:3:9: item 1"),  # blank lines and an indent before the list
        ("['a',\n 1]", "S:2:2: item 1"),
        ("\n  ['a', 'b'\n", "S:2:3: not a Python list: '[' was never closed"),
    ],
)
def test_python_list_errors_point_at_the_line_and_column(content: str, where: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_pylist(content, "S")
    assert str(caught.value).startswith(where)


def test_a_cleaned_fragment_opening_with_a_brace_reads_back_as_lines() -> None:
    # The plain output of clean, read again: not mistaken for JSON lines.
    text = "{Updated} Ministers met on Friday.\nA second paragraph.\n"
    docs = list(read_stream(io.BytesIO(text.encode()), "-"))
    assert docs == [Document("-:1", ["{Updated} Ministers met on Friday.", "A second paragraph."])]
