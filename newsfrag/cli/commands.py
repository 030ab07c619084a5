"""The command line: options in, one call into the core per command, an exit status out."""

from __future__ import annotations

import functools
import io
from typing import Any

import click

from .. import __version__
from ..errors import NewsfragError
from ..vocab import LABELS, SCHEMES
from ..vocab import STATS_FIELDS as FIELDS
from .env import Env
from .main import NewsfragGroup
from .options import Inputs, current_env, input_options, readable_twice
from .params import CommaList, Named
from .pipeline import count_repeats, execute


@click.group(
    "newsfrag",
    cls=NewsfragGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="""\b
Examples:
  newsfrag text article.txt
  newsfrag clean --json raw/ | newsfrag links | cut -f1 | sort -u
  newsfrag stats --total corpus/

\b
More: newsfrag COMMAND --help, man newsfrag, man newsfrag-COMMAND,
man 5 newsfrag-forms
""",
)
@click.version_option(__version__, "-V", "--version", prog_name="newsfrag")
@click.option("--debug", is_flag=True, help="Show a traceback on an internal error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Read, clean and measure news fragment files.

    A fragment file is an article scraped paragraph by paragraph: a list of HTML
    fragments, as a Python list, a JSON array, JSON lines, an HTML page, or one
    fragment a line. Each subcommand reads files, directories or standard input.
    """
    if not isinstance(ctx.obj, Env):
        ctx.obj = Env.from_sys()


@cli.command(
    epilog="""\b
Examples:
  newsfrag text article.txt
  newsfrag text --json corpus/ | jq -r .source
  newsfrag clean raw/ | newsfrag text --markdown
""",
)
@input_options
@click.option("--markdown", is_flag=True, help="Keep bold, italics and links as Markdown.")
def text(inputs: Inputs, markdown: bool) -> int:
    """Print the text of each article, one paragraph a line."""
    from ..jobs import text_job

    return execute(inputs, text_job(inputs.as_json, markdown))


@cli.command(
    epilog="""\b
Examples:
  newsfrag clean raw/ > clean.txt
  newsfrag clean --json raw/ | newsfrag links | cut -f1 | sort -u
  newsfrag clean --json --explain article.txt | jq .dropped
  newsfrag clean --repeated 5 --favour precision site-scrape/ > clean.txt
""",
)
@input_options
@click.option(
    "--explain",
    is_flag=True,
    help="Say what dropped each fragment and on what evidence: a 'dropped' list with --json, "
    "else on stderr.",
)
@click.option(
    "--favour",
    "--favor",
    type=click.Choice(["precision", "balanced", "recall"]),
    default="balanced",
    show_default=True,
    help="The classifier's trade-off: drop more boilerplate (precision) or lose less article "
    "(recall).",
)
@click.option(
    "--repeated",
    metavar="N",
    type=click.IntRange(min=2),
    help="Also drop a fragment found in N or more of the run's documents (a site's footer, "
    "promo or byline box), unless most of the article recurs; reads FILEs twice.",
)
@click.option(
    "--rules",
    "rules_file",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="Add the rules in FILE (NAME<TAB>REGEX[<TAB>OPTIONS] a line) to the built-in ones.",
)
@click.option(
    "--keep-boilerplate",
    is_flag=True,
    help="Clean the markup but drop no boilerplate (empty and duplicate fragments still go).",
)
def clean(
    inputs: Inputs,
    explain: bool,
    favour: str,
    repeated: int | None,
    rules_file: str | None,
    keep_boilerplate: bool,
) -> int:
    """Keep the article: boilerplate and junk markup out.

    Writes the article's own fragments with a small set of inline tags (a, b,
    strong, i, em, br, sub, sup, code): the stream the other commands read. A
    fragment goes when a named rule names it, or when a classifier weighing its
    length, links, stopwords, punctuation and place in the document finds it
    unlikely to be article.
    """
    from ..clean.rules import DEFAULT_RULES, load_rules
    from ..jobs import CleanJob

    rules = None
    if rules_file is not None:
        try:
            rules = (*DEFAULT_RULES, *load_rules(rules_file))
        except NewsfragError as e:
            raise click.BadParameter(str(e), param_hint="--rules") from None
    env = current_env()
    job = CleanJob(inputs.as_json, rules, keep_boilerplate, explain, env.stderr.write, favour)
    if repeated is not None:
        if keep_boilerplate:
            raise click.UsageError("--repeated drops boilerplate: not with --keep-boilerplate")
        if not inputs.paths or not all(map(readable_twice, inputs.paths)):
            raise click.UsageError(
                "--repeated reads the input twice: give files or folders, not standard "
                "input or a pipe"
            )
        job.repeated = count_repeats(inputs, repeated)
    return execute(inputs, job)


@cli.command(
    epilog="""\b
