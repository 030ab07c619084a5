"""Logistic regression over binned inputs, the model ``newsfrag clean`` ships: each input's
range is cut into bins, each bin has a weight, and neighbouring bins are held alike.
``fit_clean.py`` fits its layers with it (numpy: a bench-only tool)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float64]
BINS = 10  # an input's range is cut at up to BINS - 1 quantiles of the fitting data
SMOOTH = 10.0  # the penalty on the steps between an input's neighbouring bins
RIDGE = 1.0  # and on the weights themselves


@dataclass
class Fitted:
    """One layer: each input's bin edges and weights (centred), and the bias."""

    edges: list[list[float]]
    weights: list[list[float]]
    bias: float

    def scores(self, x: Matrix) -> Matrix:
        z = np.full(len(x), self.bias)
        for j, (e, w) in enumerate(zip(self.edges, self.weights, strict=True)):
            z += np.asarray(w)[np.searchsorted(e, x[:, j], side="right")]
        return z


def _edges(column: Matrix) -> list[float]:
    """Where an input's bins part: between its values when it has few, else at its
    quantiles; a value most fragments share (a link share of 0) gets a bin of its own,
    and the quantiles are of the other values."""
    values, counts = np.unique(column, return_counts=True)
    if len(values) <= BINS:
        return [float(v) for v in (values[:-1] + values[1:]) / 2]
    at = int(counts.argmax())
    cuts = set()
    if counts[at] * BINS > len(column):
        if at + 1 < len(values):
            cuts.add(float((values[at] + values[at + 1]) / 2))
        if at > 0:
            cuts.add(float((values[at - 1] + values[at]) / 2))
        column = column[column != values[at]]
    inner = np.quantile(column, np.linspace(0, 1, BINS + 1)[1:-1])
    cuts.update(float(c) for c in inner if values[0] < c < values[-1])
    return sorted(cuts)


def fit(x: Matrix, y: Matrix, weight: Matrix) -> Fitted:
    """Logistic regression over one-hot bins of each input (Newton's method, a ridge),
    each fragment weighing ``weight``."""
    edges = [_edges(x[:, j]) for j in range(x.shape[1])]
    blocks = []
    for j, e in enumerate(edges):
        index = np.searchsorted(e, x[:, j], side="right")
        block = np.zeros((len(x), len(e) + 1))
        block[np.arange(len(x)), index] = 1.0
        blocks.append(block)
    a = np.hstack([*blocks, np.ones((len(x), 1))])
    w = np.zeros(a.shape[1])
    # Neighbouring bins of an input should weigh alike: the penalty is on the steps
    # between them (a smooth curve of each input), with a little ridge besides.
    ridge = np.eye(a.shape[1]) * RIDGE
    at = 0
    for block in blocks:
        n = block.shape[1]
        steps = np.diff(np.eye(n), axis=0)
        ridge[at : at + n, at : at + n] += SMOOTH * steps.T @ steps
        at += n
    ridge[-1, -1] = 0.0
    for _ in range(100):
        p = 1 / (1 + np.exp(-(a @ w)))
        hessian = a.T @ (a * (weight * p * (1 - p))[:, None]) + ridge
        step = np.linalg.solve(hessian, a.T @ (weight * (p - y)) + ridge @ w)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    weights, bias, at = [], float(w[-1]), 0
    for j, block in enumerate(blocks):
        part = w[at : at + block.shape[1]]
        at += block.shape[1]
        mean = float(block.mean(axis=0) @ part)  # centred: a weight is a pull
        weights.append([float(v) - mean for v in part])
        bias += mean
        del j
    return Fitted(edges, weights, bias)
