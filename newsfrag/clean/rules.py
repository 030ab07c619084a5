"""The boilerplate rules of ``newsfrag clean``, kept here as data, and the user's rules file.

A rule drops a fragment when its regex is found in the fragment's plain text and
every condition it carries holds. The conditions are the evidence besides wording:
a promo is short, sits near the end and speaks to the reader rather than reporting
what someone said; a "Read more:" line is mostly link. A false drop loses the user's
data, a missed promo is only noise: the rules lean towards keeping.

A rules file (``newsfrag clean --rules FILE``) is UTF-8, one rule a line::

    # a comment; blank lines are skipped too
    NAME<TAB>REGEX
    NAME<TAB>REGEX<TAB>OPTION OPTION ...

NAME is letters, digits, ``_``, ``-`` and ``.``, once per file, and no built-in
rule's name. REGEX is a Python regular expression, searched case-insensitively in
the fragment's plain text (entities decoded, whitespace collapsed, no tags); write a
tab in it as ``\\t``. It must not match empty text. OPTIONs, separated by spaces:

    max_chars=N   only fragments whose text is at most N characters long
    tail=N        only fragments followed by at most N fragments that are kept
    min_links=F   only fragments with at least F (0 to 1) of their text in links
    addressed     only fragments that speak to the reader ("you", "Sign up ...")
    unquoted      never fragments that quote or report speech (quote marks, "said")
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from ..errors import RulesError
from .speech import ADDRESSED, FLAGS, REPORTED, Pattern

__all__ = ["ADDRESSED", "DEFAULT_RULES", "MARKUP_RULES", "REPORTED", "Rule", "load_rules"]

# The names of the markup-level drops (``Dropped.rule``), not for a rules file.
MARKUP_RULES = ("empty", "duplicate")

_SOCIAL = (
    r"(?:facebook|twitter|x|instagram|tiktok|youtube|threads|linkedin|bluesky|mastodon"
    r"|telegram|whatsapp|snapchat|pinterest|reddit)"
)
_AGENCY = (
    r"(?:(?:thomson )?reuters|afp|ap|associated press|pa(?: media)?|dpa|epa|bloomberg"
    r"|getty images|xinhua|kyodo|ansa)"
)
_YEAR = r"(?:19|20)\d\d\b"


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of boilerplate: a regex over the plain text, and the conditions it needs."""

    name: str
    category: str
    pattern: re.Pattern[str] | Pattern
    max_chars: int | None = None  # only texts at most this long
    tail: int | None = None  # only when at most this many kept fragments follow
    min_links: float = 0.0  # at least this share of the text inside links
    addressed: bool = False  # the text must speak to the reader
    unquoted: bool = False  # never a text that quotes or reports speech
    # What the regex cannot match without, in lower case: the text starts with one of
    # ``starts`` and holds one of ``needs``. Most fragments fail here, not in the regex.
    starts: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()

    def matches(self, text: str, lower: str, links: float, kept_after: int) -> bool:
        """Whether this rule drops a fragment (``lower``: its text in lower case)."""
        if self.max_chars is not None and len(text) > self.max_chars:
            return False
        if (self.tail is not None and kept_after > self.tail) or links < self.min_links:
            return False
        if self.starts and not lower.startswith(self.starts):
            return False
        if self.needs and not any(map(lower.__contains__, self.needs)):
            return False
        if self.pattern.search(text) is None:
            return False
        if self.addressed and ADDRESSED.search(text) is None:
            return False
        return not (self.unquoted and REPORTED.search(text) is not None)


_NUMBERS: dict[str, type[int] | type[float]] = {"max_chars": int, "tail": int, "min_links": float}


