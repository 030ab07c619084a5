"""Clean a document: the article's own fragments, with only the markup that means something.

Kept: ``a`` with its href, ``b``/``strong``, ``i``/``em``, ``br``, ``sub``/``sup``, ``code``, and
no other attribute. Other elements are unwrapped (a block leaves a space: words never
glue); hidden ones (script, style ...) and comments go with their content, and elements
with no text go. Text is NFC, whitespace collapsed across tags, only ``&<>`` escaped.
Dropped: fragments with no text (``empty``), boilerplate (the first rule that matches,
walking back from the end as a rule may ask how many kept fragments follow), and one
identical to the fragment kept before it (``duplicate``). Cleaning again changes nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence

from ..markup import (
    BLOCK_TAGS,
    CLOSING,
    HIDDEN_TAGS,
    KEPT_TAGS,
    OPENING,
    LexborNode,
    Roots,
    collapse,
    escape,
    href_value,
    parse_fragments,
    unparsed_texts,
)
from .fastpath import clean_inline

__all__ = ["KEPT_TAGS", "Clean", "clean_markup", "markup_cleaned"]

Clean = tuple[str, str, float]  # a fragment's cleaned HTML, text, and share of text in links


def markup_cleaned(fragments: Sequence[str], roots: Roots | None = None) -> list[Clean]:
    """Every fragment's cleaned HTML, plain text and share in links; "" for an empty one."""
    roots = parse_fragments(fragments) if roots is None else roots
    plain = map(_clean_plain, unparsed_texts(fragments, roots, nfc=True))
    return [
        next(plain) if root is None else clean_inline(root) or clean_markup(root) for root in roots
    ]


def _clean_plain(text: str) -> Clean:
    return escape(text), text, 0.0


def clean_markup(root: LexborNode) -> Clean:
    """The cleaned HTML of a parsed fragment, its plain text, and the share of it in links.

    One walk, an explicit stack: markup can nest thousands deep. Text gathers in runs
    that unwrapped tags do not break. Spaces and breaks between two words come out once,
    where they started: a space, or the ``<br>`` elements; none at either end.
    """
    html: list[str] = []
    text: list[str] = []
    run = ""  # text not yet written: NFC and collapsing must see it whole
    slot = -1  # where in ``html`` the pending whitespace goes; -1: none pending
    breaks = ""
    in_link = linked = chars = 0
    emptied = False  # an element with no text went: what was either side may now meet

    def flush() -> None:
        nonlocal run, slot, breaks, linked, chars
        whole, run = run, ""
        if not whole.isascii() and not unicodedata.is_normalized("NFC", whole):
            whole = unicodedata.normalize("NFC", whole)
        words = whole.strip()
        if words is not whole:
            if whole[0].isspace() and text and slot < 0:
                slot = len(html)
                html.append("")
            if not words:
                return
        if not words.isprintable() or "  " in words:
            words = collapse(words)
        if slot >= 0:
            html[slot] = breaks or " "
            text.append(" ")
            slot, breaks = -1, ""
        if words.isascii() or not unicodedata.combining(words[0]):
            html.append(escape(words))
        else:
            html.append(_after_tag(words, next((h for h in reversed(html) if h), "")))
        text.append(words)
        solid = len(words) - words.count(" ")  # spaces are where runs meet: not counted
        chars += solid
        if in_link:
            linked += solid
        if whole[-1].isspace():
            slot = len(html)
            html.append("")

    # A frame: the children still to visit, what closes the element (None: a wrapper,
    # "": a block), where its opening tag is in ``html``, and the words before it.
    frames: list[tuple[Iterator[LexborNode], str | None, int, int]] = [
        (root.iter(include_text=True), None, 0, 0)
    ]
    while frames:
        children, closer, at, words_before = frames[-1]
        for node in children:
            if node.is_text_node:
                if value := node.text_content:
                    run += value.replace("\x00", "") if "\x00" in value else value
                continue
            if not node.is_element_node:
                continue  # a comment
            tag = node.tag or ""
            if tag in HIDDEN_TAGS:
                continue
            if tag in BLOCK_TAGS:  # br too: both part words, a br is kept
                if run:
                    flush()
                if text and slot < 0:
                    slot = len(html)
                    html.append("")
                if tag == "br":
                    breaks += "<br>" if text else ""
                    continue
                frames.append((node.iter(include_text=True), "", -1, 0))
                break
            opener = OPENING.get(tag)
            if tag == "a":
                href = None if in_link else node.attrs.get("href")
                opener = None if href is None else f'<a href="{href_value(href)}">'
            child = node.first_child
            if child is not None and child.next is None and child.is_text_node:
                # One text node inside, as in most links and emphasis: no frame.
                value = child.text_content or ""
                value = value.replace("\x00", "") if "\x00" in value else value
                if opener is None:
                    run += value
                    continue
                if run:
                    flush()
                run, opened, before = value, len(html), len(text)
                html.append(opener)
                in_link += tag == "a"
                if run:
                    flush()
                in_link -= tag == "a"
                if len(text) == before:
                    html[opened] = ""
                    emptied = True
                else:
                    html.append(CLOSING[tag])
                continue
            if opener is None:  # a wrapper: its content stays, in its place
                frames.append((node.iter(include_text=True), None, -1, 0))
                break
            if run:
                flush()
            in_link += tag == "a"
            frames.append((node.iter(include_text=True), CLOSING[tag], len(html), len(text)))
            html.append(opener)
            break
        else:
            frames.pop()
            if closer is None:
                continue
            if run:
                flush()
            if not closer:  # a block: words either side stay apart
                if text and slot < 0:
                    slot = len(html)
                    html.append("")
                continue
            if closer == "</a>":
                in_link -= 1
            if len(text) == words_before:  # an element with no text: only its spaces stay
                html[at] = ""
                emptied = True
            else:
                html.append(closer)
    if run:
        flush()
    markup, plain = "".join(html), "".join(text)
    if emptied and not markup.isascii() and not unicodedata.is_normalized("NFC", markup):
        # A mark split from its letter by an element with no text: together once it went.
        # Otherwise every run is NFC, and a tag or space between runs keeps them apart.
        markup, plain = unicodedata.normalize("NFC", markup), unicodedata.normalize("NFC", plain)
    return markup, plain, linked / chars if chars else 0.0


def _after_tag(words: str, before: str) -> str:
    """``words`` escaped; marks leading them right after a tag that NFC would compose
    with its ">" ("≯") as references, so the markup is NFC and stays markup."""
    lead = 0
    while lead < len(words) and unicodedata.combining(words[lead]):
        lead += 1
    if before.endswith(">") and not unicodedata.is_normalized("NFC", ">" + words[:lead]):
        return "".join(f"&#x{ord(c):x};" for c in words[:lead]) + escape(words[lead:])
    return escape(words)
