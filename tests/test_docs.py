"""The manual pages and the README tell the truth about newsfrag, and keep telling it.

A user of a Unix tool reads ``man newsfrag-links``, not the source: every option that
``--help`` shows is in the command's page, every page is roff that groff reads without
a warning, the README's console examples and the pages' ``$`` sessions print what
they show, and the wheel installs the pages where ``man`` finds them.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
import warnings
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from newsfrag import __version__
from newsfrag.cli.commands import cli
from newsfrag.errors import ExitCode
from newsfrag.read.forms import FORMS
from newsfrag.stats import DEFINITIONS, FIELDS

ROOT = Path(__file__).resolve().parent.parent
MAN = ROOT / "man"
README = ROOT / "README.md"
COMMANDS = sorted(cli.commands)
PAGES = sorted(["newsfrag.1", *(f"newsfrag-{name}.1" for name in COMMANDS), "newsfrag-forms.5"])
# What a reader of a section-1 page expects, in this order; other sections may come between.
COMMAND_SECTIONS = (
    *("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "OUTPUT", "EXIT STATUS", "EXAMPLES"),
    "SEE ALSO",
)
FORMS_SECTIONS = ("NAME", "SYNOPSIS", "DESCRIPTION", "EXAMPLES", "SEE ALSO")
SHELLS = ("bash", "zsh", "fish")


# -- Reading roff ------------------------------------------------------------------

# The macros and requests a page may use: the man macros and a few plain requests.
# groff -ww warns of any other (an undefined macro), and other formatters may not know it.
_MACROS = frozenset(
    "TH SH SS PP LP P TP IP RS RE EX EE nf fi B I BR RB BI IB IR RI SM br sp ad ta UR UE"
    " if char".split()
)
# Fonts a page may switch to: bold, italic, roman and back.
_FONTS = frozenset("BIRP")
_NAMED = {
    "aq": "'",
    "dq": '"',
    "ga": "`",
    "ti": "~",
    "ha": "^",
    "em": "\u2014",
    "en": "\u2013",
    "co": "\u00a9",
    "lq": "\u201c",
    "rq": "\u201d",
    "bu": "\u2022",
}
_COMPOSITES = {"'e": "\u00e9"}
_ONE = {"-": "-", "e": "\\", "&": "", "%": "", "t": "\t", "|": "", "^": "", " ": " "}
_ESCAPE = re.compile(
    r"\\(?:\((?P<two>..)|\[(?P<long>[^\]]*)\]|f(?:\[(?P<flong>[^\]]*)\]|(?P<font>.))|(?P<one>.))"
)
# Glyphs beyond Latin-1 that groff's default device (PostScript) has: any other
# needs a ".if !c \[uXXXX] .char ..." fallback in the page, or groff -ww warns.
_PS_GLYPHS = frozenset({0x2010, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026})
_FALLBACK = re.compile(r"^\.if !c \\\[u([0-9A-F]{4,5})\] \.char \\\[u\1\] U\+\1$", re.M)


class RoffError(ValueError):
    """A line of a page that is not roff the tests (and groff) can read."""


def _unescape(text: str) -> str:
    """The characters a roff text line prints, fonts aside."""

    def one(m: re.Match[str]) -> str:
        if (name := m["two"]) is not None:
            if name not in _NAMED:
                raise RoffError(f"unknown character \\({name}")
            return _NAMED[name]
        if (name := m["long"]) is not None:
            if re.fullmatch(r"u[0-9A-F]{4,5}", name):
                return chr(int(name[1:], 16))
            if name not in _COMPOSITES:
                raise RoffError(f"unknown character \\[{name}]")
            return _COMPOSITES[name]
        if m["flong"] is not None or m["font"] is not None:
            font = m["flong"] if m["flong"] is not None else m["font"]
            if font not in _FONTS:
                raise RoffError(f"font \\f{font} (use B, I, R or P)")
            return ""
        char = m["one"]
        if char not in _ONE:
            raise RoffError(f"unknown escape \\{char} (a backslash is \\e)")
        return _ONE[char]

    if text.endswith("\\"):
        raise RoffError("a line that ends in a backslash")
    return _ESCAPE.sub(one, text)


def _macro_args(line: str) -> tuple[str, list[str]]:
    """``.BR a "b c"`` as ``("BR", ["a", "b c"])``: roff's quoting, ``""`` a quote in quotes."""
    name, _, rest = line[1:].partition(" ")
    args: list[str] = []
    i = 0
    while i < len(rest):
        if rest[i] == " ":
            i += 1
        elif rest[i] == '"':
            arg, i = "", i + 1
            while i < len(rest) and not (rest[i] == '"' and rest[i + 1 : i + 2] != '"'):
                arg += rest[i]
                i += 2 if rest[i : i + 2] == '""' else 1
            args.append(arg)
            i += 1
        else:
            end = rest.find(" ", i)
            end = len(rest) if end < 0 else end
            args.append(rest[i:end])
            i = end
    return name, args


