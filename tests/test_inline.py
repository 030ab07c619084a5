"""clean's path for prose with inline elements: the walk's output, or nothing at all."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfrag.clean import clean_markup
from newsfrag.clean.fastpath import clean_inline
from newsfrag.markup import LexborNode, parse_fragments


def _root(fragment: str) -> LexborNode:
    [root] = parse_fragments([fragment])
    assert root is not None
    return root


# The fragment as scraped; its cleaned markup, plain text and share of the text in links
# (of its characters but the spaces, as cleaning again finds it).
INLINE = [
    (
        'Hello <a href="/x" class="c">world</a>!',
        'Hello <a href="/x">world</a>!',
        "Hello world!",
        5 / 11,
    ),
    ('<b class="k"> Lead</b> tail ', "<b>Lead</b> tail", "Lead tail", 0.0),
    ("x<b> y</b>", "x<b> y</b>", "x y", 0.0),
    ("<i>x </i>y", "<i>x </i>y", "x y", 0.0),
    ("<b>x</b> <i>y</i>", "<b>x</b> <i>y</i>", "x y", 0.0),
    ("a&nbsp;b <span>c</span> d", "a b c d", "a b c d", 0.0),
    ("AT&amp;T <em>&lt;3</em>", "AT&amp;T <em>&lt;3</em>", "AT&T <3", 0.0),
    ("One<!-- c --> two<script>x</script> three", "One two three", "One two three", 0.0),
    (
        '<a>no href</a> and <a href="/y">a link</a>',
        'no href and <a href="/y">a link</a>',
        "no href and a link",
        5 / 14,  # characters but spaces: "a link" 5 of "no href and a link" 14
    ),
    (
        'Кафе <a href="/к">ссылка</a> 😀',
        'Кафе <a href="/к">ссылка</a> 😀',
        "Кафе ссылка 😀",
        6 / 11,
    ),
]


@pytest.mark.parametrize(("fragment", "html", "text", "share"), INLINE)
def test_prose_with_inline_elements_is_cleaned_without_the_walk_as_the_walk_would(
    fragment: str, html: str, text: str, share: float
) -> None:
    root = _root(fragment)
    for cleaned in (clean_inline(root), clean_markup(root)):
        assert cleaned is not None
        assert cleaned[:2] == (html, text)
        assert cleaned[2] == pytest.approx(share)


@pytest.mark.parametrize(
    "fragment",
    [
        "Empty <b></b> tags",  # an element with no text goes
        "Text<b> </b>more",
        "a  b <i>c</i>",  # spaces to collapse
        "a <i> c</i>",
        "a\nb <i>c</i>",
        "a&nbsp; <b>b</b>",
        "<p>block</p> text",  # a block parts words
        "x<br>y",
        "<b>bold <i>both</i></b>",  # elements in elements
        "Cafe\u0301 <b>x</b>",  # not NFC
        "<b>x</b>\u0338y",  # NFC would join the mark to ">"
        " <span> </span> ",  # no text
    ],
)
def test_a_fragment_the_walk_must_see_is_left_to_it(fragment: str) -> None:
    assert clean_inline(_root(fragment)) is None


_TEXT = st.lists(
    st.sampled_from(
        [
            *("a", "b", " ", "\u00a0", "&amp;", "&lt;", "&gt;", "é", "e\u0301", "\u0338", "ж"),
            *("😀", "\n", "\x00", "<!--c-->", "<script>s</script>", "<br>", "&nbsp;", "&#x301;"),
        ]
    ),
    max_size=6,
).map("".join)
_ELEMENT = st.builds(
    "<{0}{1}>{2}</{3}>".format,
    st.sampled_from(["a", "b", "i", "em", "strong", "span", "code", "p", "font"]),
    st.sampled_from(["", ' class="c"', ' href="/x"', ' href="/ü?a=1&amp;b"']),
    _TEXT,
    st.sampled_from(["a", "b", "i", "em", "strong", "span", "code", "p", "font"]),
)
_INLINE = st.lists(st.one_of(_TEXT, _ELEMENT), min_size=1, max_size=6).map("".join)


@settings(max_examples=1000)
@given(_INLINE)
def test_the_inline_path_gives_what_the_walk_gives_or_leaves_the_fragment_to_it(
    fragment: str,
) -> None:
    root = _root(fragment) if "<" in fragment else None
    if root is not None:
        assert clean_inline(root) in (None, clean_markup(root))
