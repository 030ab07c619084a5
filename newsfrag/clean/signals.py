"""What a fragment shows of itself: the evidence the keep/drop decision weighs.

Nearly all of it is blind to language: length, links, punctuation, digits, capitals, and
whether the fragment's words recur elsewhere in the document (an article keeps to its
subject; a promo, a bio or a teaser of another article does not). Where language counts,
in the share of stopwords and the reader spoken to, the document's language is told
from its own words (``language.py``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from itertools import chain
from typing import NamedTuple

from .language import spaceless_letters, stopwords, voices, words_of

__all__ = ["BINARY", "NAMES", "Gathered", "Signals", "document_signals"]

# The order of a fragment's signals, as the fitted weights (model.json) name them.
NAMES = (
    "words",  # log(1 + words)
    "links",  # share of the text inside links
    "stopwords",  # share of its distinct words that are the language's stopwords
    "short",  # at most 3 words
    "sentence_end",  # ends as a sentence does (. ! ? …, a closing quote after)
    "colon_end",  # ends with a colon: a label, or what introduces a list
    "sentences",  # log(1 + sentence ends inside it: ". " "! " "? ", and 。！？ in CJK)
    "digits",  # share of digits in its first characters
    "capitals",  # capitals a word, in its first characters
    "all_caps",
    "lower_start",  # starts with a small letter: a continued sentence
    "separators",  # log(1 + | • · » › " / " " - " between items, in its first characters)
    "commas",  # commas a word
    "repeated_here",  # the same text comes again in the document
    "address",  # an e-mail address or a web address
    "shared",  # share of its words not stopwords found in other fragments of the document
    "reader",  # log(1 + words that speak to the reader: you, Sie, vous ...)
    "we",  # log(1 + words of a first person plural: we, wir, nous ...)
    "ellipsis_end",  # ends with … : a teaser cut short
    "short_digits",  # short, times its share of digits: a date, a time, a count
    "short_links",  # share in links when under 15 words
    "quotes",  # holds a quotation mark (not an apostrophe): reporting quotes people
    "characters",  # log(1 + characters)
    "longest",  # its length against the document's longest fragment
    "digit_start",  # starts with a digit
    "quote_start",  # starts with a quotation mark
    "link_count",  # log(1 + links)
    "bold",  # bold from end to end: a heading, or a label
    "italic",  # italic from end to end: a note, a caption
    "breaks",  # log(1 + line breaks)
    "mail_link",  # a mailto: link
    "social_link",  # a link to a social network
    "index_link",  # a link to a tag, author, category or search page
    "anchor_link",  # a link within the page (#...)
    "embedded_link",  # a link with words either side: part of a sentence, not a label
)

Signals = list[float]
# The signals that are 0 or 1.
BINARY = frozenset(
    "short sentence_end colon_end all_caps lower_start repeated_here address ellipsis_end"
    " quotes digit_start quote_start bold italic mail_link social_link index_link"
    " anchor_link embedded_link".split()
)

_PREFIX = 160  # the words of a fragment are read from its first characters: enough to tell
_ENDS = re.compile(r"[.!?。！？…][\"'”’»)\]]*\Z")
_ITEMS = ("|", "•", "·", "»", "›", " / ", " - ")  # what separates items on a line
_QUOTE_MARKS = ('"', "„", "“", "”", "«", "»")


@cache
def _hrefs() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A link's address, and where a link to a social network or to an index of a site's
    pages goes: compiled when a fragment first has a link."""
    social = (
        r"facebook\.com|twitter\.com|//x\.com|instagram\.com|linkedin\.com|youtube\.com"
        r"|t\.me/|wa\.me/|whatsapp|pinterest\.|tiktok\.com|xing\.com|reddit\.com"
    )
    index = (
        r"/(?:tags?|author|autor|category|categorie|kategorie|topics?|thema|themen|schlagwort"
        r"|search|suche)[/?=]"
    )
    return re.compile(r'href="([^"]*)"'), re.compile(social), re.compile(index)


_DIGIT = re.compile(r"\d")
_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω]")


class Gathered(NamedTuple):
    """A document's evidence: each fragment's signals (``NAMES``), its words, and its
    words that are not stopwords, for what the place in the document asks."""

    rows: list[Signals]
    words: list[int]
    content: list[set[str]]


# Where in a row the signals go that depend on the other fragments or the language.
_STOPWORDS, _REPEATED, _SHARED, _READER, _WE, _LONGEST = map(
    NAMES.index, ("stopwords", "repeated_here", "shared", "reader", "we", "longest")
)
# A fragment's own part: its words, its distinct words, and its row with the others'
# parts still 0. Cleaning looks at a document again after a drop: what a fragment
# shows of itself is worked out once.
Own = tuple[int, set[str], Signals]


