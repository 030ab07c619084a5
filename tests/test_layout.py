"""The house rules of the package's layout: the library knows nothing of the command
line, modules stay small, and no block of code is written twice."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "newsfrag"
MODULES = sorted(PACKAGE.rglob("*.py"))
LIBRARY = [m for m in MODULES if "cli" not in m.relative_to(PACKAGE).parts]
_UI = re.compile(r"^\s*(from|import) (click|rich)\b", re.M)
_CLI = re.compile(r"^\s*from (\.+cli\b|newsfrag\.cli\b)|^\s*import newsfrag\.cli\b", re.M)


def _name(path: Path) -> str:
    return str(path.relative_to(PACKAGE.parent))


@pytest.mark.parametrize("module", LIBRARY, ids=_name)
def test_only_cli_imports_click_or_rich_and_nothing_else_imports_cli(module: Path) -> None:
    source = module.read_text(encoding="utf-8")
    assert not _UI.search(source)
    assert not _CLI.search(source)


def test_importing_the_whole_library_loads_neither_click_nor_rich() -> None:
    names = [
        ".".join(m.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        for m in LIBRARY
    ]
    code = f"import sys\nfor n in {names!r}: __import__(n)\n"
    code += "print(sorted({'click', 'rich'} & {m.split('.')[0] for m in sys.modules}))"
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "[]"


@pytest.mark.parametrize("module", MODULES, ids=_name)
def test_no_module_is_over_300_lines(module: Path) -> None:
    assert len(module.read_text(encoding="utf-8").splitlines()) <= 300


def _code_lines(path: Path) -> list[tuple[int, str]]:
    """Lines that say something: no blank, comment, import, lone bracket or docstring."""
    out = []
    in_doc = False
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = " ".join(raw.split())
        quotes = line.count('"""')
        if in_doc or quotes:
            if quotes % 2:
                in_doc = not in_doc
            continue
        if not line or line.startswith(("#", "import ", "from ")) or len(line) <= 3:
            continue
        out.append((n, line))
    return out


def test_no_block_of_six_lines_is_written_twice() -> None:
    seen: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for module in MODULES:
        lines = _code_lines(module)
        for i in range(len(lines) - 5):
            window = tuple(text for _, text in lines[i : i + 6])
            seen[window].append(f"{_name(module)}:{lines[i][0]}")
    twice = {places[0]: places[1:] for places in seen.values() if len(places) > 1}
    assert twice == {}
