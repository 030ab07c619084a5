"""Fragments that recur across the documents of a run: one site's footer, promo, byline box.

A first pass over the run counts, for each fragment's cleaned plain text, the documents
that have it; ``clean --repeated N`` then drops a text found in N documents or more.
Memory stays bounded: at most ``limit`` distinct texts are counted, each as an 8-byte
digest; a text first met after that is never counted, so never dropped for recurring.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from hashlib import blake2b

from .fragments import markup_cleaned

__all__ = ["Repeats", "digest"]

LIMIT = 500_000  # distinct texts counted: a few tens of megabytes


def digest(text: str) -> bytes:
    """The 8 bytes a text is counted by."""
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()


class Repeats:
    """How many documents each fragment text is in, for at most ``limit`` texts."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self.counts: dict[bytes, int] = {}

    def add(self, fragments: Sequence[str]) -> None:
        """Count one document's fragments (as read: they are cleaned here first)."""
        self.add_texts(t for _, t, _ in markup_cleaned(fragments))

    def add_texts(self, texts: Iterable[str]) -> None:
        """Count one document's cleaned plain texts, each once."""
        counts = self.counts
        for key in {digest(t) for t in texts if t}:
            if key in counts:
                counts[key] += 1
            elif len(counts) < self.limit:
                counts[key] = 1

    def at_least(self, documents: int) -> dict[bytes, int]:
        """The texts in ``documents`` documents or more, with their counts."""
        return {k: n for k, n in self.counts.items() if n >= documents}
