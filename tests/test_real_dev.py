"""Quality floors of ``newsfrag clean`` on real scrapes nobody here wrote (shared/real-dev).

The data's own scorers run the installed newsfrag; a change that lowers a figure below
its floor fails. The floors sit just under today's figures (bench/RESULTS.md): the
issue's targets where they are met (article kept 0.97), else where the work stands.
Skipped, with the reason, where the folder is absent: the repo stands alone.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV = Path(os.environ.get("NEWSFRAG_REAL_DEV", ROOT.parent / "shared" / "real-dev"))
NEWSFRAG = Path(sys.executable).parent / "newsfrag"

pytestmark = pytest.mark.skipif(
    not (DEV / "score.py").is_file() or not NEWSFRAG.is_file(),
    reason=f"no real-dev set at {DEV} (set NEWSFRAG_REAL_DEV) or no installed newsfrag",
)


def _score(script: Path) -> str:
    """The scorer's line for ``newsfrag clean | newsfrag text``."""
    ran = subprocess.run(
        [sys.executable, str(script), "--newsfrag", str(NEWSFRAG)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert ran.returncode == 0, ran.stderr
    return next(x for x in ran.stdout.splitlines() if x.startswith("newsfrag clean"))


def test_clean_keeps_the_article_and_drops_boilerplate_of_real_pages() -> None:
    line = _score(DEV / "score.py")
    kept = float(re.search(r"article kept ([\d.]+)", line).group(1))  # type: ignore[union-attr]
    dropped = float(re.search(r"dropped ([\d.]+)", line).group(1))  # type: ignore[union-attr]
    assert kept >= 0.97, line
    assert dropped >= 0.61, line  # 0.632 when written; the target is 0.75


def test_clean_raises_the_shingle_f1_of_real_news_pages() -> None:
    line = _score(DEV / "news" / "score.py")
    f1 = float(re.search(r"F1 ([\d.]+)", line).group(1))  # type: ignore[union-attr]
    recall = float(re.search(r"recall ([\d.]+)", line).group(1))  # type: ignore[union-attr]
    assert f1 >= 0.82, line  # every fragment kept: 0.806; 0.831 when written
    assert recall >= 0.78, line
