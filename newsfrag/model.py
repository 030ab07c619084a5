"""The value objects that pass between the reading layer, the cores and the CLI."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Document:
    """One article: where it came from and its fragments, in order.

    ``source`` is the path as given, ``PATH:LINE`` for a record of a JSON-lines
    or lines stream, and ``-`` (or ``-:LINE``) for standard input.
    """

    source: str
    fragments: list[str]
