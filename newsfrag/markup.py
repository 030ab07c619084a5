"""Parse the fragments of documents with one lexbor parse, each fragment kept apart.

Parsing each fragment as its own document costs about twenty times as much as one
parse per article. One parse can still keep fragments apart: the HTML standard
isolates the content of each ``<template>``, so an ``<a>`` or ``<b>`` left open in
one fragment ends with that fragment instead of running into the next one.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = [
    "BLOCK_TAGS",
    "CLOSING",
    "HIDDEN_TAGS",
    "KEPT_TAGS",
    "OPENING",
    "LexborNode",
    "Roots",
    "collapse",
    "escape",
    "href_value",
    "parse_documents",
    "parse_fragments",
    "plain_texts",
    "unescape",
    "unparsed_texts",
]

# Elements whose edges separate words: "One.<br>Two." reads "One. Two.".
BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "caption", "dd", "details"),
        *("dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p"),
        "option",  # the items of a <select> are items of their own, not one word
        *("pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr"),
        "ul",
    }
)
# Elements whose text is never shown to a reader.
HIDDEN_TAGS = frozenset({"script", "style", "template", "noscript", "head", "title"})
# What ``clean`` keeps: ``a`` with its href, these others with no attribute.
KEPT_TAGS = frozenset({"a", "b", "strong", "i", "em", "br", "sub", "sup", "code"})
OPENING = {tag: f"<{tag}>" for tag in KEPT_TAGS}
CLOSING = {tag: f"</{tag}>" for tag in KEPT_TAGS}

Roots = list[LexborNode | None]  # the roots of a document's fragments, as parse_fragments gives
_TEMPLATE_TAG = re.compile(r"</?template", re.IGNORECASE)
# What browsers strip from a URL before parsing it: kept out so a fragment stays one line.
_URL_STRIPPED = dict.fromkeys(map(ord, "\t\n\r"))
_URL_EDGES = "".join(map(chr, range(0x21)))


def collapse(text: str) -> str:
    """Every run of whitespace (NBSP and other Unicode spaces too) to one space, ends stripped."""
    # Most text is already collapsed, and saying so is cheaper than splitting it:
    # isprintable() is False for every whitespace character but the ASCII space.
    if text.isprintable():
        if "  " not in text and text[:1] != " " and text[-1:] != " ":
            return text
    elif "\xa0" in text:  # the one odd space of most news: swapped, it may be all there is
        text = text.replace("\xa0", " ")
        if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
            return text
    return " ".join(text.split())


# Code points that html.unescape drops from a numeric reference, where the HTML standard
# (and lexbor) keep them: controls but the spaces, and the noncharacters.
_KEPT_CODES = frozenset(
    {*range(0x1, 0x9), 0xB, *range(0xE, 0x20), 0x7F, *range(0xFDD0, 0xFDF0)}
    | {plane << 16 | low for plane in range(17) for low in (0xFFFE, 0xFFFF)}
)
_KEPT_REF = re.compile(
    # hex: 1-8, B, E-1F, 7F, FDD0-FDEF, [10 or 1-F]FFFE-F; decimal: the same, spelt out
    r"&#(?:[xX]0*(?:[1-8bBeEfF]|1[0-9a-fA-F]|7[fF]|[fF][dD][dDeE][0-9a-fA-F]"
    r"|(?:10|[1-9a-fA-F])?[fF][fF][fF][eEfF])(?![0-9a-fA-F])"
    r"|0*(?:[1-8]|11|1[4-9]|2[0-9]|3[01]|127|6497[6-9]|649[89][0-9]|6500[0-7]|{})(?![0-9]));?".format(
        "|".join(str(c) for c in sorted(_KEPT_CODES) if c > 0xFFFD)
    )
)


def unescape(text: str) -> str:
    """Character references decoded as a parser decodes them in text: html.unescape,
    but for the code points it drops, so a fragment reads the same without markup."""
    if "&#" in text and _KEPT_REF.search(text):
        # A control or noncharacter cannot start or end a reference: decoding it first
        # leaves every other reference as it was.
        text = _KEPT_REF.sub(_kept_code, text)
    return html.unescape(text)


def _kept_code(ref: re.Match[str]) -> str:
    digits = ref.group().rstrip(";")[2:]
    return chr(int(digits[1:], 16) if digits[:1] in "xX" else int(digits))


def escape(text: str) -> str:
    """Text as HTML: only ``&<>`` need references outside attributes."""
    if "&" in text or "<" in text or ">" in text:  # most text has none
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def parse_fragments(fragments: Sequence[str]) -> Roots:
    """Parse every fragment that has markup; ``None`` stands for a fragment with no ``<``.

    A fragment with no ``<`` needs no parser: its text is its entities decoded.
    The returned nodes are the roots of each fragment's own tree.
    """
    return _parse_group([fragments])[0]


# Markup for one parser, in characters: short documents share a parser, as making one
# costs more than parsing them; a tree takes several times its markup in memory.
_GROUP_CHARS = 1 << 16


def parse_documents(documents: Iterable[Sequence[str]]) -> Iterator[Roots]:
    """``parse_fragments`` of each document in turn, documents parsed together, one
    parser for about 64K characters of them: a stream of short documents (a line of
    JSON each) pays for a parser every few hundred documents, not every one."""
    group: list[Sequence[str]] = []
    size = 0
    for fragments in documents:
        group.append(fragments)
        size += sum(map(len, fragments))
        if size >= _GROUP_CHARS:
            yield from _parse_group(group)
            group, size = [], 0
    if group:
        yield from _parse_group(group)


def _parse_group(group: Sequence[Sequence[str]]) -> list[Roots]:
    """The roots of the fragments of every document in ``group``, from one parse."""
    batches = []
    for fragments in group:
        if _TEMPLATE_TAG.search("".join(fragments)):  # rare: look at each fragment
            batch = [i for i, f in enumerate(fragments) if "<" in f and not _TEMPLATE_TAG.search(f)]
        else:
            batch = [i for i, f in enumerate(fragments) if "<" in f]
        batches.append(batch)
    html = "".join(
        f"<template>{fragments[i]}</template>"
        for fragments, batch in zip(group, batches, strict=True)
        for i in batch
    )
    parsed = LexborHTMLParser(html).template_fragments() if html else []
    if len(parsed) != sum(map(len, batches)):
        # A fragment swallowed its neighbour's boundary (an unclosed comment, quote
        # or <style>): each document apart, and in it each fragment alone.
        if len(group) > 1:
            return [roots for fragments in group for roots in _parse_group([fragments])]
        parsed, batches = [], [[] for _ in group]
    out = []
    given = iter(parsed)
    for fragments, batch in zip(group, batches, strict=True):
        roots: Roots = [None] * len(fragments)
        for i in batch:
            roots[i] = next(given)
        for i, fragment in enumerate(fragments):
            if roots[i] is None and "<" in fragment:
                roots[i] = _parse_alone(fragment)
        out.append(roots)
    return out


def _parse_alone(fragment: str) -> LexborNode:
    if _TEMPLATE_TAG.search(fragment):
        # A fragment that opens or closes templates itself cannot be boxed in one.
        return LexborHTMLParser(fragment).root  # type: ignore[return-value]
    return LexborHTMLParser(f"<template>{fragment}</template>").template_fragments()[0]


def href_value(href: str) -> str:
    """An href as ``clean`` writes it in double quotes: one line, escaped, NFC markup."""
    if "\t" in href or "\n" in href or "\r" in href:
        href = href.translate(_URL_STRIPPED)
    href = href.strip(_URL_EDGES)
    if "&" in href or '"' in href:
        href = href.replace("&", "&amp;").replace('"', "&quot;")
    if not href.isascii() and not unicodedata.is_normalized("NFC", href):
        # URL unchanged, markup NFC: letters as references, C1 raw (&#x80; would be "€").
        href = "".join(c if c < "\xa0" else f"&#x{ord(c):x};" for c in href)
    return href


def plain_texts(fragments: Sequence[str], nfc: bool = False) -> list[str]:
    """The texts of fragments with no markup: entities decoded once, NUL dropped as a
    parser would, whitespace collapsed; NFC too when asked.

    The fragments are decoded as one string, NUL between them: once per document
    rather than once per fragment, and no entity reaches past a NUL.
    """
    joined = "\x00".join(fragments)
    if joined.count("\x00") >= len(fragments):  # a NUL of their own: one at a time
        return [_plain_text(f, nfc) for f in fragments]
    if "&" in joined:
        joined = unescape(joined)
    return [collapse(text) for text in (_nfc(joined) if nfc else joined).split("\x00")]


def unparsed_texts(
    fragments: Sequence[str], roots: Sequence[LexborNode | None], nfc: bool = False
) -> Iterator[str]:
    """``plain_texts`` of the fragments ``parse_fragments`` left unparsed, in order."""
    return iter(
        plain_texts([f for f, root in zip(fragments, roots, strict=True) if root is None], nfc)
    )


def _plain_text(fragment: str, nfc: bool) -> str:
    text = (unescape(fragment) if "&" in fragment else fragment).replace("\x00", "")
    return collapse(_nfc(text) if nfc else text)


def _nfc(text: str) -> str:
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)
