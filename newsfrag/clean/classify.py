"""Is a fragment article? Weighed from general evidence, in the document's context.

Read top to bottom, a fragment goes through two steps:

1. Its own signals (``signals.py``: length, links, stopwords, punctuation, digits,
   capitals, whether its words recur in the document ...) give it a score: a weighted
   sum, the weights fitted by logistic regression (``bench/fit_clean.py``, on real pages
   of many sites and languages, shipped in ``model.json``).
2. Its place: where the document's main run of prose is (the run of fragments whose
   words weigh most on the article's side), whether the fragment is inside it, before
   it or after it, and its neighbours' scores. Its own signals and these give the
   probability that it is article: a short line between two article paragraphs is
   article, the same line among navigation is not.

A fragment whose probability is below the threshold of the chosen ``favour`` goes, and
``explain`` names the evidence that weighed most against it. The named rules
(``rules.py``) drop what they name before any of this.
"""

from __future__ import annotations

import json
import math
import os
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from operator import itemgetter, mul

from .signals import BINARY, NAMES, Gathered

__all__ = ["CONTEXT", "FAVOURS", "Judged", "Layer", "Model", "context", "judge", "model"]

# The order of a fragment's context, as model.json names it.
CONTEXT = (
    "score",  # its score at the step before
    "around",  # mean score of up to three fragments either side
    "fragments",  # log(1 + fragments in the document)
    "before_1",  # the score of the fragment before it (0, no evidence, at the start)
    "after_1",
    "before_2",
    "after_2",
    "best_neighbour",
    "worst_neighbour",
    "inside",  # inside the main run
    "before_run",  # two or more fragments before the main run
    "after_run",  # two or more fragments after it
    "run_distance",  # log(1 + fragments between it and the main run)
    "article_before",  # share of the article side's words before it
    "article_after",  # share after it
    "neighbour_links",  # mean share in links of up to two fragments either side
    "neighbour_words",  # their mean log(1 + words)
    "neighbour_short",  # the share of them under 8 words
    "median_length",  # its words against the document's median fragment
    "run_words",  # share of its content words found in the article side's other fragments
    "first",  # the document's first fragment
    "last",  # its last
)
FAVOURS = ("precision", "balanced", "recall")
_EDGE = 0.0  # the score beyond either end of the document: no evidence either way
_LEANS = -0.85  # a score above this (odds 0.3) counts on the article's side


@dataclass(frozen=True, slots=True)
class Layer:
    """An additive logistic model over named inputs: each input's range is cut into
    bins, each bin has a weight, and the score is ``bias`` plus the weight of the bin
    each input falls in. The weights of an input average 0 over the fitting data, so a
    weight is the input's pull for or against the article."""

    names: tuple[str, ...]
    edges: tuple[tuple[float, ...], ...]
    weights: tuple[tuple[float, ...], ...]
    bias: float

    def score(self, row: Sequence[float]) -> float:
        return self.bias + sum(
            w[bisect_right(e, x)] for w, e, x in zip(self.weights, self.edges, row, strict=True)
        )

    def against(self, row: Sequence[float]) -> list[tuple[float, str, float]]:
        """Each input's pull on the score, most against the article first."""
        pulls = [
            (w[bisect_right(e, x)], n, x)
            for n, e, w, x in zip(self.names, self.edges, self.weights, row, strict=True)
        ]
        return sorted(pulls)


@dataclass(frozen=True, slots=True)
class Model:
    """Two layers: the first reads a fragment's own signals (``NAMES``), the second its
    signals and its place (``NAMES + CONTEXT``) from the first's scores."""

    own: Layer
    placed: Layer
    thresholds: dict[str, float]

    @property
    def layers(self) -> tuple[Layer, Layer]:
        return self.own, self.placed


@cache
def model() -> Model:
    """The fitted weights shipped beside this module."""
    # Beside this file (not importlib.resources: its import costs more than the read).
    with open(os.path.join(os.path.dirname(__file__), "model.json"), encoding="utf-8") as f:
        data = json.load(f)
    own, placed = (
        Layer(
            tuple(part["names"]),
            tuple(tuple(map(float, e)) for e in part["edges"]),
            tuple(tuple(map(float, w)) for w in part["weights"]),
            float(part["bias"]),
        )
        for part in data["layers"]
    )
    if own.names != NAMES or placed.names != NAMES + CONTEXT:
        raise RuntimeError("model.json does not match the signals: refit with bench/fit_clean.py")
    if placed.edges[: len(NAMES)] != own.edges:
        raise RuntimeError("model.json: the layers cut the signals apart: refit")
    return Model(own, placed, {k: float(v) for k, v in data["thresholds"].items()})


Scorer = Callable[[Sequence[float]], tuple[float, float]]