def roff_text(lines: list[str]) -> str:
    """The words that roff lines print, as one line of text (for looking things up)."""
    words: list[str] = []
    for line in lines:
        if line.startswith('.\\"'):
            continue
        if line.startswith("."):
            name, args = _macro_args(line)
            if name in ("B", "I", "SM"):
                words.append(" ".join(args))
            elif len(name) == 2 and set(name) <= set("BIR"):
                words.append("".join(args))
            continue
        words.append(line)
    return " ".join(_unescape(" ".join(words)).split())


@dataclass
class Page:
    """A manual page: its roff lines and its sections by name."""

    name: str
    lines: list[str]
    sections: dict[str, list[str]] = field(default_factory=dict)

    @property
    def section_names(self) -> list[str]:
        return list(self.sections)

    def source(self, section: str | None = None) -> str:
        """The roff of a section (or of the page), font changes taken out."""
        lines = self.lines if section is None else self.sections.get(section, [])
        return re.sub(r"\\f(?:\[[^\]]*\]|.)", "", "\n".join(lines))


@cache
def page(name: str) -> Page:
    path = MAN / name
    assert path.is_file(), f"man/{name} is missing"
    lines = path.read_text(encoding="ascii").splitlines()
    parsed = Page(name, lines)
    current: list[str] | None = None
    for line in lines:
        if line.startswith(".SH "):
            current = parsed.sections.setdefault(line[4:].strip().strip('"'), [])
        elif current is not None:
            current.append(line)
    return parsed


