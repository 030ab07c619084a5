#!/usr/bin/env python3
"""Check newsfrag against a corpus made by make_corpus.py --truth.

    python bench/check_truth.py CORPUS_DIR [--command text|clean|links]

Runs the installed ``newsfrag`` over CORPUS_DIR (sorted file order, as the truth
file lists the articles) and compares every article with CORPUS_DIR.truth.jsonl:
``text`` its article paragraphs (boilerplate indexes left out), ``clean`` the
text of ``clean --json | text --json``, ``links`` the links of the article
paragraphs. Prints the number of articles that match and the first mismatches;
exits 1 on any mismatch.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

# The installed newsfrag: on PATH, or beside the Python running this (a venv not activated).
NEWSFRAG = shutil.which("newsfrag") or str(Path(sys.executable).with_name("newsfrag"))


def newsfrag(*args: str, stdin: bytes | None = None) -> list[dict[str, Any]]:
    out = subprocess.run([NEWSFRAG, *args], input=stdin, capture_output=True, check=False)
    if out.returncode != 0:
        sys.exit(f"newsfrag {' '.join(args)} exited {out.returncode}: {out.stderr.decode()[:500]}")
    return [json.loads(line) for line in out.stdout.splitlines()]


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpus")
    ap.add_argument("--command", choices=["text", "clean", "links"], default="text")
    args = ap.parse_args()
    with open(os.path.normpath(args.corpus) + ".truth.jsonl", encoding="utf-8") as f:
        truth: list[dict[str, Any]] = [json.loads(line) for line in f]
    if args.command == "links":
        got_links: dict[str, list[dict[str, Any]]] = {}
        for link in newsfrag("links", "--json", args.corpus):
            got_links.setdefault(str(link["source"]), []).append(link)
        docs: list[dict[str, Any]] = [{"source": s, "links": v} for s, v in got_links.items()]
    elif args.command == "clean":
        cleaned = subprocess.run(
            [NEWSFRAG, "clean", "--json", args.corpus], capture_output=True, check=True
        ).stdout
        docs = newsfrag("text", "--json", stdin=cleaned)
    else:
        docs = newsfrag("text", "--json", args.corpus)
    by_name = {
        os.path.relpath(str(d["source"]), args.corpus)
        if not str(d["source"]).startswith("-")
        else "": d
        for d in docs
    }
    if all(":" in str(d["source"]) for d in docs):  # a JSON-lines corpus: sources are PATH:LINE
        by_name = {os.path.basename(str(d["source"])): d for d in docs}
    bad = 0
    if args.command != "links" and list(by_name) != [t["file"] for t in truth]:
        bad += 1
        print("MISMATCH: the documents do not come out in the truth's (sorted file) order")
    for t in truth:
        doc = by_name.get(t["file"], {})
        want: Any
        have: Any
        if args.command == "links":
            want = [
                {"href": x["href"], "text": x["text"], "fragment": x["paragraph"]}
                for x in t["links"]
            ]
            have = [
                {"href": x["href"], "text": x["text"], "fragment": x["fragment"]}
                for x in doc.get("links", [])
                if x["fragment"] not in t["boilerplate"]
            ]
        elif args.command == "clean":
            want, have = t["text"], doc.get("paragraphs")
        else:
            paragraphs = list(doc.get("paragraphs", []))
            want = t["text"]
            have = [p for i, p in enumerate(paragraphs) if i not in t["boilerplate"]]
        if want != have:
            bad += 1
            if bad <= 3:
                print(f"MISMATCH {t['file']}:\n  want {want}\n  have {have}"[:2000])
    print(f"{args.command}: {len(truth) - bad} of {len(truth)} articles match the truth")
    if args.command == "clean":
        print(paragraph_shares(args.corpus, truth, by_name))
    return 1 if bad else 0


def paragraph_shares(
    corpus: str, truth: list[dict[str, Any]], cleaned: dict[str, dict[str, Any]]
) -> str:
    """clean's share of the article paragraphs kept and of the boilerplate dropped, counted
    paragraph by paragraph (each text as often as the article has it)."""
    raw = {os.path.relpath(str(d["source"]), corpus): d for d in newsfrag("text", "--json", corpus)}
    kept = article = dropped = boilerplate = 0
    for t in truth:
        left = Counter(cleaned.get(t["file"], {}).get("paragraphs", []))
        article += len(t["text"])
        for paragraph in t["text"]:
            if left[paragraph]:
                left[paragraph] -= 1
                kept += 1
        paragraphs = raw.get(t["file"], {}).get("paragraphs", [])
        for i in t["boilerplate"]:
            boilerplate += 1
            dropped += not left[paragraphs[i]] if i < len(paragraphs) else 1
    return (
        f"clean: article paragraphs kept {kept / article:.4f} ({kept}/{article}), "
        f"boilerplate dropped {dropped / boilerplate:.4f} ({dropped}/{boilerplate})"
    )


if __name__ == "__main__":
    sys.exit(main())
