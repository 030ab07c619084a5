"""The README tells a new user the truth: its test command is the one CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```sh\n{ci}\n```" in readme
    assert "pytest" in ci


def test_the_readme_is_a_users_page_of_about_twelve_kilobytes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) <= 12_500, "measurements go to bench/RESULTS.md"
    for heading in ("## Install", "## A tour", "## Pipelines", "## In Makefiles", "## Fields"):
        assert heading in readme
    tour = readme[readme.index("## A tour") : readme.index("## Pipelines")]
    shown = re.findall(r"^\$ (?:.*\| )?newsfrag (\w+)", tour, re.M)
    assert shown[0] == "clean"  # clean --explain first
    assert {"clean", "text", "links", "stats"} <= set(shown)
    assert ".venv/bin/pip install . " in readme  # for users, and then how to get it on PATH
    assert "source .venv/bin/activate" in readme