def roff_problems(name: str) -> list[str]:
    """What a careful formatter would say of a page: groff -ww's warnings that can be
    told without groff, and the slips that make a page render badly or copy wrongly."""
    text = (MAN / name).read_bytes()
    problems: list[str] = []
    try:
        source = text.decode("ascii")
    except UnicodeDecodeError as e:
        return [f"byte {e.start}: not ASCII (write \\[uXXXX], as groff reads Latin-1)"]
    if not source.endswith("\n"):
        problems.append(f"{name}: no line break at the end")
    fallbacks = {int(cp, 16) for cp in _FALLBACK.findall(source)}
    depth = {"RS": 0, "EX": 0, "nf": 0}
    closers = {"RE": "RS", "EE": "EX", "fi": "nf"}
    seen_th = False
    for number, line in enumerate(source.splitlines(), 1):
        where = f"{name}:{number}"
        if not line.strip():
            problems.append(f"{where}: a blank line (write .PP, or \\& in an example)")
            continue
        if line != line.rstrip() or re.search(r"[\x00-\x08\x0b-\x1f\x7f]", line):
            problems.append(f"{where}: trailing white space or a control character")
        if line.startswith("'"):
            problems.append(f"{where}: a line that starts with ' (write \\(aq)")
        if line.startswith('.\\"'):
            continue
        if line.startswith("."):
            macro, args = _macro_args(line)
            if macro not in _MACROS:
                problems.append(f"{where}: .{macro} is not a man macro this project uses")
            if macro == "TH":
                seen_th = True
            elif macro == "SH" and not seen_th:
                problems.append(f"{where}: .SH before .TH")
            if macro in depth:
                if macro in ("EX", "nf") and depth[macro]:
                    problems.append(f"{where}: .{macro} inside .{macro}")
                depth[macro] += 1
            elif macro in closers:
                depth[closers[macro]] -= 1
                if depth[closers[macro]] < 0:
                    problems.append(f"{where}: .{macro} without .{closers[macro]}")
            text_part = " ".join(args) if macro not in ("if", "char") else ""
        else:
            text_part = line
        try:
            _unescape(text_part)
        except RoffError as e:
            problems.append(f"{where}: {e}")
            continue
        for cp in re.findall(r"\\\[u([0-9A-F]{4,5})\]", text_part):
            code = int(cp, 16)
            if code > 0xFF and code not in _PS_GLYPHS and code not in fallbacks:
                problems.append(f"{where}: \\[u{cp}] has no PostScript glyph and no fallback")
        raw = _ESCAPE.sub("\x00", text_part)  # what is written without an escape
        in_example = depth["EX"] > 0 or depth["nf"] > 0
        if in_example and (bad := set(raw) & set("-'`^~")):
            # On a UTF-8 terminal groff prints these as typographic characters, and a
            # command copied from the page no longer runs: \- \(aq \(ga \(ha \(ti.
            problems.append(f"{where}: raw {''.join(sorted(bad))} in an example")
        if not in_example and re.search(r"(?:^|[\s(\[|])--?[A-Za-z]", raw):
            problems.append(f"{where}: an option written with a raw - (write \\-)")
    problems += [f"{name}: .{m} left open" for m, n in depth.items() if n > 0]
    if not seen_th:
        problems.append(f"{name}: no .TH")
    return problems


# -- Running examples --------------------------------------------------------------

# The programs an example may run: newsfrag, and tools every Unix machine has.
_TOOLS = frozenset({"newsfrag", "printf", "echo", "head", "tail", "sort", "cut", "wc", "tr"})


@dataclass
class Step:
    """A ``$ command`` of an example and the lines it shows after it."""

    command: str
    shown: list[str] = field(default_factory=list)


@dataclass
class Session:
    """A console example: where it is, and its steps in order."""

    where: str
    steps: list[Step]


def readme_sessions() -> list[Session]:
    """Every ```console block of the README, as ``$`` commands and what each shows."""
    text = README.read_text(encoding="utf-8")
    sessions = []
    for m in re.finditer(r"^```console\n(.*?)^```$", text, re.M | re.S):
        line = text.count("\n", 0, m.start()) + 2
        sessions.append(Session(f"README.md:{line}", _steps(m[1].splitlines())))
    return sessions


def page_sessions() -> list[Session]:
    """Every example of the pages whose first line is a ``$`` command."""
    sessions = []
    for name in PAGES:
        lines = page(name).lines
        for i, line in enumerate(lines):
            if line != ".EX":
                continue
            end = lines.index(".EE", i)
            body = [_unescape(x) for x in lines[i + 1 : end] if not x.startswith(".")]
            if body and body[0].startswith("$ "):
                sessions.append(Session(f"man/{name}:{i + 2}", _steps(body)))
    return sessions


def _steps(lines: list[str]) -> list[Step]:
    steps: list[Step] = []
    for line in lines:
        if line.startswith("$ "):
            steps.append(Step(line[2:]))
        elif steps:
            steps[-1].shown.append(line)
        else:
            steps.append(Step("", [line]))  # output with no command: refused below
    return steps


