"""JSON-lines and ``lines`` streams: batches of numbered lines, and their documents.

A stream is cut into batches of about a megabyte (never inside a document), so a
stream of any size is read in bounded memory and its batches can be decoded in
worker processes. Errors name the line: ``SOURCE:LINE``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal, NamedTuple

from ..document import Document
from ..errors import InputError
from .forms import parse_jsonl_record
from .pylist import looks_like_code

__all__ = ["Records", "batches", "decode_error", "record_documents"]

_BATCH_BYTES = 1 << 20


class Records(NamedTuple):
    """A batch of numbered lines of a JSON-lines or ``lines`` stream, cut between documents."""

    source: str
    form: Literal["jsonl", "lines"]
    lines: list[tuple[int, bytes]]
    first: bool  # the stream's first batch: a ``lines`` stream is checked for code there


def decode_error(source: str, data: bytes, e: UnicodeDecodeError, line: int = 0) -> InputError:
    line_start = data.rfind(b"\n", 0, e.start) + 1
    return InputError(
        source,
        f"not valid UTF-8 (byte 0x{data[e.start]:02x}); "
        "--encoding-errors replace reads on with U+FFFD",
        line + data.count(b"\n", 0, e.start) + 1,
        e.start - line_start + 1,
    )


def batches(
    form: Literal["jsonl", "lines"], chunks: Iterable[bytes], source: str
) -> Iterator[Records]:
    """Numbered lines (split at LF only: U+2028 is no line end here) in batches of about
    a megabyte, cut only at a blank line for ``lines`` so no document is split."""
    batch: list[tuple[int, bytes]] = []
    size = 0
    first = True
    for lineno, line in _byte_lines(chunks):
        if size >= _BATCH_BYTES and (form == "jsonl" or not line.strip()):
            yield Records(source, form, batch, first)
            batch, size, first = [], 0, False
        batch.append((lineno, line))
        size += len(line) + 1
    if batch:
        yield Records(source, form, batch, first)


def _byte_lines(chunks: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    lineno = 0
    rest = b""
    for chunk in chunks:
        lines = (rest + chunk).split(b"\n")
        rest = lines.pop()
        for line in lines:
            lineno += 1
            yield lineno, line
    if rest:
        yield lineno + 1, rest


def record_documents(
    unit: Records, errors: Literal["strict", "replace"], detected: bool
) -> Iterator[Document | InputError]:
    """The documents of a batch; ``detected``: the form was not forced, so a ``lines``
    stream is checked for Python code in its first batch."""
    lines = _decoded_lines(unit, errors)
    if unit.form == "jsonl":
        for lineno, line in lines:
            if isinstance(line, InputError):
                yield line
            elif line.strip():
                try:
                    yield parse_jsonl_record(line, unit.source, lineno)
                except InputError as e:
                    yield e
        return
    check = unit.first and detected
    for doc in _lines_documents(lines, unit.source):
        if check and isinstance(doc, Document) and looks_like_code(doc.fragments[0]):
            yield InputError(
                unit.source,
                "Python code, not fragments: newsfrag never runs input "
                "(--from lines reads it as text)",
                int(doc.source.rsplit(":", 1)[1]),
            )
            return
        check = False
        yield doc


def _decoded_lines(
    unit: Records, errors: Literal["strict", "replace"]
) -> Iterator[tuple[int, str | InputError]]:
    for lineno, raw in unit.lines:
        raw = raw.removesuffix(b"\r")
        try:
            line = raw.decode("utf-8", errors)
        except UnicodeDecodeError as e:
            yield lineno, decode_error(unit.source, raw, e, lineno - 1)
            continue
        yield lineno, line.removeprefix("\ufeff") if lineno == 1 else line


def _lines_documents(
    lines: Iterable[tuple[int, str | InputError]], source: str
) -> Iterator[Document | InputError]:
    """A fragment a line, a blank line between documents; a bad line spoils its document."""
    fragments: list[str] = []
    start = 0
    problem: InputError | None = None
    for lineno, line in lines:
        if isinstance(line, InputError) or line.strip():
            if not fragments and problem is None:
                start = lineno
            if isinstance(line, InputError):
                problem = problem or line
            else:
                fragments.append(line)
            continue
        if fragments or problem:
            yield problem or Document(f"{source}:{start}", fragments)
        fragments, problem = [], None
    if fragments or problem:
        yield problem or Document(f"{source}:{start}", fragments)
