"""The language of a document, told from its own words, and the words that count in it.

Stopwords come from stopwordsiso (the stopwords-iso lists of 58 languages); a document's
language is the list its words hit most, or, for scripts written without spaces, the
one its letters tell. The words that speak to the reader (a promo's voice) are kept
here by language, for the languages most news is written in.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from itertools import chain

__all__ = ["language", "spaceless_letters", "stopword_lists", "stopwords", "voices", "words_of"]


@cache
def spaceless_letters() -> re.Pattern[str]:
    """A letter of a script written without spaces (Thai, Japanese kana, CJK, Hangul);
    compiled when a document first has a letter past U+0E00 (the pattern is costly)."""
    return re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


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


def words_of(head: str, spaceless: bool) -> set[str]:
    """The distinct words of a stretch of text, in lower case, without the punctuation
    around them (punctuation alone is no word); in a script written without spaces,
    each of its letters too."""
    head = head.lower()
    if spaceless:
        letters = spaceless_letters()
        spaced = letters.sub(" ", head).split()
        words = {*letters.findall(head), *(w.strip(_STRIP) for w in spaced)}
    else:
        words = {w.strip(_STRIP) for w in head.split()}
    words.discard("")  # what was punctuation alone ("|", "–")
    return words


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
    found = spaceless_letters().findall(sample) if sample and max(sample) >= "\u0e00" else []
    words = words_of(sample, spaceless=False)
    if len(found) > len(words):
        letters = "".join(found)
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


@cache
def voices(lang: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """The words that speak to the reader, and of a first person plural, in ``lang``."""
    reader, we = _VOICES.get(lang or "", ("", ""))
    return frozenset(reader.split()), frozenset(we.split())
