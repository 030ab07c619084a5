"""The fitted weights of ``newsfrag clean``'s classifier, and how a fragment is scored.

Two layers of an additive logistic model, fitted by ``bench/fit_clean.py`` and shipped
in ``model.json``: the first over a fragment's own signals (``signals.NAMES``), the
second over its signals and its place (``place.CONTEXT``), which reads the first's
scores. ``thresholds`` holds the probability each ``--favour`` drops under.
"""

from __future__ import annotations

import json
import os
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import cache
from operator import itemgetter, mul
from typing import NamedTuple

from .place import CONTEXT
from .signals import BINARY, NAMES

__all__ = ["FAVOURS", "Layer", "Model", "model", "scorers"]

# The trade-offs ``clean --favour`` offers; model.json holds a threshold for each.
FAVOURS = ("precision", "balanced", "recall")


class Layer(NamedTuple):
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


class Model(NamedTuple):
    """Two layers: the first reads a fragment's own signals (``NAMES``), the second its
    signals and its place (``NAMES + CONTEXT``) from the first's scores."""

    own: Layer
    placed: Layer
    thresholds: dict[str, float]


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
def scorers() -> tuple[Scorer, Callable[[Sequence[float]], float]]:
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