@cache
def _scorers() -> tuple[Scorer, Callable[[Sequence[float]], float]]:
    """``Layer.score`` of both layers, as the run needs them, with fewer steps: the own
    signals read once for both layers (their bins are the same), and each input that
    is 0 or 1 weighed as a step in one dot product rather than looked up.

    ``own(row)`` is the first layer's score of a fragment and the second's sum over
    its own signals; ``place(context)`` the second's sum over the rest, bias included:
    ``placed.score(row + context) == own(row)[1] + place(context)`` (a test holds it).
    """
    m = model()
    size = len(NAMES)
    first, second = m.own.weights, m.placed.weights[:size]
    flags = [j for j, n in enumerate(NAMES) if n in BINARY and m.own.edges[j] == (0.5,)]
    rest = [
        (j, e, w1, w2)
        for j, (e, w1, w2) in enumerate(zip(m.own.edges, first, second, strict=True))
        if j not in flags
    ]
    base1 = m.own.bias + sum(first[j][0] for j in flags)
    base2 = sum(second[j][0] for j in flags)
    step1 = [first[j][1] - first[j][0] for j in flags]
    step2 = [second[j][1] - second[j][0] for j in flags]
    pick = itemgetter(*flags) if len(flags) > 1 else lambda row: [row[j] for j in flags]

    def own(row: Sequence[float]) -> tuple[float, float]:
        picked = pick(row)
        z1 = base1 + sum(map(mul, step1, picked))
        z2 = base2 + sum(map(mul, step2, picked))
        for j, edges, w1, w2 in rest:
            k = bisect_right(edges, row[j])
            z1 += w1[k]
            z2 += w2[k]
        return z1, z2

    tail = list(zip(m.placed.edges[size:], m.placed.weights[size:], strict=True))
    bias = m.placed.bias

    def place(row: Sequence[float]) -> float:
        z = bias
        for (edges, weights), x in zip(tail, row, strict=True):
            z += weights[bisect_right(edges, x)]
        return z

    return own, place


