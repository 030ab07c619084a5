"""What each of the four commands does with a document, as a ``Job``.

``process`` turns one document into a result (pure, so it can run anywhere: a worker
process, another engine), ``emit`` turns results into output bytes in input order, and
``finish`` writes what only the whole run knows (totals, unique counts). The command
line's one loop (``cli/pipeline.py``) drives them; the bytes come from ``records.py``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from .document import Document
from .records import json_line, text_bytes, tsv_line

# Each job imports its core when it first works: a run pays only for its own command.
if TYPE_CHECKING:
    from .clean import Dropped
    from .clean.rules import Rule
    from .links import Link, LinkOptions
    from .markup import Roots
    from .stats import DocStats

__all__ = ["BlankLines", "Blocks", "CleanJob", "Job", "Lines", "LinksJob", "StatsJob", "text_job"]

R = TypeVar("R")


class Job(Generic[R]):
    """What a subcommand does with each document; subclasses fill in ``process``.

    A job crosses to worker processes (``-j``) by pickling, whatever the start method;
    the fields named in ``main_only`` serve ``emit`` and ``finish`` alone, in the main
    process, and go to workers as None.
    """

    main_only: ClassVar[tuple[str, ...]] = ()

    @property
    def holds_output(self) -> bool:
        """Whether every byte waits for ``finish`` (a table drawn at the end): a progress
        bar may then show on the terminal the output goes to, until then."""
        return False

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        for name in self.main_only:
            state[name] = None
        return state

    def process(self, doc: Document, roots: Roots | None = None) -> R:
        """The result for ``doc``; ``roots``: its fragments already parsed."""
        raise NotImplementedError

    def process_all(self, docs: list[Document]) -> list[R]:
        """``process`` for documents read together, their fragments parsed together."""
        from .markup import parse_documents

        parsed = parse_documents(doc.fragments for doc in docs)
        return [self.process(doc, roots) for doc, roots in zip(docs, parsed, strict=True)]

    def emit(self, result: R) -> bytes:
        assert isinstance(result, bytes)
        return result

    def finish(self) -> bytes:
        return b""


class BlankLines:
    """Plain-text blocks, one per document, joined by a blank line between non-empty ones."""

    def __init__(self) -> None:
        self.started = False

    def __call__(self, block: bytes) -> bytes:
        if not block:
            return b""
        if self.started:
            return b"\n" + block
        self.started = True
        return block


class Blocks(Job[bytes]):
    """Plain-text output: what ``render`` gives for each document, as a block."""

    def __init__(self, render: Callable[[Document, Roots | None], bytes]) -> None:
        self.render = render
        self.between = BlankLines()

    def process(self, doc: Document, roots: Roots | None = None) -> bytes:
        return self.render(doc, roots)

    def emit(self, result: bytes) -> bytes:
        return self.between(result)


class Lines(Job[bytes]):
    """JSON-lines (or line-per-record) output: what ``render`` gives, as it is."""

    def __init__(self, render: Callable[[Document, Roots | None], bytes]) -> None:
        self.render = render

    def process(self, doc: Document, roots: Roots | None = None) -> bytes:
        return self.render(doc, roots)


def text_job(as_json: bool, markdown: bool) -> Job[bytes]:
    """``newsfrag text``: paragraphs, a line each, or a JSON line per document."""
    from .text import render_text

    render = functools.partial(render_text, as_json=as_json, markdown=markdown)
    return Lines(render) if as_json else Blocks(render)


@dataclass
class CleanJob(Job[tuple[bytes, str]]):
    """``newsfrag clean``: the article's fragments; with ``explain``, what was dropped and why."""

    main_only = ("tell",)
    as_json: bool = False
    rules: Sequence[Rule] | None = None  # None: the built-in rules
    keep_boilerplate: bool = False
    explain: bool = False
    tell: Callable[[str], object] = print  # where plain-mode explanations go (stderr)
    favour: str = "balanced"
    repeated: dict[bytes, int] | None = None  # digest of a recurring text: its documents
    _between: BlankLines = field(default_factory=BlankLines)

    def process(self, doc: Document, roots: Roots | None = None) -> tuple[bytes, str]:
        from .clean import clean_fragments
        from .clean.decide import dropped_numbered, kept_numbers
        from .clean.rules import DEFAULT_RULES

        rules = DEFAULT_RULES if self.rules is None else self.rules
        cleaned = clean_fragments(
            doc.fragments,
            rules=rules,
            keep_boilerplate=self.keep_boilerplate,
            roots=roots,
            favour=self.favour,
            repeated=None if self.repeated is None else self._recurs,
        )
        if self.as_json:
            record: dict[str, object] = {"source": doc.source, "fragments": cleaned.fragments}
            record["fragment_numbers"] = list(kept_numbers(doc, cleaned))
            if self.explain:
                record["dropped"] = [_dropped_json(d) for d in dropped_numbered(doc, cleaned)]
            return json_line(record), ""
        body = text_bytes("\n".join(cleaned.fragments) + "\n" if cleaned.fragments else "")
        if not self.explain:
            return body, ""
        dropped = dropped_numbered(doc, cleaned)
        told = "".join(
            f"{doc.source}: fragment {d.fragment} dropped by {d.rule}"
            + (f" ({d.evidence})" if d.evidence else "")
            + (f": {d.text}\n" if d.text else "\n")  # "empty" has no text to show
            for d in dropped
        )
        return body, told

    def _recurs(self, text: str) -> int:
        from .clean.repeats import digest

        assert self.repeated is not None
        return self.repeated.get(digest(text), 0)

    def emit(self, result: tuple[bytes, str]) -> bytes:
        body, told = result
        if told:
            self.tell(told)
        return body if self.as_json else self._between(body)


