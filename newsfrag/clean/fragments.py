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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..inline import clean_inline
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
from ..model import Document
from ..rules import DEFAULT_RULES, Rule
from ..screen import screen
from .classify import judge, model
from .signals import document_signals, language

__all__ = [
    "KEPT_TAGS",
    "Cleaned",
    "Dropped",
    "clean_document",
    "clean_fragments",
    "clean_markup",
]

_Clean = tuple[str, str, float]  # a fragment's cleaned HTML, text, and share of text in links
# In how many of the run's documents a fragment's plain text is, when that is enough to go.
Repeated = Callable[[str], int]


@dataclass(frozen=True, slots=True)
class Dropped:
    """A fragment that did not come out: its index as read, the rule, its plain text, and
    the evidence that weighed against it (for the classifier's drops)."""

    fragment: int
    rule: str
    text: str
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The fragments that came out, and the account of every one that did not."""

    fragments: list[str]
    dropped: list[Dropped]


def clean_document(
    doc: Document,
    *,
    rules: Sequence[Rule] = DEFAULT_RULES,
    keep_boilerplate: bool = False,
    favour: str = "balanced",
) -> tuple[Document, list[Dropped]]:
    """``clean_fragments`` for a whole document, its source kept."""
    cleaned = clean_fragments(
        doc.fragments, rules=rules, keep_boilerplate=keep_boilerplate, favour=favour
    )
    return Document(doc.source, cleaned.fragments), cleaned.dropped


def clean_fragments(
    fragments: Sequence[str],
    *,
    rules: Sequence[Rule] = DEFAULT_RULES,
    keep_boilerplate: bool = False,
    roots: Roots | None = None,
    favour: str = "balanced",
    repeated: Repeated | None = None,
    classifier: bool = True,
) -> Cleaned:
    """The article's fragments, cleaned, and why each of the others was dropped.

    The named rules go first, then fragments repeated across the run (``repeated``),
    then the classifier (``classify.py``) with the threshold of ``favour``. Each drop
    changes the others' context: they look again until nothing more goes, so cleaning
    again changes nothing. ``keep_boilerplate`` turns all three off; empty and duplicate
    fragments still go, as an empty line would end a document in the ``lines`` form.
    ``classifier=False`` leaves the decision to the named rules alone.
    """
    cleaned = markup_cleaned(fragments, roots)
    verdicts: list[str | None] = ["empty" if not c[1] else None for c in cleaned]
    evidence: dict[int, str] = {}
    alive = [i for i, v in enumerate(verdicts) if v is None]
    while True:
        alive = _ruled(alive, cleaned, () if keep_boilerplate else rules, verdicts)
        if keep_boilerplate:
            break
        kept = _repeated(alive, cleaned, repeated, verdicts, evidence) if repeated else alive
        if classifier:
            kept = _judged(kept, cleaned, favour, verdicts, evidence)
        if len(kept) == len(alive):
            break
        alive = kept
    dropped = [
        Dropped(i, v, cleaned[i][1], evidence.get(i, ""))
        for i, v in enumerate(verdicts)
        if v is not None
    ]
    return Cleaned([cleaned[i][0] for i in alive], dropped)


def markup_cleaned(fragments: Sequence[str], roots: Roots | None = None) -> list[_Clean]:
    """Every fragment's cleaned HTML, plain text and share in links; "" for an empty one."""
    roots = parse_fragments(fragments) if roots is None else roots
    plain = map(_clean_plain, unparsed_texts(fragments, roots, nfc=True))
    return [
        next(plain) if root is None else clean_inline(root) or clean_markup(root) for root in roots
    ]


def screened(cleaned: list[_Clean], rules: Sequence[Rule] = DEFAULT_RULES) -> list[int]:
    """The fragments the named rules and the duplicate check leave: what the classifier
    sees first (``bench/fit_clean.py`` fits it on these)."""
    verdicts: list[str | None] = ["empty" if not c[1] else None for c in cleaned]
    return _ruled([i for i, v in enumerate(verdicts) if v is None], cleaned, rules, verdicts)


