"""Plain text and Markdown of fragments: what a reader of the article sees."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .document import Document
from .markdown import document_markdown
from .markup import (
    BLOCK_TAGS,
    HIDDEN_TAGS,
    LexborNode,
    Roots,
    collapse,
    parse_fragments,
    unparsed_texts,
)
from .records import json_line, text_bytes

__all__ = [
    "document_markdown",
    "document_paragraphs",
    "fragment_texts",
    "needs_walk",
    "node_text",
    "parsed_texts",
    "render_text",
]

# Fragments whose text needs more than lexbor's text(): blocks separate words, and
# script, style and templates are never shown.
_WALK_TAGS = sorted(HIDDEN_TAGS | BLOCK_TAGS)
_NEEDS_WALK = re.compile(rf"</?(?:{'|'.join(_WALK_TAGS)})\b", re.IGNORECASE)


def _by_first_letter(names: Sequence[str]) -> str:
    # "a(?:ddress|rticle|side)|b(?:lockquote|r)|...": re skips a branch whose first
    # letter differs at once, which it cannot do for a case-blind pattern.
    rests: dict[str, list[str]] = {}
    for name in names:
        rests.setdefault(name[0], []).append(name[1:])
    return "|".join(
        f"{first}(?:{'|'.join(sorted(rest, key=len, reverse=True))})"
        for first, rest in rests.items()
    )


# A walk tag in lower case, or any tag name with a capital in it (then the case-blind
# pattern decides): one case-sensitive scan, which re runs at twice the speed.
_WALK_HINT = re.compile(rf"</?(?:(?P<walk>{_by_first_letter(_WALK_TAGS)})\b|[a-z]*[A-Z])")


def needs_walk(html: str) -> bool:
    """Whether any fragment in ``html`` has a block or hidden element: the same as
    ``_NEEDS_WALK.search``, faster on markup in lower case."""
    hint = _WALK_HINT.search(html)
    if hint is None:
        return False
    if hint.group("walk"):
        return True
    # No case-blind match starts before the hint: it would have been a hint itself.
    return _NEEDS_WALK.search(html, hint.start()) is not None


def fragment_texts(fragments: Sequence[str]) -> list[str]:
    """The text of each fragment, one string per fragment ("" where it has none)."""
    return parsed_texts(fragments, parse_fragments(fragments))


def parsed_texts(fragments: Sequence[str], roots: Sequence[LexborNode | None]) -> list[str]:
    """``fragment_texts`` for fragments already parsed, so a caller that also needs the
    trees (links, say) parses once."""
    # One search over the whole document usually shows that no fragment needs a walk.
    any_walk = needs_walk("".join(fragments))
    plain = unparsed_texts(fragments, roots)
    return [
        node_text(root, any_walk and needs_walk(fragment)) if root is not None else next(plain)
        for fragment, root in zip(fragments, roots, strict=True)
    ]


def document_paragraphs(doc: Document, roots: Roots | None = None) -> list[str]:
    """The paragraphs of a document: the texts of its fragments that have any
    (``roots``: its fragments already parsed)."""
    roots = parse_fragments(doc.fragments) if roots is None else roots
    return [t for t in parsed_texts(doc.fragments, roots) if t]


def node_text(root: LexborNode, walk: bool = True) -> str:
    """The collapsed text of a parsed element or fragment; ``walk=False`` (no block or
    hidden element in it: ``needs_walk`` of its source) takes lexbor's faster path."""
    if not walk:
        return collapse(root.text(deep=True))
    return collapse("".join(_walk_text(root)))


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


def render_text(
    doc: Document, roots: Roots | None = None, *, as_json: bool = False, markdown: bool = False
) -> bytes:
    """What ``newsfrag text`` writes for a document: a paragraph a line, or a JSON line."""
    paragraphs = document_markdown(doc, roots) if markdown else document_paragraphs(doc, roots)
    if as_json:
        return json_line({"source": doc.source, "paragraphs": paragraphs})
    return text_bytes("\n".join(paragraphs) + "\n" if paragraphs else "")
