"""What a fragment shows of itself: the evidence the keep/drop decision weighs.

Nearly all of it is blind to language: length, links, punctuation, digits, capitals, and
whether the fragment's words recur elsewhere in the document (an article keeps to its
subject; a promo, a bio or a teaser of another article does not). Where language counts,
in the share of stopwords, the document's language is told from its own words: the
stopwordsiso list (58 languages) that they hit most.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain

__all__ = ["BINARY", "NAMES", "Gathered", "Signals", "document_signals", "language", "stopwords"]

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
_HREF = re.compile(r'href="([^"]*)"')
# Where a link to a social network, or to an index of a site's pages, goes.
_SOCIAL = re.compile(
    r"facebook\.com|twitter\.com|//x\.com|instagram\.com|linkedin\.com|youtube\.com"
    r"|t\.me/|wa\.me/|whatsapp|pinterest\.|tiktok\.com|xing\.com|reddit\.com"
)
_INDEX = re.compile(
    r"/(?:tags?|author|autor|category|categorie|kategorie|topics?|thema|themen|schlagwort"
    r"|search|suche)[/?=]"
)
_DIGIT = re.compile(r"\d")
_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω]")
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_STRIP = "".join(chr(c) for c in range(33, 128) if not chr(c).isalnum()) + "„“”«»‹›…–—’‘¡¿"
# Words that speak to the reader, and of a first person plural: a promo's voice, by
# language (a word of one language is often another's article: Portuguese "os").
# A language not here shows neither.
_VOICES = {
    "en": ("you your yours yourself yourselves", "we our ours us"),
    "de": (
        "sie ihr ihre ihren ihrem ihrer ihnen du dich dir dein deine deinen deinem euch euer",
        "wir unser unsere unseren unserem unserer uns",
    ),
    "fr": ("vous votre vos tu toi ton ta tes", "nous notre nos"),
    "es": (
        "usted ustedes tú te tu tus vosotros os vuestro vuestra",
        "nosotros nosotras nuestro nuestra nuestros nuestras",
    ),
    "pt": ("você vocês teu tua teus tuas", "nós nosso nossa nossos nossas"),
    "it": ("tu ti tuo tua tuoi voi vostro vostra", "noi nostro nostra nostri nostre"),
    "nl": ("jij je jou jouw u uw jullie", "wij we ons onze"),
    "pl": ("ty cię ciebie twój twoja twoje wy was wasz wasza", "my nas nasz nasza nasze"),
    "fi": ("sinä sinun sinulle te teidän teille", "me meidän meille"),
    "sv": ("du dig din ditt dina ni er ert era", "vi vår vårt våra oss"),
    "da": ("du dig din dit dine i jer jeres", "vi vores os"),
    "no": ("du deg din ditt dine dere deres", "vi vår vårt våre oss"),
    "cs": ("ty tebe tvůj vy vás váš", "my nás náš naše"),
}


@cache
def _index() -> dict[str, tuple[str, ...]]:
    """For each stopword of any language, the languages that have it."""
    index: dict[str, tuple[str, ...]] = {}
    get = index.get
    for lang, words in _data().items():
        one = (lang,)
        for word in words:
            index[word] = get(word, ()) + one
    return index


@cache
def _data() -> dict[str, list[str]]:
    return stopword_lists()


def stopword_lists() -> dict[str, list[str]]:
    """stopwordsiso's lists, read from its data file: importing the package would also
    import importlib.metadata (for its version), which costs more than all of clean's
    start-up. Where the file is not found, the package's own functions (a test holds
    the two equal)."""
    spec = importlib.util.find_spec("stopwordsiso")  # finds it without running it
    for folder in (spec and spec.submodule_search_locations) or ():
        path = os.path.join(folder, "stopwords-iso.json")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                data: dict[str, list[str]] = json.load(f)
            return data
    return _imported_lists()


def _imported_lists() -> dict[str, list[str]]:
    import stopwordsiso

    return {lang: sorted(stopwordsiso.stopwords(lang)) for lang in stopwordsiso.langs()}


@cache
def stopwords(lang: str | None) -> frozenset[str]:
    """The stopwords of ``lang`` (an ISO 639-1 code); none for a language with no list."""
    return frozenset(_data().get(lang, ())) if lang else frozenset()


def language(texts: Sequence[str]) -> str | None:
    """The document's language, told from its first 2,000 characters; None when no
    list fits.

    Scripts written without spaces are told by their letters; the others by the
    stopword list their words hit most, each word counted once.
    """
    taken, size = [], 0
    for text in texts:  # the first 2,000 characters or so
        taken.append(text)
        size += len(text)
        if size >= 2000:
            break
    sample = " ".join(taken)[:2000]
    unspaced = _UNSPACED.findall(sample)
    words = {w.strip(_STRIP) for w in sample.lower().split()}
    if len(unspaced) > len(words):
        letters = "".join(unspaced)
        if re.search(r"[\u3040-\u30ff]", letters):
            return "ja"
        if re.search(r"[\uac00-\ud7af]", letters):
            return "ko"
        return "th" if re.search(r"[\u0e00-\u0e7f]", letters) else "zh"
    hits = _hits(words)
    # The most hits, at least two; of equal ones, the first language by its code.
    best = min(hits.items(), key=lambda kv: (-kv[1], kv[0]), default=("", 0))
    return best[0] if best[1] >= 2 else None


_ALONE = 8  # documents whose language is told list by list, before the index is built
_told = 0  # documents told so far in this process


def _hits(words: set[str]) -> dict[str, int]:
    """How many of ``words`` each language's list has (languages with none left out).

    Through a word index once it pays: building it costs as much as a few documents
    told list by list (``_hits_by_list``, its plain twin; a test holds them equal), so
    a run over one file does without it.
    """
    global _told
    _told += 1
    if _told <= _ALONE:
        return _hits_by_list(words)
    index = _index()
    return dict(Counter(chain.from_iterable(filter(None, map(index.get, words)))))


def _hits_by_list(words: set[str]) -> dict[str, int]:
    counts = {lang: len(words.intersection(listed)) for lang, listed in _data().items()}
    return {lang: n for lang, n in counts.items() if n}


@dataclass(frozen=True, slots=True)
class Gathered:
    """A document's evidence: each fragment's signals (``NAMES``), its words, and its
    words that are not stopwords, for what the place in the document asks."""

    rows: list[Signals]
    words: list[int]
    content: list[set[str]]


def document_signals(
    texts: Sequence[str], links: Sequence[float], markups: Sequence[str], lang: str | None
) -> Gathered:
    """Each fragment's signals in the order of ``NAMES``, from the plain texts of a
    document's fragments, their shares in links, their cleaned markup (only what
    cleaning keeps, so cleaning again sees the same), and the document's language."""
    stop = stopwords(lang)
    reader, we = _voices(lang)
    unspaced = lang in ("zh", "ja", "ko", "th")
    cjk = _cjk_stops if unspaced else _none
    heads = [_words(t, unspaced) for t in texts]
    content = [h - stop for h in heads]
    spread = Counter(chain.from_iterable(content))
    common = {w for w, n in spread.items() if n > 1}
    seen = Counter(texts)
    longest = max(map(len, texts), default=1)
    rows = []
    counts = []
    for text, share, markup, head, own in zip(texts, links, markups, heads, content, strict=True):
        if unspaced:
            words = len(_UNSPACED.findall(text)) // 2 + len(_UNSPACED.sub(" ", text).split())
        else:
            words = text.count(" ") + 1
        words = max(1, words)
        counts.append(words)
        start = text[:_PREFIX]
        short = words <= 3
        ratio = len(_DIGIT.findall(start)) / len(start)
        rows.append(
            [
                math.log1p(words),
                share,
                len(head & stop) / len(head) if head else 0.0,
                float(short),
                float(_ENDS.search(text[-4:]) is not None),
                float(text.endswith(":")),
                math.log1p(text.count(". ") + text.count("? ") + text.count("! ") + cjk(text)),
                ratio,
                len(_CAPITAL.findall(start)) / min(words, len(head) or 1),
                float(text.isupper()),
                float(text[:1].islower()),
                math.log1p(sum(map(start.count, _ITEMS))),
                text.count(",") / words,
                float(seen[text] > 1),
                float("@" in text or "http" in text or "www." in text),
                len(own & common) / len(own) if own else 0.0,
                math.log1p(len(head & reader)),
                math.log1p(len(head & we)),
                float(text.endswith(("…", "..."))),
                ratio if short else 0.0,
                share if words < 15 else 0.0,
                float(any(map(text.__contains__, _QUOTE_MARKS))),
                math.log1p(len(text)),
                len(text) / longest,
                float(text[:1].isdigit()),
                float(text[:1] in _QUOTE_MARKS),
                *(_markup(markup) if "<" in markup else _PLAIN),
            ]
        )
    return Gathered(rows, counts, content)