def _ruled(
    alive: list[int], cleaned: list[_Clean], rules: Sequence[Rule], verdicts: list[str | None]
) -> list[int]:
    """The named rules, then duplicates, until nothing more goes; the survivors."""
    while True:
        if rules:
            alive = _drop_boilerplate(alive, cleaned, rules, verdicts)
        # A drop can bring two equal fragments together, and dropping one changes what
        # follows the others: the rules look again until nothing more goes. Rarely twice.
        kept: list[int] = []
        for i in alive:
            if kept and cleaned[i][0] == cleaned[kept[-1]][0]:
                verdicts[i] = "duplicate"
            else:
                kept.append(i)
        if len(kept) == len(alive) or not rules:
            return kept
        alive = kept


def _repeated(
    alive: list[int],
    cleaned: list[_Clean],
    repeated: Repeated,
    verdicts: list[str | None],
    evidence: dict[int, str],
) -> list[int]:
    """Drop what recurs across the run's documents, unless most of the article does:
    then the article itself recurs (a wire story, a page scraped twice), and stays."""
    counts = [repeated(cleaned[i][1]) for i in alive]
    words = [cleaned[i][1].count(" ") + 1 for i in alive]
    if sum(w for w, c in zip(words, counts, strict=True) if c) * 2 > sum(words):
        return alive
    kept = []
    for i, count in zip(alive, counts, strict=True):
        if count:
            verdicts[i] = "repeated"
            evidence[i] = f"in {count} documents"
        else:
            kept.append(i)
    return kept


def _judged(
    alive: list[int],
    cleaned: list[_Clean],
    favour: str,
    verdicts: list[str | None],
    evidence: dict[int, str],
) -> list[int]:
    """Drop what the classifier finds below ``favour``'s threshold; the survivors."""
    if not alive:
        return alive
    texts = [cleaned[i][1] for i in alive]
    links, markups = [cleaned[i][2] for i in alive], [cleaned[i][0] for i in alive]
    gathered = document_signals(texts, links, markups, language(texts))
    threshold = model().thresholds[favour]
    judged_all = judge(gathered)
    # A document has an article: its likeliest fragment stays, whatever its odds.
    best = max(range(len(alive)), key=lambda j: judged_all[j].article)
    kept = []
    for j, (i, judged) in enumerate(zip(alive, judged_all, strict=True)):
        if judged.article < threshold and j != best:
            verdicts[i] = "boilerplate"
            evidence[i] = judged.evidence()
        else:
            kept.append(i)
    return kept


def _drop_boilerplate(
    alive: list[int], cleaned: list[_Clean], rules: Sequence[Rule], verdicts: list[str | None]
) -> list[int]:
    """Mark boilerplate among ``alive``, from the end back; the survivors, in order."""
    suspects, tailed, tail, first = screen(rules)
    anywhere = suspects(cleaned)
    kept_after = 0
    end = len(alive)
    last: list[int] = []  # the survivors of the tail, last first
    while end and kept_after <= tail:  # near the end, what follows counts: one at a time
        end -= 1
        i = alive[end]
        _, text, links = cleaned[i]
        if i in anywhere or tailed(text, links):
            rule = first(text, links, kept_after)
            if rule is not None:
                verdicts[i] = rule.name
                continue
        last.append(i)
        kept_after += 1
    # Before that, no rule with a tail can match: only the suspects, in any order.
    before = alive[end] if end < len(alive) else len(cleaned)
    gone = set()
    for i in anywhere:
        if i < before and verdicts[i] is None:
            _, text, links = cleaned[i]
            rule = first(text, links, kept_after)
            if rule is not None:
                verdicts[i] = rule.name
                gone.add(i)
    head = [i for i in alive[:end] if i not in gone] if gone else alive[:end]
    return head + last[::-1]


def _clean_plain(text: str) -> _Clean:
    return escape(text), text, 0.0


def clean_markup(root: LexborNode) -> _Clean:
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
