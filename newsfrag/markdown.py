"""Paragraphs as CommonMark: bold, italics, code and links kept, the rest as text that
renders back as itself.

A fragment becomes a tree of spans; each span is written with Markdown's own marks
(``**``, ``*``, backticks, ``[text](url)``) where CommonMark reads them back as that span,
and as inline HTML (``<strong>``, ``<em>``) where its delimiter rules would not: a mark
beside punctuation inside a word, say. Text escapes what Markdown would read as
markup, and a paragraph's start what would open a block (``1.``, ``#``, ``>``, ``-``).
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from .document import Document
from .markup import BLOCK_TAGS, HIDDEN_TAGS, LexborNode, Roots, collapse, parse_fragments, unescape

__all__ = ["document_markdown"]

_KINDS = {"b": "strong", "strong": "strong", "i": "em", "em": "em", "code": "code", "a": "a"}
_MARKS = {"strong": "**", "em": "*"}
_SPECIAL = re.compile(r"([\\`*_\[\]<])|&(?=#?\w+;)")
_BLOCK_START = re.compile(r"^(?:(#{1,6})(?= |$)|(>)|([-+])(?= |$)|(\d{1,9})([.)])(?= |$)|(~~~))")
_RULE = re.compile(r"^-[ -]*-[ -]*-[ -]*$")


class _Span(NamedTuple):
    """A run of inline content: text, or a kind of span holding others."""

    kind: str  # "text", "strong", "em", "code", "a"
    text: str = ""  # for text and code
    href: str = ""  # for a
    children: tuple[_Span, ...] = ()


def document_markdown(doc: Document, roots: Roots | None = None) -> list[str]:
    """Paragraphs as Markdown: bold, italics, code and links kept, the rest as text."""
    roots = parse_fragments(doc.fragments) if roots is None else roots
    out = []
    for fragment, root in zip(doc.fragments, roots, strict=True):
        if root is None:
            text = collapse(unescape(fragment).replace("\x00", ""))
            spans: tuple[_Span, ...] = (_Span("text", text),) if text else ()
        else:
            spans = _trimmed(_normalised(_spans(root, set())))
        if md := _render(spans, "", ""):
            out.append(_escape_block_start(md))
    return out


def _spans(node: LexborNode, active: set[str]) -> list[_Span]:
    """The spans below ``node``: a span kind inside the same kind adds none."""
    out: list[_Span] = []
    for child in node.iter(include_text=True):
        if child.is_text_node:
            out.append(_Span("text", (child.text_content or "").replace("\x00", "")))
            continue
        tag = child.tag or ""
        if not child.is_element_node or tag in HIDDEN_TAGS:
            continue
        if tag in BLOCK_TAGS:
            out.append(_Span("text", " "))
        kind = _KINDS.get(tag)
        href = (child.attrs.get("href") or "").strip() if kind == "a" else ""
        if kind == "code" and "code" not in active:
            out.append(_Span("code", (child.text(deep=True) or "").replace("\x00", "")))
        elif kind and kind not in active and (kind != "a" or href):
            inner = _spans(child, active | {kind})
            out.append(_Span(kind, href=href, children=tuple(inner)))
        else:
            out.extend(_spans(child, active))
        if tag in BLOCK_TAGS:
            out.append(_Span("text", " "))
    return out


def _normalised(spans: list[_Span]) -> tuple[_Span, ...]:
    """Whitespace collapsed across spans, a span's edge spaces moved outside it, and
    spans with no text dropped."""
    out: list[_Span] = []
    for span in spans:
        if span.kind == "text":
            text = collapse(span.text) if span.text.strip() else (" " if span.text else "")
            if span.text[:1].isspace() and text and text[0] != " ":
                text = " " + text
            if span.text[-1:].isspace() and text and text[-1] != " ":
                text += " "
            _append_text(out, text)
            continue
        if span.kind == "code":
            inner = collapse(span.text)
            if not inner:
                _append_text(out, " " if span.text else "")
                continue
            lead, trail = span.text[:1].isspace(), span.text[-1:].isspace()
            _append_text(out, " " if lead else "")
            out.append(_Span("code", inner))
            _append_text(out, " " if trail else "")
            continue
        children = _normalised(list(span.children))
        lead = bool(children) and children[0].kind == "text" and children[0].text.startswith(" ")
        trail = bool(children) and children[-1].kind == "text" and children[-1].text.endswith(" ")
        children = _trimmed(children)
        _append_text(out, " " if lead else "")
        if children:
            out.append(span._replace(children=children))
        _append_text(out, " " if trail else "")
    return tuple(out)


def _append_text(out: list[_Span], text: str) -> None:
    if not text:
        return
    if out and out[-1].kind == "text":
        joined = out[-1].text + text
        out[-1] = _Span("text", joined.replace("  ", " ") if "  " in joined else joined)
    else:
        out.append(_Span("text", text))


def _trimmed(spans: tuple[_Span, ...]) -> tuple[_Span, ...]:
    """Spans without the spaces at their two ends."""
    out = list(spans)
    while out and out[0].kind == "text" and not out[0].text.strip():
        out.pop(0)
    while out and out[-1].kind == "text" and not out[-1].text.strip():
        out.pop()
    if out and out[0].kind == "text":
        out[0] = _Span("text", out[0].text.lstrip())
    if out and out[-1].kind == "text":
        out[-1] = _Span("text", out[-1].text.rstrip())
    return tuple(out)


def _render(spans: tuple[_Span, ...], before: str, after: str, linked: bool = False) -> str:
    """``spans`` as Markdown between the characters ``before`` and ``after`` ("": a
    paragraph's edge); ``linked``: inside a link's text."""
    parts: list[str] = []
    for n, span in enumerate(spans):
        left = parts[-1][-1:] if parts and parts[-1] else before
        right = _first_char(spans[n + 1 :]) if n + 1 < len(spans) else after
        if span.kind == "a" and left == "!":  # "![" would open an image
            parts[-1] = parts[-1][:-1] + "\\!"
        # A mark beside a sibling's like mark could pair with it: "**s***e*" is safe, not
        # every such run is. Beside the enclosing span's own mark, the spec's runs decide.
        beside = (bool(parts) and left == "*") or (n + 1 < len(spans) and right == "*")
        parts.append(_one(span, left, right, linked, beside))
    return "".join(parts)


def _one(span: _Span, left: str, right: str, linked: bool, beside: bool = False) -> str:
    if span.kind == "text":
        return _escaped(span.text)
    if span.kind == "code":
        # Two runs of backticks would run together; a bracket in a link's code would end
        # its label where a definition is looked for ("[`]:`](x)" is one).
        if "`" in (left, right) or (linked and ("[" in span.text or "]" in span.text)):
            return f"<code>{_escaped(span.text)}</code>"  # Markdown between HTML tags
        return _code(span.text)
    if span.kind == "a":
        return f"[{_render(span.children, '[', ']', True)}]({_url(span.href)})"
    mark = _MARKS[span.kind]
    inner = _render(span.children, mark[-1], mark[0], linked)
    if _flanks(inner, left, right) and not beside:
        return f"{mark}{inner}{mark}"
    tag = span.kind
    return f"<{tag}>{inner}</{tag}>"


def _escaped(text: str) -> str:
    return _SPECIAL.sub(lambda m: "\\" + m.group(0), text)


def _flanks(inner: str, left: str, right: str) -> bool:
    """Whether ``*`` marks around ``inner`` open and close it in CommonMark: the mark
    left-flanking before it and right-flanking after it (the spec's delimiter runs)."""
    if not inner or inner.startswith(("<", "*")) or inner.endswith((">", "*")):
        # HTML at an edge is no character of the text; marks at an edge pair with these
        # by the spec's rule of three ("***0*0*0***"): HTML for this span then.
        return False
    first, last = inner[0], inner[-1]
    opens = not first.isspace() and (
        not _punct(first) or not left or left.isspace() or _punct(left)
    )
    closes = not last.isspace() and (
        not _punct(last) or not right or right.isspace() or _punct(right)
    )
    return opens and closes


def _punct(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _first_char(spans: tuple[_Span, ...]) -> str:
    span = spans[0]
    if span.kind == "text":
        return span.text[:1] and ("\\" if _SPECIAL.match(span.text) else span.text[0])
    return {"code": "`", "a": "[", "strong": "*", "em": "*"}[span.kind]


def _code(text: str) -> str:
    runs = [len(m) for m in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _url(href: str) -> str:
    if re.search(r"[\s()<>\\]", href):
        return "<" + href.replace("\\", "\\\\").replace("<", "%3C").replace(">", "%3E") + ">"
    return href


def _escape_block_start(md: str) -> str:
    """Escape what would open a block at a paragraph's start: ``1\\.`` for "1."."""
    if _RULE.match(md):
        return "\\" + md
    match = _BLOCK_START.match(md)
    if match is None:
        return md
    if match.group(4):  # an ordered list's number: CommonMark escapes punctuation only
        return f"{match.group(4)}\\{md[len(match.group(4)) :]}"
    return "\\" + md
