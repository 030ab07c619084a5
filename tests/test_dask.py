"""newsfrag.dask: a bag read from a glob, the four commands' records and partitioned
output, byte for byte what the command line writes for the same files."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

import newsfrag.dask as nd
from newsfrag.errors import InputError

NEWSFRAG = str(Path(sys.executable).with_name("newsfrag"))
MAKER = Path(__file__).resolve().parent.parent / "bench" / "make_corpus.py"


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as connected,
    ):
        yield connected


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dask")
    for form, files in (("mixed", 120), ("jsonl", 400)):
        subprocess.run(
            [sys.executable, str(MAKER), str(root / form), "--files", str(files), "--format", form],
            capture_output=True,
            check=True,
        )
    (root / "mixed" / "zz-bad.txt").write_bytes(b"['caf\xe9']")
    return root


def _cli(*args: str) -> bytes:
    return subprocess.run([NEWSFRAG, *args], capture_output=True, check=False).stdout


@pytest.mark.parametrize("command", nd.COMMANDS)
def test_a_bag_of_a_folder_gives_the_records_the_command_line_writes(
    command: str, corpus: Path, client: Client
) -> None:
    folder = str(corpus / "mixed")
    out, errors = nd.results(nd.records(nd.read(folder), command))
    assert out == _cli(command, "--json", folder)
    assert [str(e) for e in errors] == [
        f"{corpus / 'mixed' / 'zz-bad.txt'}:1:6: not valid UTF-8 (byte 0xe9); "
        "--encoding-errors replace reads on with U+FFFD"
    ]


def test_a_large_json_lines_file_is_split_and_its_lines_keep_their_numbers(
    corpus: Path, client: Client
) -> None:
    path = str(corpus / "jsonl" / "corpus.jsonl")
    bag = nd.read(path, blocksize=100_000)
    assert bag.npartitions > 5
    out, errors = nd.results(nd.records(bag, "stats"))
    assert out == _cli("stats", "--json", path)
    sources = [json.loads(line)["source"] for line in out.splitlines()]
    assert sources[-1] == f"{path}:400"
    assert errors == []


def test_records_written_to_partitions_join_into_the_command_lines_output(
    corpus: Path, client: Client, tmp_path: Path
) -> None:
    files = sorted(str(p) for p in (corpus / "mixed").glob("*.txt"))
    errors = nd.write(
        nd.records(nd.read(str(corpus / "mixed" / "*.txt")), "clean", favour="precision"),
        str(tmp_path / "out" / "part-*.jsonl"),
    )
    parts = sorted((tmp_path / "out").glob("part-*.jsonl"))
    assert len(parts) == len(files)
    joined = b"".join(p.read_bytes() for p in parts)
    assert joined == _cli("clean", "--json", "--favour", "precision", *files)
    assert [e.source for e in errors] == [str(corpus / "mixed" / "zz-bad.txt")]
    assert all(isinstance(e, InputError) for e in errors)
    assert list((tmp_path / "out").glob(".*")) == []  # no temporary file left


def test_what_needs_the_whole_run_is_refused_with_the_way_to_it(client: Client) -> None:
    with pytest.raises(ValueError, match="--scheduler"):
        nd.records(nd.read([]), "links", unique=True)
    with pytest.raises(ValueError, match="text, clean, links, stats"):
        nd.records(nd.read([]), "count")


def test_without_the_extra_the_import_says_what_to_install() -> None:
    code = (
        "import sys; sys.modules['dask'] = None\n"
        "try:\n    import newsfrag.dask\nexcept ImportError as e:\n    print(e)\n"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout.startswith("newsfrag.dask needs Dask: pip install 'newsfrag[dask]'")
