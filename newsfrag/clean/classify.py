"""Is a fragment article? Weighed from general evidence, in the document's context.

Read top to bottom, a fragment goes through two steps:

1. Its own signals (``signals.py``: length, links, stopwords of the document's
   language, punctuation, digits, capitals, whether its words recur in the document,
   whether it speaks to the reader, its links) give it a first score.
2. Its place (``place.py``): where the document's main run of prose is, whether the
   fragment is inside it or after it, how much of the article lies before and after
   it, its neighbours' first scores and links, whether its words are the article's.
   Its signals and its place give the probability that it is article.

Each score is a sum of weights, one for the bin each input falls in, fitted by
``bench/fit_clean.py`` on real pages of many sites and languages (``model.py``). A
fragment whose probability is below the threshold of the chosen ``favour`` goes, and
``evidence`` names what weighed most against it. The named rules drop what they name
before any of this (``decide.py``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

from .model import model, scorers
from .place import context
from .signals import Gathered

__all__ = ["Judged", "judge"]


class Judged(NamedTuple):
    """A fragment's probability of being article, its own signals and its place: what
    the last layer read, joined only when the evidence is asked for."""

    article: float
    own: list[float]
    place: list[float]

    @property
    def inputs(self) -> list[float]:
        """The inputs of the last layer: the signals (``NAMES``), then the place."""
        return self.own + self.place

    def evidence(self) -> str:
        """The two or three pulls that weighed most against the article, in words."""
        m = model()
        said = []
        for pull, name, value in m.placed.against(self.inputs)[:4]:
            if pull >= 0:
                break
            if name == "score":  # its own signals: say which
                said += [_say(n, v) for p, n, v in m.own.against(self.own)[:2] if p < 0]
            else:
                said.append(_say(name, value))
        if "before the article" in said or "after the article" in said:
            said = [s for s in said if s != "outside the article"]
        said = [s for s in dict.fromkeys(said) if s][:3]
        return f"article {self.article:.2f}" + (": " + ", ".join(said) if said else "")


def judge(gathered: Gathered) -> list[Judged]:
    """Every fragment's probability of being article, from a document's evidence."""
    own, place = scorers()
    rows = gathered.rows
    pairs = [own(row) for row in rows]
    places = context([z for z, _ in pairs], gathered)
    judged = []
    for row, (_, z), where in zip(rows, pairs, places, strict=True):
        z += place(where)
        judged.append(Judged(1 / (1 + math.exp(-z)) if z > -700 else 0.0, row, where))
    return judged


def _say(name: str, value: float) -> str:
    """A signal's value as a reader would say it; "" where it says nothing useful."""
    say = _SAYINGS.get(name)
    return name if say is None else say(value)


_SAYINGS: dict[str, Callable[[float], str]] = {
    "words": lambda v: _count(round(math.expm1(v)), "word"),
    "links": lambda v: f"link share {v:.2f}",
    "short_links": lambda v: f"link share {v:.2f}",
    "stopwords": lambda v: f"stopwords {v:.2f}",
    "short": lambda v: "short" if v else "",
    "sentence_end": lambda v: "not a sentence" if not v else "",
    "colon_end": lambda v: "ends with a colon" if v else "",
    "sentences": lambda v: "no sentence" if not v else "",
    "digits": lambda v: f"digits {v:.2f}",
    "short_digits": lambda v: "a short run of digits" if v else "",
    "capitals": lambda v: f"capitals {v:.2f} a word",
    "all_caps": lambda v: "all capitals" if v else "",
    "lower_start": lambda v: "",
    "separators": lambda v: "separators between items" if v else "",
    "commas": lambda v: "",
    "repeated_here": lambda v: "repeated in the document" if v else "",
    "address": lambda v: "holds an address" if v else "",
    "shared": lambda v: f"{v:.0%} of its words elsewhere in the document",
    "reader": lambda v: "speaks to the reader" if v else "",
    "we": lambda v: "speaks for the site (we)" if v else "",
    "ellipsis_end": lambda v: "cut short (…)" if v else "",
    "quotes": lambda v: "",
    "characters": lambda v: "",
    "longest": lambda v: "",  # the words say it better
    "digit_start": lambda v: "starts with a digit" if v else "",
    "quote_start": lambda v: "",
    "link_count": lambda v: _count(round(math.expm1(v)), "link"),
    "bold": lambda v: "bold" if v else "",
    "italic": lambda v: "italic" if v else "",
    "breaks": lambda v: "line breaks" if v else "",
    "mail_link": lambda v: "a mail link" if v else "",
    "social_link": lambda v: "a link to a social network" if v else "",
    "index_link": lambda v: "a link to a tag or author page" if v else "",
    "anchor_link": lambda v: "a link within the page" if v else "",
    "embedded_link": lambda v: "",
    "around": lambda v: "among fragments that look like boilerplate" if v < 0 else "",
    "fragments": lambda v: "",
    "before_1": lambda v: "after a fragment that looks like boilerplate" if v < 0 else "",
    "after_1": lambda v: "before a fragment that looks like boilerplate" if v < 0 else "",
    "before_2": lambda v: "",
    "after_2": lambda v: "",
    "best_neighbour": lambda v: "between fragments that look like boilerplate" if v < 0 else "",
    "worst_neighbour": lambda v: "beside a fragment that looks like boilerplate" if v < 0 else "",
    "inside": lambda v: "outside the article" if not v else "",
    "before_run": lambda v: "before the article" if v else "",
    "after_run": lambda v: "after the article" if v else "",
    "run_distance": lambda v: _away(round(math.expm1(v))),
    "article_before": lambda v: f"{v:.0%} of the article before it",
    "article_after": lambda v: f"{v:.0%} of the article after it",
    "neighbour_links": lambda v: f"neighbours' link share {v:.2f}",
    "neighbour_words": lambda v: f"neighbours of {_count(round(math.expm1(v)), 'word')}",
    "neighbour_short": lambda v: f"{v:.0%} of its neighbours short",
    "median_length": lambda v: f"{v:.1f} times the median length",
    "run_words": lambda v: f"{v:.0%} of its words in the article",
    "first": lambda v: "",
    "last": lambda v: "last in the document" if v else "",
}


def _away(fragments: int) -> str:
    return _count(fragments, "fragment") + " from the article" if fragments else ""


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}{'s' * (n != 1)}"
