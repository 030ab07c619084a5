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
import stat
import zlib
from collections.abc import Iterator, Sequence
from typing import BinaryIO, Literal, NamedTuple, cast

from ..document import Document
from ..errors import InputError
from .forms import Form, detect, parse_html, parse_json, parse_list, streamed_form, whole_form
from .linestreams import Records, batches, decode_error, record_documents
from .pylist import parse_pylist
from .walk import Walk, iter_paths

__all__ = [
    "Later",
    "ReadOptions",
    "Records",
    "Unit",
    "Walk",
    "Whole",
    "decode_unit",
    "iter_paths",
    "iter_units",
    "read_sources",
    "read_stream",
]

_HEAD = 1 << 16
_CHUNK = 1 << 20
_LATER_BYTES = 1 << 20


class ReadOptions(NamedTuple):
    """How to read inputs: a forced form (None: detect it) and what to do with bad UTF-8."""

    form: Form | None = None
    encoding_errors: Literal["strict", "replace"] = "strict"


class Whole(NamedTuple):
    """A whole input holding one document (or, rarely, a stream its head did not reveal)."""

    source: str
    data: bytes
    # The head that ``streamed_form`` read was the whole input: it is no stream, and
    # only the forms read whole are left to tell (a longer input is told again whole).
    told: bool = False


class Later(NamedTuple):
    """A small file left for a worker process to open and read itself (with ``-j``): the
    main process then only writes, and the bytes cross between processes once."""

    source: str
    size: int
    path: str = ""  # where to open it, whatever the reader's folder ("": the source)


Unit = Whole | Records | Later


def read_sources(
    paths: Sequence[str],
    stdin: BinaryIO | None = None,
    options: ReadOptions = ReadOptions(),
    walk: Walk = Walk(),
) -> Iterator[Document | InputError]:
    """Documents of every path in order; ``-`` is ``stdin``, directories are walked."""
    for unit in iter_units(paths, stdin, options, walk=walk):
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
    paths: Sequence[str],
    stdin: BinaryIO | None,
    options: ReadOptions = ReadOptions(),
    later: bool = False,
    walk: Walk = Walk(),
) -> Iterator[Unit | InputError]:
    """The I/O half of reading: every input as whole files or batches of lines, in order;
    with ``later``, regular files under a megabyte as ``Later``, read where decoded."""
    for path in paths:
        if path == "-":
            if stdin is None:
                yield InputError("-", "standard input is not available")
            else:
                yield from _stream_units(stdin, "-", options)
            continue
        for item in iter_paths(path, walk):
            if isinstance(item, InputError):
                yield item
            elif later and (size := _small_file(item)) is not None:
                yield Later(item, size, os.path.abspath(item))
            else:
                yield from _file_units(item, options)


def _small_file(path: str) -> int | None:
    try:
        info = os.stat(path)
    except OSError:
        return None  # opening it will say what is wrong
    return info.st_size if stat.S_ISREG(info.st_mode) and info.st_size < _LATER_BYTES else None


def _file_units(
    path: str, options: ReadOptions, source: str | None = None
) -> Iterator[Unit | InputError]:
    source = path if source is None else source
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below, after the last yield
    except OSError as e:
        yield InputError(source, e.strerror or str(e))
        return
    with stream:
        yield from _stream_units(stream, source, options)


def read_here(unit: Later, options: ReadOptions) -> list[Unit | InputError]:
    """A ``Later`` unit read by this process after all: its whole units."""
    return list(_file_units(unit.source, options))


def _stream_units(
    stream: BinaryIO, source: str, options: ReadOptions
) -> Iterator[Unit | InputError]:
    try:
        head = stream.read(_HEAD)
    except _UNREADABLE as e:  # a directory given as -, an unreadable device, bad gzip
        yield InputError(source, _why(e))
        return
    if head.startswith(_GZIP):  # a .gz file, or gzip piped in: read through
        import gzip

        unzipped = gzip.GzipFile(fileobj=cast(BinaryIO, _Rejoined(head, stream)), mode="rb")
        yield from _stream_units(cast(BinaryIO, unzipped), source, options)
        return
    if problem := _binary(head):
        yield InputError(source, problem)
        return
    complete = len(head) < _HEAD
    if complete and not head.removeprefix(b"\xef\xbb\xbf").strip():
        return  # empty input is zero documents, as for jq and wc, whatever its form
    form = options.form or streamed_form(head.decode("utf-8", "replace").removeprefix("\ufeff"))
    if form == "jsonl" or form == "lines":
        failed: list[BaseException] = []
        yield from batches(form, _chunks(head, stream, failed), source)
        if failed:  # the lines before it were read; the input is reported
            yield InputError(source, _why(failed[0]))
        return
    try:
        data = head if complete else head + stream.read()
    except _UNREADABLE as e:
        yield InputError(source, _why(e))
        return
    yield Whole(source, data, complete and options.form is None)


def decode_unit(unit: Unit, options: ReadOptions = ReadOptions()) -> list[Document | InputError]:
    """The parsing half of reading: the documents (or errors) of one unit."""
    if isinstance(unit, Later):
        return [
            item
            for part in _file_units(unit.path or unit.source, options, unit.source)
            for item in ([part] if isinstance(part, InputError) else decode_unit(part, options))
        ]
    if isinstance(unit, Records):
        return list(record_documents(unit, options.encoding_errors, options.form is None))
    try:
        text = unit.data.decode("utf-8", options.encoding_errors).removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        return [decode_error(unit.source, unit.data, e)]
    form = options.form or (whole_form(text) if unit.told else detect(text))
    if form == "jsonl" or form == "lines":  # a stream whose first 64 KiB did not tell
        lines = list(enumerate(unit.data.split(b"\n"), 1))
        return decode_unit(Records(unit.source, form, lines, True), options)
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


def _chunks(head: bytes, stream: BinaryIO, failed: list[BaseException]) -> Iterator[bytes]:
    """The stream's bytes in chunks; a failure to read ends them and is kept in ``failed``."""
    yield head
    try:
        while chunk := stream.read(_CHUNK):
            yield chunk
    except _UNREADABLE as e:
        failed.append(e)


_GZIP = b"\x1f\x8b"
# What reading a stream may raise: the system's errors, and a gzip stream's that is
# corrupt or cut short (gzip.BadGzipFile is an OSError).
_UNREADABLE = (OSError, EOFError, zlib.error)


def _why(error: BaseException) -> str:
    if isinstance(error, EOFError | zlib.error) or type(error).__name__ == "BadGzipFile":
        return f"not a whole gzip stream: {error}"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


class _Rejoined:
    """A stream whose first bytes were already read: they are given back first."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self.head = head
        self.rest = rest

    def read(self, size: int = -1) -> bytes:
        if not self.head:
            return self.rest.read(size)
        if size < 0:
            data, self.head = self.head + self.rest.read(), b""
            return data
        data, self.head = self.head[:size], self.head[size:]
        return data
