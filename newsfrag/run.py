"""One loop behind every subcommand: read documents, process each, write in order, report.

A subcommand is a ``Job``: ``process`` turns one document into a result (pure, so
it can run anywhere), ``emit`` turns results into output bytes in input order, and
``finish`` writes what only the whole run knows (totals, unique counts).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import BinaryIO, Generic, TypeVar

from .errors import ExitCode, InputError
from .model import Document

R = TypeVar("R")


class Job(Generic[R]):
    """What a subcommand does with each document; subclasses fill in ``process``."""

    def process(self, doc: Document) -> R:
        raise NotImplementedError

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

    def __init__(self, render: Callable[[Document], bytes]) -> None:
        self.render = render
        self.between = BlankLines()

    def process(self, doc: Document) -> bytes:
        return self.render(doc)

    def emit(self, result: bytes) -> bytes:
        return self.between(result)


class Lines(Job[bytes]):
    """JSON-lines (or line-per-record) output: what ``render`` gives, as it is."""

    def __init__(self, render: Callable[[Document], bytes]) -> None:
        self.render = render

    def process(self, doc: Document) -> bytes:
        return self.render(doc)


def run(
    items: Iterable[Document | InputError],
    job: Job[R],
    out: BinaryIO,
    report: Callable[[InputError], None],
) -> ExitCode:
    """Process every document, report every bad input, and say how the run went."""
    status = ExitCode.OK
    for item in items:
        if isinstance(item, InputError):
            report(item)
            status = ExitCode.BAD_INPUT
            continue
        data = job.emit(job.process(item))
        if data:
            out.write(data)
    if tail := job.finish():
        out.write(tail)
    return status
