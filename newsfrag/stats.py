"""Figures per document: what ``newsfrag stats`` counts, and exactly how.

Everything is counted over the paragraphs ``newsfrag text`` prints (the collapsed
plain text of each fragment), so ``stats`` and ``text`` always agree.

Words
    A word is a run of letters, digits, combining marks (Arabic harakat, Hebrew
    points, Devanagari vowel signs) and inner joiners -- ' ’ ʼ - ‐ ‑ . , : · ZWNJ
    ZWJ and Hebrew maqaf/geresh -- holding a letter or digit: "don't",
    "state-run", "U.S.", "2.5", "290,000" and "10:30" are one word each, as are
    "a--b" and "x,y" written without spaces. Whitespace and all other characters
    (quotes, brackets, dashes – —, slashes, "…", symbols, emoji) separate words;
    a run of punctuation alone is no word. Each Han ideograph and each kana is a
    word (Chinese and Japanese put no spaces between words: the rule of word
    processors); Hangul, Cyrillic, Greek, Arabic and Hebrew are counted by their
    spaces. Thai, Lao, Khmer and Burmese, written with no spaces between
    words, count one word per run between spaces (no dictionary), so count low.
Sentences
    Counted per paragraph and summed; a paragraph with text has at least one (a
    heading without a full stop is a sentence). A sentence ends at ``. ! ? …``
    (and ``。！？．``, ``؟ ۔``, ``। ॥``, ``።``) glued to the word before it, followed
    by optional closing quotes or brackets, then the end of the paragraph, or a
    space and a word that starts with a capital, a digit or an uncased letter: "2.5",
    "U.S.-led" and "wait... and" end none; ``。！？．`` also end one with no space
    after. A lone ``.`` ends none after a title or common abbreviation (Mr. Dr.
    Gen. Sen. Gov. St. Inc. Ltd. Co. Jr. vs. Jan.-Dec. ...), a single capital
    initial ("J."), a dotted abbreviation ("U.S.", "e.g.", "p.m."), or "No."
    before a number. "etc." ends one when a capitalised word follows.
Characters
    Code points of the paragraphs' text as printed (whitespace runs collapsed, line
    breaks not counted): a decomposed "é" or an emoji sequence counts more than one.
Minutes
    words / 238, the mean silent reading rate of English non-fiction (Brysbaert
    2019, "How many words do we read per minute?", J. Memory and Language 109).
    A Han or kana character is a word, so CJK reads at 238 characters a minute.
Fragments, paragraphs, links
    Fragments as read; those with text; ``<a>`` elements with an ``href``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields

from .counting import count_sentences, count_words, inner_ends, odd_characters
from .document import Document
from .markup import LexborNode, Roots, parse_fragments
from .records import tsv_line
from .text import parsed_texts
from .vocab import LABELS, STATS_FIELDS

__all__ = ["DEFINITIONS", "FIELDS", "LABELS", "WORDS_PER_MINUTE", "DocStats", "count_sentences"]
__all__ += ["count_words", "document_stats", "sort_field", "sort_stats", "total"]
__all__ += ["tsv_header", "tsv_row"]

FIELDS = STATS_FIELDS
WORDS_PER_MINUTE = 238

DEFINITIONS: dict[str, str] = {
    "fragment_count": "fragments in the file as read, empty ones included",
    "paragraph_count": "fragments with text: the lines `newsfrag text` prints",
    "word_count": 'runs of letters, digits and marks with inner \' - . , : ("don\'t", "U.S.", '
    '"2.5", "290,000" are one word); each Chinese or Japanese character is one word; '
    "punctuation, symbols and emoji are not words",
    "sentence_count": "ends at . ! ? … 。 ！ ？ ؟ । (then closing quotes) before a space and a "
    "capital, digit or uncased letter, or at the paragraph end; not after Mr. Dr. U.S. J. "
    "e.g. No. 5 or other abbreviations, nor in 2.5; each paragraph is at least one",
    "character_count": "Unicode code points of the paragraphs' text, whitespace runs "
    "collapsed to one space, breaks between paragraphs not counted",
    "link_count": "<a> elements with an href attribute, whatever it points to",
    "minutes": f"reading time: words / {WORDS_PER_MINUTE} a minute (Brysbaert 2019, silent "
    "reading of non-fiction), to two decimals; a CJK character counts as a word",
}


@dataclass(frozen=True, slots=True)
class DocStats:
    """The figures of one document (or of a total, whose source names it)."""

    source: str
    fragment_count: int
    paragraph_count: int
    word_count: int
    sentence_count: int
    character_count: int
    link_count: int

    @property
    def minutes(self) -> float:
        """Reading time to two decimals, derived from words so that totals stay consistent:
        the one value JSON, TSV and the table all give."""
        return round(self.word_count / WORDS_PER_MINUTE, 2)

    def to_json(self) -> dict[str, object]:
        """``source`` first, then FIELDS in order."""
        out: dict[str, object] = {"source": self.source}
        for name in FIELDS:
            out[name] = getattr(self, name)
        return out

    def row(self) -> list[str]:
        """The cells of a row: source, then FIELDS, each as JSON writes it."""
        return [self.source, *(str(getattr(self, name)) for name in FIELDS)]


_INT_FIELDS = tuple(f.name for f in fields(DocStats) if f.name != "source")


def tsv_header() -> str:
    """The header line of the tab-separated form."""
    return tsv_line(("source", *FIELDS))


def tsv_row(s: DocStats) -> str:
    """One tab-separated line (``records.tsv_line``)."""
    return tsv_line(s.row())


def total(stats: Iterable[DocStats], source: str = "total") -> DocStats:
    """Sum every count; minutes follow from the summed words."""
    sums = dict.fromkeys(_INT_FIELDS, 0)
    for s in stats:
        for name in _INT_FIELDS:
            sums[name] += getattr(s, name)
    return DocStats(source, **sums)


def sort_field(name: str) -> str:
    """The field a ``--sort`` name means: a field of FIELDS, its label ("words"), or source."""
    if name == "source" or name in FIELDS:
        return name
    for field, label in LABELS.items():
        if name == label:
            return field
    raise ValueError(f"cannot sort by {name!r}: use source or one of {', '.join(FIELDS)}")


def sort_stats(stats: list[DocStats], field: str, reverse: bool = False) -> list[DocStats]:
    """Stable sort by a field (``sort_field``); ties keep their order."""
    key = sort_field(field)
    return sorted(stats, key=lambda s: getattr(s, key), reverse=reverse)


_A_TAG = re.compile(r"<a[\s/>]", re.IGNORECASE)


def count_links(root: LexborNode) -> int:
    """The ``<a href>`` elements under ``root``: what ``root.css("a[href]")`` finds, without
    compiling the selector anew for each fragment (it cost three times the walk)."""
    return sum(1 for node in root.traverse() if node.tag == "a" and "href" in node.attrs)


def document_stats(doc: Document, roots: Roots | None = None) -> DocStats:
    """The figures of one document, from a single parse of its fragments (``roots``,
    when they are parsed already)."""
    fragments = doc.fragments
    roots = parse_fragments(fragments) if roots is None else roots
    texts = parsed_texts(fragments, roots)  # exactly what `newsfrag text` prints
    links = sum(
        count_links(root)
        for fragment, root in zip(fragments, roots, strict=True)
        if root is not None and _A_TAG.search(fragment)
    )
    paragraphs = [t for t in texts if t]
    joined = "\n".join(paragraphs)  # words never span, nor sentences end across, a newline
    odd = odd_characters(joined)
    return DocStats(
        source=doc.source,
        fragment_count=len(fragments),
        paragraph_count=len(paragraphs),
        word_count=count_words(joined, odd),
        sentence_count=len(paragraphs) + inner_ends(joined, odd),
        character_count=len(joined) - len(paragraphs) + 1 if paragraphs else 0,
        link_count=links,
    )