def _dropped_json(d: Dropped) -> dict[str, object]:
    record: dict[str, object] = {"fragment": d.fragment, "rule": d.rule, "text": d.text}
    if d.evidence:
        record["evidence"] = d.evidence
    return record


@dataclass
class LinksJob(Job["bytes | list[Link]"]):
    """``newsfrag links``: every link, filtered and written where the document was read
    (a worker, with -j); ``--unique`` sends the links on and waits for the whole run."""

    options: LinkOptions
    as_json: bool = False
    header: bool = False  # a TSV header line first (--header)
    _seen: list[Link] = field(default_factory=list)
    _header_done: bool = False

    def process(self, doc: Document, roots: Roots | None = None) -> bytes | list[Link]:
        from .links import document_links, select_links

        links = document_links(doc, self.options.base, roots)
        if self.options.unique:  # filtered now, counted at the end
            return list(select_links(links, replace(self.options, unique=False)))
        return self._write(select_links(links, self.options))

    def emit(self, result: bytes | list[Link]) -> bytes:
        if isinstance(result, bytes):
            return self._head() + result
        self._seen.extend(result)
        return b""

    def finish(self) -> bytes:
        from .links import select_links

        if not self.options.unique:
            return self._head()  # a header alone when no document had a link
        return self._head() + self._write(select_links(self._seen, self.options))

    def _head(self) -> bytes:
        from .links import link_header

        if self.as_json or not self.header or self._header_done:
            return b""
        self._header_done = True
        return text_bytes(tsv_line(link_header(self.options.unique)))

    def _write(self, links: Iterable[Link]) -> bytes:
        if self.as_json:
            return b"".join(json_line(link.to_json()) for link in links)
        return text_bytes("".join(tsv_line(link.cells()) for link in links))


@dataclass
class StatsJob(Job["DocStats"]):
    """``newsfrag stats``: a row per document as it comes, or all at the end when sorted,
    totalled or drawn as a table."""

    main_only = ("table",)
    as_json: bool = False
    only_total: bool = False
    sort: str | None = None
    reverse: bool = False
    table: Callable[[list[DocStats], DocStats | None], bytes] | None = None
    header: bool = True  # the TSV header line first (--no-header leaves it out)
    _rows: list[DocStats] = field(default_factory=list)
    _header_done: bool = False

    def process(self, doc: Document, roots: Roots | None = None) -> DocStats:
        from .stats import document_stats

        return document_stats(doc, roots)

    @property
    def holds_output(self) -> bool:
        return self.table is not None

    @property
    def _buffered(self) -> bool:
        return self.only_total or self.sort is not None or self.table is not None

    def emit(self, result: DocStats) -> bytes:
        if self._buffered:
            self._rows.append(result)
            return b""
        return self._header() + self._format([result])

    def finish(self) -> bytes:
        from .stats import sort_stats, total

        rows = self._rows
        if self.sort is not None:
            rows = sort_stats(rows, self.sort, self.reverse)
        totals = total(rows) if rows else None
        if self.table is not None:
            if self.only_total:
                return self.table([], totals if totals else total([]))
            return self.table(rows, totals if len(rows) > 1 else None)
        if self.only_total:
            return self._header() + self._format([total(rows)])
        return self._header() + self._format(rows)

    def _header(self) -> bytes:
        from .stats import tsv_header

        if self.as_json or self._header_done or not self.header:
            return b""
        self._header_done = True
        return text_bytes(tsv_header())

    def _format(self, rows: list[DocStats]) -> bytes:
        from .stats import tsv_row

        if self.as_json:
            return b"".join(json_line(r.to_json()) for r in rows)
        return text_bytes("".join(tsv_row(r) for r in rows))