def _cjk_stops(text: str) -> int:
    return text.count("。") + text.count("！") + text.count("？")


def _none(text: str) -> int:
    return 0


@cache
def _voices(lang: str | None) -> tuple[frozenset[str], frozenset[str]]:
    reader, we = _VOICES.get(lang or "", ("", ""))
    return frozenset(reader.split()), frozenset(we.split())


_PLAIN = (0.0,) * 9  # the markup signals of a fragment with no tags


def _markup(markup: str) -> list[float]:
    """The signals of a fragment's cleaned markup: its links, and what it is set in."""
    whole = markup.strip()
    links = markup.count("<a ")
    hrefs = " ".join(_HREF.findall(markup)).lower() if links else ""
    return [
        math.log1p(links),
        float(whole.startswith(("<b>", "<strong>")) and whole.endswith(("</b>", "</strong>"))),
        float(whole.startswith(("<i>", "<em>")) and whole.endswith(("</i>", "</em>"))),
        math.log1p(markup.count("<br>")),
        float("mailto:" in hrefs),
        float(_SOCIAL.search(hrefs) is not None),
        float(_INDEX.search(hrefs) is not None),
        float(hrefs.startswith("#") or " #" in hrefs),
        float(bool(links) and not whole.startswith("<a ") and not whole.endswith("</a>")),
    ]


def _words(text: str, unspaced: bool) -> set[str]:
    """The distinct words of a fragment's first characters, in lower case, without the
    punctuation around them."""
    head = text[:_PREFIX].lower()
    if unspaced:
        spaced = _UNSPACED.sub(" ", head).split()
        return {*_UNSPACED.findall(head), *(w.strip(_STRIP) for w in spaced)}
    return {w.strip(_STRIP) for w in head.split()}