Examples:
  newsfrag links article.txt | cut -f1
  newsfrag links --json --base https://www.bbc.co.uk/news/ raw/ | jq -r .url | sort -u
  newsfrag links --unique --external --domain bbc.co.uk raw/
""",
)
@input_options
@click.option(
    "--base", metavar="URL", help="Resolve relative links against URL, as a browser would."
)
@click.option("--domain", metavar="HOST", help="The site's own host, for --internal/--external.")
@click.option("--unique", is_flag=True, help="Each URL once, at its first place, with a count.")
@click.option("--internal", is_flag=True, help="Only links to the site's own host.")
@click.option("--external", is_flag=True, help="Only links to other hosts.")
@click.option(
    "--scheme",
    "schemes",
    type=CommaList(SCHEMES),
    metavar="LIST",
    help=f"Only links with these schemes, e.g. https,mailto (of: {', '.join(SCHEMES)}).",
)
@click.option(
    "--header/--no-header",
    default=False,
    show_default=True,
    help="A first line naming the columns: url, text, source, fragment (and count).",
)
def links(
    inputs: Inputs,
    base: str | None,
    domain: str | None,
    unique: bool,
    internal: bool,
    external: bool,
    schemes: frozenset[str] | None,
    header: bool,
) -> int:
    """List every link with its text and place."""
    from ..jobs import LinksJob
    from ..links import LinkOptions, check_options

    options = LinkOptions(base, domain, unique, internal, external, schemes)
    try:
        check_options(options)
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    return execute(inputs, LinksJob(options, inputs.as_json, header))


@cli.command(
    epilog="""\b
Examples:
  newsfrag stats article.txt
  newsfrag stats corpus/ | sort -t$'\\t' -k4n | tail
  newsfrag stats --total --json corpus/
""",
)
@input_options
@click.option("--total", "only_total", is_flag=True, help="Only the totals over every document.")
@click.option(
    "--sort",
    type=Named(("source", *FIELDS), {label: f for f, label in LABELS.items()}),
    metavar="FIELD",
    help=f"Sort the rows by FIELD: source, {', '.join(FIELDS)} "
    "(or a short name, as the table heads them: words, links...).",
)
@click.option("--reverse", is_flag=True, help="With --sort: largest first.")
@click.option(
    "--header/--no-header",
    default=True,
    show_default=True,
    help="A first line naming the columns (tab-separated output).",
)
def stats(inputs: Inputs, only_total: bool, sort: str | None, reverse: bool, header: bool) -> int:
    """Count words, sentences and links of each document."""
    from ..jobs import StatsJob

    if reverse and sort is None:
        raise click.UsageError("--reverse needs --sort FIELD: the rows come in input order")
    env = current_env()
    table = None
    if env.stdout_isatty and not inputs.as_json and inputs.output is None:
        table = functools.partial(_draw_table, color=inputs.color, environ=env.environ)
    job = StatsJob(inputs.as_json, only_total, sort, reverse, table, header)
    return execute(inputs, job)


def _draw_table(rows: list[Any], totals: Any, *, color: str, environ: Any) -> bytes:
    from .console import make_console, print_stats_table

    buffer = io.StringIO()
    # Drawn into a buffer that goes to the terminal on stdout: it is a terminal.
    console = make_console(buffer, color, terminal=True, environ=environ)
    print_stats_table(console, rows, totals)
    return buffer.getvalue().encode("utf-8")
