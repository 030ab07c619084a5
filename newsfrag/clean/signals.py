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
from functools import cache

__all__ = ["NAMES", "Signals", "document_signals", "language", "stopwords"]

# The order of a fragment's signals, as the fitted weights (model.json) name them.
NAMES = (
    "words",  # log(1 + words)
    "links",  # share of the text inside links
    "stopwords",  # share of its distinct words that are the language's stopwords
    "short",  # at most 3 words
    "sentence_end",  # ends as a sentence does (. ! ? …, a closing quote after)
    "colon_end",  # ends with a colon: a label, or what introduces a list
    "sentences",  # log(1 + sentence ends)
    "digits",  # share of digits in its characters
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
    "short_digits",  # short and mostly digits: a date, a time, a count
    "short_links",  # share in links when under 15 words
    "under_8",  # fewer than 8 words
    "under_20",  # 8 to 19 words
    "under_40",  # 20 to 39 words
    "links_squared",
)

Signals = list[float]

_PREFIX = 240  # the words of a fragment are read from its first characters: enough to tell
_SENTENCE = re.compile(r"[.!?。！？…][\"'”’»)\]]*(?:\s|\Z)")
_ENDS = re.compile(r"[.!?。！？…][\"'”’»)\]]*\s*\Z")
_SEPARATORS = re.compile(r"[|•·»›«‹/]| - ")
_DIGIT = re.compile(r"\d")
_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω]")
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_STRIP = "".join(chr(c) for c in range(33, 128) if not chr(c).isalnum()) + "„“”«»‹›…–—’‘¡¿"
# Words that speak to the reader, and a first person plural: a promo's voice, in the
# languages most news is written in. A language not here simply shows none.
_READER = frozenset(
    "you your yours yourself sie ihr ihre ihren ihrem ihnen du dich dir dein deine deinen euch"
    " euer vous votre vos tu te ton ta tes toi usted ustedes tú tus os ty cię ci twój twoja"
    " wasz voi vostro vostra você vocês teu tua u uw jij jou jouw jullie sinä sinun teidän dig"
    " din ni ert".split()
)
_WE = frozenset(
    "we our ours us wir unser unsere unseren unserem unserer uns nous notre nos nosotros"
    " nuestro nuestra nuestros nuestras my nasz nasza nasze nas noi nostro nostra nós nosso"
    " nossa wij ons onze me meidän meille vi vår våre oss".split()
)


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


def document_signals(
    texts: Sequence[str], links: Sequence[float], lang: str | None
) -> list[Signals]:
    """Each fragment's signals in the order of ``NAMES``, from the plain texts of a
    document's fragments, their shares in links, and the document's language."""
    stop = stopwords(lang)
    unspaced = lang in ("zh", "ja", "ko", "th")
    seen = Counter(texts)
    heads = [_words(t, unspaced) for t in texts]
    content = [{w for w in h if len(w) > 2 and not w.isdigit()} - stop for h in heads]
    spread: Counter[str] = Counter()
    for words in content:
        spread.update(words)
    rows = []
    for text, share, head, own in zip(texts, links, heads, content, strict=True):
        rows.append(_signals(text, share, seen[text] > 1, head, own, spread, stop, unspaced))
    return rows


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
        math.log1p(len(head & _READER)),
        math.log1p(len(head & _WE)),
        float(tail.endswith(("…", "..."))),
        float(short) * ratio,
        share if words < 15 else 0.0,
        float(words < 8),
        float(8 <= words < 20),
        float(20 <= words < 40),
        share * share,
    ]
