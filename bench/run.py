#!/usr/bin/env python3
"""Benchmark newsfrag: throughput of every subcommand, -j, start-up, memory, and peers.

    python bench/run.py [--files 3000] [--seed 7] [--repeat 3] [--make-corpus PATH]

Makes a corpus with make_corpus.py (the same articles as Python lists for newsfrag
and as HTML files for the peers), then times whole processes of the installed
``newsfrag`` and prints a table of medians and ratios. Peers run in-process over
the HTML files, when installed (``pip install -e '.[bench]'``): resiliparse,
BeautifulSoup, html2text, inscriptis. It prints figures; it never fails on them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_MAKER = HERE.parent.parent / "shared" / "bench" / "make_corpus.py"


def make_corpus(maker: Path, out: Path, files: int, seed: int, form: str) -> int:
    subprocess.run(
        [
            sys.executable,
            str(maker),
            str(out),
            "--files",
            str(files),
            "--seed",
            str(seed),
            "--format",
            form,
        ],
        check=True,
    )
    return sum(p.stat().st_size for p in out.iterdir())


def timed(argv: list[str], stdout: int | None = subprocess.DEVNULL) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{' '.join(argv)} failed")
    return elapsed, usage.ru_maxrss


def median(argv: list[str], repeat: int) -> tuple[float, int]:
    runs = [timed(argv) for _ in range(repeat)]
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)


def in_process(func: Callable[[str], str], html_files: list[Path], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for path in html_files:
            func(path.read_text(encoding="utf-8"))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peers() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {}
    try:
        from resiliparse.extract.html2text import extract_plain_text

        found["resiliparse extract_plain_text"] = extract_plain_text
    except ImportError:
        pass
    try:
        from bs4 import BeautifulSoup

        found["BeautifulSoup get_text (lxml)" if _has("lxml") else "BeautifulSoup get_text"] = (
            lambda html: BeautifulSoup(html, "lxml" if _has("lxml") else "html.parser").get_text()
        )
    except ImportError:
        pass
    try:
        import html2text

        found["html2text"] = html2text.html2text
    except ImportError:
        pass
    try:
        from inscriptis import get_text

        found["inscriptis"] = get_text
    except ImportError:
        pass
    return found


def _has(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--files", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--make-corpus", type=Path, default=DEFAULT_MAKER)
    ap.add_argument("--no-peers", action="store_true")
    args = ap.parse_args()
    exe = shutil.which("newsfrag") or str(Path(sys.executable).with_name("newsfrag"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus, html, small = Path(tmp, "pylist"), Path(tmp, "html"), Path(tmp, "small")
        size = make_corpus(args.make_corpus, corpus, args.files, args.seed, "pyrepr")
        make_corpus(args.make_corpus, html, args.files, args.seed, "html")
        make_corpus(args.make_corpus, small, max(1, args.files // 10), args.seed, "pyrepr")
        mb = size / 1e6
        print(
            f"corpus: {args.files} articles, {mb:.1f} MB as Python lists; "
            f"{os.cpu_count()} cores; median of {args.repeat}\n"
        )
        rows: list[tuple[str, float, str]] = []
        base, rss_big = median([exe, "text", str(corpus)], args.repeat)
        rows.append(("newsfrag text -j 1", base, f"{mb / base:.1f} MB/s"))
        for cmd in ("clean", "links", "stats"):
            t, _ = median([exe, cmd, str(corpus)], args.repeat)
            rows.append((f"newsfrag {cmd} -j 1", t, f"{t / base:.2f}x text"))
        for cmd in ("text", "clean"):
            t1 = (
                base if cmd == "text" else next(r[1] for r in rows if r[0] == "newsfrag clean -j 1")
            )
            t2, _ = median([exe, cmd, "-j", "2", str(corpus)], args.repeat)
            rows.append((f"newsfrag {cmd} -j 2", t2, f"{t1 / t2:.2f}x faster than -j 1"))
        one = next(corpus.iterdir())
        t_start, _ = median([exe, "text", str(one)], max(5, args.repeat))
        t_import, _ = median(
            [sys.executable, "-c", "import click, selectolax.lexbor"], max(5, args.repeat)
        )
        rows.append(
            (
                "start-up: newsfrag text ONE_FILE",
                t_start,
                f"{t_start / t_import:.2f}x import click, selectolax",
            )
        )
        rows.append(("start-up: python -c 'import click, selectolax.lexbor'", t_import, ""))
        _, rss_small = median([exe, "text", str(small)], 1)
        rows.append(
            (
                f"peak RSS text, {args.files} vs {args.files // 10} docs",
                0.0,
                f"{rss_big / 1024:.0f} / {rss_small / 1024:.0f} MiB = {rss_big / rss_small:.2f}x",
            )
        )
        if not args.no_peers:
            html_files = sorted(html.iterdir())
            for name, func in peers().items():
                t = in_process(func, html_files, args.repeat)
                rows.append(
                    (
                        f"peer: {name} (in-process)",
                        t,
                        f"{mb / t:.1f} MB/s; text is {t / base:.2f}x its speed",
                    )
                )
    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'seconds':>8}  figure")
    for name, seconds, figure in rows:
        secs = f"{seconds:8.3f}" if seconds else " " * 8
        print(f"{name:<{width}}  {secs}  {figure}")


if __name__ == "__main__":
    main()
