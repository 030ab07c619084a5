"""Turn paths, directories and standard input into a stream of documents.

Reading is split in two so that the costly half can run in worker processes:
``iter_units`` does the I/O (opening, reading, splitting streams into batches of
lines) and ``decode_unit`` the parsing. Errors do not stop the stream: an input
that cannot be read is yielded as an ``InputError`` in its place. JSON lines and
``lines`` inputs are read in batches of lines, so a stream of any size runs in
bounded memory; the other forms are read whole, one file at a time.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO, Literal, NamedTuple

from .errors import InputError
from .forms import (
    Form,
    detect,
    looks_like_code,
    parse_html,
    parse_json,
    parse_jsonl_record,
    parse_list,
    parse_pylist,
    streamed_form,
)
from .model import Document

__all__ = [
    "ReadOptions",
    "Records",
    "Unit",
    "Whole",
    "decode_unit",
    "iter_paths",
    "iter_units",
    "read_sources",
    "read_stream",
]

_HEAD = 1 << 16
_CHUNK = 1 << 20
_BATCH_BYTES = 1 << 20


class ReadOptions(NamedTuple):
    """How to read inputs: a forced form (None: detect it) and what to do with bad UTF-8."""

    form: Form | None = None
    encoding_errors: Literal["strict", "replace"] = "strict"


class Whole(NamedTuple):
    """A whole input holding one document (or, rarely, a stream its head did not reveal)."""

    source: str
    data: bytes


class Records(NamedTuple):
    """A batch of numbered lines of a JSON-lines or ``lines`` stream, cut between documents."""

    source: str
    form: Literal["jsonl", "lines"]
    lines: list[tuple[int, bytes]]
    first: bool  # the stream's first batch: a ``lines`` stream is checked for code there


Unit = Whole | Records


def read_sources(
    paths: Sequence[str], stdin: BinaryIO | None = None, options: ReadOptions = ReadOptions()
) -> Iterator[Document | InputError]:
    """Documents of every path in order; ``-`` is ``stdin``, directories are walked."""
    for unit in iter_units(paths, stdin, options):
        if isinstance(unit, InputError):
            yield unit
        else:
            yield from decode_unit(unit, options)


def read_stream(
    stream: BinaryIO, source: str, options: ReadOptions = ReadOptions()
) -> Iterator[Document | InputError]:
    """Documents of one byte stream, its form detected from the content unless forced."""
    for unit in _stream_units(stream, source, options):
        yield from [unit] if isinstance(unit, InputError) else decode_unit(unit, options)


def iter_units(
    paths: Sequence[str], stdin: BinaryIO | None, options: ReadOptions = ReadOptions()
) -> Iterator[Unit | InputError]:
    """The I/O half of reading: every input as whole files or batches of lines, in order."""
    for path in paths:
        if path == "-":
            if stdin is None:
                yield InputError("-", "standard input is not available")
            else:
                yield from _stream_units(stdin, "-", options)
            continue
        for item in iter_paths(path):
            if isinstance(item, InputError):
                yield item
                continue
            try:
                stream = open(item, "rb")  # noqa: SIM115 - closed below, after the last yield
            except OSError as e:
                yield InputError(item, e.strerror or str(e))
                continue
            with stream:
                yield from _stream_units(stream, item, options)


def iter_paths(path: str) -> Iterator[str | InputError]:
    """A file itself, or the files below a directory in sorted order, hidden entries skipped."""
    if not os.path.isdir(path):
        yield path
        return
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as e:
        yield InputError(path, e.strerror or str(e))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = os.path.join(path, entry.name)
        if entry.is_dir():
            yield from iter_paths(child)
        else:
            yield child


def _stream_units(
    stream: BinaryIO, source: str, options: ReadOptions
) -> Iterator[Unit | InputError]:
    try:
        head = stream.read(_HEAD)
    except OSError as e:  # a directory given as -, an unreadable device
        yield InputError(source, e.strerror or str(e))
        return
    if problem := _binary(head):
        yield InputError(source, problem)
        return
    complete = len(head) < _HEAD
    if not head.strip() and complete and options.form is None:
        what = "empty input" if not head else "only whitespace"
        yield InputError(source, f"{what}: no fragments")
        return
    form = options.form or streamed_form(head.decode("utf-8", "replace").removeprefix("\ufeff"))
    if form == "jsonl" or form == "lines":
        yield from _batches(form, _chunks(head, stream), source)
    else:
        yield Whole(source, head if complete else head + stream.read())


def decode_unit(unit: Unit, options: ReadOptions = ReadOptions()) -> list[Document | InputError]:
    """The parsing half of reading: the documents (or errors) of one unit."""
    if isinstance(unit, Records):
        return list(_records(unit, options))
    try:
        text = unit.data.decode("utf-8", options.encoding_errors).removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        return [_decode_error(unit.source, unit.data, e)]
    form = options.form or detect(text)
    if form == "jsonl" or form == "lines":  # a stream whose first 64 KiB did not tell
        lines = list(enumerate(unit.data.split(b"\n"), 1))
        return list(_records(Records(unit.source, form, lines, True), options))
    try:
        if form == "html":
            fragments = parse_html(text)
        elif options.form is None:
            fragments = parse_list(text, unit.source)
        else:
            fragments = (parse_json if form == "json" else parse_pylist)(text, unit.source)
    except InputError as e:
        return [e]
    return [Document(unit.source, fragments)]


def _binary(head: bytes) -> str | None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text; newsfrag reads UTF-8 (convert it with iconv -f UTF-16 -t UTF-8)"
    if b"\x00" in head:
        return "binary file (it holds NUL bytes), not a fragment file"
    return None


def _decode_error(source: str, data: bytes, e: UnicodeDecodeError, line: int = 0) -> InputError:
    line_start = data.rfind(b"\n", 0, e.start) + 1
    return InputError(
        source,
        f"not valid UTF-8 (byte 0x{data[e.start]:02x}); "
        "--encoding-errors replace reads on with U+FFFD",
        line + data.count(b"\n", 0, e.start) + 1,
        e.start - line_start + 1,
    )


def _chunks(head: bytes, stream: BinaryIO) -> Iterator[bytes]:
    yield head
    while chunk := stream.read(_CHUNK):
        yield chunk


def _batches(
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


def _records(unit: Records, options: ReadOptions) -> Iterator[Document | InputError]:
    lines = _decoded_lines(unit, options)
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
    check = unit.first and options.form is None
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


def _decoded_lines(unit: Records, options: ReadOptions) -> Iterator[tuple[int, str | InputError]]:
    for lineno, raw in unit.lines:
        raw = raw.removesuffix(b"\r")
        try:
            line = raw.decode("utf-8", options.encoding_errors)
        except UnicodeDecodeError as e:
            yield lineno, _decode_error(unit.source, raw, e, lineno - 1)
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
