"""Paragraphs as Markdown: bold, italics and links kept, the rest as escaped text."""

from __future__ import annotations

import re

from .document import Document
from .markup import BLOCK_TAGS, HIDDEN_TAGS, LexborNode, Roots, collapse, parse_fragments, unescape

__all__ = ["document_markdown"]


def document_markdown(doc: Document, roots: Roots | None = None) -> list[str]:
    """Paragraphs as Markdown: bold, italics and links kept, everything else as text."""
    roots = parse_fragments(doc.fragments) if roots is None else roots
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
    active: set[str] = set()  # marks open around this point: <b> inside <b> adds none
    # A str is written as it is; a tuple closes a span: (where it opened, opening, closing mark).
    stack: list[LexborNode | str | tuple[int, str, str]] = list(
        reversed(list(root.iter(include_text=True)))
    )
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, tuple):
            active.discard(item[1])
            _wrap(parts, *item)
        elif item.is_text_node:
            parts.append(_escape_md((item.text_content or "").replace("\x00", "")))
        elif item.is_element_node and item.tag not in HIDDEN_TAGS:
            tag = item.tag or ""
            if tag in BLOCK_TAGS:
                parts.append(" ")
                stack.append(" ")
            mark = _MARKERS.get(tag)
            if mark and mark not in active:
                active.add(mark)
                stack.append((len(parts), mark, mark))
            elif tag == "a" and "[" not in active and (href := item.attrs.get("href")):
                active.add("[")
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


def _plain(fragment: str) -> str:
    return collapse(unescape(fragment).replace("\x00", ""))
