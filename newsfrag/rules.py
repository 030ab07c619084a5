"""The boilerplate rules: data, each with a name and a category, kept in this one place.

A rule matches the plain text of a fragment (case-insensitive). It drops the
fragment only when the fragment is short enough (``max_words``) and, for the
rules whose words also turn up in real reporting, only in the tail: the run of
fragments at the end of the document that are all boilerplate or empty, where
promos gather. A false drop loses the user's data; a missed promo is noise, so
each pattern asks for the shape of the furniture, not for a word.

A rules file (``newsfrag clean --rules FILE``) adds the user's own: one rule a
line, ``NAME<TAB>REGEX``; blank lines and lines starting with ``#`` are skipped.
The regex is Python's, matched case-insensitively anywhere in the fragment's
text; a user's rule drops a fragment of any length in any place.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Literal

from .errors import RulesError

__all__ = ["DEFAULT_RULES", "Rule", "load_rules"]

Where = Literal["anywhere", "tail"]


@dataclass(frozen=True, slots=True)
class Rule:
    """A named pattern over a fragment's text, and where and how long a match may be."""

    name: str
    category: str
    pattern: re.Pattern[str]
    where: Where = "anywhere"
    max_words: int | None = None

    def matches(self, text: str, words: int) -> bool:
        """Whether the text has this rule's shape (position is the caller's to judge)."""
        if self.max_words is not None and words > self.max_words:
            return False
        return self.pattern.search(text) is not None


def _rule(
    name: str, category: str, regex: str, where: Where = "anywhere", max_words: int = 40
) -> Rule:
    return Rule(name, category, re.compile(regex, re.IGNORECASE), where, max_words)


_SOCIAL = (
    r"(?:facebook|twitter|x|instagram|tiktok|youtube|threads|bluesky|linkedin|whatsapp|telegram)"
)

DEFAULT_RULES: tuple[Rule, ...] = (
    # Copyright and legal lines: "© 2024 …", "Copyright 2024 …", "(c) 2024 Reuters".
    _rule("copyright", "legal", r"^(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*(?=\d{4}))", max_words=60),
    _rule("all-rights-reserved", "legal", r"\ball rights reserved\b", max_words=60),
    _rule("agency-copyright", "legal", r"\(c\)\s*(?:\d{4}\s+)?(?:thomson\s+)?reuters\b"),
    _rule(
        "external-sites",
        "legal",
        r"\bnot responsible for the content of external (?:web)?sites\b",
        max_words=60,
    ),
    _rule("external-linking", "legal", r"\bour approach to external linking\b", max_words=60),
    # Promos: newsletters, social media, apps, podcasts. Their words turn up in news
    # ("the newsletter, first published in 1962"), so only at the tail, and short.
    _rule(
        "newsletter-promo",
        "promo",
        r"\b(?:sign(?:ing)?\s*up|subscribe)\b.{0,80}\b(?:newsletters?|inbox|email alerts?|"
        r"briefing|digest|updates)\b",
        "tail",
    ),
    _rule(
        "invites-to-subscribe", "promo", r"\binvites? you to (?:subscribe|sign up|join)\b", "tail"
    ),
    _rule("social-promo", "promo", rf"^follow\b.{{0,80}}\bon\b.{{0,40}}\b{_SOCIAL}\b", "tail"),
    _rule("app-promo", "promo", r"^(?:download|get)\b.{0,60}\bapp\b", "tail"),
    _rule(
        "podcast-promo",
        "promo",
        r"^listen\b.{0,80}\bon\b.{0,40}\b(?:sounds|spotify|apple podcasts|podcasts?)\b",
        "tail",
    ),
    # Calls for reader input.
    _rule(
        "reader-input",
        "reader-input",
        r"^(?:have you been affected|do you have (?:a story|information)|share your "
        r"(?:experiences?|stories|story|views|pictures|photos))\b",
        max_words=60,
    ),
    _rule(
        "get-in-touch",
        "reader-input",
        r"\b(?:get in touch|contact us|share your experiences?)\b.{0,80}\b(?:e-?mail(?:ing)?|"
        r"whatsapp|by clicking|form)\b",
        "tail",
        max_words=60,
    ),
    # Picture furniture, navigation, labels.
    _rule(
        "picture-furniture",
        "picture",
        r"^(?:image|picture|photo|video|media) (?:source|caption|copyright|credit)\b\s*[,:]?",
        max_words=60,
    ),
    _rule(
        "navigation",
        "navigation",
        r"^(?:related topics|more on this story|related (?:stories|content|articles|links)|"
        r"read more|see also|top stories|most read|you may also (?:like|be interested in)|"
        r"more from [\w .'-]{1,30}|around the bbc|elsewhere on the web)\s*:?$",
        max_words=8,
    ),
    _rule(
        "label",
        "label",
        r"^(?:advertisement|advert|sponsored(?: content)?|paid content|promoted|skip advert|ad)"
        r"\s*:?$",
        max_words=3,
    ),
    # Agency credits and syndication notes.
    _rule(
        "agency-credit",
        "credit",
        r"^(?:additional )?(?:reporting|writing) by\b.{0,150}[;,.]\s*(?:editing|additional "
        r"reporting|writing|graphics) by\b",
        "tail",
        max_words=60,
    ),
    _rule("editing-credit", "credit", r"^editing by\b", "tail", max_words=15),
    _rule(
        "syndication",
        "syndication",
        r"\b(?:this (?:article|story|piece) (?:was|is) (?:originally |first )?(?:published|"
        r"republished) (?:on|in|by|at|from)|originally (?:published|appeared) (?:on|in|at))\b",
        max_words=40,
    ),
)


def load_rules(path: str | os.PathLike[str]) -> tuple[Rule, ...]:
    """The user's rules in ``path``: ``NAME<TAB>REGEX`` a line, ``#`` comments."""
    source = os.fspath(path)
    try:
        with open(source, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise RulesError(f"{source}: {getattr(e, 'strerror', None) or e}") from None
    rules = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, tab, regex = line.partition("\t")
        if not tab or not name.strip() or not regex:
            raise RulesError(f"{source}:{number}: expected NAME<TAB>REGEX")
        try:
            pattern = re.compile(regex, re.IGNORECASE)
        except re.error as e:
            raise RulesError(f"{source}:{number}: bad regex: {e}") from None
        rules.append(Rule(name.strip(), "user", pattern))
    return tuple(rules)
