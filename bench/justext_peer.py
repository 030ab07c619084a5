"""jusText, the peer ``dev_scores.py`` sets beside ``newsfrag clean``, on the same fragments.

Each page's fragments, each wrapped in a ``<p>`` of one HTML page; its stoplist, the
language being unknown, the one of jusText's own with the most hits among the page's
lower-cased words. A bench-only tool (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import html
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping

from devsets import Outputs, page_name

TAG = re.compile(r"<[^>]*>")


def load_stoplists() -> dict[str, frozenset[str]]:
    """Every stoplist jusText ships, by language, its words lower-cased as jusText uses them."""
    import justext

    return {
        lang: frozenset(w.lower() for w in justext.get_stoplist(lang))
        for lang in sorted(justext.get_stoplists())
    }


def stoplist_index(stoplists: Mapping[str, frozenset[str]]) -> dict[str, list[str]]:
    """For each stop word, the languages whose stoplist holds it."""
    index: dict[str, list[str]] = {}
    for lang, words in stoplists.items():
        for word in words:
            index.setdefault(word, []).append(lang)
    return index


def pick_stoplist(fragments: Iterable[str], langs: list[str], index: dict[str, list[str]]) -> str:
    """The language whose stoplist holds most of the page's lower-cased words (counted as
    jusText counts them: split on whitespace); ties go to the first in name order."""
    text = html.unescape(TAG.sub(" ", " ".join(fragments)))
    hits = dict.fromkeys(langs, 0)
    for word, count in Counter(text.lower().split()).items():
        for lang in index.get(word, ()):
            hits[lang] += count
    return max(langs, key=hits.__getitem__)


def justext_outputs(
    files: list[str], stoplists: Mapping[str, frozenset[str]], repeat: int = 3
) -> tuple[Outputs, float, Counter[str]]:
    """jusText's paragraphs that are not boilerplate for each page of ``files``, the best of
    ``repeat`` wall times of parsing and classifying them all, and the stoplists picked."""
    import justext

    from newsfrag.errors import InputError
    from newsfrag.read.sources import read_sources

    langs, index = list(stoplists), stoplist_index(stoplists)
    pages: list[tuple[str, str, frozenset[str]]] = []
    picked: Counter[str] = Counter()
    for doc in read_sources(files):
        if isinstance(doc, InputError):
            print(f"jusText: {doc}", file=sys.stderr)
            continue
        lang = pick_stoplist(doc.fragments, langs, index)
        picked[lang] += 1
        body = "".join(f"<p>{fragment}</p>" for fragment in doc.fragments)
        pages.append((page_name(doc.source), f"<html><body>{body}</body></html>", stoplists[lang]))
    got: Outputs = {}
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        got = {
            name: [p.text for p in justext.justext(page, stoplist) if not p.is_boilerplate]
            for name, page, stoplist in pages
        }
        best = min(best, time.perf_counter() - start)
    return got, best, picked
