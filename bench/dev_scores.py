#!/usr/bin/env python3
"""Score ``newsfrag clean`` on the real development sets, beside jusText on the same fragments.

    python bench/dev_scores.py [--dev DIR] [--newsfrag PATH] [--clean-args STR]
                               [--misses N] [--no-justext]

The sets are those of ``../shared/real-dev`` (its README.md says what they hold), and
the measures are exactly those of its two scorers, ``score.py`` and ``news/score.py``:

* snippets: the share of article pieces kept and of boilerplate pieces dropped, a
  piece counting as kept when it is a substring of the page's output paragraphs
  joined by spaces, whitespace squeezed;
* news: shingle F1, precision and recall against ``news/truth.json`` (4-word
  shingles; precision and recall averaged over pages, F1 taken of the two means).

Each figure is printed for all pages, for the tuned ones and for the held-out ones: a
page is held out when ``zlib.crc32(name) % 4 == 0``, its name being the file stem
("0000", "bbc-1"), so that a change can be judged on pages it was not tuned on.

The systems: every fragment kept (``newsfrag text``), ``newsfrag clean | newsfrag
text``, and jusText (``pip install -e '.[bench]'``) over the very same fragments,
each wrapped in a ``<p>`` of one HTML page, its paragraphs that are not boilerplate
joined as the scorers join them; its stoplist, the language being unknown, is the one
of jusText's own with the most hits among the page's lower-cased words. Last, the
speed of both over every fragment of both sets: jusText in this process (parsing and
classifying, stoplists loaded and picked beforehand) and ``newsfrag clean --json
FILES`` as a whole process (its bytecode cached, as an installed package has it),
each the best of three runs. It prints figures; it never fails on them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from devsets import (
    DEV,
    GROUPS,
    Outputs,
    Page,
    held_out,
    in_group,
    news_cells,
    norm,
    page_name,
    snippet_cells,
)
from justext_peer import justext_outputs, load_stoplists

DEFAULT_DEV = DEV
REPEAT = 3


def find_newsfrag(given: str | None) -> str | None:
    """The newsfrag to run: the one given, else the one beside this Python, else on PATH."""
    if given:
        return shutil.which(given)
    beside = Path(sys.executable).parent / "newsfrag"
    if beside.is_file():
        return str(beside)
    return shutil.which("newsfrag")


def run(argv: list[str], stdin: bytes | None = None) -> bytes:
    """The standard output of one newsfrag process; exit status 1 (an input it could not
    read) is let through, as the scorers let it through."""
    res = subprocess.run(argv, input=stdin, capture_output=True, check=False)
    if res.returncode not in (0, 1):
        err = res.stderr.decode(errors="replace")[-300:]
        sys.exit(f"dev_scores.py: {shlex.join(argv[:3])} ... exited {res.returncode}: {err}")
    return res.stdout


def records(out: bytes) -> Outputs:
    """The paragraphs of each page in the JSON lines of ``newsfrag text --json``."""
    got: Outputs = {}
    for line in out.decode("utf8").splitlines():
        rec = json.loads(line)
        got[page_name(rec["source"])] = rec["paragraphs"]
    return got


def newsfrag_outputs(exe: str, files: list[str], extra: list[str]) -> dict[str, Outputs]:
    """Every fragment (``text``) and the cleaned ones (``clean | text``) of ``files``."""
    text = [exe, "text", "--json"]
    cleaned = run([exe, "clean", "--json", *extra, *files])
    return {
        "every fragment": records(run([*text, *files])),
        "newsfrag clean": records(run(text, cleaned)),
    }


def time_clean(argv: list[str]) -> float:
    """The best of REPEAT wall times of ``argv``, a whole process. Its bytecode is cached
    under a temporary prefix, as pip caches an installed package's: under
    PYTHONDONTWRITEBYTECODE an editable install would compile every module at each start,
    and this leaves the checkout untouched."""
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        return best_of(
            lambda: subprocess.run(
                argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
            )
        )


def best_of(job: Callable[[], object]) -> float:
    """The least wall time of REPEAT runs of ``job``."""
    best = float("inf")
    for _ in range(REPEAT):
        start = time.perf_counter()
        job()
        best = min(best, time.perf_counter() - start)
    return best


def fragment_count(files: list[str]) -> int:
    """How many fragments ``files`` hold, read as newsfrag reads them."""
    from newsfrag.document import Document
    from newsfrag.read.sources import read_sources

    return sum(len(d.fragments) for d in read_sources(files) if isinstance(d, Document))


def print_table(subheads: list[str], rows: list[tuple[str, list[str]]]) -> None:
    """A table of one column per group, each of ``subheads`` figures, a row per system."""
    cols = [subheads[i % len(subheads)] for i in range(len(GROUPS) * len(subheads))]
    widths = [max(len(c), *(len(cells[i]) for _, cells in rows)) for i, c in enumerate(cols)]
    label = max(len("system"), *(len(name) for name, _ in rows))
    step = len(subheads)
    groups = []
    for g, group in enumerate(GROUPS):
        width = sum(widths[g * step : (g + 1) * step]) + 2 * (step - 1)
        groups.append(f"{group:<{width}}")
    print(f"{'':<{label}}    " + "    ".join(groups).rstrip())
    for name, cells in [("system", cols), *rows]:
        figures = [f"{c:<{w}}" for c, w in zip(cells, widths, strict=True)]
        parts = ["  ".join(figures[g * step : (g + 1) * step]) for g in range(len(GROUPS))]
        print(f"{name:<{label}}    " + "    ".join(parts).rstrip())


def counts(names: Iterable[str]) -> str:
    """How many of ``names`` are tuned and how many held out."""
    out = [held_out(n) for n in names]
    return f"{len(out)} pages; tuned {out.count(False)}, held out {out.count(True)}"


def print_misses(pages: list[Page], got: Outputs, n: int) -> None:
    """``n`` held-out pieces that went the wrong way, drawn as score.py draws them."""
    text = {name: norm(" ".join(paragraphs)) for name, paragraphs in got.items()}
    held = [p for p in pages if held_out(p.name)]
    lost = [
        (p.name, "article lost", s) for p in held for s in p.keep if s not in text.get(p.name, "")
    ]
    left = [
        (p.name, "boilerplate kept", s) for p in held for s in p.drop if s in text.get(p.name, "")
    ]
    print(f"\nheld-out pieces newsfrag clean got wrong: {len(lost)} article lost, ", end="")
    print(f"{len(left)} boilerplate kept")
    pick = random.Random(0)  # noqa: S311 - a repeatable sample, not a secret
    chosen = pick.sample(lost, min(len(lost), n // 2))
    chosen += pick.sample(left, min(len(left), n - n // 2))
    for name, what, s in chosen:
        print(f"{name}.txt  {what}: {s[:100]!r}")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="the real-dev directory")
    ap.add_argument(
        "--newsfrag", help="the newsfrag to run (default: beside this Python, or on PATH)"
    )
    ap.add_argument(
        "--clean-args",
        default="",
        help='extra arguments for newsfrag clean, one string (--clean-args="--rules F")',
    )
    ap.add_argument("--misses", type=int, default=0, help="show N held-out pieces clean got wrong")
    ap.add_argument("--no-justext", action="store_true", help="leave jusText out")
    args = ap.parse_args()
    dev: Path = args.dev
    if not (dev / "snippets.jsonl").is_file() or not (dev / "news" / "truth.json").is_file():
        print(
            f"dev_scores.py: {dev}: not found (no snippets.jsonl and news/truth.json)",
            file=sys.stderr,
        )
        sys.exit(2)
    exe = find_newsfrag(args.newsfrag)
    if exe is None:
        where = args.newsfrag or "newsfrag"
        print(f"dev_scores.py: {where}: not found (give --newsfrag PATH)", file=sys.stderr)
        sys.exit(2)
    extra = shlex.split(args.clean_args)
    with (dev / "snippets.jsonl").open(encoding="utf8") as f:
        pages = [Page(rec["name"], rec["with"], rec["without"]) for rec in map(json.loads, f)]
    with (dev / "news" / "truth.json").open(encoding="utf8") as f:
        truth: dict[str, Any] = json.load(f)
    sets = {
        "snippets": sorted(str(p) for p in dev.glob("*.txt")),
        "news": sorted(str(p) for p in (dev / "news").glob("*.txt")),
    }
    outputs = {name: newsfrag_outputs(exe, files, extra) for name, files in sets.items()}
    justext_seconds = None
    picked: Counter[str] = Counter()
    try:
        stoplists = None if args.no_justext else load_stoplists()
    except ImportError:
        print("jusText is not installed (pip install -e '.[bench]'): its row is left out\n")
        stoplists = None
    if stoplists is not None:
        got, justext_seconds, picked = justext_outputs(
            [*sets["snippets"], *sets["news"]], stoplists
        )
        for name, files in sets.items():
            stems = {page_name(f) for f in files}
            outputs[name]["jusText"] = {k: v for k, v in got.items() if k in stems}

    print(f"newsfrag: {exe}{' clean ' + shlex.join(extra) if extra else ''}")
    print(f"dev sets: {dev}; held out: the pages whose zlib.crc32(name) % 4 == 0")
    if picked:
        common = ", ".join(f"{lang} {n}" for lang, n in picked.most_common(6))
        rest = sum(picked.values()) - sum(n for _, n in picked.most_common(6))
        print(f"jusText stoplists picked: {common}{f', others {rest}' if rest else ''}")

    print(f"\nset: snippets ({counts(p.name for p in pages)})")
    chosen = {g: [p for p in pages if in_group(p.name, g)] for g in GROUPS}
    keeps = ", ".join(f"{g} {sum(len(p.keep) for p in chosen[g])}" for g in GROUPS)
    drops = ", ".join(f"{g} {sum(len(p.drop) for p in chosen[g])}" for g in GROUPS)
    print(f"pieces: article {keeps}; boilerplate {drops}\n")
    rows = [(name, snippet_cells(pages, got)) for name, got in outputs["snippets"].items()]
    print_table(["kept", "dropped"], rows)
    if args.misses:
        print_misses(pages, outputs["snippets"]["newsfrag clean"], args.misses)

    print(f"\nset: news ({counts(truth)}); shingle F1, precision, recall\n")
    rows = [(name, news_cells(truth, got)) for name, got in outputs["news"].items()]
    print_table(["F1", "precision", "recall"], rows)

    files = [*sets["snippets"], *sets["news"]]
    fragments = fragment_count(files)
    newsfrag_seconds = time_clean([exe, "clean", "--json", *extra, *files])
    # `text` reads and parses as `clean` does and decides nothing: a ceiling for clean.
    text_seconds = time_clean([exe, "text", "--json", *files])
    print(f"\nspeed over both sets ({len(files)} pages, {fragments} fragments), best of {REPEAT}:")
    speeds = [
        ("newsfrag clean --json FILES (a whole process)", newsfrag_seconds),
        ("newsfrag text --json FILES (reads alike, decides nothing)", text_seconds),
    ]
    if justext_seconds is not None:
        speeds.append(("jusText (in-process: parse and classify)", justext_seconds))
    width = max(len(name) for name, _ in speeds)
    for name, seconds in speeds:
        print(f"{name:<{width}}  {seconds:7.3f} s  {fragments / seconds:9,.0f} fragments/s")
    if justext_seconds is not None:
        for name, seconds in (("clean", newsfrag_seconds), ("text", text_seconds)):
            ratio = justext_seconds / seconds
            print(f"{f'newsfrag {name} / jusText':<{width}}  {ratio:7.2f} x  fragments a second")


if __name__ == "__main__":
    main()
