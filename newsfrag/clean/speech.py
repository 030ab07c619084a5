"""Whom a text speaks to, and whether it reports speech: the evidence besides wording
that the promo rules ask for, and the regex that rules are written in.

A ``Pattern`` is compiled when a text first gets as far as it: the screen turns most
texts away before any rule's regex, and a run over one article need not compile them
all at start-up.
"""

from __future__ import annotations

import re

__all__ = ["ADDRESSED", "FLAGS", "REPORTED", "Pattern", "may_address"]

FLAGS = re.IGNORECASE | re.DOTALL  # every rule's regex: case-blind, "." across lines too


class Pattern:
    """A regex, compiled when first searched."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = FLAGS) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def search(self, text: str) -> re.Match[str] | None:
        """``re.search`` of the pattern in ``text``."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled.search(text)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Pattern):
            return NotImplemented
        return (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __reduce__(self) -> tuple[type[Pattern], tuple[str, int]]:
        return Pattern, (self.pattern, self.flags)  # a worker compiles its own

    def __repr__(self) -> str:
        return f"Pattern({self.pattern!r})"


# Speaks to the reader: "you"/"your", or opens with an imperative ("Sign up", "Follow").
_IMPERATIVES = (
    *("sign", "subscribe", "register", "download", "get", "install", "listen", "watch"),
    *("follow", "like", "join", "find", "share", "send", "email", "e-mail", "tell", "contact"),
    *("click", "tap", "visit", "read", "catch", "stream", "hear", "try", "enter", "stay"),
    *("keep", "check", "search", "go", "don't", "do not"),
)
ADDRESSED = Pattern(
    rf"\byou(?:r|rs|rself|'ll|'re|'ve|'d)?\b|\A(?:please\s+)?(?:{'|'.join(_IMPERATIVES)})\b"
)
_OPENERS = ("please", *_IMPERATIVES)
_HEAD = max(map(len, _OPENERS))


def may_address(text: str, lower: str) -> bool:
    """False only where ``ADDRESSED`` finds nothing (``lower``: the text in lower case),
    at a fraction of the search's cost. On ASCII, lower() and the pattern's case-blindness
    agree, and no other letter matches y, o or u; a head that is not ASCII says True."""
    return "you" in lower or lower.startswith(_OPENERS) or not text[:_HEAD].isascii()


# Quotes or reported speech: the mark of article text, not of a promo.
REPORTED = Pattern(
    r"[\"“”„«»]|\b(?:said|says|told|according to|asked|added|warned|urged|claimed|argued"
    r"|insisted|insists|stated|explained|wrote|heard)\b"
)
