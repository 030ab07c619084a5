"""What a fragment shows of itself: the evidence the keep/drop decision weighs.

Nearly all of it is blind to language: length, links, punctuation, digits, capitals, and
whether the fragment's words recur elsewhere in the document (an article keeps to its
subject; a promo, a bio or a teaser of another article does not). Where language counts,
in the share of stopwords, the document's language is told from its own words: the
stopwordsiso list (58 languages) that they hit most.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

__all__ = ["NAMES", "Gathered", "Signals", "document_signals", "language", "stopwords"]

# The order of a fragment's signals, as the fitted weights (model.json) name them.
NAMES = (
    "words",  # log(1 + words)
    "links",  # share of the text inside links
    "stopwords",  # share of its distinct words that are the language's stopwords
    "short",  # at most 3 words
    "sentence_end",  # ends as a sentence does (. ! ? …, a closing quote after)
    "colon_end",  # ends with a colon: a label, or what introduces a list
    "sentences",  # log(1 + sentence ends)
    "digits",  # share of digits in its first characters
    "capitals",  # capitals a word, in its first characters
    "all_caps",
    "lower_start",  # starts with a small letter: a continued sentence
    "separators",  # log(1 + | • · » › / between items)
    "commas",  # commas a word
    "repeated_here",  # the same text comes again in the document
    "address",  # an e-mail address or a web address
    "shared",  # share of its content words found in other fragments of the document
    "reader",  # log(1 + words that speak to the reader: you, Sie, vous ...)
    "we",  # log(1 + words of a first person plural: we, wir, nous ...)
    "ellipsis_end",  # ends with … : a teaser cut short
    "short_digits",  # short, times its share of digits: a date, a time, a count
    "short_links",  # share in links when under 15 words
    "quotes",  # holds a quotation mark: reporting quotes people
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
    "time",  # holds a time of day (14:30, 9.15, 20h00)
    "date",  # holds a date in digits (17.07.2011, 2011-07-17, 7/17/11)
    "year",  # holds a year (1900-2099)
)

Signals = list[float]

_PREFIX = 240  # the words of a fragment are read from its first characters: enough to tell
_SENTENCE = re.compile(r"[.!?。！？…][\"'”’»)\]]*(?:\s|\Z)")
_ENDS = re.compile(r"[.!?。！？…][\"'”’»)\]]*\s*\Z")
_SEPARATORS = re.compile(r"[|•·»›«‹/]| - ")
_QUOTES = re.compile(r"[\"„“”«»‚‘’]")
_SOCIAL = re.compile(
    r'href="[^"]*(?:facebook\.com|twitter\.com|//x\.com|instagram\.com|linkedin\.com'
    r"|youtube\.com|t\.me/|wa\.me|whatsapp|pinterest\.|tiktok\.com|xing\.com|reddit\.com)",
    re.IGNORECASE,
)
_INDEX = re.compile(
    r'href="[^"]*/(?:tags?|author|autor|category|categorie|kategorie|topics?|thema|themen'
    r"|schlagwort|search|suche)[/?=]",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}\b")
_DATE = re.compile(r"\b\d{1,2}[./-]\s?\d{1,2}[./-]\s?(?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
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
def _lists() -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]]]:
    """Every language's stopwords, and for each stopword the languages that have it."""
    import stopwordsiso

    lists = {lang: frozenset(stopwordsiso.stopwords(lang)) for lang in sorted(stopwordsiso.langs())}
    index: dict[str, list[str]] = {}
    for lang, words in lists.items():
        for word in words:
            index.setdefault(word, []).append(lang)
    return lists, {word: tuple(langs) for word, langs in index.items()}


def stopwords(lang: str | None) -> frozenset[str]:
    """The stopwords of ``lang`` (an ISO 639-1 code); none for a language with no list."""
    return _lists()[0].get(lang, frozenset()) if lang else frozenset()


def language(texts: Sequence[str]) -> str | None:
    """The document's language, told from up to 400 of its words; None when no list fits.

    Scripts written without spaces are told by their letters; the others by the
    stopword list their words hit most, each word counted once.
    """
    sample = " ".join(texts)[:4000]
    unspaced = _UNSPACED.findall(sample)
    words = {w.strip(_STRIP) for w in sample.lower().split()[:400]}
    if len(unspaced) > len(words):
        letters = "".join(unspaced)
        if re.search(r"[\u3040-\u30ff]", letters):
            return "ja"
        if re.search(r"[\uac00-\ud7af]", letters):
            return "ko"
        return "th" if re.search(r"[\u0e00-\u0e7f]", letters) else "zh"
    index = _lists()[1]
    hits: Counter[str] = Counter()
    for word in words:
        hits.update(index.get(word, ()))
    best = hits.most_common(1)
    return best[0][0] if best and best[0][1] >= 2 else None


