"""newsfrag text: what a reader sees, through the library and the command line alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfrag.document import Document
from newsfrag.text import document_markdown, document_paragraphs, fragment_texts

from .conftest import invoke

# (why, fragment, expected text) — each expectation worked out by hand.
CASES = [
    ("entities are decoded", "caf&eacute; &copy; &#8364;5", "café © €5"),
    ("an entity is decoded exactly once", "&amp;amp; &amp;lt;b&amp;gt;", "&amp; &lt;b&gt;"),
    (
        "nbsp and runs of whitespace become one space",
        "a&nbsp;&nbsp;b \t\n c\u00a0\u2003d",
        "a b c d",
    ),
    ("the ends are stripped", "   padded   ", "padded"),
    ("an inline tag adds nothing", "fo<b>o</b>bar", "foobar"),
    ("a line break separates words", "One.<br>Two.", "One. Two."),
    ("a block inside a fragment separates words", "<div>One</div><div>Two</div>", "One Two"),
    ("list items separate words", "<ul><li>a</li><li>b</li></ul>", "a b"),
    ("table cells separate words", "<table><tr><td>x</td><td>y</td></tr></table>", "x y"),
    ("an inline style block is never shown", "<style>.x{color:red}</style>Hello", "Hello"),
    ("a comment is never shown", "Hel<!-- tracking -->lo", "Hello"),
    ("a script is never shown", "a <script>var x = '<b>';</script>b", "a b"),
    ("tag names are read in any case", "a<sCRIPT>var x</sCRIPT> b<dIV>c</dIV>d", "a b c d"),
    ("Unicode is kept, never transliterated", "Київ — Zürich 🇺🇦", "Київ — Zürich 🇺🇦"),
    ("attributes never leak into text", '<a href="x" title="t">link</a>', "link"),
    ("a bare ampersand stays", "Marks & Spencer", "Marks & Spencer"),
    ("markup-like text in entities stays text", "&lt;p&gt; is a tag", "<p> is a tag"),
]


@pytest.mark.parametrize(("why", "fragment", "expected"), CASES, ids=[c[0] for c in CASES])
def test_fragment_text_library(why: str, fragment: str, expected: str) -> None:
    assert fragment_texts([fragment]) == [expected], why


@pytest.mark.parametrize(("why", "fragment", "expected"), CASES, ids=[c[0] for c in CASES])
def test_fragment_text_cli_stdin_and_file(
    why: str, fragment: str, expected: str, tmp_path: Path
) -> None:
    data = json.dumps([fragment])
    path = tmp_path / "article.json"
    path.write_text(data, encoding="utf-8")
    for ran in (invoke("text", stdin=data), invoke("text", str(path))):
        assert (ran.stdout, ran.stderr, ran.code) == (expected + "\n", "", 0), why


def test_an_unclosed_link_does_not_swallow_the_next_paragraphs() -> None:
    doc = Document("d", ['See <a href="/x">the report', "Next paragraph.", "<b>Bold</b> last."])
    assert document_markdown(doc) == ["See [the report](/x)", "Next paragraph.", "**Bold** last."]


def test_an_unclosed_comment_or_style_stays_in_its_fragment() -> None:
    assert fragment_texts(["a<!-- open", "b", "<style>x", "c"]) == ["a", "b", "", "c"]


def test_an_unclosed_comment_in_one_record_leaves_the_next_records_whole() -> None:
    # Records of a stream share a parser; the comment must not swallow record 3.
    records = [["<b>one</b>"], ["a<!-- open", "<i>b</i>"], ["<b>c</b>", "<template>t</template>d"]]
    ran = invoke("text", "--json", stdin="".join(json.dumps(r) + "\n" for r in records))
    assert [json.loads(line)["paragraphs"] for line in ran.stdout.splitlines()] == [
        ["one"],
        ["a", "b"],
        ["c", "d"],
    ]
    assert (ran.stderr, ran.code) == ("", 0)


def test_fragments_with_no_text_are_not_paragraphs() -> None:
    doc = Document("d", ["", "<b></b>", "  ", "<img src=x>", "Text"])
    assert document_paragraphs(doc) == ["Text"]


MARKDOWN = [
    ("<b>bold</b> and <i>it</i>", "**bold** and *it*"),
    # A mark right after another reads ambiguously: HTML, which CommonMark keeps as is.
    ("<strong>s</strong><em>e</em>", "<strong>s</strong>*e*"),
    ('a <a href="https://x.org/a">link</a>.', "a [link](https://x.org/a)."),
    ("<b>spaced </b>word", "**spaced** word"),
    ("<b> </b>empty", "empty"),
    ("2*3 [sic] _x_", r"2\*3 \[sic\] \_x\_"),
    ("# not a heading", r"\# not a heading"),
    ('<a href="/a b">x</a>', "[x](</a b>)"),
    # The cases of issue 24, each worked out against the CommonMark spec.
    ("1. Not a list", r"1\. Not a list"),
    ("2021. A year", r"2021\. A year"),
    ("<code>a*b</code> costs", "`a*b` costs"),
    ("<code>a`b</code>", "``a`b``"),
    ("<code>`quoted`</code>", "`` `quoted` ``"),
    ("x &amp;copy; &lt;b&gt;", r"x \&copy; \<b>"),
    ("- not an item", r"\- not an item"),
    ("---", r"\---"),
]


@pytest.mark.parametrize(("fragment", "expected"), MARKDOWN)
def test_markdown_keeps_bold_italics_and_links(fragment: str, expected: str) -> None:
    assert document_markdown(Document("d", [fragment])) == [expected]


def test_the_example_article_reads_as_written(examples: Path) -> None:
    ran = invoke("text", str(examples / "york-floods.txt"))
    assert ran.code == 0
    assert ran.stderr == ""
    assert ran.stdout.splitlines() == [
        "Flood barriers on the River Ouse were raised overnight as water levels in York "
        "reached a 20-year high.",
        "Residents of low-lying streets were told to move valuables upstairs.",
        "The Environment Agency said the river peaked at 4.8 metres shortly after midnight.",
        'Council leader Claire Douglas called it "the worst night since 2000".',
        'Police said one driver\'s car was "badly damaged" after it was left on Skeldergate.',
        "Café owner Zoë Hart said: \u201cWe lost everything on the ground floor.\u201d",
        "Last year, engineers warned the defences needed repair, the report said.",
        "Sign up for our morning newsletter and get the headlines in your inbox.",
        "© 2024 Example News. Example News is not responsible for the content of external "
        "sites. Read about our approach to external linking.",
    ]


def test_documents_are_separated_by_one_blank_line(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('["A1", "A2"]', encoding="utf-8")
    (tmp_path / "b.json").write_text('["<b></b>"]', encoding="utf-8")  # no text at all
    (tmp_path / "c.json").write_text('["C1"]', encoding="utf-8")
    assert invoke("text", str(tmp_path)).stdout == "A1\nA2\n\nC1\n"


def test_json_output_has_source_and_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('["caf&eacute;", "", "Zw\u00f6lf"]', encoding="utf-8")
    ran = invoke("text", "--json", str(path))
    assert ran.stdout == f'{{"source": "{path}", "paragraphs": ["café", "Zwölf"]}}\n'


def test_long_lines_are_never_wrapped_or_coloured() -> None:
    paragraph = "word " * 500
    ran = invoke("text", stdin=json.dumps([paragraph]))
    assert ran.stdout == paragraph.strip() + "\n"


@pytest.mark.parametrize("mode", [[], ["--markdown"], ["--json"]])
def test_the_options_of_a_select_are_items_of_their_own(mode: list[str]) -> None:
    fragment = "<select><option>Ferienhaus 1</option><option>Ferienahus 2</option>"
    fragment += "<option>Blockhaus 1</option></select>"
    ran = invoke("text", *mode, stdin=json.dumps([fragment]))
    assert "Ferienhaus 1 Ferienahus 2 Blockhaus 1" in ran.stdout