def _pipeline_problem(command: str) -> str | None:
    """Why ``command`` is not an example the tests run, or None: only pipelines of
    newsfrag and everyday tools, no redirection, no expansion, no second command."""
    if command == "echo $?":
        return None
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    try:
        tokens = list(lexer)
    except ValueError as e:
        return f"cannot be split into words: {e}"
    operators = [t for t in tokens if t and set(t) <= set("();<>|&")]
    if bad := [t for t in operators if t != "|"]:
        return f"{bad[0]!r}: only pipelines are run"
    stages: list[list[str]] = [[]]
    for token in tokens:
        if token in operators:
            stages.append([])
        else:
            stages[-1].append(token)
    if any("$" in t or "`" in t for t in tokens):
        return "a $ or ` expansion: the output would depend on the shell"
    programs = [stage[0] if stage else "" for stage in stages]
    if unknown := [p for p in programs if p not in _TOOLS]:
        return f"runs {', '.join(map(repr, unknown))}: only {', '.join(sorted(_TOOLS))} are run"
    if "newsfrag" not in programs:
        return "no newsfrag in it"
    return None


def _newsfrag() -> Path:
    """The installed newsfrag: the console script beside this Python."""
    script = Path(sys.executable).parent / "newsfrag"
    assert script.is_file(), f"no {script}: install the package first (pip install -e .)"
    return script


def _environment() -> dict[str, str]:
    """The user's environment, with the installed newsfrag first on PATH."""
    scripts = _newsfrag().parent
    env = dict(os.environ)
    env.pop("_NEWSFRAG_COMPLETE", None)
    env["PATH"] = f"{scripts}{os.pathsep}{env.get('PATH', '')}"
    return env


def _lines(data: bytes) -> list[str]:
    text = data.decode("utf-8")
    return text.removesuffix("\n").split("\n") if text else []


def _interleaves(shown: list[str], out: list[str], err: list[str]) -> bool:
    """Whether ``shown`` is ``out`` and ``err`` merged, each in its own order.

    A terminal shows both streams in one; which comes first where they meet depends
    on buffering (PYTHONUNBUFFERED, say), so only each stream's own order is checked.
    """
    if len(shown) != len(out) + len(err):
        return False
    can = [[False] * (len(err) + 1) for _ in range(len(out) + 1)]
    can[0][0] = True
    for i in range(len(out) + 1):
        for j in range(len(err) + 1):
            if i and out[i - 1] == shown[i + j - 1] and can[i - 1][j]:
                can[i][j] = True
            if j and err[j - 1] == shown[i + j - 1] and can[i][j - 1]:
                can[i][j] = True
    return can[len(out)][len(err)]


def run_session(session: Session, trim: bool) -> None:
    """Run each step in the repository's root and compare with what it shows.

    ``echo $?`` shows the status of the step before; any other step that is not
    followed by one must succeed. ``trim``: compare without trailing white space,
    which a manual page cannot hold.
    """
    bash = shutil.which("bash")
    assert bash is not None, "the examples run in bash, and there is no bash on PATH"
    env = _environment()
    status: int | None = None
    for i, step in enumerate(session.steps):
        where = f"{session.where}: $ {step.command}"
        assert step.command, f"{session.where}: output shown before any $ command"
        assert (problem := _pipeline_problem(step.command)) is None, f"{where}: {problem}"
        if step.command == "echo $?":
            assert status is not None, f"{where}: no command before it"
            assert step.shown == [str(status)], f"{where}: the status was {status}"
            continue
        ran = subprocess.run(
            [bash, "-c", step.command], cwd=ROOT, env=env, capture_output=True, timeout=120
        )
        out, err = _lines(ran.stdout), _lines(ran.stderr)
        shown = step.shown
        if trim:
            out, err, shown = ([x.rstrip() for x in xs] for xs in (out, err, shown))
        assert _interleaves(shown, out, err), (
            (f"{where}\nshows:\n" + "\n".join(shown) + "\nprints on stdout:\n" + "\n".join(out))
            + "\nand on stderr:\n"
            + "\n".join(err)
        )
        status = ran.returncode
        checked = i + 1 < len(session.steps) and session.steps[i + 1].command == "echo $?"
        assert checked or status == 0, f"{where}: exit status {status}; show it with echo $?"


# -- The tests ---------------------------------------------------------------------


