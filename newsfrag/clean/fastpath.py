"""Clean a fragment of prose with inline elements in it, without the walk.

Most fragments of news are text with a link or an emphasis in it: text nodes, and
elements that each hold one text. The walk does its work (NFC, collapsing, escaping,
where the space between two words goes) for every run of text between two tags;
here it is done once for the fragment's whole text. When that text is NFC, holds no
whitespace but single spaces and no mark that NFC could join to a tag's ``>``, each
run is already as the walk leaves it, but for a space at either end of the fragment.
"""

from __future__ import annotations

import unicodedata

from ..markup import BLOCK_TAGS, CLOSING, HIDDEN_TAGS, OPENING, LexborNode, escape, href_value

__all__ = ["clean_inline"]


def clean_inline(root: LexborNode) -> tuple[str, str, float] | None:
    """What ``clean.clean_markup`` gives for a fragment of text and of elements that
    hold one text each, none of them a block; ``None`` for any other fragment, or for
    one whose text needs more than a space taken off either end."""
    parts: list[str] = []  # a run of text, then an element's opening tag, text and closing tag...
    run = ""
    linked = 0  # characters in links: every link has some, or the walk takes it
    for node in root.iter(include_text=True):
        if node.is_text_node:
            run += node.text_content or ""
            continue
        tag = node.tag or ""
        if not node.is_element_node or tag in HIDDEN_TAGS:
            continue  # a comment, or what is never shown
        child = node.first_child
        if child is None or child.next is not None or not child.is_text_node or tag in BLOCK_TAGS:
            return None
        value = child.text_content or ""
        if tag == "a":
            href = node.attrs.get("href")
            opener = None if href is None else f'<a href="{href_value(href)}">'
        else:
            opener = OPENING.get(tag)
        if opener is None:  # unwrapped: its text is part of the run
            run += value
            continue
        if not value or value.isspace():
            return None  # an element with no words goes: where its spaces go is the walk's
        if tag == "a":
            linked += len("".join(value.split()))  # its characters but the spaces
        parts += (run, opener, value, CLOSING[tag])
        run = ""
    parts.append(run)
    runs = parts[::2]
    whole = "".join(runs)
    if "\xa0" in whole:  # the one odd space of most news
        whole = whole.replace("\xa0", " ")
        runs = parts[::2] = [r.replace("\xa0", " ") for r in runs]
    # isprintable() is False for every whitespace character but the space, and for NUL.
    text = whole.strip()
    if not whole.isprintable() or "  " in whole or not text:
        return None
    # Every run of NFC text is NFC; U+0338 right after a tag's ">" would make it "≯".
    if not whole.isascii() and ("\u0338" in whole or not unicodedata.is_normalized("NFC", whole)):
        return None
    if "&" in whole or "<" in whole or ">" in whole:
        parts[::2] = map(escape, runs)
    if whole[0] == " ":  # no words before it: it goes
        first = next(i for i in range(0, len(parts), 2) if parts[i])
        parts[first] = parts[first][1:]
    if whole[-1] == " ":
        last = next(i for i in range(len(parts) - 1, -1, -2) if parts[i])
        parts[last] = parts[last][:-1]
    share = linked / (len(text) - text.count(" ")) if linked else 0.0
    return "".join(parts), text, share
