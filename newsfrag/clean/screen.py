"""Which fragments no boilerplate rule can match, told cheaply.

Nearly every fragment is article: rather than run every rule's regex on it, a few
tests made from all the rules at once (length bounds, the words a rule needs, the
words it must start with) clear it. They may let through what no rule then drops,
never hold back what one would.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .rules import Rule
from .speech import may_address

__all__ = ["screen"]

_HUGE = 1 << 62  # no bound on a text's length
_Clean = tuple[str, str, float]  # a fragment's cleaned HTML, text, and share of text in links

_Test = Callable[[str, float], bool]
_Suspects = Callable[[Sequence[_Clean]], set[int]]
_First = Callable[[str, float, int], "Rule | None"]
_Screen = tuple[_Suspects, _Test, int, _First]
_last: tuple[tuple[Rule, ...], _Screen] | None = None


def screen(rules: Sequence[Rule]) -> _Screen:
    """Cheap tests, as nearly every fragment is article: which fragments of a document a
    rule without a tail condition could match, whether one with a tail condition could
    match a fragment, the largest tail, and the first rule that matches a fragment
    (text, share in links, kept fragments after it). The last set's kept."""
    global _last
    key = tuple(rules)
    if _last is None or _last[0] != key:
        tail = max((r.tail for r in key if r.tail is not None), default=-1)
        tailed = _could_match([r for r in key if r.tail is not None])
        _last = (key, (_suspects([r for r in key if r.tail is None]), tailed, tail, _first(key)))
    return _last[1]


def _first(rules: tuple[Rule, ...]) -> _First:
    """``next(r for r in rules if r.matches(...))``, with each rule's bounds looked at
    before a call and the text put in lower case once, when a rule gets that far."""
    bounds = [
        (r, r.max_chars or _HUGE, _HUGE if r.tail is None else r.tail, r.min_links, r.addressed)
        for r in rules
    ]

    def first(text: str, links: float, kept_after: int) -> Rule | None:
        size = len(text)
        lower = ""
        reader: bool | None = None  # whether the text may speak to the reader, once asked
        for rule, most, tail, share, addressed in bounds:
            if size <= most and kept_after <= tail and links >= share:
                lower = lower or text.lower()
                if addressed:
                    if reader is None:
                        reader = may_address(text, lower)
                    if not reader:
                        continue
                if rule.matches(text, lower, links, kept_after):
                    return rule
        return None

    return first


def _suspects(rules: list[Rule]) -> _Suspects:
    """``_could_match`` for a whole document at once: the fragments worth a closer look."""
    if any(r.needs for r in rules if not r.starts):
        could_match = _could_match(rules)
        return lambda cleaned: {i for i, (_, t, s) in enumerate(cleaned) if could_match(t, s)}
    longest = max((r.max_chars or _HUGE for r in rules), default=-1)
    others = [r for r in rules if not r.starts]  # no hint: bounds only
    short = max((r.max_chars or _HUGE for r in others if not r.min_links), default=-1)
    linked = max((r.max_chars or _HUGE for r in others if r.min_links), default=-1)
    share = min((r.min_links for r in others if r.min_links), default=2.0)
    starts = [re.escape(s) for r in rules for s in r.starts]
    opens = re.compile("|".join(starts), re.IGNORECASE).match if starts else lambda _: None
    return lambda cleaned: {
        i
        for i, (_, t, s) in enumerate(cleaned)
        if (n := len(t)) <= longest and (n <= short or opens(t) or (n <= linked and s >= share))
    }


def _could_match(rules: list[Rule]) -> _Test:
    """False when none of ``rules`` can match a text: too long, or no hint of any of them."""
    longest = max((r.max_chars or _HUGE for r in rules), default=-1)
    starts = tuple(s for r in rules for s in r.starts)
    needs = tuple(n for r in rules if not r.starts and not r.addressed for n in r.needs)
    # Most wording a promo needs is in rules that also need the text to speak to the reader.
    reader_needs = tuple(n for r in rules if not r.starts and r.addressed for n in r.needs)
    others = [r for r in rules if not r.starts and not r.needs]  # no hint: bounds only
    short = max((r.max_chars or _HUGE for r in others if not r.min_links), default=-1)
    linked = [(r.max_chars or _HUGE, r.min_links) for r in others if r.min_links]
    prefix = max(map(len, starts), default=0)

    def could_match(text: str, links: float) -> bool:
        size = len(text)
        if size > longest:
            return False
        if size <= short or (starts and text[:prefix].lower().startswith(starts)):
            return True
        if needs or reader_needs:
            lower = text.lower()
            if any(map(lower.__contains__, needs)):
                return True
            if (
                reader_needs
                and may_address(text, lower)
                and any(map(lower.__contains__, reader_needs))
            ):
                return True
        return any(size <= most and links >= share for most, share in linked)

    return could_match
