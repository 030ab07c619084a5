"""-j N: worker processes change how fast, never what comes out, nor in what order."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

NEWSFRAG = str(Path(sys.executable).with_name("newsfrag"))

SENTENCES = [
    "Flood barriers were raised overnight as the river reached a 20-year high.",
    "The council said 40 homes had been evacuated by Tuesday morning.",
    "Residents of low-lying streets were told to move valuables upstairs.",
    "Rail services between the two cities were suspended until Thursday.",
]


def _article(n: int) -> list[str]:
    # Each article its own: a bold lead, a link, its number in the text, and a promo.
    return [
        f"<b class='lead'>Article {n}: {SENTENCES[n % 4]}</b>",
        f'{SENTENCES[(n + 1) % 4]} <a href="/news/{n}" class="l">Read the report</a>.',
        f"<p>Figures for day {n}: {n * 7} millimetres of rain &amp; {n % 5} warnings.</p>",
        "Sign up to our morning briefing newsletter.",
    ]


def _corpus(root: Path) -> Path:
    """Many small files of every form, bad ones among them, and one file over a megabyte
    (read by the main process in batches, where the small ones are read by the workers)."""
    corpus = root / "corpus"
    (corpus / "sub").mkdir(parents=True)
    for n in range(40):
        folder = corpus / "sub" if n % 3 == 0 else corpus
        (folder / f"a{n:03}.txt").write_text(repr(_article(n)), encoding="utf-8")
    (corpus / "b-json.json").write_text(json.dumps(_article(41)), encoding="utf-8")
    (corpus / "c-bad-utf8.txt").write_bytes(b"['caf\xe9']")
    (corpus / "d-empty.txt").write_bytes(b"")
    (corpus / "e-page.html").write_text("<p>A page of <i>HTML</i>.</p>\n", encoding="utf-8")
    (corpus / "f-gone.txt").symlink_to(corpus / "nowhere")
    records = [json.dumps({"source": f"rec{n}", "fragments": _article(n)}) for n in range(4000)]
    records.insert(3, "{not json")
    big = "\n".join(records) + "\n"
    assert len(big) > 1 << 20  # more than one batch, and past the size workers read
    (corpus / "g-big.jsonl").write_text(big, encoding="utf-8")
    for n in range(40, 60):
        (corpus / f"h{n:03}.txt").write_text(repr(_article(n)), encoding="utf-8")
    return corpus


def _run(*args: str) -> tuple[int, bytes, bytes]:
    proc = subprocess.run([NEWSFRAG, *args], capture_output=True, check=False)
    return proc.returncode, proc.stdout, proc.stderr


COMMANDS = [
    ["text"],
    ["text", "--json"],
    ["clean", "--explain"],
    ["clean", "--json", "--explain"],
    ["links"],
    ["links", "--json", "--unique"],
    ["stats"],
    ["stats", "--json", "--sort", "words", "--reverse"],
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _corpus(tmp_path_factory.mktemp("jobs"))


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_workers_write_the_same_bytes_in_the_same_order(command: list[str], corpus: Path) -> None:
    alone = _run(*command, "-j", "1", str(corpus))
    assert alone[0] == 1  # the bad files are reported, and the run goes on
    for jobs in ("2", "3", "0"):
        assert _run(*command, "--jobs", jobs, str(corpus)) == alone


def test_a_run_with_workers_reports_each_bad_input_once_in_its_place(corpus: Path) -> None:
    code, out, err = _run("stats", "-j", "2", str(corpus))
    lines = out.decode().splitlines()
    sources = [line.split("\t")[0] for line in lines[1:]]
    # 60 articles, the JSON one, the HTML page and 4,000 records (a bad line among them).
    assert len(sources) == 60 + 1 + 1 + 4000
    assert sources[:3] == [str(corpus / f"a{n:03}.txt") for n in (1, 2, 4)]
    assert sources[-1] == str(corpus / "sub" / "a039.txt")
    assert err.decode().splitlines() == [
        f"newsfrag: {corpus / 'c-bad-utf8.txt'}:1:6: not valid UTF-8 (byte 0xe9); "
        "--encoding-errors replace reads on with U+FFFD",
        f"newsfrag: {corpus / 'f-gone.txt'}: No such file or directory",
        f"newsfrag: {corpus / 'g-big.jsonl'}:4:2: not JSON: Expecting property name "
        "enclosed in double quotes",
        "newsfrag: 3 of 4,065 inputs could not be read",
    ]
    assert code == 1


def test_the_pool_pipes_hold_a_whole_chunk_where_the_system_allows_it() -> None:
    # Linux only, as F_SETPIPE_SZ is: a chunk's results cross in one write, not in
    # sixteen turns of 64 KiB.
    import fcntl
    import multiprocessing

    from newsfrag.cli.workers import CHUNK_BYTES, _widen_pipes

    limit = int(Path("/proc/sys/fs/pipe-max-size").read_text())
    # Under a lower limit the pipes stay at 64 KiB, unless a privileged user may pass it.
    expected = {CHUNK_BYTES} if limit >= CHUNK_BYTES else {1 << 16, CHUNK_BYTES}
    with multiprocessing.get_context("fork").Pool(1) as pool:
        _widen_pipes(pool)
        for queue in (pool._inqueue, pool._outqueue):  # type: ignore[attr-defined]
            assert fcntl.fcntl(queue._reader.fileno(), fcntl.F_GETPIPE_SZ) in expected


START_METHODS = ["fork", "forkserver", "spawn"]


@pytest.mark.parametrize("method", START_METHODS)
def test_workers_give_the_same_output_under_every_start_method(
    method: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows and macOS spawn; Python 3.14 makes forkserver Linux's default.
    import multiprocessing

    from newsfrag.cli import workers as run

    from .conftest import invoke

    if method not in multiprocessing.get_all_start_methods():
        pytest.fail(f"{method} is not offered here: run this test on Linux")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(30):
        (corpus / f"a{n:03}.txt").write_text(repr(_article(n)), encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"['caf\xe9']")
    runs = [
        ("text", "--json"),
        ("clean", "--explain"),  # what --explain tells goes to stderr from the main process
        ("clean", "--repeated", "3", "--json"),
        ("links", "--unique"),
        ("stats", "--sort", "words"),
    ]
    alone = {args: invoke(*args, "-j", "1", str(corpus)) for args in runs}
    monkeypatch.setattr(run, "start_method", lambda: method)
    for args in runs:
        ran = invoke(*args, "-j", "2", str(corpus))
        assert (ran.code, ran.stdout, ran.stderr) == (
            alone[args].code,
            alone[args].stdout,
            alone[args].stderr,
        ), args
        assert ran.code == 1
        assert "Traceback" not in ran.stderr
