"""Fit the weights of ``newsfrag clean``'s classifier, reproducibly, and say how they do.

    python bench/fit_clean.py [--dev ../shared/real-dev] [--write]

Data: the real scrapes of ``shared/real-dev`` (read its README): 935 pages whose pieces
of article and of boilerplate are known, and 90 news pages with their whole true
article. A fragment is labelled article when it holds a known article piece (or,
on the news pages, when half its 4-word shingles are in the true article), boilerplate
when it holds a known boilerplate piece; the others are unlabelled but still give
their neighbours context. Fragments are seen as the classifier sees them: cleaned, after
the named rules and the duplicate check (``newsfrag.clean.decide.screened``).

Pages are split by name: a page is held out when crc32(name) % 4 == 0, never fitted
on nor used to choose a threshold; the figures of both parts are printed. Two layers
of logistic regression over binned inputs (``binned.py``: numpy, Newton's method,
neighbouring bins held alike): the fragment's own signals, then its signals and its
place, read from the first layer's scores. Each page weighs alike, whatever the number
of its labelled fragments (1/sqrt of it); the layers are fitted on the pages as
scraped and again as a first fit cleans them. Each ``--favour`` threshold keeps a set
share of the tuned pages' article fragments, by out-of-fold probabilities (five folds).
``--write`` writes ``newsfrag/clean/model.json``; the same data gives the same file.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np
from binned import Fitted, Matrix, fit
from devsets import DEV, held_out, shingles

from newsfrag.clean.decide import screened
from newsfrag.clean.fragments import markup_cleaned
from newsfrag.clean.language import language
from newsfrag.clean.place import CONTEXT, context
from newsfrag.clean.signals import NAMES, document_signals
from newsfrag.read.sources import read_sources

HERE = Path(__file__).resolve().parent
MODEL = HERE.parent / "newsfrag" / "clean" / "model.json"
SPACE = re.compile(r"\s+")
TOKEN = re.compile(r"\w+")
# The share of the tuned part's article fragments each favour keeps.
KEEPS = {"precision": 0.9, "balanced": 0.95, "recall": 0.98}


def _pages(folder: Path) -> list[tuple[str, list[str], list[float], list[str]]]:
    out = []
    paths = sorted(str(p) for p in folder.glob("*.txt"))
    for doc in read_sources(paths):
        if isinstance(doc, Exception):
            sys.exit(f"fit_clean.py: {doc}")
        cleaned = markup_cleaned(doc.fragments)
        alive = screened(cleaned)
        name = Path(doc.source).stem
        texts, links = [cleaned[i][1] for i in alive], [cleaned[i][2] for i in alive]
        out.append((name, texts, links, [cleaned[i][0] for i in alive]))
    return out


def load(dev: Path) -> list[dict[str, Any]]:
    """Every page: its name, texts, links, labels (1, 0 or None) and part."""
    pages: list[dict[str, Any]] = []
    lines = (dev / "snippets.jsonl").read_text(encoding="utf-8").splitlines()
    snippets = {s["name"]: s for s in map(json.loads, lines)}
    for name, texts, links, markups in _pages(dev):
        known = snippets[name]
        labels: list[int | None] = []
        for text in texts:
            flat = SPACE.sub(" ", text).strip()
            art = any(p in flat for p in known["with"])
            boiler = any(p in flat for p in known["without"])
            labels.append(1 if art and not boiler else 0 if boiler and not art else None)
        pages.append(
            {"name": name, "texts": texts, "links": links, "markups": markups, "labels": labels}
        )
    truth = json.loads((dev / "news" / "truth.json").read_text(encoding="utf-8"))
    for name, texts, links, markups in _pages(dev / "news"):
        body = truth[name]["articleBody"]
        real = set(shingles(body))
        whole_lines = {" ".join(TOKEN.findall(line)) for line in body.split("\n")}
        tokens = " ".join(TOKEN.findall(body))
        labels = []
        for text in texts:
            words = TOKEN.findall(text)
            if len(words) >= 4:
                parts = shingles(text)
                labels.append(int(sum(s in real for s in parts) * 2 >= len(parts)))
            else:
                # A line of a few words is article when the article has it as a line
                # ("Comments (3)" inside a paragraph of the truth tells nothing).
                flat = " ".join(words)
                labels.append(1 if flat in whole_lines else None if flat in tokens else 0)
        page = {"texts": texts, "links": links, "markups": markups, "labels": labels}
        pages.append({"name": "news/" + name, **page})
    for page in pages:
        page["held"] = held_out(str(page["name"]).removeprefix("news/"))
    return pages


PAGE_WEIGHT = 0.5  # a page's fragments weigh 1 / count ** PAGE_WEIGHT
VIEW = 0.3  # the probability under which the first fit drops a fragment, for the cleaned view
LAYERS = 2  # the own signals, then the signals and the place
FOLDS = 5  # the thresholds come from out-of-fold probabilities of the tuned pages


def _inputs(page: dict[str, Any], scores: Matrix | None) -> list[list[float]]:
    rows: list[list[float]] = page["gathered"].rows
    if scores is None:
        return rows
    return [r + c for r, c in zip(rows, context(list(scores), page["gathered"]), strict=True)]


def fit_layers(pages: list[dict[str, Any]]) -> list[Fitted]:
    """The layers, each fitted on the labelled fragments of ``pages``."""
    layers: list[Fitted] = []
    for _ in range(LAYERS):
        xs, ys, ws = [], [], []
        for page in pages:
            # A page with hundreds of labelled fragments (one site's comments, say)
            # should not outweigh a hundred pages: each weighs 1 / sqrt(its count).
            share = max(1, sum(label is not None for label in page["labels"])) ** -PAGE_WEIGHT
            for x, label in zip(run(layers, page)[1], page["labels"], strict=True):
                if label is not None:
                    xs.append(x)
                    ys.append(label)
                    ws.append(share)
        w = np.array(ws)
        w *= len(w) / w.sum()
        layers.append(fit(np.array(xs, dtype=float), np.array(ys, dtype=float), w))
    return layers


def run(layers: list[Fitted], page: dict[str, Any]) -> tuple[Matrix, list[list[float]]]:
    """The last of ``layers``' scores of a page's fragments, and the inputs it read
    (the inputs the next layer would read when ``layers`` is not yet complete)."""
    scores: Matrix | None = None
    inputs = _inputs(page, None)
    for layer in layers:
        x = np.array(inputs, dtype=float).reshape(len(inputs), -1)
        scores = layer.scores(x) if len(inputs) else np.zeros(0)
        inputs = _inputs(page, scores)
    return (np.zeros(0) if scores is None else scores), inputs


def cleaned_view(layers: list[Fitted], page: dict[str, Any]) -> dict[str, Any] | None:
    """The page as cleaning leaves it, by ``layers`` at a probability of ``VIEW``: None when that
    drops nothing or everything."""
    scores = run(layers, page)[0]
    kept = [i for i, z in enumerate(scores) if z >= math.log(VIEW / (1 - VIEW))]
    if not kept or len(kept) == len(scores):
        return None
    view = {k: [page[k][i] for i in kept] for k in ("texts", "links", "markups", "labels")}
    texts = view["texts"]
    gathered = document_signals(texts, view["links"], view["markups"], language(texts))
    return {**view, "name": page["name"] + " (cleaned)", "held": page["held"], "gathered": gathered}


def fit_model(pages: list[dict[str, Any]]) -> list[Fitted]:
    """The layers, fitted on ``pages`` as scraped and as a first fit cleans them.

    Cleaning looks again at what it kept until nothing more goes, so the model meets
    documents whose boilerplate is gone: there the last paragraph of the article is
    the last of the document. Fitted on scraped pages alone, it would take the end of
    a document for the start of its footer, and eat articles from the end.
    """
    first = fit_layers(pages)
    views = [v for v in (cleaned_view(first, p) for p in pages) if v is not None]
    return fit_layers(pages + views)


def probabilities(layers: list[Fitted], pages: list[dict[str, Any]]) -> tuple[Matrix, Matrix]:
    """The probability of every labelled fragment of ``pages``, and its label."""
    ps, ys = [], []
    for page in pages:
        scores = run(layers, page)[0]
        for z, label in zip(scores, page["labels"], strict=True):
            if label is not None:
                ps.append(1 / (1 + math.exp(-z)))
                ys.append(label)
    return np.array(ps), np.array(ys, dtype=float)


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
        page["gathered"] = document_signals(texts, page["links"], page["markups"], language(texts))
    tuned = [p for p in pages if not p["held"]]
    # Out-of-fold probabilities of the tuned pages: what the thresholds are set on.
    fold_p, fold_y = [], []
    for k in range(FOLDS):
        inside = [p for i, p in enumerate(tuned) if i % FOLDS != k]
        p, y = probabilities(fit_model(inside), [q for i, q in enumerate(tuned) if i % FOLDS == k])
        fold_p.append(p)
        fold_y.append(y)
    p, y = np.concatenate(fold_p), np.concatenate(fold_y)
    article = np.sort(p[y == 1])
    thresholds = {f: float(article[int(len(article) * (1 - k))]) for f, k in KEEPS.items()}
    layers = fit_model(tuned)
    held = probabilities(layers, [q for q in pages if q["held"]])
    parts = (("tuned, out of fold", p, y), ("held out", *held))
    for name, p, y in parts:
        counts = f"{int((y == 1).sum())} article and {int((y == 0).sum())} boilerplate fragments"
        print(f"{name}: {counts}")
        for favour, t in thresholds.items():
            kept = (p[y == 1] >= t).mean()
            dropped = (p[y == 0] < t).mean()
            print(f"  {favour:<10} threshold {t:.3f}  kept {kept:.3f}  dropped {dropped:.3f}")
    if a.write:
        names = [list(NAMES)] + [list(NAMES + CONTEXT)] * (LAYERS - 1)
        data = {
            "fitted_by": "bench/fit_clean.py on shared/real-dev, pages with crc32(name) % 4 != 0",
            "layers": [
                {
                    "names": n,
                    "edges": [[round(v, 6) for v in e] for e in layer.edges],
                    "weights": [[round(v, 5) for v in w] for w in layer.weights],
                    "bias": round(layer.bias, 6),
                }
                for n, layer in zip(names, layers, strict=True)
            ],
            "thresholds": {f: round(t, 4) for f, t in thresholds.items()},
        }
        MODEL.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {MODEL}")


if __name__ == "__main__":
    main()
