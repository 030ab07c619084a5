"""The bench runs from a fresh clone: its corpus generator and truth checks are the
repository's own. No figure is judged here: the scripts print them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _bench(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_bench_runs_with_the_repository_alone(tmp_path: Path) -> None:
    ran = _bench(
        "run.py", "--files", "20", "--repeat", "1", "--no-peers", "--stream-mb", "0", cwd=tmp_path
    )
    assert ran.returncode == 0, ran.stderr
    for command in ("text", "clean", "links", "stats"):
        assert f"newsfrag {command} -j 1" in ran.stdout


@pytest.mark.parametrize("command", ["text", "links"])
def test_the_generated_truth_matches_text_and_links_exactly(command: str, tmp_path: Path) -> None:
    made = _bench("make_corpus.py", str(tmp_path / "c"), "--files", "40", "--truth", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "c.truth.jsonl").is_file()
    checked = _bench("check_truth.py", str(tmp_path / "c"), "--command", command, cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "40" in checked.stdout
