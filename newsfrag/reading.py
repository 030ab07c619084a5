"""Turn paths, directories and standard input into a stream of documents.

Errors do not stop the stream: a file or record that cannot be read is yielded
as an ``InputError`` in its place, so the caller reports it and goes on.
JSON lines and ``lines`` inputs are read a line at a time, so a stream of any
size runs in bounded memory; the other forms are read whole, one file at a time.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO, Literal

from .errors import InputError
from .forms import (
    Form,
    detect,
    looks_like_code,
    parse_html,
    parse_json,
    parse_jsonl_record,
    parse_pylist,
)
from .model import Document

__all__ = ["ReadOptions", "iter_paths", "read_path", "read_sources", "read_stream"]

_HEAD = 1 << 16
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read inputs: a forced form (None: detect it) and what to do with bad UTF-8."""

    form: Form | None = None
    encoding_errors: Literal["strict", "replace"] = "strict"


def read_sources(
    paths: Sequence[str], stdin: BinaryIO | None = None, options: ReadOptions = ReadOptions()
) -> Iterator[Document | InputError]:
    """Documents of every path in order; ``-`` is ``stdin``, directories are walked."""
    for path in paths:
        if path == "-":
            if stdin is None:
                yield InputError("-", "standard input is not available")
            else:
                yield from read_stream(stdin, "-", options)
            continue
        for item in iter_paths(path):
            if isinstance(item, InputError):
                yield item
            else:
                yield from read_path(item, options)


def read_path(path: str, options: ReadOptions = ReadOptions()) -> Iterator[Document | InputError]:
    """Documents of one file (a directory is walked)."""
    if os.path.isdir(path):
        yield from read_sources([path], None, options)
        return
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below, after a generator's last yield
    except OSError as e:
        yield InputError(path, e.strerror or str(e))
        return
    with stream:
        yield from read_stream(stream, path, options)


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


def read_stream(
    stream: BinaryIO, source: str, options: ReadOptions = ReadOptions()
) -> Iterator[Document | InputError]:
    """Documents of one byte stream, its form detected from the content unless forced."""
    head = stream.read(_HEAD)
    if problem := _binary(head):
        yield InputError(source, problem)
        return
    complete = len(head) < _HEAD
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    form = options.form
    if form is None:
        if not head.strip() and complete:
            yield InputError(
                source, "empty input: no fragments" if not head else "only whitespace: no fragments"
            )
            return
        form = detect(head.decode("utf-8", "replace"))
    if form in ("jsonl", "lines"):
        yield from _read_streamed(form, _chunks(head, stream), source, options)
        return
    data = head if complete else head + stream.read()
    try:
        text = data.decode("utf-8", options.encoding_errors)
    except UnicodeDecodeError as e:
        yield _decode_error(source, data, e)
        return
    if options.form is None and not complete:
        form = detect(text)  # the head alone may have been too short to tell
        if form in ("jsonl", "lines"):
            yield from _read_streamed(form, iter([data]), source, options)
            return
    try:
        if form == "pylist":
            fragments = parse_pylist(text, source)
        elif form == "json":
            fragments = parse_json(text, source)
        else:
            fragments = parse_html(text)
    except InputError as e:
        yield e
        return
    yield Document(source, fragments)


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


def _byte_lines(chunks: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """Numbered lines split at LF only (CR before it dropped): U+2028 is not a line end here."""
    lineno = 0
    rest = b""
    for chunk in chunks:
        lines = (rest + chunk).split(b"\n")
        rest = lines.pop()
        for line in lines:
            lineno += 1
            yield lineno, line[:-1] if line.endswith(b"\r") else line
    if rest:
        yield lineno + 1, rest[:-1] if rest.endswith(b"\r") else rest


def _read_streamed(
    form: Form, chunks: Iterable[bytes], source: str, options: ReadOptions
) -> Iterator[Document | InputError]:
    lines = _decoded_lines(chunks, source, options)
    if form == "jsonl":
        for lineno, line in lines:
            if isinstance(line, InputError):
                yield line
            elif line.strip():
                try:
                    yield parse_jsonl_record(line, source, lineno)
                except InputError as e:
                    yield e
        return
    for doc in _lines_documents(lines, source):
        if options.form is None and isinstance(doc, Document) and looks_like_code(doc.fragments[0]):
            yield InputError(
                source,
                "Python code, not fragments: newsfrag never runs input "
                "(--from lines reads it as text)",
                int(doc.source.rsplit(":", 1)[1]),
            )
            return
        options = ReadOptions("lines", options.encoding_errors)  # only the first is checked
        yield doc


def _decoded_lines(
    chunks: Iterable[bytes], source: str, options: ReadOptions
) -> Iterator[tuple[int, str | InputError]]:
    for lineno, raw in _byte_lines(chunks):
        try:
            line = raw.decode("utf-8", options.encoding_errors)
        except UnicodeDecodeError as e:
            yield lineno, _decode_error(source, raw, e, lineno - 1)
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
