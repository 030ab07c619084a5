"""Which files a directory walk reads: the fragment-file kinds, or what ``--glob`` says.

A FILE named on the command line is always read; a walk reads only the files that
look like fragment files (by extension), so an ``index.csv``, a ``thumb.png`` or the
run's own ``-o`` output beside the articles is not taken for an article.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from fnmatch import fnmatchcase
from typing import NamedTuple

from ..errors import InputError

__all__ = ["FRAGMENT_EXTENSIONS", "Walk", "iter_paths"]

# The extensions a walk reads, each also compressed with gzip (".txt.gz").
FRAGMENT_EXTENSIONS = (".txt", ".json", ".jsonl", ".ndjson", ".html", ".htm")


class Walk(NamedTuple):
    """How to walk a directory: ``globs`` as ripgrep's ``-g`` (``!`` leaves out; the
    last that matches decides), and files never to read (the ``-o`` file, by real path)."""

    globs: tuple[str, ...] = ()
    skip: frozenset[str] = frozenset()

    def reads(self, relative: str) -> bool:
        """Whether a file found at ``relative`` (below the walked directory) is read."""
        positive = any(not g.startswith("!") for g in self.globs)
        wanted = not positive and is_fragment_file(relative)
        for glob in self.globs:
            if _matches(glob.removeprefix("!"), relative):
                wanted = not glob.startswith("!")
        return wanted

    def enters(self, relative: str) -> bool:
        """Whether a directory found at ``relative`` is walked: not when ``!`` leaves it out."""
        entered = True
        for glob in self.globs:
            if _matches(glob.removeprefix("!"), relative):
                entered = not glob.startswith("!")
        return entered


def is_fragment_file(name: str) -> bool:
    """A name with a fragment-file extension, or one of them and ``.gz``; any case."""
    name = name.lower().removesuffix(".gz")
    return name.endswith(FRAGMENT_EXTENSIONS)


def _matches(glob: str, relative: str) -> bool:
    # As in ripgrep and .gitignore: a glob without a slash matches a name at any depth.
    if "/" in glob:
        return fnmatchcase(relative, glob.removeprefix("/"))
    return fnmatchcase(relative.rpartition("/")[2], glob)


def iter_paths(path: str, walk: Walk = Walk()) -> Iterator[str | InputError]:
    """A file itself, or the files a walk reads below a directory, in sorted order,
    hidden entries skipped."""
    if not os.path.isdir(path):
        yield path
        return
    yield from _walk(path, "", walk)


def _walk(path: str, relative: str, walk: Walk) -> Iterator[str | InputError]:
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as e:
        yield InputError(path, e.strerror or str(e))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = os.path.join(path, entry.name)
        below = f"{relative}{entry.name}"
        if entry.is_dir():
            if walk.enters(below):
                yield from _walk(child, below + "/", walk)
        elif walk.reads(below) and not (walk.skip and os.path.realpath(child) in walk.skip):
            yield child
