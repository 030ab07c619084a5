"""The value objects that pass between the reading layer, the cores and the CLI."""

from __future__ import annotations

from typing import NamedTuple


class Document(NamedTuple):
    """One article: where it came from and its fragments, in order.

    ``source`` is the path as given, ``PATH:LINE`` for a record of a JSON-lines
    or lines stream, and ``-`` (or ``-:LINE``) for standard input. A named tuple:
    cheap to make, to pickle to worker processes, and to import at start-up.
    """

    source: str
    fragments: list[str]
    # Each fragment's number in the source as it was first read (from 0), when it is not
    # its place here: a record of ``clean --json`` carries them, so that a fragment
    # number downstream (``links``, ``clean --explain``) points into the raw source.
    numbers: tuple[int, ...] | None = None

    def number(self, index: int) -> int:
        """The number of fragment ``index`` in the source as it was first read."""
        return index if self.numbers is None else self.numbers[index]