def context(scores: Sequence[float], gathered: Gathered) -> list[list[float]]:
    """Each fragment's place (``CONTEXT``), from every fragment's score and signals.

    The main run is the stretch of fragments with the most words on the article's side
    (a fragment scored above ``_LEANS`` adds its words, another takes them away).
    """
    n = len(scores)
    words = gathered.words
    side = [z > _LEANS for z in scores]
    best = total = 0.0
    first = start = 0
    last = -1
    for i, (on, w) in enumerate(zip(side, words, strict=True)):
        gain = w if on else -w
        if total <= 0:
            total, start = gain, i
        else:
            total += gain
        if total > best:
            best, first, last = total, start, i
    mass = [w if s else 0.0 for w, s in zip(words, side, strict=True)]
    whole = sum(mass)
    share = 1 / whole if whole else 0.0
    # Words of the article side: in one of its fragments, and in two or more.
    once: set[str] = set()
    twice: set[str] = set()
    for content, s in zip(gathered.content, side, strict=True):
        if s:
            twice |= once & content
            once |= content
    median = max(1.0, sorted(words)[n // 2]) if n else 1.0
    padded = [_EDGE, _EDGE, *scores, _EDGE, _EDGE]
    # Running sums, for the means over a window: scores, links, log words, short ones.
    sums = list(accumulate(scores, initial=0.0))
    links = list(accumulate((row[1] for row in gathered.rows), initial=0.0))
    logs = list(accumulate((row[0] for row in gathered.rows), initial=0.0))
    shorts = list(accumulate((w < 8 for w in words), initial=0))
    size = math.log1p(n)
    before = 0.0
    rows = []
    for i, z in enumerate(scores):
        lo, hi = max(0, i - 3), min(n, i + 4)
        window = hi - lo - 1
        lo, hi = max(0, i - 2), min(n, i + 3)
        near = hi - lo - 1
        b1, a1, b2, a2 = padded[i + 1], padded[i + 3], padded[i], padded[i + 4]
        inside = first <= i <= last
        distance = 0 if inside else (first - i if i < first else i - last)
        content = gathered.content[i]
        known = len(content & (twice if side[i] else once))
        rows.append(
            [
                z,
                (sums[min(n, i + 4)] - sums[max(0, i - 3)] - z) / window if window else _EDGE,
                size,
                b1,
                a1,
                b2,
                a2,
                max(b1, a1),
                min(b1, a1),
                float(inside),
                float(i < first - 1),
                float(i > last + 1 >= 1),
                math.log1p(distance if last >= 0 else n),
                before * share,
                (whole - before - mass[i]) * share,
                (links[hi] - links[lo] - gathered.rows[i][1]) / near if near else 0.0,
                (logs[hi] - logs[lo] - gathered.rows[i][0]) / near if near else 0.0,
                (shorts[hi] - shorts[lo] - (words[i] < 8)) / near if near else 0.0,
                words[i] / median,
                known / len(content) if content else 0.0,
                float(i == 0),
                float(i == n - 1),
            ]
        )
        before += mass[i]
    return rows


@dataclass(frozen=True, slots=True)
class Judged:
    """A fragment's probability of being article, and the inputs of the last layer."""

    article: float
    inputs: list[float]

    def evidence(self) -> str:
        """The two or three pulls that weighed most against the article, in words."""
        m = model()
        said = []
        for pull, name, value in m.placed.against(self.inputs)[:4]:
            if pull >= 0:
                break
            if name == "score":  # its own signals: say which
                own = self.inputs[: len(NAMES)]
                said += [_say(n, v) for p, n, v in m.own.against(own)[:2] if p < 0]
            else:
                said.append(_say(name, value))
        if "before the article" in said or "after the article" in said:
            said = [s for s in said if s != "outside the article"]
        said = [s for s in dict.fromkeys(said) if s][:3]
        return f"article {self.article:.2f}" + (": " + ", ".join(said) if said else "")


def judge(gathered: Gathered) -> list[Judged]:
    """Every fragment's probability of being article, from a document's evidence."""
    own, place = _scorers()
    rows = gathered.rows
    pairs = [own(row) for row in rows]
    places = context([z for z, _ in pairs], gathered)
    judged = []
    for row, (_, z), where in zip(rows, pairs, places, strict=True):
        z += place(where)
        judged.append(Judged(1 / (1 + math.exp(-z)) if z > -700 else 0.0, row + where))
    return judged


def _say(name: str, value: float) -> str:
    """A signal's value as a reader would say it; "" where it says nothing useful."""
    sayings: dict[str, Callable[[float], str]] = {
        "words": lambda v: f"{round(math.expm1(v))} words",
        "links": lambda v: f"link share {v:.2f}",
        "short_links": lambda v: f"link share {v:.2f}",
        "stopwords": lambda v: f"stopwords {v:.2f}",
        "short": lambda v: "short",
        "sentence_end": lambda v: "not a sentence" if not v else "",
        "colon_end": lambda v: "ends with a colon" if v else "",
        "sentences": lambda v: "no sentence" if not v else "",
        "digits": lambda v: f"digits {v:.2f}",
        "short_digits": lambda v: "a short run of digits" if v else "",
        "capitals": lambda v: f"capitals {v:.2f} a word",
        "all_caps": lambda v: "all capitals" if v else "",
        "separators": lambda v: "separators between items" if v else "",
        "repeated_here": lambda v: "repeated in the document" if v else "",
        "address": lambda v: "holds an address" if v else "",
        "shared": lambda v: f"{v:.0%} of its words elsewhere in the document",
        "reader": lambda v: "speaks to the reader" if v else "",
        "we": lambda v: "speaks for the site (we)" if v else "",
        "ellipsis_end": lambda v: "cut short (…)" if v else "",
        "score": lambda v: "its own signals",
        "around": lambda v: "among boilerplate",
        "before_1": lambda v: "after boilerplate" if v < 0 else "",
        "after_1": lambda v: "before boilerplate" if v < 0 else "",
        "best_neighbour": lambda v: "between boilerplate" if v < 0 else "",
        "worst_neighbour": lambda v: "beside boilerplate" if v < 0 else "",
        "inside": lambda v: "outside the article" if not v else "",
        "before_run": lambda v: "before the article" if v else "",
        "after_run": lambda v: "after the article" if v else "",
        "before_2": lambda v: "",
        "after_2": lambda v: "",
        "quotes": lambda v: "quotes no one" if not v else "",
        "characters": lambda v: "",
        "longest": lambda v: f"{v:.0%} of the longest fragment's length",
        "digit_start": lambda v: "starts with a digit" if v else "",
        "quote_start": lambda v: "",
        "article_before": lambda v: f"{v:.0%} of the article before it",
        "article_after": lambda v: f"{v:.0%} of the article after it",
        "neighbour_links": lambda v: f"neighbours' link share {v:.2f}",
        "neighbour_words": lambda v: f"neighbours of {round(math.expm1(v))} words",
        "neighbour_short": lambda v: f"{v:.0%} of its neighbours short",
        "median_length": lambda v: f"{v:.1f} times the median length",
        "run_words": lambda v: f"{v:.0%} of its words in the article",
        "fragments": lambda v: "",
        "run_distance": lambda v: f"{round(math.expm1(v))} fragments from the article" if v else "",
    }
    say = sayings.get(name)
    return name if say is None else say(value)
