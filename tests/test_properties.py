"""Properties that must hold for any input, not just the examples we thought of."""

from __future__ import annotations

import ast
import html
import io
import json
import re
import sys
import unicodedata
import warnings

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsfrag.clean.decide import _drop_boilerplate
from newsfrag.clean.rules import DEFAULT_RULES
from newsfrag.clean.screen import screen
from newsfrag.clean.speech import ADDRESSED, may_address
from newsfrag.document import Document
from newsfrag.errors import InputError
from newsfrag.markup import _KEPT_REF, collapse, parse_documents, plain_texts
from newsfrag.read.pylist import fast_string_list
from newsfrag.read.sources import read_stream
from newsfrag.text import document_markdown, fragment_texts, parsed_texts

fragment_lists = st.lists(st.text(max_size=40), max_size=8)


def read(data: bytes) -> list[Document | InputError]:
    return list(read_stream(io.BytesIO(data), "S"))


@given(fragment_lists)
def test_any_python_list_of_strings_reads_back_the_same(fragments: list[str]) -> None:
    # repr writes a lone surrogate as an escape, so even those read back.
    assert read(repr(fragments).encode()) == [Document("S", fragments)]


@given(fragment_lists)
def test_any_json_array_of_strings_reads_back_the_same(fragments: list[str]) -> None:
    assert read(json.dumps(fragments).encode()) == [Document("S", fragments)]


@given(st.lists(fragment_lists, min_size=2, max_size=5))
def test_any_json_lines_stream_reads_back_record_by_record(documents: list[list[str]]) -> None:
    data = "".join(json.dumps(d) + "\n" for d in documents).encode()
    assert read(data) == [Document(f"S:{i + 1}", d) for i, d in enumerate(documents)]


@settings(max_examples=300)
@given(st.binary(max_size=300))
def test_any_bytes_give_documents_or_errors_never_an_exception(data: bytes) -> None:
    for item in read(data):
        assert isinstance(item, Document | InputError)
        if isinstance(item, Document):
            assert all(isinstance(f, str) for f in item.fragments)


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
# and letters whose case changes length or maps outside ASCII: texts near the edges.
_OPENINGS = [
    "Sign up to our morning newsletter",
    "© 2024 BBC.",
    "Copyright 2024 Reuters.",
    "Image caption, ",
    "Read more: ",
    "Advertisement",
    "This article was originally published on",
    "Reporting by Jane Doe; editing by John Roe",
    "İmage caption:",
    "ſign up to our newsletter",
]
_near_rules = st.builds(
    "{}{}".format,
    st.sampled_from(_OPENINGS),
    st.text(alphabet="abc .!", max_size=220),
)


@settings(max_examples=600)
@example([("Advertisement" + "!" * 47, 0.0)])  # 60 characters: the short bound itself
@example([("Read more: " + "x" * 289, 0.5)])  # 300 characters, half in links
@given(st.lists(st.tuples(_near_rules, st.floats(0, 1)), min_size=1, max_size=6))
def test_the_screen_holds_back_no_fragment_a_rule_without_a_tail_would_drop(
    texts: list[tuple[str, float]],
) -> None:
    anywhere = [r for r in DEFAULT_RULES if r.tail is None]
    cleaned = [("", text, share) for text, share in texts]
    suspects = screen(anywhere)[0](cleaned)
    for i, (text, share) in enumerate(texts):
        if any(r.matches(text, text.lower(), share, 0) for r in anywhere):
            assert i in suspects, text


_TAILS = [
    "Follow us on Facebook and Twitter",
    "Get in touch: tell us your story",
    "Sign up for our daily newsletter",
    "Download our app from Google Play",
    "Listen to our podcast on Spotify",
    "Dana Roe contributed to this report",
    "All rights reserved",
    "ſign up for our daily newsletter",  # the pattern's case-blindness, not lower()'s
    "PLEASE SIGN UP for our newsletter",
]
_documents = st.lists(
    st.tuples(
        st.one_of(
            _near_rules,
            st.builds(
                "{}{}".format, st.sampled_from(_TAILS), st.text(alphabet="ab .", max_size=300)
            ),
            st.text(alphabet="abc .!", min_size=1, max_size=70),
        ),
        st.sampled_from([0.0, 0.5, 1.0]),
    ),
    max_size=12,
)


@settings(max_examples=600)
@example([("© 2024 BBC." + "a" * 589, 0.0)])  # 600 characters: the copyright rule's bound
# ... and reader-input's, 400 characters, a rule that looks at what follows
@example([("x" * 70, 0.0), ("Get in touch: tell us your story." + " ab" * 122 + "x", 0.0)])
@given(_documents)
def test_boilerplate_is_marked_as_by_every_rule_on_every_fragment_from_the_end_back(
    texts: list[tuple[str, float]],
) -> None:
    cleaned = [("", text, share) for text, share in texts]
    expected: list[str | None] = [None] * len(texts)
    kept_after = 0
    for i in reversed(range(len(texts))):  # the definition, no screen
        text, share = texts[i]
        rule = next(
            (r for r in DEFAULT_RULES if r.matches(text, text.lower(), share, kept_after)), None
        )
        if rule is None:
            kept_after += 1
        else:
            expected[i] = rule.name
    verdicts: list[str | None] = [None] * len(texts)
    survivors = _drop_boilerplate(list(range(len(texts))), cleaned, DEFAULT_RULES, verdicts)
    assert verdicts == expected
    assert survivors == [i for i, v in enumerate(expected) if v is None]


def test_no_letter_but_y_o_u_in_either_case_matches_you_in_the_reader_pattern() -> None:
    # may_address looks for "you" in the lower-cased text: no other letter may match.
    for letter in "you":
        pattern = re.compile(letter, re.IGNORECASE)
        matched = {chr(c) for c in range(sys.maxunicode + 1) if pattern.fullmatch(chr(c))}
        assert matched == {letter, letter.upper()}


_speech = st.lists(
    st.sampled_from(
        [
            *("you", "YOU", "yours", "Sign", "SIGN", "ſign", "please", "Please ", "do not", "go"),
            *("get", "GeT", "İ", "ı", "ſ", "K", "é", " ", "\n", "\xa0", "'", "-", "up", "x", "!"),
        ]
    ),
    max_size=8,
).map("".join)


@settings(max_examples=2000)
@given(_speech)
def test_a_text_the_reader_pattern_matches_is_never_said_not_to_address_the_reader(
    text: str,
) -> None:
    if ADDRESSED.search(text) is not None:
        assert may_address(text, text.lower())


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
