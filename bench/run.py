#!/usr/bin/env python3
"""Benchmark newsfrag: throughput of every subcommand, -j, start-up, memory, and peers.

    python bench/run.py [--files 3000] [--seed 7] [--repeat 3] [--make-corpus PATH]
                        [--stream-mb 1000] [--no-peers]

Makes a corpus with make_corpus.py (the same articles as Python lists for newsfrag
and as HTML files for the peers), then times whole processes of the installed
``newsfrag`` and prints a table of medians and ratios, each ratio the median of
the ratios within a round, with their range. Peers run in-process over
the HTML files, when installed (``pip install -e '.[bench]'``): resiliparse,
BeautifulSoup, html2text, inscriptis. Memory is measured twice: ``text`` over the
whole corpus against a tenth of it, and a JSON-lines stream of ``--stream-mb``
megabytes on standard input (the corpus again and again) against one copy of it.
It prints figures; it never fails on them.
"""

from __future__ import annotations

import argparse
import functools
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
DEFAULT_MAKER = HERE / "make_corpus.py"


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


def timed(argv: list[str], stdin: Path | None = None, copies: int = 1) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one whole process; with ``stdin``, the process
    reads ``copies`` of that file on its standard input, fed from disk a chunk at a
    time so that this process stays small."""
    import threading

    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        stdin=None if stdin is None else subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    feeder = None
    if stdin is not None:
        pipe = proc.stdin
        assert pipe is not None

        def feed() -> None:
            try:
                for _ in range(copies):
                    with stdin.open("rb") as f:
                        shutil.copyfileobj(f, pipe, 1 << 20)
            finally:
                pipe.close()

        feeder = threading.Thread(target=feed)
        feeder.start()
    _, status, usage = os.wait4(proc.pid, 0)
    if feeder is not None:
        feeder.join()
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{' '.join(argv)} failed")
    return elapsed, usage.ru_maxrss


def stream_rows(exe: str, jsonl: Path, megabytes: int) -> list[tuple[str, float, str]]:
    """Peak RSS of ``text`` on a long JSON-lines stream against one copy of the corpus."""
    size = jsonl.stat().st_size
    copies = max(1, round(megabytes * 1e6 / size))
    rows = []
    for jobs in ("1", "2"):
        argv = [exe, "text", "-j", jobs, "-"]
        _, one = timed(argv, jsonl)
        seconds, many = timed(argv, jsonl, copies)
        rows.append(
            (
                f"peak RSS text -j {jobs}, stdin {copies * size / 1e6:,.0f} vs {size / 1e6:.0f} MB",
                seconds,
                f"{many / 1024:.0f} / {one / 1024:.0f} MiB = {many / one:.2f}x",
            )
        )
    return rows


def on_terminal(argv: list[str]) -> tuple[float, int]:
    """Wall time of ``argv`` with a pty as its terminal (stdout and stderr), everything it
    draws read as a terminal would read it; where there is no pty, nothing (0.0)."""
    try:
        import pty
    except ImportError:
        return 0.0, 0
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        env = {**os.environ, "COLUMNS": "120", "TERM": "xterm-256color"}
        os.execve(argv[0], argv, env)  # noqa: S606 - the pty child becomes the command timed
    while True:
        try:
            if not os.read(fd, 1 << 16):
                break
        except OSError:  # the child is gone
            break
    os.waitpid(pid, 0)
    os.close(fd)
    return time.perf_counter() - start, 0


TABLE = "newsfrag stats on a terminal (a table)"
COMMANDS = ("text", "clean", "links", "stats")
START = "start-up: newsfrag text ONE_FILE"
CLEAN_START = "start-up: newsfrag clean ONE_FILE"
IMPORTS = "import click, selectolax.lexbor"
IMPORT = f"start-up: python -c '{IMPORTS}'"


def in_process(func: Callable[[str], str], html_files: list[Path]) -> tuple[float, int]:
    start = time.perf_counter()
    for path in html_files:
        func(path.read_text(encoding="utf-8"))
    return time.perf_counter() - start, 0


def rounds(jobs: dict[str, Callable[[], tuple[float, int]]], repeat: int) -> dict[str, list[float]]:
    """The seconds of each job in each round: every job once a round, ``repeat`` rounds."""
    runs: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(repeat):
        for name, job in jobs.items():
            runs[name].append(job()[0])
    return runs


def ratio(runs: dict[str, list[float]], top: str, bottom: str) -> str:
    """The median over rounds of ``top``'s time over ``bottom``'s in the same round, and
    the range: a ratio of two runs minutes apart would carry the machine's drift."""
    each = sorted(a / b for a, b in zip(runs[top], runs[bottom], strict=True))
    return f"{statistics.median(each):.2f}x ({each[0]:.2f}-{each[-1]:.2f})"