def test_there_is_a_page_for_every_command_and_none_for_another() -> None:
    assert sorted(p.name for p in MAN.iterdir()) == PAGES


def _options(name: str) -> list[str]:
    """Every option string of a command, as click knows it (help included)."""
    group = click.Context(cli, info_name="newsfrag", **cli.context_settings)
    command = cli.commands[name]
    context = click.Context(command, info_name=name, parent=group)
    return [
        opt
        for param in command.get_params(context)
        if isinstance(param, click.Option) and not param.hidden
        for opt in (*param.opts, *param.secondary_opts)
    ]


def _mentions_option(roff: str, option: str) -> bool:
    escaped = re.escape(option.replace("-", "\\-"))
    return re.search(rf"(?<![\w-])(?<!\\-){escaped}(?![\w=]|\\-)", roff) is not None


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_that_help_shows_is_in_the_command_page(name: str) -> None:
    help_text = CliRunner().invoke(cli, [name, "--help"]).output
    options = _options(name)
    assert options, f"no options found for {name}"
    not_shown = [o for o in options if not re.search(rf"(?<![\w-]){re.escape(o)}\b", help_text)]
    assert not_shown == [], f"options of {name} that --help does not show: {not_shown}"
    documented = page(f"newsfrag-{name}.1").source("OPTIONS")
    missing = [o for o in options if not _mentions_option(documented, o)]
    assert missing == [], f"man/newsfrag-{name}.1 OPTIONS lacks {missing}"


def test_every_option_of_newsfrag_itself_is_in_the_overview() -> None:
    group = click.Context(cli, info_name="newsfrag", **cli.context_settings)
    options = [
        opt
        for param in cli.get_params(group)
        if isinstance(param, click.Option)
        for opt in (*param.opts, *param.secondary_opts)
    ]
    documented = page("newsfrag.1").source("OPTIONS")
    assert [o for o in options if not _mentions_option(documented, o)] == []


def test_every_command_is_in_the_overview_and_its_see_also() -> None:
    overview = page("newsfrag.1")
    tags = set(re.findall(r"^\.TP\n\.B (\S+)$", overview.source("COMMANDS"), re.M))
    assert tags == set(COMMANDS)
    see_also = overview.source("SEE ALSO")
    for name in COMMANDS:
        assert f".BR newsfrag\\-{name} (1)" in see_also


def test_every_long_option_a_page_names_is_one_newsfrag_has() -> None:
    known = {o for name in COMMANDS for o in _options(name)} | {"--debug", "--version"}
    for name in PAGES:
        named = set(re.findall(r"(?<![\w-])\\-\\-[a-z][a-z\\-]*[a-z]", page(name).source()))
        unknown = {o.replace("\\-", "-") for o in named} - known
        assert unknown == set(), f"man/{name} names options newsfrag does not have: {unknown}"


@pytest.mark.parametrize("name", PAGES)
def test_every_page_has_the_sections_a_man_reader_expects(name: str) -> None:
    expected = FORMS_SECTIONS if name.endswith(".5") else COMMAND_SECTIONS
    found = [s for s in page(name).section_names if s in expected]
    assert found == list(expected)


@pytest.mark.parametrize("name", PAGES)
def test_every_page_heads_with_its_name_section_and_the_version(name: str) -> None:
    th = next(line for line in page(name).lines if line.startswith(".TH "))
    title, section, date, source, manual = _macro_args(th)[1]
    stem, _, suffix = name.rpartition(".")
    assert (title, section) == (stem.upper(), suffix)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", date)
    assert source == f"newsfrag {__version__}"
    assert manual == ("File Formats" if suffix == "5" else "User Commands")
    assert roff_text(page(name).sections["NAME"]).startswith(f"{stem} - ")


@pytest.mark.parametrize("name", [p for p in PAGES if p.endswith(".1")])
def test_every_exit_status_is_in_every_command_page(name: str) -> None:
    statuses = re.findall(r"^\.TP\n\.B (\d+)$", page(name).source("EXIT STATUS"), re.M)
    assert statuses == [str(int(code)) for code in ExitCode]