@dataclass(frozen=True, slots=True)
class Gathered:
    """A document's evidence: each fragment's signals (``NAMES``), and its content words
    (not stopwords, three letters or more) for what the place in the document asks."""

    rows: list[Signals]
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
    seen = Counter(texts)
    heads = [_words(t, unspaced) for t in texts]
    content = [{w for w in h if len(w) > 2 and not w.isdigit()} - stop for h in heads]
    spread: Counter[str] = Counter()
    for words in content:
        spread.update(words)
    longest = max(map(len, texts), default=1)
    rows = []
    for text, share, markup, head, own in zip(texts, links, markups, heads, content, strict=True):
        row = _signals(text, share, seen[text] > 1, head, own, spread, stop, unspaced, reader, we)
        row.append(len(text) / longest)
        row.append(float(text[:1].isdigit()))
        row.append(float(_QUOTES.match(text) is not None))
        row.extend(_markup(markup))
        row.append(float(_TIME.search(text) is not None))
        row.append(float(_DATE.search(text) is not None))
        row.append(float(_YEAR.search(text) is not None))
        rows.append(row)
    return Gathered(rows, content)


@cache
def _voices(lang: str | None) -> tuple[frozenset[str], frozenset[str]]:
    reader, we = _VOICES.get(lang or "", ("", ""))
    return frozenset(reader.split()), frozenset(we.split())


def _markup(markup: str) -> list[float]:
    """The signals of a fragment's cleaned markup: its links, and what it is set in."""
    if "<" not in markup:
        return [0.0] * 8
    whole = markup.strip()
    links = markup.count("<a ")
    return [
        math.log1p(links),
        float(whole.startswith(("<b>", "<strong>")) and whole.endswith(("</b>", "</strong>"))),
        float(whole.startswith(("<i>", "<em>")) and whole.endswith(("</i>", "</em>"))),
        math.log1p(markup.count("<br>")),
        float('href="mailto:' in markup),
        float(bool(links) and _SOCIAL.search(markup) is not None),
        float(bool(links) and _INDEX.search(markup) is not None),
        float('href="#' in markup),
    ]


def _words(text: str, unspaced: bool) -> set[str]:
    head = text[:_PREFIX].lower()
    if unspaced:
        spaced = _UNSPACED.sub(" ", head).split()
        return {*_UNSPACED.findall(head), *(w.strip(_STRIP) for w in spaced)}
    return {w.strip(_STRIP) for w in head.split()}


def _signals(
    text: str,
    share: float,
    repeated: bool,
    head: set[str],
    own: set[str],
    spread: Counter[str],
    stop: frozenset[str],
    unspaced: bool,
    reader: frozenset[str],
    we: frozenset[str],
) -> Signals:
    if unspaced:
        words = len(_UNSPACED.findall(text)) // 2 + len(_UNSPACED.sub(" ", text).split())
    else:
        words = text.count(" ") + 1
    words = max(1, words)
    start = text[:_PREFIX]
    tail = text.rstrip()
    short = words <= 3
    ratio = len(_DIGIT.findall(start)) / len(start)
    return [
        math.log1p(words),
        share,
        len(head & stop) / len(head) if head else 0.0,
        float(short),
        float(_ENDS.search(tail) is not None),
        float(tail.endswith(":")),
        math.log1p(len(_SENTENCE.findall(text))),
        ratio,
        len(_CAPITAL.findall(start)) / min(words, len(head) or 1),
        float(text.isupper()),
        float(text[:1].islower()),
        math.log1p(len(_SEPARATORS.findall(text))),
        text.count(",") / max(1, words),
        float(repeated),
        float("@" in text or "http" in text or "www." in text),
        sum(1 for w in own if spread[w] > 1) / len(own) if own else 0.0,
        math.log1p(len(head & reader)),
        math.log1p(len(head & we)),
        float(tail.endswith(("…", "..."))),
        float(short) * ratio,
        share if words < 15 else 0.0,
        float(_QUOTES.search(text) is not None),
        math.log1p(len(text)),
    ]
