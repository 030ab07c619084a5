"""The names that output fields and option values use, in a module that imports nothing:
the command line lists them in --help without loading the cores that compute them."""

from __future__ import annotations

__all__ = ["LABELS", "SCHEMES", "STATS_FIELDS"]

# The figures of a stats row, as its JSON keys and its TSV header name them: each says
# what it holds, so that no name means a list in one command and a number in another.
STATS_FIELDS: tuple[str, ...] = (
    "fragment_count",
    "paragraph_count",
    "word_count",
    "sentence_count",
    "character_count",
    "link_count",
    "minutes",
)
# The short names a person reads in the stats table and may give to --sort.
LABELS: dict[str, str] = {
    "fragment_count": "fragments",
    "paragraph_count": "paragraphs",
    "word_count": "words",
    "sentence_count": "sentences",
    "character_count": "characters",
    "link_count": "links",
    "minutes": "minutes",
}
# What links --scheme takes: the schemes links on news pages use (IANA's registry has
# hundreds; a name outside this list is far likelier a typo than a link anyone wants).
SCHEMES = (
    "http", "https", "ftp", "sftp", "ws", "wss", "file", "data", "javascript", "mailto",
    "tel", "sms", "callto", "geo", "webcal", "feed", "magnet", "news", "irc", "ircs",
    "whatsapp", "tg", "skype", "intent", "market",
)  # fmt: skip