def test_the_forms_page_describes_every_form() -> None:
    tags = re.findall(r"^\.TP\n\.B (\w+)$", page("newsfrag-forms.5").source("FORMS"), re.M)
    assert tags == list(FORMS)


def test_the_stats_page_states_the_definition_of_every_figure() -> None:
    figures = page("newsfrag-stats.1").sections["FIGURES"]
    tags = re.findall(r"^\.TP\n\.B (\w+)$", "\n".join(figures), re.M)
    assert tags == list(FIELDS)
    text = roff_text(figures)
    for name, definition in DEFINITIONS.items():
        wanted = " ".join(definition.replace("`", "").split())
        assert wanted in text, f"the stats page does not define {name} as {definition!r}"


def test_the_clean_page_names_every_rule_that_explain_can_print() -> None:
    from newsfrag.clean.rules import DEFAULT_RULES, MARKUP_RULES

    text = roff_text(page("newsfrag-clean.1").lines)
    names = [*MARKUP_RULES, *(rule.name for rule in DEFAULT_RULES)]
    assert [n for n in names if not re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)] == []


def test_the_clean_page_names_every_tag_that_clean_keeps() -> None:
    from newsfrag.clean import KEPT_TAGS

    markup = page("newsfrag-clean.1").source("DESCRIPTION")
    named = set(re.findall(r"^\.BR? (\w+)(?: [,.])?$", markup, re.M))
    assert KEPT_TAGS - named == set()


@pytest.mark.parametrize("name", PAGES)
def test_every_page_is_roff_that_renders_well_everywhere(name: str) -> None:
    assert roff_problems(name) == []


@pytest.mark.parametrize("name", PAGES)
def test_groff_prints_no_warning_for_any_page(name: str) -> None:
    groff = shutil.which("groff")
    if groff is None:
        # A fresh machine with Python and pip (the README's promise, and CI) need not
        # have groff: the checks that need no groff stand in, and the run says so.
        warnings.warn(
            "groff is not installed: man pages checked without it (apt install groff)",
            stacklevel=1,
        )
        assert roff_problems(name) == []
        return
    for device in ([], ["-Tutf8"]):  # groff's default device (PostScript), and a terminal
        ran = subprocess.run(
            [groff, "-man", "-ww", "-z", *device, str(MAN / name)], capture_output=True
        )
        assert (ran.returncode, ran.stderr.decode()) == (0, "")


def _ids(sessions: list[Session]) -> list[str]:
    return [s.where for s in sessions]


@pytest.mark.parametrize("session", readme_sessions(), ids=_ids(readme_sessions()))
def test_every_console_example_in_the_readme_prints_what_it_shows(session: Session) -> None:
    run_session(session, trim=False)


@pytest.mark.parametrize("session", page_sessions(), ids=_ids(page_sessions()))
def test_every_session_in_the_pages_prints_what_it_shows(session: Session) -> None:
    run_session(session, trim=True)


def test_the_readme_and_every_command_page_show_examples_that_run() -> None:
    assert readme_sessions(), "README.md has no ```console example"
    for name in COMMANDS:
        assert any(
            s.where.startswith(f"man/newsfrag-{name}.1:")
            and s.steps[0].command.rstrip().endswith(f"newsfrag {name}")
            for s in page_sessions()
        ), f"man/newsfrag-{name}.1 shows no plain output of newsfrag {name}"


def test_the_example_checker_refuses_what_it_cannot_run_safely() -> None:
    assert _pipeline_problem("printf 'a\\n' | newsfrag text | head -1") is None
    assert _pipeline_problem("echo $?") is None
    assert _pipeline_problem("newsfrag text a > b") is not None
    assert _pipeline_problem("newsfrag text a; rm -rf b") is not None
    assert _pipeline_problem("newsfrag text $(cat list)") is not None
    assert _pipeline_problem("jq . x | newsfrag text") is not None
    assert _pipeline_problem("head -1 README.md") is not None
    assert _interleaves(["o1", "e1", "o2"], ["o1", "o2"], ["e1"])
    assert not _interleaves(["o2", "o1"], ["o1", "o2"], [])


