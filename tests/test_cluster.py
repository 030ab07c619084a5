"""--scheduler: the same output as -j 1, in order, from real Dask clusters: a LocalCluster
of two worker processes, and once a `dask scheduler` with two `dask worker` processes."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from .conftest import invoke

BIN = Path(sys.executable).parent
NEWSFRAG = str(BIN / "newsfrag")
MAKER = Path(__file__).resolve().parent.parent / "bench" / "make_corpus.py"
RUNS = [
    ["text", "--json"],
    ["text", "--markdown"],
    ["clean", "--json", "--explain"],
    ["links", "--unique"],
    ["stats", "--sort", "words"],
]


def _corpus(folder: Path, files: int, form: str) -> Path:
    made = subprocess.run(
        [sys.executable, str(MAKER), str(folder), "--files", str(files), "--format", form],
        capture_output=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    return folder


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("corpora")
    mixed = _corpus(root / "mixed", 300, "mixed")
    (mixed / "zz-bad.txt").write_bytes(b"['caf\xe9']")  # bad input, on a worker
    return {"articles": _corpus(root / "articles", 3000, "pyrepr"), "mixed": mixed}


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


def _newsfrag(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([NEWSFRAG, *args], capture_output=True, check=False, env=env)


@pytest.mark.parametrize("run", RUNS, ids=lambda r: " ".join(r))
@pytest.mark.parametrize("corpus", ["articles", "mixed"])
def test_every_command_through_the_cluster_writes_what_j_1_writes(
    run: list[str], corpus: str, corpora: dict[str, Path], cluster: LocalCluster
) -> None:
    path = str(corpora[corpus])
    alone = _newsfrag(*run, "-j", "1", path)
    there = _newsfrag(*run, "--scheduler", cluster.scheduler_address, path)
    assert (there.returncode, there.stdout, there.stderr) == (
        alone.returncode,
        alone.stdout,
        alone.stderr,
    )
    # The mixed corpus holds a bad file: reported as locally, one line, exit 1.
    assert there.returncode == (1 if corpus == "mixed" else 0)
    assert b"Traceback" not in there.stderr


def test_the_scheduler_may_come_from_the_environment(
    corpora: dict[str, Path], cluster: LocalCluster
) -> None:
    env = {**os.environ, "NEWSFRAG_SCHEDULER": cluster.scheduler_address}
    path = str(corpora["mixed"])
    there = _newsfrag("stats", "--json", path, env=env)
    assert there.stdout == _newsfrag("stats", "--json", path).stdout


def test_a_worker_lost_mid_run_still_gives_the_whole_output(
    corpora: dict[str, Path], cluster: LocalCluster
) -> None:
    path = str(corpora["articles"])
    alone = _newsfrag("clean", "--json", path)
    killed: list[int] = []

    def kill_a_busy_worker() -> None:
        # Once a worker has newsfrag's chunks in hand, it goes, with what it holds.
        with Client(cluster.scheduler_address) as client:
            pids = client.run(os.getpid)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                busy = [w for w, tasks in client.processing().items() if tasks]
                if busy:
                    killed.append(pids[busy[0]])
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    return
                time.sleep(0.01)

    killer = threading.Thread(target=kill_a_busy_worker, daemon=True)
    killer.start()
    there = _newsfrag("clean", "--json", "--scheduler", cluster.scheduler_address, path)
    killer.join(timeout=60)
    assert killed, "no worker was busy to be killed"
    assert (there.returncode, there.stderr) == (0, b"")
    assert there.stdout == alone.stdout
    assert len(there.stdout.splitlines()) == 3000
    with Client(cluster.scheduler_address) as client:
        client.wait_for_workers(2, timeout=60)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_scheduler_and_two_workers_started_as_commands(corpora: dict[str, Path]) -> None:
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = str(BIN / "dask")
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    started = [
        subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            **quiet,  # type: ignore[call-overload]
        )
    ]
    try:
        for _ in range(2):
            started.append(
                subprocess.Popen(
                    [dask, "worker", address, "--nworkers", "1", "--no-dashboard"],
                    **quiet,  # type: ignore[call-overload]
                )
            )
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=60)
        path = str(corpora["mixed"])
        for run in (["text", "--json"], ["links"]):
            there = _newsfrag(*run, "--scheduler", address, path)
            alone = _newsfrag(*run, path)
            assert (there.returncode, there.stdout, there.stderr) == (
                alone.returncode,
                alone.stdout,
                alone.stderr,
            )
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            process.wait(timeout=30)


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(["One."]), encoding="utf-8")
    ran = _newsfrag("text", "--scheduler", f"tcp://127.0.0.1:{_free_port()}", str(tmp_path))
    assert ran.returncode == 1
    [line] = ran.stderr.decode().splitlines()
    assert line.startswith("newsfrag: --scheduler tcp://127.0.0.1:")
    assert "cannot connect" in line


def test_without_the_extra_scheduler_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    ran = invoke("text", "--scheduler", "tcp://127.0.0.1:8786", stdin="['One.']")
    assert ran.code == 2
    assert ran.stdout == ""
    assert ran.stderr.startswith("newsfrag: --scheduler needs Dask: pip install 'newsfrag[dask]'")
    assert ran.stderr.count("\n") == 1


def test_without_scheduler_no_dask_is_imported() -> None:
    code = (
        "import sys; sys.argv = ['newsfrag', 'text', '-']; from newsfrag.cli.main import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    ran = subprocess.run(
        [sys.executable, "-c", code], input=b"['One.']", capture_output=True, check=True
    )
    assert ran.stdout.splitlines()[-1] == b"[]"


def test_workers_that_cannot_see_the_files_are_sent_their_bytes(
    corpora: dict[str, Path], cluster: LocalCluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsfrag.cli import cluster as on

    with Client(cluster.scheduler_address) as client:
        assert on.shares_files(client, str(corpora["mixed"] / "zz-bad.txt"))  # one machine
        assert not on.shares_files(client, str(corpora["mixed"] / "no-such-file.txt"))
    monkeypatch.setattr(on, "shares_files", lambda client, path: False)  # as if elsewhere
    path = str(corpora["mixed"])
    there = invoke("text", "--json", "--scheduler", cluster.scheduler_address, path)
    alone = invoke("text", "--json", path)
    assert (there.code, there.stdout, there.stderr) == (alone.code, alone.stdout, alone.stderr)