def figures(runs: dict[str, list[float]], mb: float) -> list[tuple[str, float, str]]:
    """The table's rows: each median time, and the ratio the target is about."""
    got = {name: statistics.median(times) for name, times in runs.items()}
    text = "newsfrag text -j 1"
    rows = [(text, got[text], f"{mb / got[text]:.1f} MB/s")]
    for cmd in COMMANDS[1:]:
        name = f"newsfrag {cmd} -j 1"
        rows.append((name, got[name], f"{ratio(runs, name, text)} text's time"))
    for cmd in COMMANDS:
        one, two = f"newsfrag {cmd} -j 1", f"newsfrag {cmd} -j 2"
        rows.append((two, got[two], f"{ratio(runs, one, two)} faster than -j 1"))
    rows.append((START, got[START], f"{ratio(runs, START, IMPORT)} {IMPORTS}"))
    rows.append((CLEAN_START, got[CLEAN_START], f"{ratio(runs, CLEAN_START, START)} text's"))
    rows.append((IMPORT, got[IMPORT], ""))
    if got.get(TABLE):
        stats = "newsfrag stats -j 1"
        rows.append((TABLE, got[TABLE], f"{ratio(runs, TABLE, stats)} the time into a pipe"))
    for name, seconds in got.items():
        if name.startswith("peer: "):
            share = ratio(runs, name, text)
            rows.append((name, seconds, f"{mb / seconds:.1f} MB/s; text has {share} its speed"))
    return rows


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


def compiled() -> None:
    """Byte-compile the newsfrag that runs, as pip does when it installs a package: an
    editable install under PYTHONDONTWRITEBYTECODE=1 would otherwise compile every
    module at every start (about 12 ms of each run here)."""
    import compileall

    import newsfrag

    compileall.compile_dir(Path(newsfrag.__file__).parent, quiet=1)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--files", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--make-corpus", type=Path, default=DEFAULT_MAKER)
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument(
        "--stream-mb", type=int, default=1000, help="JSON lines on stdin for memory (0: skip)"
    )
    args = ap.parse_args()
    exe = shutil.which("newsfrag") or str(Path(sys.executable).with_name("newsfrag"))
    compiled()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, html, small = Path(tmp, "pylist"), Path(tmp, "html"), Path(tmp, "small")
        lines = Path(tmp, "jsonl")
        size = make_corpus(args.make_corpus, corpus, args.files, args.seed, "pyrepr")
        make_corpus(args.make_corpus, html, args.files, args.seed, "html")
        make_corpus(args.make_corpus, small, max(1, args.files // 10), args.seed, "pyrepr")
        if args.stream_mb:
            make_corpus(args.make_corpus, lines, args.files, args.seed, "jsonl")
        mb = size / 1e6
        print(
            f"corpus: {args.files} articles, {mb:.1f} MB as Python lists; "
            f"{os.cpu_count()} cores; median of {args.repeat}\n"
        )
        # Memory first, while this process is small: a child's peak RSS counts what it
        # was before exec, a copy of this process, peers and all.
        rss_big = timed([exe, "text", str(corpus)])[1]
        rss_small = timed([exe, "text", str(small)])[1]
        streams = []
        if args.stream_mb:
            streams = stream_rows(exe, next(lines.iterdir()), args.stream_mb)
        one = str(next(corpus.iterdir()))
        # Every measurement once per round, rounds repeated: a slow spell of a shared
        # machine then falls on all of them alike, and the ratios stay true.
        jobs: dict[str, Callable[[], tuple[float, int]]] = {}
        for cmd in COMMANDS:
            for j in ("1", "2"):
                argv = [exe, cmd, "-j", j, str(corpus)]
                jobs[f"newsfrag {cmd} -j {j}"] = functools.partial(timed, argv)
        jobs[TABLE] = functools.partial(on_terminal, [exe, "stats", str(corpus)])
        jobs[START] = functools.partial(timed, [exe, "text", one])
        jobs[CLEAN_START] = functools.partial(timed, [exe, "clean", one])
        jobs[IMPORT] = functools.partial(timed, [sys.executable, "-c", IMPORTS])
        html_files = sorted(html.iterdir())
        for name, func in ({} if args.no_peers else peers()).items():
            jobs[f"peer: {name} (in-process)"] = functools.partial(in_process, func, html_files)
        rows = figures(rounds(jobs, args.repeat), mb)
        rows.append(
            (
                f"peak RSS text, {args.files} vs {args.files // 10} docs",
                0.0,
                f"{rss_big / 1024:.0f} / {rss_small / 1024:.0f} MiB = {rss_big / rss_small:.2f}x",
            )
        )
        rows.extend(streams)
    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'seconds':>8}  figure")
    for name, seconds, figure in rows:
        secs = f"{seconds:8.3f}" if seconds else " " * 8
        print(f"{name:<{width}}  {secs}  {figure}")


if __name__ == "__main__":
    main()