def _options(text: str, where: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for option in text.split():
        key, eq, value = option.partition("=")
        if key in ("addressed", "unquoted") and not eq:
            found[key] = True
            continue
        if key not in _NUMBERS or not eq:
            raise RulesError(
                f"{where}: unknown option {option!r}: use max_chars=N, tail=N, min_links=F, "
                "addressed or unquoted"
            )
        try:
            found[key] = number = _NUMBERS[key](value)
        except ValueError:
            number = -1
        if not 0 <= number <= (1 if key == "min_links" else 1e9):
            raise RulesError(f"{where}: bad value in option {option!r}")
    return found


def _rule(spec: str, regex: str, hints: tuple[str, ...] = ()) -> Rule:
    # spec: "NAME CATEGORY OPTION ...", options as in a rules file; a hint "^x": starts with x.
    name, category, options = f"{spec} ".split(" ", 2)
    starts = tuple(h[1:] for h in hints if h.startswith("^"))
    needs = tuple(h for h in hints if not h.startswith("^"))
    pattern = Pattern(regex)
    return Rule(name, category, pattern, **_options(options, name), starts=starts, needs=needs)


# The first rule that matches names the drop. Lines that are furniture by their shape
# (a copyright sign, "Image caption, ...") go anywhere; wording that also turns up in
# reporting only near the end (tail), short (max_chars), and to the reader.
DEFAULT_RULES: tuple[Rule, ...] = (
    _rule(
        "copyright legal max_chars=600",
        rf"\A(?:©|copyright\s*(?:©|\(c\)|{_YEAR}|by\b|{_AGENCY}\b)"
        rf"|\(c\)\s*(?:copyright\b|{_YEAR}|{_AGENCY}\b))",
        ("^©", "^copyright", "^(c)"),
    ),
    _rule(
        "rights-notice legal max_chars=300 tail=3 unquoted",
        rf"(?:©|\(c\)|\bcopyright\b|\b{_YEAR}).{{0,200}}\ball rights reserved\b\s*(?:[.;|]|\Z)"
        r"|\A\W*all rights reserved\W*\Z|\bmay not be (?:published|reproduced|republished|copied"
        r"|redistributed)\b.{0,80}(?:\bor redistributed\b|\bwithout (?:the )?(?:prior )?"
        r"(?:written )?permission\b)",
        ("all rights reserved", "may not be"),
    ),
    _rule(
        "external-links legal max_chars=400 tail=3 unquoted",
        r"\bnot responsible for the content of (?:external|third[- ]party|other|linked)"
        r" (?:internet )?(?:sites|websites|web sites|links|pages)\b"
        r"|\A(?:read|find out) (?:more )?about our (?:approach|policy) to (?:external )?link",
        ("not responsible", "about our"),
    ),
    _rule(
        "newsletter-signup promo max_chars=200 unquoted",
        r"\A(?:sign[- ]?up|subscribe|register)\b[^.!?]{0,100}"
        r"\b(?:newsletters?|inbox|email alerts?|bulletins?|briefings?)\b",
        ("^sign", "^subscribe", "^register"),
    ),
    _rule(
        "newsletter-promo promo max_chars=300 tail=3 addressed unquoted",
        r"\b(?:subscribe|sign(?:ing)?[- ]?up|register|opt in)\b[^.!?]{0,100}"
        r"\b(?:newsletters?|inbox|email alerts?|bulletins?|briefings?|digest|mailing list)\b"
        r"|\b(?:newsletters?|bulletins?|briefings?)\b[^.!?]{0,60}\b(?:subscribe|sign[- ]?up)\b",
        ("newsletter", "inbox", "alert", "bulletin", "briefing", "digest", "mailing"),
    ),
    _rule(
        "social-follow promo max_chars=250 tail=3 addressed unquoted",
        r"\b(?:follow|find us|like us|join us|connect with|stay (?:up to date|in touch) with"
        rf"|keep up(?: to date)? with)\b[^.!?]{{0,80}}?\bon\s+{_SOCIAL}\b",
        ("follow", "find us", "like us", "join us", "connect with", "in touch", "keep up"),
    ),
    _rule(
        "app-promo promo max_chars=250 tail=3 addressed unquoted",
        r"\b(?:download|get|install|try)\b[^.!?]{0,60}\bapps?\b"
        r"|\bavailable (?:on|in) (?:the )?(?:app store|google play)\b",
        (" app", "google play"),
    ),
    _rule(
        "podcast-promo promo max_chars=250 tail=3 addressed unquoted",
        r"\b(?:listen|subscribe|hear|catch up|watch)\b[^.!?]{0,100}(?:\bon (?:bbc )?sounds\b"
        r"|\bpodcasts?\b|\biplayer\b|\bspotify\b|\bapple podcasts\b)",
        ("sounds", "podcast", "iplayer", "spotify"),
    ),
    # The newsroom asking for the reader's story ("us"), not a police appeal.
    _rule(
        "reader-input reader-input max_chars=400 tail=3 addressed unquoted",
        r"\b(?:share your (?:experiences?|stories|story|views|pictures|photos|videos)"
        r"|get in touch(?: with us\b|\W*\Z|\s+(?:by|via)\b)|tell us\b|have your say\b"
        r"|send (?:us )?your (?:pictures|photos|stories|story ideas|questions|videos)"
        r"|e-?mail us\b|contact us\b)"
        r"|\Ahave you (?:been affected|experienced|got a story|witnessed)\b[^?]{0,150}\?",
        ("your", "get in touch", "tell us", "mail us", "contact us", "have you"),
    ),
    _rule(
        "picture-furniture picture max_chars=400",
        r"\A(?:image|picture|photo|photograph|video|media) ?(?:source|caption|copyright|credit)s?"
        r"\s*[,:]",
        ("^image", "^picture", "^photo", "^video", "^media"),
    ),
    _rule(
        "navigation navigation max_chars=60",
        r"\A(?:related (?:topics|stories|content|internet links|links|articles)|more on this"
        r" (?:story|topic)|top stories|most read|most popular|see also|share this (?:page|article)"
        r"|skip to (?:content|main content)|back to top|you may also like|elsewhere on the (?:bbc"
        r"|web|site)|around the (?:bbc|network|web))\W*\Z",
    ),
    _rule(
        "related-link navigation max_chars=300 min_links=0.5",
        r"\A(?:read more|also read|read also|related|see also|more|watch|listen)\s*:",
    ),
    _rule(
        "label label max_chars=60",
        r"\A(?:advertisement|advert|ad|sponsored(?: content)?|promoted(?: content| stories)?"
        r"|paid (?:content|partnership)|partner content|(?:story|article) continues below"
        r"(?: advertisement)?|continue reading(?: below)?|skip advert(?:isement)?)\W*\Z",
    ),
    _rule(
        "agency-credit credit max_chars=300 unquoted",
        r"\A\(?(?:additional |further )?(?:reporting|writing|research) by\b[^;]{0,200}"
        r"[;,]\s*(?:additional reporting|editing|writing) by\b|\A\(?editing by\b[^.;]{0,80}\Z",
        ("^reporting", "^writing", "^research", "^additional", "^further", "^editing", "^("),
    ),
    _rule(
        "contributed-credit credit max_chars=300 tail=3 unquoted",
        r"\b(?:writers?|reporters?|correspondents?|journalists?|contributors?)\b[^.]{0,120}"
        r"\bcontributed(?: reporting)? to this (?:report|story|article)\b",
        ("contributed",),
    ),
    _rule(
        "syndication syndication max_chars=250 unquoted",
        r"\A(?:a version of )?this (?:article|story|piece|post|report|interview|column)\b[^.]{0,40}"
        r"\b(?:originally|first|previously) (?:published|appeared|ran|posted)\s+(?:on|in|at|by"
        r"|with)\b|\A(?:this (?:article|story) is )?republished (?:from|with (?:kind )?permission)",
        ("^this", "^a version", "^republished"),
    ),
)

_RESERVED = frozenset({*MARKUP_RULES, *(r.name for r in DEFAULT_RULES)})
_NAME = re.compile(r"[A-Za-z0-9_.-]+\Z")


def load_rules(path: str | os.PathLike[str]) -> tuple[Rule, ...]:
    """The user's rules in a rules file (format in the module docstring), category ``user``.

    Every mistake is a ``RulesError`` naming ``PATH:LINE``: a rule that silently did
    nothing, or dropped everything, would be worse than a run refused.
    """
    where = os.fspath(path)
    try:
        with open(path, encoding="utf-8-sig") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise RulesError(f"{where}: cannot read the rules file: {reason}") from None
    rules: list[Rule] = []
    for number, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if line.strip() and not line.lstrip().startswith("#"):
            rule = _parse_line(line, f"{where}:{number}")
            if any(r.name == rule.name for r in rules):
                raise RulesError(f"{where}:{number}: rule {rule.name!r} is defined twice")
            rules.append(rule)
    return tuple(rules)


def _parse_line(line: str, where: str) -> Rule:
    name, tab, rest = line.partition("\t")
    if not tab:
        raise RulesError(f"{where}: expected NAME<TAB>REGEX, found no tab")
    regex, _, options = rest.partition("\t")
    if not _NAME.match(name):
        raise RulesError(f"{where}: bad rule name {name!r}: use letters, digits, _ - and .")
    if name in _RESERVED:
        raise RulesError(f"{where}: rule name {name!r} is taken by a built-in rule")
    if not regex:
        raise RulesError(f"{where}: rule {name!r} has an empty regex")
    try:
        pattern = re.compile(regex, FLAGS)
    except re.error as e:
        raise RulesError(f"{where}: bad regex for rule {name!r}: {e}") from None
    if pattern.search("") is not None:
        raise RulesError(f"{where}: rule {name!r} matches empty text: it would drop everything")
    return Rule(name, "user", pattern, **_options(options, where))
