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
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from .signals import NAMES, Signals

__all__ = ["CONTEXT", "FAVOURS", "Judged", "Model", "context", "judge", "model"]

# The order of a fragment's context, as model.json names it.
CONTEXT = (
    "score",  # its own score
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
)
FAVOURS = ("precision", "balanced", "recall")
_EDGE = 0.0  # the score beyond either end of the document: no evidence either way
_LEANS = -0.85  # an own score above this (odds 0.3) counts on the article's side of the run


@dataclass(frozen=True, slots=True)
class Layer:
    """A logistic regression over named inputs: ``bias + sum(weight * (x - mean))``."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    weight: tuple[float, ...]
    bias: float

    @property
    def offset(self) -> float:
        """The bias with the means folded in: ``score`` is ``offset + weight · row``."""
        return self.bias - float(sum(map(operator.mul, self.weight, self.mean)))

    def score(self, row: Sequence[float]) -> float:
        return self.bias + sum(
            w * (x - m) for w, x, m in zip(self.weight, row, self.mean, strict=True)
        )

    def against(self, row: Sequence[float]) -> list[tuple[float, str, float]]:
        """Each input's pull on the score, most against the article first."""
        pulls = [
            (w * (x - m), n, x)
            for n, w, x, m in zip(self.names, self.weight, row, self.mean, strict=True)
        ]
        return sorted(pulls)


@dataclass(frozen=True, slots=True)
class Model:
    own: Layer
    placed: Layer
    thresholds: dict[str, float]


@cache
def model() -> Model:
    """The fitted weights shipped beside this module."""
    data = json.loads(files(__package__).joinpath("model.json").read_text(encoding="utf-8"))

    def layer(part: dict[str, list[float] | list[str] | float]) -> Layer:
        names = tuple(str(n) for n in part["names"])  # type: ignore[union-attr]
        mean = tuple(float(m) for m in part["mean"])  # type: ignore[union-attr]
        weight = tuple(float(w) for w in part["weight"])  # type: ignore[union-attr]
        return Layer(names, mean, weight, float(part["bias"]))  # type: ignore[arg-type]

    own, placed = layer(data["own"]), layer(data["placed"])
    if own.names != NAMES or placed.names != NAMES + CONTEXT:
        raise RuntimeError("model.json does not match the signals: refit with bench/fit_clean.py")
    return Model(own, placed, {k: float(v) for k, v in data["thresholds"].items()})


def context(scores: Sequence[float], words: Sequence[float]) -> list[list[float]]:
    """Each fragment's place (``CONTEXT``), from every fragment's own score and words.

    The main run is the stretch of fragments with the most words on the article's side
    (a fragment scored as article adds its words, another takes them away).
    """
    n = len(scores)
    best = total = 0.0
    first = start = 0
    last = -1
    for i, (z, w) in enumerate(zip(scores, words, strict=True)):
        gain = w if z > _LEANS else -w
        if total <= 0:
            total, start = gain, i
        else:
            total += gain
        if total > best:
            best, first, last = total, start, i
    padded = [_EDGE, _EDGE, *scores, _EDGE, _EDGE]
    size = math.log1p(n)
    rows = []
    for i, z in enumerate(scores):
        window = [scores[j] for j in range(max(0, i - 3), min(n, i + 4)) if j != i]
        b1, a1, b2, a2 = padded[i + 1], padded[i + 3], padded[i], padded[i + 4]
        inside = first <= i <= last
        distance = 0 if inside else (first - i if i < first else i - last)
        rows.append(
            [
                z,
                sum(window) / len(window) if window else _EDGE,
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
            ]
        )
    return rows


@dataclass(frozen=True, slots=True)
class Judged:
    """A fragment's probability of being article, and the evidence most against it."""

    article: float
    own: Signals
    placed: list[float]

    def evidence(self) -> str:
        """The two or three pulls that weighed most against the article, in words."""
        m = model()
        said = []
        for pull, name, value in m.placed.against(self.own + self.placed)[:4]:
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


def judge(signals: Sequence[Signals]) -> list[Judged]:
    """Every fragment's probability of being article, from all the fragments' signals."""
    m = model()
    # score() as one dot product each: the same sum, the means folded into the bias.
    own, own_weight = m.own.offset, m.own.weight
    placed, placed_weight = m.placed.offset, m.placed.weight
    scores = [own + sum(map(operator.mul, own_weight, row)) for row in signals]
    words = [math.expm1(row[0]) for row in signals]
    judged = []
    for row, place in zip(signals, context(scores, words), strict=True):
        z = placed + sum(map(operator.mul, placed_weight, row + place))
        article = 1 / (1 + math.exp(-z)) if z > -700 else 0.0
        judged.append(Judged(article, list(row), place))
    return judged


def _say(name: str, value: float) -> str:
    """A signal's value as a reader would say it; "" where it says nothing useful."""
    sayings: dict[str, Callable[[float], str]] = {
        "words": lambda v: f"{round(math.expm1(v))} words",
        "links": lambda v: f"link share {v:.2f}",
        "short_links": lambda v: f"link share {v:.2f}",
        "links_squared": lambda v: f"link share {math.sqrt(v):.2f}",
        "stopwords": lambda v: f"stopwords {v:.2f}",
        "short": lambda v: "short",
        "under_8": lambda v: "short",
        "under_20": lambda v: "under 20 words",
        "under_40": lambda v: "under 40 words",
        "sentence_end": lambda v: "not a sentence" if not v else "",
        "colon_end": lambda v: "ends with a colon" if v else "",
        "sentences": lambda v: "no sentence" if not v else "",
        "digits": lambda v: f"digits {v:.2f}",
        "short_digits": lambda v: "a short run of digits",
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
        "run_distance": lambda v: f"{round(math.expm1(v))} fragments from the article" if v else "",
    }
    say = sayings.get(name)
    return name if say is None else say(value)
