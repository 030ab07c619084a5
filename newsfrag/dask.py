"""newsfrag on a Dask cluster, from Python: fragment files of every form the command line
reads, from a glob or an fsspec URL, into a bag of documents; the four commands'
records, the very bytes ``--json`` writes (``jobs.py`` and ``records.py`` make both);
and those records written to partitioned JSON-lines files, or computed.

    import newsfrag.dask as nd
    docs = nd.read("s3://bucket/2024/*.jsonl")
    errors = nd.write(nd.records(docs, "clean"), "s3://bucket/clean/part-*.jsonl")

One file is one partition; a JSON-lines file over ``blocksize`` is split into blocks of
whole lines (read once more first, to number its lines as the command line does).
A bad input is an ``InputError`` in the bag, in its place, never an exception. What
needs the whole run at once (``links --unique``, ``stats --total`` or ``--sort``) is the
command line's, with ``--scheduler``. Needs ``pip install 'newsfrag[dask]'``.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable, Sequence
from typing import Any

try:
    import dask.bag as db
    import fsspec
    from dask.base import compute
    from dask.bytes.core import read_bytes
    from dask.delayed import delayed
except ImportError as missing:  # the extra is not installed: say which
    raise ImportError(
        f"newsfrag.dask needs Dask: pip install 'newsfrag[dask]' ({missing})"
    ) from None

from .document import Document
from .errors import InputError
from .jobs import CleanJob, Job, LinksJob, StatsJob, text_job
from .read.forms import Form, streamed_form
from .read.linestreams import Records
from .read.sources import ReadOptions, decode_unit, read_stream
from .read.walk import Walk

__all__ = ["COMMANDS", "read", "records", "results", "write"]

COMMANDS = ("text", "clean", "links", "stats")
_HEAD = 1 << 16
_GZIP = b"\x1f\x8b"


def read(
    urlpath: str | Sequence[str],
    *,
    form: Form | None = None,
    encoding_errors: str = "strict",
    blocksize: int = 64 << 20,
    storage_options: dict[str, Any] | None = None,
) -> db.Bag:
    """The documents (and ``InputError``s) of every file ``urlpath`` names: globs and
    folders expanded as the command line walks them, in its order and with its sources."""
    options = ReadOptions(form, encoding_errors)  # type: ignore[arg-type]
    if not urlpath:  # nothing named: zero documents, as for the command line
        empty: db.Bag = db.from_sequence([], npartitions=1)
        return empty
    fs, _, paths = fsspec.get_fs_token_paths(urlpath, storage_options=storage_options)
    relative = _relative_paths(urlpath, fs)
    parts = []
    for path in _files(fs, sorted(paths) if _is_glob(urlpath) else paths):
        if relative is None:
            source = fs.unstrip_protocol(path)  # s3://bucket/key, https://...
        else:
            source = os.path.relpath(path) if relative else path
        if fs.size(path) > blocksize and _streamed(fs, path, options):
            parts += _blocks(fs, path, source, options, blocksize)
        else:
            parts.append(delayed(_read_file)(fs, path, source, options))
    bag: db.Bag = db.from_delayed(parts) if parts else db.from_sequence([], npartitions=1)
    return bag


def records(documents: db.Bag, command: str, **options: Any) -> db.Bag:
    """Each document's records as ``newsfrag COMMAND --json`` writes them (bytes; errors
    stay ``InputError``s). ``options``: those of the command's Python job, e.g.
    ``favour="precision"`` for clean, ``base=...`` for links, ``markdown=True`` for text."""
    bag: db.Bag = documents.map_partitions(_records, _job(command, options))
    return bag


def write(records_bag: db.Bag, urlpath: str, **storage_options: Any) -> list[InputError]:
    """Write the records to one JSON-lines file a partition (``urlpath`` holds a ``*``,
    the partition's number), each written whole; the inputs that could not be read."""
    if "*" not in urlpath:
        raise ValueError(f"{urlpath!r}: give a path with a * for the partition's number")
    parts = records_bag.to_delayed()
    width = len(str(len(parts) - 1))
    names = [urlpath.replace("*", str(n).zfill(width)) for n in range(len(parts))]
    done = [
        delayed(_write_part)(part, name, storage_options)
        for part, name in zip(parts, names, strict=True)
    ]
    return [e for errors in compute(*done) for e in errors]


def results(records_bag: db.Bag) -> tuple[bytes, list[InputError]]:
    """All the records in input order, as one output, and the inputs that could not be read."""
    items = records_bag.compute()
    errors = [item for item in items if isinstance(item, InputError)]
    return b"".join(item for item in items if isinstance(item, bytes)), errors


def _job(command: str, options: dict[str, Any]) -> Job[Any]:
    if command == "text":
        return text_job(True, bool(options.pop("markdown", False)))
    if command == "clean":
        return CleanJob(as_json=True, **options)
    if command == "links":
        from .links import LinkOptions, check_options

        link_options = LinkOptions(**options)
        check_options(link_options)
        if link_options.unique:
            raise ValueError("unique needs the whole run: newsfrag links --unique --scheduler")
        return LinksJob(link_options, as_json=True)
    if command == "stats":
        return StatsJob(as_json=True)
    raise ValueError(f"{command!r} is not one of {', '.join(COMMANDS)}")


def _records(documents: Iterable[Document | InputError], job: Job[Any]) -> list[Any]:
    items = list(documents)
    done = iter(job.process_all([d for d in items if isinstance(d, Document)]))
    return [d if isinstance(d, InputError) else job.emit(next(done)) for d in items]


def _read_file(
    fs: Any, path: str, source: str, options: ReadOptions
) -> list[Document | InputError]:
    try:
        with fs.open(path, "rb") as stream:
            return list(read_stream(stream, source, options))
    except OSError as e:
        return [InputError(source, e.strerror or str(e))]


def _streamed(fs: Any, path: str, options: ReadOptions) -> bool:
    """Whether a file is read a line at a time (JSON lines), so that it may be split."""
    with fs.open(path, "rb") as stream:
        head = stream.read(_HEAD)
    if head.startswith(_GZIP):
        return False  # a compressed file is read whole
    found = options.form or streamed_form(head.decode("utf-8", "replace").removeprefix("\ufeff"))
    return found == "jsonl"


def _blocks(fs: Any, path: str, source: str, options: ReadOptions, blocksize: int) -> list[Any]:
    """A large JSON-lines file as blocks of whole lines, each told its first line's number."""
    _, [blocks] = read_bytes(
        fs.unstrip_protocol(path), delimiter=b"\n", blocksize=blocksize, sample=False
    )
    counts = compute(*[delayed(bytes.count)(b, b"\n") for b in blocks])
    parts, line = [], 1
    for n, (block, count) in enumerate(zip(blocks, counts, strict=True)):
        parts.append(delayed(_decode_block)(block, source, line, n == 0, options))
        line += count
    return parts


def _decode_block(
    block: bytes, source: str, first: int, opening: bool, options: ReadOptions
) -> list[Document | InputError]:
    pieces = block.split(b"\n")
    if pieces and not pieces[-1]:
        pieces.pop()  # the line end of the block's last line
    lines = list(enumerate(pieces, first))
    return decode_unit(Records(source, "jsonl", lines, opening), options)


def _write_part(items: list[Any], urlpath: str, storage_options: dict[str, Any]) -> list[Any]:
    fs, _, [path] = fsspec.get_fs_token_paths(urlpath, storage_options=storage_options)
    data = b"".join(item for item in items if isinstance(item, bytes))
    if fs.protocol in ("file", ("file", "local")):  # a temporary file renamed over it
        directory = os.path.dirname(path)
        os.makedirs(directory or ".", exist_ok=True)
        temporary = os.path.join(directory, f".{os.path.basename(path)}.tmp")
        with open(temporary, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    else:  # an object store writes an object whole
        with fs.open(path, "wb") as out:
            out.write(data)
    return [item for item in items if isinstance(item, InputError)]


def _files(fs: Any, paths: Iterable[str]) -> list[str]:
    """Files as the command line takes them: a file itself, a folder walked (sorted by
    name at each level, hidden entries skipped, the fragment-file kinds only)."""
    out: list[str] = []
    for path in paths:
        if fs.isdir(path):
            out += _walk(fs, path, "")
        else:
            out.append(path)
    return out


def _walk(fs: Any, path: str, relative: str) -> list[str]:
    walk, out = Walk(), []
    entries = sorted(fs.ls(path, detail=True), key=lambda e: posixpath.basename(e["name"]))
    for entry in entries:
        name = posixpath.basename(entry["name"].rstrip("/"))
        if name.startswith("."):
            continue
        if entry["type"] == "directory":
            out += _walk(fs, entry["name"], f"{relative}{name}/")
        elif walk.reads(f"{relative}{name}"):
            out.append(entry["name"])
    return out


def _is_glob(urlpath: str | Sequence[str]) -> bool:
    return isinstance(urlpath, str) and any(c in urlpath for c in "*?[")


def _relative_paths(urlpath: str | Sequence[str], fs: Any) -> bool | None:
    """Whether local paths were given relative (sources then stay relative, as the
    command line's do); None for other file systems (sources are URLs)."""
    if fs.protocol not in ("file", ("file", "local")):
        return None
    given = [urlpath] if isinstance(urlpath, str) else list(urlpath)
    return not any(os.path.isabs(p.removeprefix("file://")) for p in given)
