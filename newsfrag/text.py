"""Plain text and Markdown of fragments: what a reader of the article sees."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from html import unescape

from .markup import BLOCK_TAGS, HIDDEN_TAGS, LexborNode, collapse, parse_fragments
from .model import Document
from .output import json_line, text_bytes

__all__ = [
    "document_markdown",
    "document_paragraphs",
    "fragment_texts",
    "node_text",
    "render_text",
]

# Fragments whose text needs more than lexbor's text(): blocks separate words, and
# script, style and templates are never shown.
_NEEDS_WALK = re.compile(
    r"<(?:script|style|template|noscript|title|head|/?(?:" + "|".join(sorted(BLOCK_TAGS)) + r")\b)",
    re.IGNORECASE,
)


def fragment_texts(fragments: Sequence[str]) -> list[str]:
    """The text of each fragment, one string per fragment ("" where it has none)."""
    roots = parse_fragments(fragments)
    return [
        node_text(root, fragment) if root is not None else _plain(fragment)
        for fragment, root in zip(fragments, roots, strict=True)
    ]


def document_paragraphs(doc: Document) -> list[str]:
    """The paragraphs of a document: the texts of its fragments that have any."""
    return [t for t in fragment_texts(doc.fragments) if t]


def node_text(root: LexborNode, fragment: str = "<") -> str:
    """The collapsed text of a parsed fragment; ``fragment`` (its source) picks a fast path."""
    if not _NEEDS_WALK.search(fragment):
        return collapse(root.text(deep=True))
    return collapse("".join(_walk_text(root)))


def _plain(fragment: str) -> str:
    # Text with no markup: entities decoded once; NUL is dropped as a parser would.
    if "&" in fragment:
        fragment = unescape(fragment)
    return collapse(fragment.replace("\x00", ""))


_BOUNDARY = object()


def _walk_text(root: LexborNode) -> Iterator[str]:
    # An explicit stack rather than recursion: scraped markup can nest very deep.
    stack: list[object] = list(reversed(list(root.iter(include_text=True))))
    while stack:
        item = stack.pop()
        if item is _BOUNDARY:
            yield " "
            continue
        assert isinstance(item, LexborNode)
        if item.is_text_node:
            yield item.text_content or ""
        elif item.is_element_node and item.tag not in HIDDEN_TAGS:
            if item.tag in BLOCK_TAGS:
                yield " "
                stack.append(_BOUNDARY)
            stack.extend(reversed(list(item.iter(include_text=True))))


def document_markdown(doc: Document) -> list[str]:
    """Paragraphs as Markdown: bold, italics and links kept, everything else as text."""
    roots = parse_fragments(doc.fragments)
    out = []
    for fragment, root in zip(doc.fragments, roots, strict=True):
        md = _markdown(root) if root is not None else _escape_md(_plain(fragment))
        if md:
            out.append(_escape_line_start(md))
    return out


_MD_SPECIAL = re.compile(r"([\\`*_\[\]])")
_MD_LINE_START = re.compile(r"^(#{1,6} |>|[-+] |\d+[.)] )")
_MARKERS = {"b": "**", "strong": "**", "i": "*", "em": "*"}


def _escape_md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _escape_line_start(md: str) -> str:
    return _MD_LINE_START.sub(lambda m: "\\" + m.group(1), md)


def _markdown(root: LexborNode) -> str:
    parts: list[str] = []
    # A str is written as it is; a tuple closes a span: (where it opened, opening, closing mark).
    stack: list[LexborNode | str | tuple[int, str, str]] = list(
        reversed(list(root.iter(include_text=True)))
    )
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, tuple):
            _wrap(parts, *item)
        elif item.is_text_node:
            parts.append(_escape_md((item.text_content or "").replace("\x00", "")))
        elif item.is_element_node and item.tag not in HIDDEN_TAGS:
            tag = item.tag or ""
            if tag in BLOCK_TAGS:
                parts.append(" ")
                stack.append(" ")
            if tag in _MARKERS:
                stack.append((len(parts), _MARKERS[tag], _MARKERS[tag]))
            elif tag == "a" and (href := item.attributes.get("href")):
                stack.append((len(parts), "[", f"]({_md_url(href)})"))
            stack.extend(reversed(list(item.iter(include_text=True))))
    return collapse("".join(parts))


def _wrap(parts: list[str], start: int, opener: str, closer: str) -> None:
    """Wrap parts[start:] in marks, keeping its edge whitespace outside them."""
    inner = "".join(parts[start:])
    del parts[start:]
    body = inner.strip()
    if not body:
        parts.append(inner)
        return
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    parts.append(f"{lead}{opener}{collapse(body)}{closer}{trail}")


def _md_url(href: str) -> str:
    href = href.strip()
    if re.search(r"[\s()<>]", href):
        return f"<{href.replace('>', '%3E')}>"
    return href


def render_text(doc: Document, *, as_json: bool = False, markdown: bool = False) -> bytes:
    """What ``newsfrag text`` writes for a document: a paragraph a line, or a JSON line."""
    paragraphs = document_markdown(doc) if markdown else document_paragraphs(doc)
    if as_json:
        return json_line({"source": doc.source, "paragraphs": paragraphs})
    return text_bytes("".join(p + "\n" for p in paragraphs))
