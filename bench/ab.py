#!/usr/bin/env python3
"""Compare the core of newsfrag at a git revision with the working tree, in one process.

    python bench/ab.py REV [--corpus DIR | --files 3000 --seed 7] [--commands text,clean]

On a shared machine, runs of the same code minutes apart differ by up to 20%, more
than most changes are worth. Here both versions work in the same process on the
same documents, taking turns document by document (which goes first alternates),
so a slow spell falls on both alike: two copies of the same code come out within
1% of each other. It times the per-document core of each command (reading and
writing are left out), prints each version's seconds and the ratio, and checks
that both give the same results. It never fails on a figure.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import io
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_MAKER = REPO / "bench" / "make_corpus.py"
COMMANDS = ("text", "clean", "links", "stats")


def extract(rev: str, into: Path) -> None:
    """The ``newsfrag`` package at ``rev``, unpacked as the package ``nfbase``: its
    imports are relative, so it runs under another name beside the working tree's."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", rev, "newsfrag"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    (into / "newsfrag").rename(into / "nfbase")


def cores(package: str) -> dict[str, Callable[[Any], object]]:
    """What each command does with one document, in ``package``."""
    text = importlib.import_module(f"{package}.text")
    clean = importlib.import_module(f"{package}.clean")
    links = importlib.import_module(f"{package}.links")
    stats = importlib.import_module(f"{package}.stats")
    return {
        "text": text.render_text,
        "clean": lambda doc: clean.clean_fragments(doc.fragments),
        "links": lambda doc: links.document_links(doc, None),
        "stats": stats.document_stats,
    }


def compare(
    docs: list[Any], base: Callable[[Any], object], new: Callable[[Any], object], repeat: int
) -> tuple[float, float, int]:
    """Seconds of each over every document, ``repeat`` times; how many results differ."""
    clock = time.perf_counter
    t_base = t_new = 0.0
    for r in range(repeat):
        for i, doc in enumerate(docs):
            if (i + r) % 2:
                start = clock()
                base(doc)
                middle = clock()
                new(doc)
                t_base, t_new = t_base + middle - start, t_new + clock() - middle
            else:
                start = clock()
                new(doc)
                middle = clock()
                base(doc)
                t_new, t_base = t_new + middle - start, t_base + clock() - middle
    differ = sum(repr(base(doc)) != repr(new(doc)) for doc in docs)
    return t_base / repeat, t_new / repeat, differ


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("rev", help="the git revision to compare with, e.g. HEAD or main~3")
    ap.add_argument("--corpus", type=Path, help="read this corpus instead of making one")
    ap.add_argument("--files", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--commands", default=",".join(COMMANDS))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--make-corpus", type=Path, default=DEFAULT_MAKER)
    args = ap.parse_args()
    commands = args.commands.split(",")
    if unknown := set(commands) - set(COMMANDS):
        ap.error(f"unknown command {', '.join(sorted(unknown))}: use {', '.join(COMMANDS)}")
    with tempfile.TemporaryDirectory() as tmp:
        extract(args.rev, Path(tmp))
        sys.path.insert(0, tmp)
        sys.path.insert(0, str(REPO))
        corpus = args.corpus
        if corpus is None:
            corpus = Path(tmp, "corpus")
            maker = [sys.executable, str(args.make_corpus), str(corpus)]
            subprocess.run(
                [*maker, "--files", str(args.files), "--seed", str(args.seed)], check=True
            )
        from newsfrag.read.sources import read_sources

        docs = [doc for doc in read_sources([str(corpus)]) if not isinstance(doc, Exception)]
        base, new = cores("nfbase"), cores("newsfrag")
        gc.freeze()  # the documents, read once, are no work for the collector
        print(f"{len(docs)} documents; {args.rev} against the working tree")
        print(f"{'command':8}  {args.rev:>10}  {'working':>10}  ratio  results differ")
        for name in commands:
            t_base, t_new, differ = compare(docs, base[name], new[name], args.repeat)
            print(f"{name:8}  {t_base:9.3f}s  {t_new:9.3f}s  {t_new / t_base:5.3f}  {differ}")


if __name__ == "__main__":
    main()
