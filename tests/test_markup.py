"""markup.py: one parse a document, each fragment kept apart; text collapsed; references
decoded as the parser decodes them; the fast checks held to the slow ones."""

from __future__ import annotations

import html
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsfrag.document import Document
from newsfrag.markup import _KEPT_REF, collapse, parse_documents, plain_texts
from newsfrag.text import document_markdown, fragment_texts, parsed_texts

html_ish = st.text(alphabet=st.sampled_from(list("<>/abip&;#x \"'=!-\u00a0\n")), max_size=60)


@settings(max_examples=300)
@given(st.lists(st.one_of(html_ish, st.text(max_size=30)), max_size=6))
def test_text_is_always_collapsed_and_one_per_fragment(fragments: list[str]) -> None:
    texts = fragment_texts(fragments)
    assert len(texts) == len(fragments)
    for text in texts:
        assert text == " ".join(text.split())
    document_markdown(Document("S", fragments))  # never raises


_SPACEY = st.text(alphabet=st.sampled_from(list("ab \u00a0\t\n\u2003\u3000\x1c\x85é")), max_size=20)


@settings(max_examples=1000)
@given(_SPACEY)
@example("a\u00a0b")  # a lone NBSP: swapped, nothing more to do
@example("a\u00a0 b")  # NBSP beside a space
@example("\u00a0a")  # NBSP at an end
@example("a\u00a0\tb")  # NBSP and another odd space
def test_collapse_is_split_and_join(text: str) -> None:
    assert collapse(text) == " ".join(text.split())


@settings(max_examples=300)
@given(
    st.lists(
        st.lists(st.one_of(html_ish, st.sampled_from(["a<!-- x", "<style>", "<b>b"])), max_size=4),
        max_size=6,
    )
)
def test_documents_parsed_together_read_as_each_parsed_alone(documents: list[list[str]]) -> None:
    import newsfrag.markup

    alone = [fragment_texts(fragments) for fragments in documents]
    for group_chars in (1, 30, 1 << 16):  # a parser for each document, for a few, for all
        newsfrag.markup._GROUP_CHARS = group_chars
        try:
            parsed = list(parse_documents(documents))
        finally:
            newsfrag.markup._GROUP_CHARS = 1 << 16
        together = [parsed_texts(f, roots) for f, roots in zip(documents, parsed, strict=True)]
        assert together == alone


_TAGGY = st.lists(
    st.sampled_from(["<", "</", ">", " ", "x", "B", "br", "BR", "Br", "bR", "head", "HEADER", "h1"])
    | st.sampled_from(["p", "P", "pre", "span", "style", "Script", "sCRIPT", "li", "a", "td", "-"])
    | st.sampled_from(["tdx", "tD", "hEAD", "H1", "dIv"]),
    max_size=12,
).map("".join)


@settings(max_examples=2000)
@given(_TAGGY)
@example("a<sCRIPT>x</sCRIPT>")  # a capital after the first letter
@example("<SPAN>a</SPAN><dIV>b")  # a capital tag that is no block before one that is
def test_the_fast_block_check_agrees_with_the_case_blind_pattern(html: str) -> None:
    from newsfrag.text import _NEEDS_WALK, needs_walk

    assert needs_walk(html) == (_NEEDS_WALK.search(html) is not None)


# Openings of the built-in rules, with filler to carry them past the short-text bound,

_entity_soup = st.lists(
    st.one_of(
        st.sampled_from(["&amp", "&amp;", "&notin", "&not", "&#39", "&#x27;", "&#0;", "&nbsp"]),
        st.sampled_from(["e\u0301", "\u0301", ";", "#", "x", " ", "\n", "\x00", "A", "é"]),
    ),
    max_size=8,
).map("".join)


@settings(max_examples=1000)
@example(["&amp\x00;", "x"], False)  # a NUL splits no entity: it goes after decoding
@example(["e\x00\u0301"], True)  # ... and before NFC, which then joins the letters
@given(st.lists(_entity_soup, max_size=6), st.booleans())
def test_plain_fragments_decoded_together_read_as_decoded_one_at_a_time(
    fragments: list[str], nfc: bool
) -> None:
    def alone(fragment: str) -> str:
        text = html.unescape(fragment).replace("\x00", "")
        return " ".join((unicodedata.normalize("NFC", text) if nfc else text).split())

    assert plain_texts(fragments, nfc) == [alone(f) for f in fragments]


_numeric_references = st.builds(
    "{0}{1}".format,
    st.builds(
        lambda form, code: form % code,
        st.sampled_from(["&#%d", "&#%d;", "&#x%x;", "&#X%X", "&#x%06x;", "&#%07d;"]),
        st.one_of(
            st.integers(0, 0x11_0000),
            st.sampled_from([0x1, 0xB, 0xD, 0x1F, 0x7F, 0x81, 0xFDD0, 0xFFFE, 0x10FFFF]),
        ),
    ),
    st.sampled_from(["", ";", "a", "9", "F"]),
)


@settings(max_examples=1000)
@example("&#1;")  # html.unescape drops it; the parser keeps U+0001
@example("&#xFdD0;x")  # hex digits in either case
@given(_numeric_references)
def test_a_fragment_without_markup_decodes_numeric_references_as_the_parser_does(
    reference: str,
) -> None:
    plain, parsed = fragment_texts([f"x{reference}", f"<i></i>x{reference}"])
    assert plain == parsed


def test_the_references_kept_are_exactly_those_html_unescape_drops() -> None:
    # Every code point of the first plane; the starts and ends of the others.
    edges = (*range(0x100), *range(0xFD00, 0x1_0000))
    codes = [*range(0x1_0000), *(plane << 16 | low for plane in range(1, 17) for low in edges)]
    dropped, found = set(), set()
    for code in [*codes, 0x11_0000]:
        if not html.unescape(f"&#{code};"):
            dropped.add(code)
        spellings = (f"&#{code}", f"&#x{code:x};", f"&#X{code:X}", f"&#x00{code:X};", f"&#0{code};")
        hits = {_KEPT_REF.fullmatch(s) is not None for s in spellings}
        assert len(hits) == 1, code  # every spelling alike
        if hits.pop():
            found.add(code)
    assert found == dropped
    assert len(found) == 94
