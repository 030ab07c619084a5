"""Clean a document: the article's own fragments, with only the markup that means something.

Markup: a (with its href), b/strong, i/em, br, sub/sup and code are kept, with no
other attribute; span, font and every other wrapper are unwrapped (a block inside
a fragment leaves a space, so words never glue); script, style, comments and
empty elements go. Text is NFC with its whitespace collapsed, and only ``&``,
``<`` and ``>`` are escaped. Then fragments left with no text, a fragment
identical to the one before it, and boilerplate (``rules``) are dropped.
Cleaning is idempotent: cleaned fragments cleaned again come out the same.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape, unescape

from .markup import BLOCK_TAGS, HIDDEN_TAGS, LexborNode, collapse, parse_fragments
from .model import Document
from .rules import DEFAULT_RULES, Rule

__all__ = ["Cleaned", "Dropped", "clean_document", "clean_fragment_markup", "clean_fragments"]

KEPT_TAGS = frozenset({"a", "b", "strong", "i", "em", "br", "sub", "sup", "code"})
_REMOVED_TAGS = HIDDEN_TAGS | {"iframe", "object", "embed", "svg", "math", "select", "button"}


@dataclass(frozen=True, slots=True)
class Dropped:
    """A fragment that did not come out: its index as read, the rule, and its text."""

    fragment: int
    rule: str
    text: str


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The fragments that came out, and the account of those that did not."""

    fragments: list[str]
    dropped: list[Dropped]


def clean_document(
    doc: Document, *, rules: Sequence[Rule] = DEFAULT_RULES, keep_boilerplate: bool = False
) -> tuple[Document, list[Dropped]]:
    """``clean_fragments`` for a whole document, its source kept."""
    cleaned = clean_fragments(doc.fragments, rules=rules, keep_boilerplate=keep_boilerplate)
    return Document(doc.source, cleaned.fragments), cleaned.dropped


def clean_fragments(
    fragments: Sequence[str],
    *,
    rules: Sequence[Rule] = DEFAULT_RULES,
    keep_boilerplate: bool = False,
) -> Cleaned:
    """The article's fragments, cleaned, and why each of the others was dropped."""
    roots = parse_fragments(fragments)
    cleaned: list[tuple[str, str]] = []  # (html, text) of each fragment
    for fragment, root in zip(fragments, roots, strict=True):
        if root is None:
            text = _nfc(collapse(unescape(fragment).replace("\x00", "")))
            cleaned.append((escape(text, quote=False), text))
        else:
            cleaned.append(clean_fragment_markup(root))
    verdicts = [] if keep_boilerplate else _boilerplate(cleaned, rules)
    kept: list[str] = []
    dropped: list[Dropped] = []
    for i, (html, text) in enumerate(cleaned):
        rule = verdicts[i] if verdicts else None
        if not text:
            rule = "empty"
        elif rule is None and kept and html == kept[-1]:  # the last one that came out
            rule = "duplicate"
        if rule is None:
            kept.append(html)
        else:
            dropped.append(Dropped(i, rule, text))
    return Cleaned(kept, dropped)


def _boilerplate(cleaned: list[tuple[str, str]], rules: Sequence[Rule]) -> list[str | None]:
    """The rule that drops each fragment, or None; tail rules only in the tail."""
    verdicts: list[str | None] = [None] * len(cleaned)
    in_tail = True  # walking back from the end, until a fragment that is article
    for i in range(len(cleaned) - 1, -1, -1):
        text = cleaned[i][1]
        if not text:
            continue
        words = len(text.split())
        for rule in rules:
            if (rule.where == "anywhere" or in_tail) and rule.matches(text, words):
                verdicts[i] = rule.name
                break
        if verdicts[i] is None:
            in_tail = False
    return verdicts


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def clean_fragment_markup(root: LexborNode) -> tuple[str, str]:
    """The cleaned HTML of a parsed fragment, and its plain text."""
    tokens = _tokens(root)
    tokens = _drop_empty(tokens)
    return _serialise(tokens)


# A token: ("text", s), ("space", " "), ("open", tag, href), ("close", tag), ("br",).
Token = tuple[str, ...]


def _tokens(root: LexborNode) -> list[Token]:
    """The fragment as a flat stream, wrappers unwrapped, hidden parts left out."""
    out: list[Token] = []
    stack: list[LexborNode | Token] = list(reversed(list(root.iter(include_text=True))))
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):
            out.append(item)
            continue
        if item.is_text_node:
            out.append(("text", item.text_content or ""))
            continue
        tag = item.tag or ""
        if not item.is_element_node or tag in _REMOVED_TAGS:
            continue
        children = list(reversed(list(item.iter(include_text=True))))
        if tag == "br":
            out.append(("br",))
        elif tag in KEPT_TAGS and (tag != "a" or item.attributes.get("href") is not None):
            out.append(("open", tag, item.attributes.get("href") or ""))
            stack.append(("close", tag))
            stack.extend(children)
        elif tag in BLOCK_TAGS:  # a block inside a fragment still separates words
            out.append(("space", " "))
            stack.append(("space", " "))
            stack.extend(children)
        else:
            stack.extend(children)
    return out


def _drop_empty(tokens: list[Token]) -> list[Token]:
    """Elements with no text in them become the space (if any) they held."""
    out: list[Token] = []
    opened: list[int] = []  # where each open element starts in out
    for token in tokens:
        if token[0] == "open":
            opened.append(len(out))
            out.append(token)
        elif token[0] == "close":
            start = opened.pop()
            inner = out[start + 1 :]
            if not any(t[0] == "text" and t[1].strip() for t in inner):
                has_space = any(t[0] in ("text", "space") for t in inner)
                del out[start:]
                if has_space:
                    out.append(("space", " "))
            else:
                out.append(token)
        else:
            out.append(token)
    return out


def _serialise(tokens: list[Token]) -> tuple[str, str]:
    """HTML and text, whitespace collapsed across tags, no line break before the first word
    or after the last."""
    words_at = [i for i, t in enumerate(tokens) if t[0] == "text" and t[1].strip()]
    first, last = (words_at[0], words_at[-1]) if words_at else (0, -1)
    html: list[str] = []
    text: list[str] = []
    at_break = True  # at the start, after a <br> or a space: no space is written here
    want = False  # a space is due before the next word
    for i, token in enumerate(tokens):
        kind = token[0]
        if kind == "text":
            value = token[1]
            words = collapse(value)
            if not words:
                want = want or bool(value)
                continue
            if (want or value[0].isspace()) and not at_break:
                html.append(" ")
                text.append(" ")
            html.append(escape(words, quote=False))
            text.append(words)
            at_break, want = False, value[-1].isspace()
        elif kind == "space":
            want = True
        elif kind == "br":
            if first < i < last:
                html.append("<br>")
                text.append(" ")
                at_break, want = True, False
        elif kind == "open":
            if want and not at_break:
                html.append(" ")
                text.append(" ")
                at_break = True
            want = False
            tag = token[1]
            html.append(f'<a href="{escape(token[2])}">' if tag == "a" else f"<{tag}>")
        else:
            html.append(f"</{token[1]}>")
    # NFC over the whole: a mark may stand in another text node than its letter.
    return _nfc("".join(html)), _nfc("".join(text))
