"""text --markdown renders back to the fragment: markdown-it-py in CommonMark mode gives
the fragment's text, its links and its bold, italic and code spans, for any fragment."""

from __future__ import annotations

import string

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsfrag.document import Document
from newsfrag.markdown import document_markdown
from newsfrag.markup import collapse
from newsfrag.text import document_paragraphs

COMMONMARK = MarkdownIt("commonmark")
# Every ASCII punctuation but < and &, which the entities below bring as text.
_CHARS = [c for c in string.punctuation if c not in "<&"] + list("abXY09 ") + list("йж中é")
_words = st.text(alphabet=st.sampled_from(_CHARS), min_size=1, max_size=10)
_entities = st.sampled_from(["&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&copy;", "&amp;copy;"])
_hrefs = st.sampled_from(
    [
        *("https://example.org/a", "/news/1", "https://example.org/a b", "https://x.org/(y)"),
        *("#top", "../up?q=1&amp;r=2", "https://例え.jp/パス", "/a\\b", "/a_b*c"),
    ]
)
_TAGS = ["b", "strong", "i", "em", "code", "a"]


def _element(tag: str, inner: str, href: str) -> str:
    if tag == "a":
        return f'<a href="{href}">{inner}</a>'
    return f"<{tag}>{inner}</{tag}>"


_text = st.one_of(_words, _entities)
_code = st.lists(_text, min_size=1, max_size=3).map(lambda parts: f"<code>{''.join(parts)}</code>")
_fragments = st.recursive(
    st.one_of(_text, _code),
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=4).map("".join),
        st.builds(_element, st.sampled_from([t for t in _TAGS if t != "code"]), inner, _hrefs),
    ),
    max_leaves=10,
)

_KIND = {"b": "strong", "strong": "strong", "i": "em", "em": "em", "code": "code"}


def _facts(html: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The links (href, text) and the outermost bold, italic and code spans (kind, text)
    of a piece of HTML, with text as it reads (whitespace collapsed)."""
    root = LexborHTMLParser(f"<div>{html}</div>").css_first("div")
    assert root is not None
    links = [
        (COMMONMARK.normalizeLink((a.attrs.get("href") or "").strip()), _read(a))
        for a in root.css("a[href]")
        if (a.attrs.get("href") or "").strip() and _read(a)
    ]
    spans = []
    for node in root.traverse():
        kind = _KIND.get(node.tag or "")
        if kind and _read(node) and not _inside(node, kind):
            spans.append((kind, _read(node)))
    return links, sorted(spans)


def _read(node: LexborNode) -> str:
    return collapse(node.text(deep=True) or "")


def _inside(node: LexborNode, kind: str) -> bool:
    parent = node.parent
    while parent is not None:
        if _KIND.get(parent.tag or "") == kind:
            return True
        parent = parent.parent
    return False


@settings(max_examples=2000, deadline=None)
@example("1. Not a list")
@example("2021. A year")
@example("<code>a*b</code>")
@example("<code>a`b</code>")
@example('<b>"quoted"</b>word')
@example("x<i>.</i>y")
@given(_fragments)
def test_markdown_renders_back_to_the_fragments_text_links_and_spans(fragment: str) -> None:
    [text] = document_paragraphs(Document("d", [fragment])) or [""]
    markdown = document_markdown(Document("d", [fragment]))
    rendered = COMMONMARK.render(markdown[0]) if markdown else ""
    html = rendered.strip().removeprefix("<p>").removesuffix("</p>")
    assert collapse(LexborHTMLParser(f"<div>{html}</div>").text(deep=True) or "") == text
    original_links, original_spans = _facts(fragment)
    links, spans = _facts(html)
    assert links == original_links
    assert spans == original_spans
