"""The pure core of ``newsfrag links``: extraction, WHATWG resolution, filters, options."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfrag.document import Document
from newsfrag.links import (
    Link,
    LinkOptions,
    check_options,
    document_links,
    link_header,
    resolve,
    select_links,
)
from newsfrag.markup import LexborNode, parse_fragments
from newsfrag.records import tsv_line

BBC = "https://www.bbc.co.uk/news/world/"

ZELENSKY = (
    'Last week, <a href="https://www.bbc.co.uk/news/world-europe-62679066" '
    'class="ssrcss-k17ofw-InlineLink e1no5rhv0">Ukrainian President Volodymyr Zelensky said '
    "the world narrowly avoided a radiation accident at the plant,</a> blaming Moscow's "
    "actions for this."
)
EXTERNAL_NOTE = (
    "© 2022 BBC. The BBC is not responsible for the content of external sites. "
    '<a href="https://www.bbc.co.uk/editorialguidelines/guidance/feeds-and-links" '
    'class="ssrcss-odwm7b-Link e14mg4ud0">Read about our approach to external linking.</a>'
)


def doc(*fragments: str) -> Document:
    return Document("a.txt", list(fragments))


def link(href: str, url: str | None, text: str = "t", fragment: int = 0) -> Link:
    return Link("a.txt", fragment, href, url, text)


# Each expectation worked out by hand from the WHATWG URL standard's basic URL parser.
WHATWG_CASES = [
    ("/news/uk-1", "https://www.bbc.co.uk/news/uk-1"),
    ("../up", "https://www.bbc.co.uk/news/up"),
    ("https://example.org/x?a=1&b=2", "https://example.org/x?a=1&b=2"),
    ("../../../../up", "https://www.bbc.co.uk/up"),  # ".." stops at the root
    ("?q=1", "https://www.bbc.co.uk/news/world/?q=1"),
    ("#top", "https://www.bbc.co.uk/news/world/#top"),
    ("#", "https://www.bbc.co.uk/news/world/#"),
    ("?", "https://www.bbc.co.uk/news/world/?"),
    ("//cdn.example.com/x", "https://cdn.example.com/x"),
    ("//cdn.example.com", "https://cdn.example.com/"),  # an http(s) path is never empty
    ("///cdn.example.com/x", "https://cdn.example.com/x"),  # extra slashes are ignored
    ("x", "https://www.bbc.co.uk/news/world/x"),
    (".", "https://www.bbc.co.uk/news/world/"),
    ("..", "https://www.bbc.co.uk/news/"),
    ("a/..", "https://www.bbc.co.uk/news/world/"),
    ("/a/./b/../c", "https://www.bbc.co.uk/a/c"),
    ("%2e%2e/x", "https://www.bbc.co.uk/news/x"),  # %2e is a dot in a path segment
    ("..//x", "https://www.bbc.co.uk/news//x"),  # empty segments are kept
    ("/web/2020/https://example.org/", "https://www.bbc.co.uk/web/2020/https://example.org/"),
    ("g;x?y#s", "https://www.bbc.co.uk/news/world/g;x?y#s"),
    ("./foo:bar", "https://www.bbc.co.uk/news/world/foo:bar"),
    ("\\\\evil.example\\x", "https://evil.example/x"),  # "\" is "/" in http(s)
    ("/\\evil.example/", "https://evil.example/"),
    ("/a?b\\c", "https://www.bbc.co.uk/a?b\\c"),  # ... but not in the query
    ("https:foo", "https://www.bbc.co.uk/news/world/foo"),  # same scheme: relative
    ("https:/news/x", "https://www.bbc.co.uk/news/x"),
    ("http:example.org/x", "http://example.org/x"),  # other scheme: the host follows
    (" \n/news/a\t \x00", "https://www.bbc.co.uk/news/a"),
    ("/news/a\n-b", "https://www.bbc.co.uk/news/a-b"),
    ("/news/a b", "https://www.bbc.co.uk/news/a%20b"),
    ("mailto:newsdesk@example.org", "mailto:newsdesk@example.org"),
    ("HTTPS://Example.org:443/X", "https://example.org/X"),  # scheme, host: lower; no :443
    ("//bücher.example/x", "https://xn--bcher-kva.example/x"),  # hosts are IDNA-encoded
    ("/a/%7e?%zz", "https://www.bbc.co.uk/a/%7e?%zz"),  # percent escapes are kept as written
]


@pytest.mark.parametrize(("href", "expected"), WHATWG_CASES)
def test_resolve_against_base_follows_the_whatwg_url_standard(href: str, expected: str) -> None:
    assert resolve(href, BBC) == expected


@pytest.mark.parametrize(
    ("base", "href", "expected"),
    [
        ("https://WWW.BBC.co.uk:443", "?q=1", "https://www.bbc.co.uk/?q=1"),
        ("https://www.bbc.co.uk", "#f", "https://www.bbc.co.uk/#f"),
        ("https://www.bbc.co.uk/news?x=1#old", "#f", "https://www.bbc.co.uk/news?x=1#f"),
        ("https://www.bbc.co.uk/news?x=1", "?q", "https://www.bbc.co.uk/news?q"),
        ("https://www.bbc.co.uk/news?x=1", "y", "https://www.bbc.co.uk/y"),
        ("http://example.org:8080/a/b", "c", "http://example.org:8080/a/c"),
        ("http://example.org/p/../q/", "x", "http://example.org/q/x"),
        ("http://example.org/", "https:x", "https://x/"),  # other scheme: "x" is the host
        ("https://[0:0::1]:8080/a", "b", "https://[::1]:8080/b"),
    ],
)
def test_resolve_uses_the_base_as_a_browser_holds_it(base: str, href: str, expected: str) -> None:
    assert resolve(href, base) == expected


@pytest.mark.parametrize(
    "href",
    ["", "   ", "javascript:void(0)", " JavaScript:alert(1)", "java\tscript:x", "vbscript:x"],
)
@pytest.mark.parametrize("base", [None, BBC])
def test_resolve_never_makes_empty_or_script_hrefs_fetchable(href: str, base: str | None) -> None:
    assert resolve(href, base) is None


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://example.org/x", "https://example.org/x"),
        ("HTTPS://Example.org/X", "HTTPS://Example.org/X"),  # as written, not normalised
        ("tel:+44 20", "tel:+44%2020"),
        ("data:text/plain,hi", "data:text/plain,hi"),
        ("/news/x", None),
        ("../up", None),
        ("?q=1", None),
        ("#top", None),
        ("//cdn.example.com/x", None),  # its scheme is the page's
        ("https:foo", None),  # relative on an https page, a host on any other
    ],
)
def test_resolve_without_base_keeps_absolute_hrefs_and_knows_no_relative_one(
    href: str, expected: str | None
) -> None:
    assert resolve(href, None) == expected


@pytest.mark.parametrize(
    "href",
    [
        "//[bad/x",  # "[" opens an IPv6 address that never closes
        "//",  # an http(s) URL needs a host
        "https://",
        "//exa mple.org/",  # a space is a forbidden host code point
        "//example.org:99999/",  # ports stop at 65535
        "//1.2.3.999/",  # a host that ends in a number is IPv4, and 999 is out of range
    ],
)
def test_resolve_gives_no_url_for_an_href_that_does_not_parse(href: str) -> None:
    assert resolve(href, BBC) is None


def test_resolve_percent_encodes_the_spaces_a_browser_keeps_so_a_url_is_one_word() -> None:
    # The one departure from a browser's href, which is "tel:+44 20" (an opaque path keeps
    # spaces): a url never holds whitespace, with or without a base.
    assert resolve("tel:+44 20", BBC) == resolve("tel:+44 20", None) == "tel:+44%2020"
    assert resolve("data:,a b", BBC) == "data:,a%20b"


def test_resolve_without_base_never_loads_the_url_parser() -> None:
    code = (
        "import sys; from newsfrag.links import resolve; "
        "resolve('https://e.org/x', None); resolve('/x', None); print('ada_url' in sys.modules)"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout == "False\n"


def test_resolve_rejects_a_base_that_is_not_an_absolute_http_url() -> None:
    with pytest.raises(ValueError, match="--base"):
        resolve("/x", "news/world/")


def test_links_of_the_seed_are_the_zelensky_link_then_the_external_note() -> None:
    fragments = ["<b>Standfirst</b>", *(["Plain paragraph."] * 28), ZELENSKY, "x", EXTERNAL_NOTE]
    found = document_links(Document("seed.txt", fragments))
    assert [x.cells()[0] for x in found] == [
        "https://www.bbc.co.uk/news/world-europe-62679066",
        "https://www.bbc.co.uk/editorialguidelines/guidance/feeds-and-links",
    ]
    assert [x.fragment for x in found] == [29, 31]
    assert found[0].text.startswith("Ukrainian President Volodymyr Zelensky said")
    assert found[1].cells() == [
        "https://www.bbc.co.uk/editorialguidelines/guidance/feeds-and-links",
        "Read about our approach to external linking.",
        "seed.txt",
        "31",
    ]


def test_href_is_entity_decoded_once_and_text_is_collapsed() -> None:
    [found] = document_links(
        doc('<a href="https://example.org/x?a=1&amp;b=2">A &amp;&nbsp; B\n <i>c</i></a>')
    )
    assert found.href == "https://example.org/x?a=1&b=2"
    assert found.url == "https://example.org/x?a=1&b=2"
    assert found.text == "A & B c"


def test_links_come_in_document_order_with_their_fragment_index() -> None:
    found = document_links(
        doc('<a href="/1">one</a> <a href="/2">two</a>', "no link", 'x <A HREF="/3">three</A>'),
        BBC,
    )
    assert [(x.fragment, x.href, x.url, x.text) for x in found] == [
        (0, "/1", "https://www.bbc.co.uk/1", "one"),
        (0, "/2", "https://www.bbc.co.uk/2", "two"),
        (2, "/3", "https://www.bbc.co.uk/3", "three"),
    ]


def test_an_anchor_left_open_ends_with_its_fragment() -> None:
    found = document_links(doc('<a href="/x">open', 'next <a href="/y">y</a> after'))
    assert [(x.fragment, x.href, x.text) for x in found] == [(0, "/x", "open"), (1, "/y", "y")]


def test_odd_markup_anchor_without_href_is_ignored_and_nested_ones_are_found() -> None:
    found = document_links(
        doc(
            "<a name='top'>not a link</a> <b>bold <a href='/in-b'>in b</a></b>",
            "<a href>empty</a> <a href='u'>one <a href='v'>two</a></a>",
            "<a href='/br'>One<br>Two</a>",
        )
    )
    assert [(x.fragment, x.href, x.url, x.text) for x in found] == [
        (0, "/in-b", None, "in b"),
        (1, "", None, "empty"),
        (1, "u", None, "one"),  # a new <a> closes the one still open
        (1, "v", None, "two"),
        (2, "/br", None, "One Two"),
    ]


def test_only_fragments_with_an_anchor_are_parsed_in_one_call(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[list[str]] = []

    def spy(fragments: Sequence[str]) -> list[LexborNode | None]:
        calls.append(list(fragments))
        return parse_fragments(fragments)

    monkeypatch.setattr("newsfrag.links.parse_fragments", spy)
    fragments = ["<b>x</b>", "a href= text", '<A\nhref="/a">a</A>', "<abbr>x</abbr>"]
    assert [x.href for x in document_links(doc(*fragments))] == ["/a"]
    assert calls == [['<A\nhref="/a">a</A>']]
    calls.clear()
    assert document_links(doc("<b>x</b>", "plain")) == []
    assert calls == []


def test_to_json_keeps_key_order_and_adds_count_only_when_set() -> None:
    plain = link("/x", None, "t")
    assert list(plain.to_json()) == ["source", "fragment", "href", "url", "text"]
    counted = Link("a.txt", 3, "/x", "https://e.org/x", "t", count=2)
    assert counted.to_json() == {
        "source": "a.txt",
        "fragment": 3,
        "href": "/x",
        "url": "https://e.org/x",
        "text": "t",
        "count": 2,
    }


def test_cells_are_url_text_source_fragment_falling_back_to_href() -> None:
    assert link("/x", "https://e.org/x", "Text").cells() == [
        "https://e.org/x",
        "Text",
        "a.txt",
        "0",
    ]
    assert link("javascript:x()", None, "Go").cells()[:2] == ["javascript:x()", "Go"]
    counted = Link("s", 3, "/x", None, "t", count=2)
    assert counted.cells() == ["/x", "t", "s", "3", "2"]
    assert link_header(counted=True) == ["url", "text", "source", "fragment", "count"]
    assert link_header(counted=False) == ["url", "text", "source", "fragment"]


def external_and_internal() -> list[Link]:
    return [
        link("/news/x", None),
        link("https://www.bbc.co.uk/a", "https://www.bbc.co.uk/a"),
        link("https://BBC.co.uk:8443/b", "https://BBC.co.uk:8443/b"),
        link("https://news.bbc.co.uk/c", "https://news.bbc.co.uk/c"),
        link("https://bbc.com/d", "https://bbc.com/d"),
        link("https://notbbc.co.uk/e", "https://notbbc.co.uk/e"),
        link("//cdn.example.com/f", None),
        link("mailto:a@bbc.co.uk", "mailto:a@bbc.co.uk"),
        link("javascript:void(0)", None),
        link("", None),
    ]


@pytest.mark.parametrize(
    "options",
    [LinkOptions(base=BBC, internal=True), LinkOptions(domain="bbc.co.uk", internal=True)],
)
def test_internal_keeps_relative_links_the_host_and_its_subdomains(options: LinkOptions) -> None:
    kept = [x.href for x in select_links(external_and_internal(), options)]
    assert kept == [
        "/news/x",
        "https://www.bbc.co.uk/a",
        "https://BBC.co.uk:8443/b",
        "https://news.bbc.co.uk/c",
    ]


def test_external_keeps_other_hosts_and_never_hostless_links() -> None:
    options = LinkOptions(base=BBC, external=True)
    kept = [x.href for x in select_links(external_and_internal(), options)]
    assert kept == ["https://bbc.com/d", "https://notbbc.co.uk/e", "//cdn.example.com/f"]


def test_domain_takes_precedence_over_the_base_host() -> None:
    options = LinkOptions(base=BBC, domain="EXAMPLE.com.", internal=True)
    assert [x.href for x in select_links(external_and_internal(), options)] == [
        "/news/x",
        "//cdn.example.com/f",
    ]


@pytest.mark.parametrize("internal", [True, False])
def test_hosts_are_compared_as_a_browser_parses_them(internal: bool) -> None:
    hrefs = [
        "https://BÜCHER.example./a",  # IDNA-encoded, lower case, final dot dropped
        "//shop.bücher.example\\b",  # "\" is "/" in http(s): the host ends there
        "https://xn--bcher-kva.example:8443/c",
        "https://buecher.example/d",
        "//[bad/x",  # no host, so neither
        "https://",
    ]
    found = [link(href, resolve(href, None)) for href in hrefs]
    options = LinkOptions(domain="www.Bücher.example", internal=internal, external=not internal)
    kept = [x.href for x in select_links(found, options)]
    assert kept == (hrefs[:3] if internal else ["https://buecher.example/d"])


def test_ip_hosts_match_whatever_way_they_are_written() -> None:
    found = [link(h, h) for h in ["http://[0:0::1]:8080/", "http://127.1/", "http://[::2]/"]]
    assert [x.href for x in select_links(found, LinkOptions(domain="[::1]", internal=True))] == [
        "http://[0:0::1]:8080/"
    ]
    assert [
        x.href for x in select_links(found, LinkOptions(domain="127.0.0.1", internal=True))
    ] == ["http://127.1/"]


def test_scheme_matches_the_url_or_else_the_href() -> None:
    options = LinkOptions(schemes=frozenset({"MAILTO:", "javascript"}))
    kept = [x.href for x in select_links(external_and_internal(), options)]
    assert kept == ["mailto:a@bbc.co.uk", "javascript:void(0)"]
    https = [
        x.href
        for x in select_links(external_and_internal(), LinkOptions(schemes=frozenset({"https"})))
    ]
    assert "/news/x" not in https  # no base: its scheme is unknown
    assert len(https) == 5


def test_unique_yields_first_occurrences_with_counts_keyed_by_url_else_href() -> None:
    found = [
        link("/x", "https://e.org/x", "first", 0),
        link("javascript:a()", None, "js", 1),
        link("https://e.org/x", "https://e.org/x", "second", 2),
        link("javascript:a()", None, "js again", 3),
        link("/y", "https://e.org/y", "y", 4),
    ]
    out = list(select_links(found, LinkOptions(unique=True)))
    assert [(x.fragment, x.text, x.count) for x in out] == [
        (0, "first", 2),
        (1, "js", 2),
        (4, "y", 1),
    ]


def test_unique_counts_only_links_that_pass_the_filters() -> None:
    found = [link("mailto:a@e.org", "mailto:a@e.org")] * 2 + [
        link("https://e.org", "https://e.org")
    ]
    options = LinkOptions(unique=True, schemes=frozenset({"mailto"}))
    assert [(x.url, x.count) for x in select_links(found, options)] == [("mailto:a@e.org", 2)]


def test_unique_reads_the_whole_input_before_yielding() -> None:
    consumed: list[int] = []

    def stream() -> Iterator[Link]:
        for i in range(3):
            consumed.append(i)
            yield link(f"/{i}", None, fragment=i)

    out = select_links(stream(), LinkOptions(unique=True))
    first = next(out)
    assert consumed == [0, 1, 2]
    assert first.count == 1


def test_no_filters_pass_every_link_through_unchanged() -> None:
    found = external_and_internal()
    assert list(select_links(found, LinkOptions())) == found


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (LinkOptions(base=BBC, internal=True, external=True), "exclude each other"),
        (LinkOptions(internal=True), "--internal needs --base URL or --domain HOST"),
        (LinkOptions(external=True), "--external needs --base URL or --domain HOST"),
        (LinkOptions(base="news/world/"), "--base must be an absolute http"),
        (LinkOptions(base="ftp://example.org/"), "--base must be an absolute http"),
        (LinkOptions(base="https://"), "--base must be an absolute http"),
        (LinkOptions(base="https://e.org:port/"), "--base must be an absolute http"),
        (LinkOptions(base="https://e.org/a b"), "--base must be an absolute http"),
        (LinkOptions(domain="https://bbc.co.uk", external=True), "--domain takes a host"),
        (LinkOptions(domain="", external=True), "--domain takes a host"),
        (LinkOptions(domain="1.2.3.999", internal=True), "--domain takes a host"),
        (LinkOptions(domain="exa<mple.org", internal=True), "--domain takes a host"),
        (LinkOptions(schemes=frozenset()), "--scheme needs at least one"),
        (LinkOptions(schemes=frozenset({"https", "1x"})), "'1x' is not one of http, https"),
    ],
)
def test_check_options_rejects_contradictions(options: LinkOptions, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_options(options)
    with pytest.raises(ValueError, match=message):
        select_links([], options)  # at once, not on the first next()


@pytest.mark.parametrize(
    "options",
    [
        LinkOptions(),
        LinkOptions(base="http://example.org", external=True, unique=True),
        LinkOptions(domain="[::1]", internal=True),
        LinkOptions(domain="bücher.example", internal=True, schemes=frozenset({"https:"})),
    ],
)
def test_check_options_accepts_sensible_options(options: LinkOptions) -> None:
    check_options(options)


TOKENS = st.sampled_from(
    [
        "<a href='x'>", '<a href="/y?a=1&amp;b">', "</a>", "<A HREF=javascript:x>", "<a href>",
        "<b>", "</b>", "<p>", "</p>", "<br>", "word", " ", "&amp;", "&nbsp;", "\n", "\t", "<!--",
        "-->", "<template>", "</template>", "<script>", "<style>", "<a", ">", '"', "'", "\\",
        "<a href='//h/\\x'>", "<a href=' \x00#f'>", "\x00", "é",
    ]
)  # fmt: skip
FRAGMENTS = st.lists(st.one_of(st.text(), st.lists(TOKENS).map("".join)), max_size=8)


@given(FRAGMENTS, st.sampled_from([None, BBC]))
def test_document_links_never_raises_and_indexes_real_fragments(
    fragments: list[str], base: str | None
) -> None:
    for found in document_links(Document("h.txt", fragments), base):
        assert 0 <= found.fragment < len(fragments)
        assert "<a" in fragments[found.fragment].lower()
        [cells] = _read_back(tsv_line(found.cells()))
        assert cells == found.cells()


@given(st.text(), st.sampled_from([None, BBC, "http://example.org:8080/a?b"]))
def test_resolved_urls_never_hold_whitespace_or_controls(href: str, base: str | None) -> None:
    url = resolve(href, base)
    assert url is None or not any(c <= " " or c == "\x7f" for c in url)


@given(st.text(), st.one_of(st.none(), st.text()), st.text())
def test_a_tsv_row_reads_back_exactly_whatever_the_link_holds(
    href: str, url: str | None, text: str
) -> None:
    found = Link('s\t"x"', 0, href, url, text)
    assert _read_back(tsv_line(found.cells())) == [found.cells()]


def _read_back(text: str) -> list[list[str]]:
    # What sqlite-utils insert --tsv, pandas and DuckDB do: a csv reader over tabs.
    return list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))
