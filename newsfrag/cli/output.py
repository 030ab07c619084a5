"""Writing records: JSON lines that always encode, and output files replaced atomically."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import OutputError


def write_all(out: BinaryIO, data: bytes) -> None:
    """Write every byte: an unbuffered stream (``python -u``, ``PYTHONUNBUFFERED``) may
    take only part of a write to a pipe, and says so only in what it returns."""
    written = out.write(data) or 0  # None: a non-blocking stream took nothing yet
    if written < len(data):
        view = memoryview(data)[written:]
        while view:
            view = view[out.write(view) or 0 :]


class RecordWriter:
    """Output in whole lines: no write to the stream ever ends inside a record.

    Lines gather into blocks of about ``BLOCK`` bytes, each written at once (and
    flushed), so a reader never sees half a record between two writes. With
    ``line_buffered`` (grep's name) each line is its own write, as it comes: lines under
    the pipe's atomic size (PIPE_BUF, 4 KiB on Linux) from several processes writing to
    one pipe (``xargs -P``) then never interleave.
    """

    BLOCK = 1 << 16

    def __init__(self, out: BinaryIO, line_buffered: bool = False) -> None:
        self.out = out
        self.line_buffered = line_buffered
        self.pending: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> None:
        """Queue ``data``, whole lines; write the queue once it fills a block."""
        if not data:
            return
        if self.line_buffered:
            start = 0
            while end := data.find(b"\n", start) + 1:
                self._put(data[start:end])
                start = end
            if start < len(data):
                self._put(data[start:])
            return
        self.pending.append(data)
        self.size += len(data)
        if self.size >= self.BLOCK:
            self.flush()

    def flush(self) -> None:
        """Write what is queued, in one write."""
        if self.pending:
            data = b"".join(self.pending)
            self.pending, self.size = [], 0
            self._put(data)

    def _put(self, data: bytes) -> None:
        write_all(self.out, data)
        self.out.flush()


@contextlib.contextmanager
def open_output(path: str | None, stdout: BinaryIO) -> Iterator[BinaryIO]:
    """Standard output, or a temporary file beside ``path`` renamed over it on success.

    A ``path`` that exists and is no regular file (``/dev/null``, a FIFO) is written
    to as it is. If the block raises (an internal error, Ctrl-C), the temporary file
    is removed and whatever stood at ``path`` is left untouched. A failure to write
    (a missing directory, a full disk) is an ``OutputError``; a closed pipe stays one.
    """
    to_stdout = path is None or path == "-"
    try:
        with _opened(None if to_stdout else path, stdout) as out:
            yield out
    except BrokenPipeError:
        raise
    except OSError as e:
        target = "standard output" if to_stdout else str(path)
        raise OutputError(target, _reason(e)) from None


@contextlib.contextmanager
def _opened(path: str | None, stdout: BinaryIO) -> Iterator[BinaryIO]:
    if path is None:
        yield stdout
        stdout.flush()
        return
    path = os.path.realpath(path)  # a symlink stays a link: its target is replaced
    if os.path.exists(path) and not os.path.isfile(path):
        # /dev/null, a FIFO, a terminal: renaming over it would put a file in its place.
        with open(path, "wb") as out:
            yield out
        return
    import tempfile  # only with -o: start-up time matters in Makefile steps

    directory = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _mode_for(path: str) -> int:
    # Keep an existing file's mode; a new one gets what open() would give it.
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
