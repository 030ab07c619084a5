"""Fit the weights of ``newsfrag clean``'s classifier, reproducibly, and say how they do.

    python bench/fit_clean.py [--dev ../shared/real-dev] [--write]

Data: the real scrapes of ``shared/real-dev`` (read its README): 935 pages whose pieces
of article and of boilerplate are known, and 90 news pages with their whole true
article. A fragment is labelled article when it holds a known article piece (or,
on the news pages, when half its 4-word shingles are in the true article), boilerplate
when it holds a known boilerplate piece; the others are unlabelled but still give
their neighbours context. Fragments are seen as the classifier sees them: cleaned, after
the named rules and the duplicate check (``newsfrag.clean.fragments.screened``).

Pages are split by name: a page is held out when crc32(name) % 4 == 0, never fitted
on nor used to choose a threshold; the figures of both parts are printed. Two logistic
regressions (numpy, Newton's method, L2 1.0 on standardised inputs): the fragment's own
signals, then its signals and its place. Each ``--favour`` threshold is the highest
that keeps a set share of the tuned part's article fragments. ``--write`` writes
``newsfrag/clean/model.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import zlib
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from newsfrag.clean.classify import CONTEXT, context
from newsfrag.clean.fragments import markup_cleaned, screened
from newsfrag.clean.signals import NAMES, document_signals, language
from newsfrag.reading import read_sources

HERE = Path(__file__).resolve().parent
MODEL = HERE.parent / "newsfrag" / "clean" / "model.json"
DEV = HERE.parent.parent / "shared" / "real-dev"
SPACE = re.compile(r"\s+")
TOKEN = re.compile(r"\w+")
# The share of the tuned part's article fragments each favour keeps.
KEEPS = {"precision": 0.95, "balanced": 0.975, "recall": 0.99}


def held_out(name: str) -> bool:
    """The pages never fitted on: a quarter, by a hash of the name."""
    return zlib.crc32(name.encode()) % 4 == 0


def _pages(folder: Path) -> list[tuple[str, list[str], list[float]]]:
    out = []
    paths = sorted(str(p) for p in folder.glob("*.txt"))
    for doc in read_sources(paths):
        if isinstance(doc, Exception):
            sys.exit(f"fit_clean.py: {doc}")
        cleaned = markup_cleaned(doc.fragments)
        alive = screened(cleaned)
        name = Path(doc.source).stem
        out.append((name, [cleaned[i][1] for i in alive], [cleaned[i][2] for i in alive]))
    return out


def _shingles(text: str) -> list[tuple[str, ...]]:
    t = TOKEN.findall(text)
    return [tuple(t[i : i + 4]) for i in range(max(1, len(t) - 3)) if t[i : i + 4]]


def load(dev: Path) -> list[dict[str, object]]:
    """Every page: its name, texts, links, labels (1, 0 or None) and part."""
    pages: list[dict[str, object]] = []
    lines = (dev / "snippets.jsonl").read_text(encoding="utf-8").splitlines()
    snippets = {s["name"]: s for s in map(json.loads, lines)}
    for name, texts, links in _pages(dev):
        known = snippets[name]
        labels: list[int | None] = []
        for text in texts:
            flat = SPACE.sub(" ", text).strip()
            art = any(p in flat for p in known["with"])
            boiler = any(p in flat for p in known["without"])
            labels.append(1 if art and not boiler else 0 if boiler and not art else None)
        pages.append({"name": name, "texts": texts, "links": links, "labels": labels})
    truth = json.loads((dev / "news" / "truth.json").read_text(encoding="utf-8"))
    for name, texts, links in _pages(dev / "news"):
        body = truth[name]["articleBody"]
        real, tokens = set(_shingles(body)), " ".join(TOKEN.findall(body))
        labels = []
        for text in texts:
            words = TOKEN.findall(text)
            if len(words) >= 4:
                parts = _shingles(text)
                labels.append(int(sum(s in real for s in parts) * 2 >= len(parts)))
            else:
                labels.append(int(" ".join(words) in tokens) if words else None)
        pages.append({"name": "news/" + name, "texts": texts, "links": links, "labels": labels})
    for page in pages:
        page["held"] = held_out(str(page["name"]).removeprefix("news/"))
    return pages


Matrix = NDArray[np.float64]


def fit(x: Matrix, y: Matrix, l2: float = 1.0) -> tuple[Matrix, Matrix, float]:
    """Logistic regression: the means, the weights on raw inputs, and the bias."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    a = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(a.shape[1])
    ridge = np.eye(a.shape[1]) * l2
    ridge[-1, -1] = 0.0
    for _ in range(100):
        p = 1 / (1 + np.exp(-(a @ w)))
        hessian = a.T @ (a * (p * (1 - p))[:, None]) + ridge
        step = np.linalg.solve(hessian, a.T @ (p - y) + ridge @ w)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return mean, w[:-1] / scale, float(w[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", type=Path, default=DEV, help="the real-dev folder")
    ap.add_argument("--write", action="store_true", help="write newsfrag/clean/model.json")
    a = ap.parse_args()
    if not (a.dev / "snippets.jsonl").is_file():
        sys.exit(f"fit_clean.py: {a.dev}: no snippets.jsonl: give --dev")
    pages = load(a.dev)
    for page in pages:
        texts = page["texts"]
        page["own"] = document_signals(
            texts,  # type: ignore[arg-type]
            page["links"],  # type: ignore[arg-type]
            language(texts),  # type: ignore[arg-type]
        )

    def rows(key: str, part: bool | None) -> tuple[Matrix, Matrix]:
        xs, ys = [], []
        for page in pages:
            if part is None or page["held"] == part:
                for x, label in zip(page[key], page["labels"], strict=True):  # type: ignore[call-overload]
                    if label is not None:
                        xs.append(x)
                        ys.append(label)
        return np.array(xs, dtype=float), np.array(ys, dtype=float)

    own = fit(*rows("own", False))
    for page in pages:
        x = np.array(page["own"], dtype=float).reshape(-1, len(NAMES))
        scores = list(own[2] + (x - own[0]) @ own[1])
        words = [math.expm1(r[0]) for r in page["own"]]  # type: ignore[attr-defined]
        own_rows: list[list[float]] = page["own"]  # type: ignore[assignment]
        page["placed"] = [r + c for r, c in zip(own_rows, context(scores, words), strict=True)]
    placed = fit(*rows("placed", False))

    def probabilities(part: bool) -> tuple[Matrix, Matrix]:
        x, y = rows("placed", part)
        return 1 / (1 + np.exp(-(placed[2] + (x - placed[0]) @ placed[1]))), y

    p, y = probabilities(False)
    article = np.sort(p[y == 1])
    thresholds = {f: float(article[int(len(article) * (1 - k))]) for f, k in KEEPS.items()}
    for part, name in ((False, "tuned"), (True, "held out")):
        p, y = probabilities(part)
        counts = f"{int((y == 1).sum())} article and {int((y == 0).sum())} boilerplate fragments"
        print(f"{name}: {counts}")
        for favour, t in thresholds.items():
            kept = (p[y == 1] >= t).mean()
            dropped = (p[y == 0] < t).mean()
            print(f"  {favour:<10} threshold {t:.3f}  kept {kept:.3f}  dropped {dropped:.3f}")
    if a.write:
        layers = {}
        for key, names, (mean, weight, bias) in (
            ("own", NAMES, own),
            ("placed", NAMES + CONTEXT, placed),
        ):
            layers[key] = {
                "names": list(names),
                "mean": [round(float(m), 6) for m in mean],
                "weight": [round(float(w), 6) for w in weight],
                "bias": round(bias, 6),
            }
        data = {
            "fitted_by": "bench/fit_clean.py on shared/real-dev, pages with crc32(name) % 4 != 0",
            **layers,
            "thresholds": {f: round(t, 4) for f, t in thresholds.items()},
        }
        MODEL.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL}")


if __name__ == "__main__":
    main()