def document_signals(
    texts: Sequence[str],
    links: Sequence[float],
    markups: Sequence[str],
    lang: str | None,
    known: dict[tuple[str, bool], Own] | None = None,
) -> Gathered:
    """Each fragment's signals in the order of ``NAMES``, from the plain texts of a
    document's fragments, their shares in links, their cleaned markup (only what
    cleaning keeps, so cleaning again sees the same), and the document's language.
    ``known`` keeps each fragment's own part (by its markup) for the next look."""
    stop = stopwords(lang)
    reader, we = voices(lang)
    unspaced = lang in ("zh", "ja", "ko", "th")
    known = {} if known is None else known
    owns = []
    for text, share, markup in zip(texts, links, markups, strict=True):
        own = known.get((markup, unspaced))
        if own is None:
            own = known[markup, unspaced] = _own(text, share, markup, unspaced)
        owns.append(own)
    content = [head - stop for _, head, _ in owns]
    common = {w for w, n in Counter(chain.from_iterable(content)).items() if n > 1}
    seen = Counter(texts)
    longest = max(map(len, texts), default=1)
    rows = []
    for text, (_, head, template), mine in zip(texts, owns, content, strict=True):
        row = template.copy()
        row[_STOPWORDS] = len(head & stop) / len(head) if head else 0.0
        row[_REPEATED] = float(seen[text] > 1)
        row[_SHARED] = len(mine & common) / len(mine) if mine else 0.0
        row[_READER] = math.log1p(len(head & reader))
        row[_WE] = math.log1p(len(head & we))
        row[_LONGEST] = len(text) / longest
        rows.append(row)
    return Gathered(rows, [words for words, _, _ in owns], content)


def _own(text: str, share: float, markup: str, unspaced: bool) -> Own:
    """What a fragment shows of itself, whatever the document around it."""
    start = text[:_PREFIX]
    head = words_of(start, unspaced)
    if unspaced:
        letters = spaceless_letters()
        words = len(letters.findall(text)) // 2 + len(letters.sub(" ", text).split())
        stops = text.count("。") + text.count("！") + text.count("？")
    else:
        words = text.count(" ") + 1
        stops = 0
    words = max(1, words)
    short = words <= 3
    ratio = len(_DIGIT.findall(start)) / len(start)
    row = [
        math.log1p(words),
        share,
        0.0,  # stopwords
        float(short),
        float(_ENDS.search(text[-4:]) is not None),
        float(text.endswith(":")),
        math.log1p(text.count(". ") + text.count("? ") + text.count("! ") + stops),
        ratio,
        len(_CAPITAL.findall(start)) / min(words, len(head) or 1),
        float(text.isupper()),
        float(text[:1].islower()),
        math.log1p(sum(map(start.count, _ITEMS))),
        text.count(",") / words,
        0.0,  # repeated_here
        float("@" in text or "http" in text or "www." in text),
        0.0,  # shared
        0.0,  # reader
        0.0,  # we
        float(text.endswith(("…", "..."))),
        ratio if short else 0.0,
        share if words < 15 else 0.0,
        float(any(map(text.__contains__, _QUOTE_MARKS))),
        math.log1p(len(text)),
        0.0,  # longest
        float(text[:1].isdigit()),
        float(text[:1] in _QUOTE_MARKS),
        *(_markup(markup) if "<" in markup else _PLAIN),
    ]
    return words, head, row


_PLAIN = (0.0,) * 9  # the markup signals of a fragment with no tags


def _markup(markup: str) -> list[float]:
    """The signals of a fragment's cleaned markup: its links, and what it is set in."""
    whole = markup.strip()
    links = markup.count("<a ")
    href, social, index = _hrefs()
    hrefs = " ".join(href.findall(markup)).lower() if links else ""
    return [
        math.log1p(links),
        float(whole.startswith(("<b>", "<strong>")) and whole.endswith(("</b>", "</strong>"))),
        float(whole.startswith(("<i>", "<em>")) and whole.endswith(("</i>", "</em>"))),
        math.log1p(markup.count("<br>")),
        float("mailto:" in hrefs),
        float(social.search(hrefs) is not None),
        float(index.search(hrefs) is not None),
        float(hrefs.startswith("#") or " #" in hrefs),
        float(bool(links) and not whole.startswith("<a ") and not whole.endswith("</a>")),
    ]
