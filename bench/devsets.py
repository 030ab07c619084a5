"""The real development sets of ``shared/real-dev``: where they are, which pages are held
out, and the measures of its two scorers, by group of pages. Shared by ``fit_clean.py``,
which tunes on the other pages, and ``dev_scores.py``, which reports both parts."""

from __future__ import annotations

import os
import re
import zlib
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

DEV = Path(__file__).resolve().parents[2] / "shared" / "real-dev"
GROUPS = ("all", "tuned", "held out")
Outputs = dict[str, list[str]]  # a page's name -> its output paragraphs
TOKEN = re.compile(r"\w+")
SPACE = re.compile(r"\s+")


def held_out(name: str) -> bool:
    """Whether the page named ``name`` (a file stem) is held out from tuning."""
    return zlib.crc32(name.encode()) % 4 == 0


def page_name(source: str) -> str:
    """A page's name from a record's source, as the scorers take it."""
    return os.path.basename(source).removesuffix(".txt")


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The 4-word shingles of ``text``, as news/score.py counts them."""
    t = TOKEN.findall(text)
    return Counter(tuple(t[i : i + 4]) for i in range(max(1, len(t) - 3)) if t[i : i + 4])


def norm(s: str) -> str:
    """Whitespace squeezed and stripped, as score.py compares text."""
    return SPACE.sub(" ", s).strip()


def share(part: int, whole: int) -> str:
    """``part/whole`` to three places, with the counts."""
    return f"{part / whole:.3f} ({part}/{whole})" if whole else f"- (0/{whole})"


def page_scores(true: str, pred: str) -> tuple[float | None, float | None]:
    """One page's shingle precision and recall (None where undefined), as news/score.py."""
    a, b = shingles(true), shingles(pred)
    tp = sum((a & b).values())
    fp = sum((b - a).values())
    fn = sum((a - b).values())
    if fp == fn == 0:
        return 1.0, 1.0
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    return p, r


class Page(NamedTuple):
    """One page of snippets.jsonl: its name and the pieces to keep and to drop."""

    name: str
    keep: list[str]
    drop: list[str]


def in_group(name: str, group: str) -> bool:
    """Whether the page named ``name`` belongs to ``group``, one of GROUPS."""
    return group == "all" or held_out(name) == (group == "held out")


def snippet_cells(pages: list[Page], got: Outputs) -> list[str]:
    """For each group: the share of article pieces kept and of boilerplate dropped."""
    text = {name: norm(" ".join(paragraphs)) for name, paragraphs in got.items()}
    cells = []
    for group in GROUPS:
        chosen = [p for p in pages if in_group(p.name, group)]
        kept = sum(s in text.get(p.name, "") for p in chosen for s in p.keep)
        dropped = sum(s not in text.get(p.name, "") for p in chosen for s in p.drop)
        nkeep, ndrop = sum(len(p.keep) for p in chosen), sum(len(p.drop) for p in chosen)
        cells += [share(kept, nkeep), share(dropped, ndrop)]
    return cells


def news_cells(truth: dict[str, Any], got: Outputs) -> list[str]:
    """For each group: F1 of the mean precision and mean recall, and the two means."""
    scores = {
        name: page_scores(rec["articleBody"], "\n".join(got.get(name, [])))
        for name, rec in sorted(truth.items())
    }
    cells = []
    for group in GROUPS:
        ps = [p for name, (p, _) in scores.items() if in_group(name, group) and p is not None]
        rs = [r for name, (_, r) in scores.items() if in_group(name, group) and r is not None]
        if not ps or not rs:
            cells += ["-", "-", "-"]
            continue
        p, r = sum(ps) / len(ps), sum(rs) / len(rs)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        cells += [f"{f1:.3f}", f"{p:.3f}", f"{r:.3f}"]
    return cells