def test_the_wheel_installs_every_page_where_man_finds_it() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = pyproject.get("tool", {}).get("hatch", {}).get("build", {}).get("targets", {})
    shared = wheel.get("wheel", {}).get("shared-data", {})
    wanted = {f"man/{p}": f"share/man/man{p.rpartition('.')[2]}/{p}" for p in PAGES}
    snippet = "\n".join(f'"{k}" = "{v}"' for k, v in wanted.items())
    found = {k: v for k, v in shared.items() if k.startswith("man")}
    assert found == wanted, (
        f"pyproject.toml should have\n[tool.hatch.build.targets.wheel.shared-data]\n{snippet}"
    )


def _completion_script(shell: str) -> str:
    ran = subprocess.run(
        [_newsfrag()],
        env={**_environment(), "_NEWSFRAG_COMPLETE": f"{shell}_source"},
        capture_output=True,
        check=True,
    )
    return ran.stdout.decode()


_REGISTERS = {
    "bash": "complete -o nosort -F _newsfrag_completion newsfrag",
    "zsh": "compdef _newsfrag_completion newsfrag",
    "fish": 'complete --no-files --command newsfrag --arguments "(_newsfrag_completion)"',
}


@pytest.mark.parametrize("shell", SHELLS)
def test_the_completion_line_the_docs_give_writes_the_shell_script(shell: str) -> None:
    line = f"_NEWSFRAG_COMPLETE={shell}_source newsfrag"
    assert line in README.read_text(encoding="utf-8")
    assert line in roff_text(page("newsfrag.1").sections["SHELL COMPLETION"])
    assert _REGISTERS[shell] in _completion_script(shell)


def test_completion_offers_commands_options_and_choices() -> None:
    def complete(words: str, cword: int) -> list[str]:
        env = {
            **_environment(),
            "_NEWSFRAG_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(cword),
        }
        ran = subprocess.run([_newsfrag()], env=env, capture_output=True, check=True)
        return ran.stdout.decode().split()

    assert complete("newsfrag ", 1) == [f"plain,{name}" for name in COMMANDS]
    assert complete("newsfrag links --sch", 2) == ["plain,--scheduler", "plain,--scheme"]
    assert complete("newsfrag text --from ", 3) == [f"plain,{form}" for form in FORMS]
    assert complete("newsfrag stats --sort ", 3) == [f"plain,{f}" for f in ("source", *FIELDS)]
    assert complete("newsfrag links --scheme https,ma", 3) == [  # in the list's order
        "plain,https,mailto",
        "plain,https,magnet",
        "plain,https,market",
    ]


def _json_keys(record: object) -> set[str]:
    if isinstance(record, dict):
        return set(record) | {k for v in record.values() for k in _json_keys(v)}
    if isinstance(record, list):
        return {k for v in record for k in _json_keys(v)}
    return set()


def test_every_json_field_is_in_the_one_table_of_fields() -> None:
    import json

    examples = str(Path(__file__).resolve().parent.parent / "examples")
    runner = CliRunner()
    keys: set[str] = set()
    for args in (
        ["text", "--json"],
        ["clean", "--json", "--explain"],
        ["links", "--json", "--unique"],
        ["stats", "--json"],
    ):
        out = runner.invoke(cli, [*args, examples], catch_exceptions=False).stdout
        keys |= {k for line in out.splitlines() for k in _json_keys(json.loads(line))}
    table = "\n".join(page("newsfrag-forms.5").sections["FIELDS"])
    named = set(re.findall(r"^\.TP\n\.B (\w+)$", table, re.M))
    assert keys >= {"fragment_numbers", "word_count", "count", "evidence", "paragraphs"}
    assert keys - named == set(), "fields missing from newsfrag-forms(5) FIELDS"
    assert named - keys == set(), "FIELDS names what no command writes"
