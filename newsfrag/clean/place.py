"""Where a fragment sits in its document: the evidence of its place.

The main run is the stretch of fragments with the most words on the article's side; a
fragment is inside it, before it or after it, between neighbours that look like
article or like boilerplate, and shares words with the article or not. A short line
between two article paragraphs is article; the same line among navigation is not.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .signals import Gathered

__all__ = ["CONTEXT", "LEANS", "context"]

# The order of a fragment's context, as model.json names it.
CONTEXT = (
    "score",  # its own score (the first layer's)
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
LEANS = -0.85  # a first-layer score above this (a probability of 0.3) counts on the article's side
_EDGE = 0.0  # the score beyond either end of the document: no evidence either way


def context(scores: Sequence[float], gathered: Gathered) -> list[list[float]]:
    """Each fragment's place (``CONTEXT``), from every fragment's score and signals.

    The main run is the stretch of fragments with the most words on the article's side
    (a fragment scored above ``LEANS`` adds its words, another takes them away).
    """
    n = len(scores)
    words = gathered.words
    side = [z > LEANS for z in scores]
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
    links = [row[1] for row in gathered.rows]
    logs = [row[0] for row in gathered.rows]
    shorts = [w < 8 for w in words]
    size = math.log1p(n)
    before = 0.0
    rows = []
    for i, z in enumerate(scores):
        # The means over a window leave the fragment out; summed, not from running sums,
        # so that a 0 stays 0 whatever lies outside the window.
        lo, hi = max(0, i - 3), min(n, i + 4)
        window = hi - lo - 1
        around = (sum(scores[lo:i]) + sum(scores[i + 1 : hi])) / window if window else _EDGE
        lo, hi = max(0, i - 2), min(n, i + 3)
        near = hi - lo - 1 or 1  # no neighbour: every mean below is 0
        b1, a1, b2, a2 = padded[i + 1], padded[i + 3], padded[i], padded[i + 4]
        inside = first <= i <= last
        distance = 0 if inside else (first - i if i < first else i - last)
        content = gathered.content[i]
        known = len(content & (twice if side[i] else once))
        rows.append(
            [
                z,
                around,
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
                (sum(links[lo:i]) + sum(links[i + 1 : hi])) / near,
                (sum(logs[lo:i]) + sum(logs[i + 1 : hi])) / near,
                (sum(shorts[lo:i]) + sum(shorts[i + 1 : hi])) / near,
                words[i] / median,
                known / len(content) if content else 0.0,
                float(i == 0),
                float(i == n - 1),
            ]
        )
        before += mass[i]
    return rows
