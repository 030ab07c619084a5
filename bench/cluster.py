"""Time newsfrag on a Dask cluster of two local workers against -j 2, in one run.

    python bench/cluster.py [--files 3000] [--seed 7] [--repeat 3]

Makes the corpus with make_corpus.py, starts a LocalCluster of two worker processes
(one thread each, as -j 2 has two processes), and times whole processes of the
installed newsfrag, each command with -j 2 and with --scheduler, taking turns over
--repeat rounds. For the cluster runs it reads the scheduler's task stream: the time
the workers spent computing newsfrag's chunks, against the run's wall time on two
workers; the rest is reading and shipping the bytes, Dask's own cost, and writing.
It prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from distributed import Client, LocalCluster, get_task_stream

HERE = Path(__file__).resolve().parent
COMMANDS = ("text", "clean", "links", "stats")


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def computing(stream: list[dict[str, object]]) -> float:
    """Seconds the workers spent computing, from a task stream."""
    total = 0.0
    for task in stream:
        for part in task["startstops"]:  # type: ignore[attr-defined]
            if part["action"] == "compute":
                total += part["stop"] - part["start"]
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    exe = shutil.which("newsfrag") or str(Path(sys.executable).with_name("newsfrag"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp, "corpus")
        subprocess.run(
            [sys.executable, str(HERE / "make_corpus.py"), str(corpus), "--files",
             str(args.files), "--seed", str(args.seed)],
            stdout=subprocess.DEVNULL,
            check=True,
        )  # fmt: skip
        with (
            LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            address = cluster.scheduler_address
            local: dict[str, list[float]] = {c: [] for c in COMMANDS}
            remote: dict[str, list[float]] = {c: [] for c in COMMANDS}
            work: dict[str, list[float]] = {c: [] for c in COMMANDS}
            for _ in range(args.repeat):
                for command in COMMANDS:
                    local[command].append(timed([exe, command, "-j", "2", str(corpus)]))
                    with get_task_stream(client) as stream:
                        wall = timed([exe, command, "--scheduler", address, str(corpus)])
                    remote[command].append(wall)
                    work[command].append(computing(stream.data))
        print(f"corpus: {args.files} articles; 2 local workers against -j 2; "
              f"medians of {args.repeat}\n")  # fmt: skip
        head = f"{'command':<8} {'-j 2':>7} {'cluster':>8} {'throughput':>11} {'work':>7}  share"
        print(head)
        for command in COMMANDS:
            j2 = statistics.median(local[command])
            wall = statistics.median(remote[command])
            busy = statistics.median(work[command]) / 2  # on two workers at once
            print(
                f"{command:<8} {j2:6.2f}s {wall:7.2f}s {j2 / wall:10.2f}x {busy:6.2f}s  "
                f"{busy / wall:4.0%} of the cluster run is newsfrag's work"
            )


if __name__ == "__main__":
    main()
