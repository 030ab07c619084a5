"""Words and sentences, counted by the rules of the ``newsfrag.stats`` docstring.

Apart from the figures so that the fast paths, which most text takes, sit beside
the full rule they must agree with (the tests hold both to a count made by hand).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .markup import collapse

__all__ = ["count_sentences", "count_words", "inner_ends", "odd_characters"]


# The rule in full is _unicode_word(); ASCII text takes a faster path to the same count.
_JOINERS = "'’ʼ\\-‐‑.,:·\u200c\u200d\u05be\u05f3\u05f4"
# ASCII: drop the joiners (and "_", which joins but starts no word), turn every
# letter or digit into 1 and the rest into 0: each word starts at a 1 after a 0.
_ASCII_DROP = b"_'-.,:"
_ASCII_WORDS = bytes(1 if chr(c).isalnum() else 0 for c in range(128)) + bytes(128)
# Han ideographs (with 々〆〇), hiragana and katakana: one word each.
_CJK_RANGES = (
    "\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9d\U00020000-\U0003ffff"
)


@functools.cache
def _cjk() -> re.Pattern[str]:
    # Compiled when first needed, as the other patterns of rare text, not at start-up.
    return re.compile(f"[{_CJK_RANGES}]")


# A keycap emoji (digit, variation selector, enclosing keycap) is an emoji, not a word.
_KEYCAP = re.compile("[0-9#*]\ufe0f?\u20e3")
# The blocks of the BMP that hold combining marks, less the variation selectors
# and symbol marks that build emoji (U+FE00-FE0F, U+20D0-20FF).
_MARK_BLOCKS = "0300-1DFF 2CEF-2DFF 302A-302F 3099-309A A66F-ABFF FB1E-FB1E FE20-FE2F"


@functools.cache
def _unicode_word() -> re.Pattern[str]:
    # re's \w has no combining marks: add them.
    return re.compile(f"[^\\W_][\\w{_marks()}{_JOINERS}]*()")


@functools.cache
def _separators() -> re.Pattern[str]:
    """What beyond ASCII parts words as a space does: no letter, digit, mark or joiner."""
    return re.compile(f"[^\\x00-\\x7f\\w{_marks()}{_JOINERS}{_CJK_RANGES}\u20e3]")


@functools.cache
def _marks() -> str:
    # The combining marks, as ranges for a character class (quick to compile).
    ranges: list[list[int]] = []
    for block in _MARK_BLOCKS.split():
        for cp in range(int(block[:4], 16), int(block[5:], 16) + 1):
            if unicodedata.category(chr(cp))[0] != "M":
                continue
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    return "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in ranges)


_UTF8_WORDS = _ASCII_WORDS[:128] + b"\x01" * 128
_UTF8_WORDS_CJK = bytes(
    2 if 0xE3 <= c <= 0xE9 or c in (0xEF, 0xF0) else b for c, b in enumerate(_UTF8_WORDS)
)


def _word_starts(runs: bytes) -> int:
    # ``runs`` as the tables make it: letters 1, the rest 0. As one integer, a byte a
    # place, the bytes that are 1 with a 0 before them are its bits that are set where
    # the integer shifted one byte up has them clear: counted in C, no word objects.
    bits = int.from_bytes(runs, "little")
    return (bits & ~(bits << 8)).bit_count()


# Beyond ASCII: characters that are no letter or digit (one pass finds them all), and
# lead bytes of the UTF-8 of CJK characters (the byte count takes none of them).
_ODD = re.compile(r"[^\x00-\x7f\w]")
_CJK_BYTES = re.compile(rb"[\xe3-\xe9]|\xef[\xa4-\xab\xbd\xbe]|\xf0[\xa0-\xbf]")


@functools.lru_cache(maxsize=4096)
def _swap(char: str) -> str | None:
    """What an odd character becomes for the byte count: a space, an ASCII joiner, or
    None where only the full rule will do (marks, joiners, keycaps)."""
    if char == "’":
        return "'"  # the joiner of English news
    return " " if _separators().match(char) else None


_ASCII = bytes(range(128))


def odd_characters(text: str) -> set[str]:
    """The characters of a text beyond ASCII that are no letter or digit: found once, they
    tell both counts what they need to know (separators, stops of other scripts)."""
    if text.isascii():
        return set()
    # News is mostly ASCII: what is left without it, in UTF-8, is quick to search.
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII)
    return set(_ODD.findall(rest.decode("utf-8", "surrogatepass")))


def count_words(text: str, odd: set[str] | None = None) -> int:
    """Words in a text, by the rule of ``DEFINITIONS["words"]`` in ``newsfrag.stats``
    (``odd``: its ``odd_characters``, when they are known)."""
    if text.isascii():
        return _word_starts(text.encode("ascii").translate(_ASCII_WORDS, _ASCII_DROP))
    swaps = {char: _swap(char) for char in (odd_characters(text) if odd is None else odd)}
    if None in swaps.values():
        return _count_mixed(text)
    for char, swap in swaps.items():
        text = text.replace(char, swap or " ")
    data = text.encode("utf-8", "surrogatepass")
    # Beyond ASCII only letters and digits are left: to the byte count, each byte of
    # their UTF-8 is a letter, and the words are the same. The lead bytes that CJK
    # characters may have come out as 2, found in the same pass.
    runs = data.translate(_UTF8_WORDS_CJK, _ASCII_DROP)
    if b"\x02" in runs:
        if _CJK_BYTES.search(data):
            return _count_mixed(text)
        runs = data.translate(_UTF8_WORDS, _ASCII_DROP)
    return _word_starts(runs)


def _count_mixed(text: str) -> int:
    # No word spans a line break: count the ASCII lines the fast way.
    lines = text.split("\n")
    plain = [line for line in lines if line.isascii()]
    if not plain:
        return _count_unicode(text)
    rest = "\n".join(line for line in lines if not line.isascii())
    return count_words("\n".join(plain)) + _count_unicode(rest)


def _count_unicode(text: str) -> int:
    if "\u20e3" in text:
        text = _KEYCAP.sub(" ", text)
    text, cjk = _cjk().subn(" ", text)
    return cjk + len(_unicode_word().findall(text))


_CLOSERS = re.escape("\"'”’»›)]}」』）】〉》")
_OPENERS = re.escape("\"'“‘„«‹([{¿¡「『（【〈《")
_STOPS = ".!?…‼⁇⁈⁉。！？．؟۔।॥።"
# Compared case-blind: a lone "." after one of these never ends a sentence.
_ABBREVIATIONS = (
    "mr mrs ms messrs dr prof st mt gen sen rep gov lt col sgt capt cmdr adm maj supt "
    "insp det rev hon jr sr inc ltd co corp plc bros vs approx dept est fig "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()


def _not_after_abbreviation() -> str:
    # Look-behinds must be of one width each: one per length of abbreviation.
    by_length: dict[int, list[str]] = {}
    for word in _ABBREVIATIONS:
        by_length.setdefault(len(word), []).append(word)
    words = "".join(rf"(?<!\b(?i:{'|'.join(ws)})\.)" for ws in by_length.values())
    # ... nor after a capital initial ("J.", "В.") or a dotted abbreviation ("U.S.", "p.m.").
    return words + r"(?<!\b[A-ZÀ-ÖØ-ÞΑ-ΩЀ-Я]\.)(?<![^\W\d_]\.[^\W\d_]\.)"


# A sentence may end at a run of stops glued to the text before it, not after an
# abbreviation; then closing quotes or brackets, a space, opening quotes or brackets,
# and the letter or digit that follows, which decides. Paragraphs are joined by "\n",
# which no candidate crosses. Every run of stops is one candidate at most, matched from
# its first stop. (The letter or space before a stop decides only in a run of one: the
# rest of a run follows a stop.) One pattern for each stop, the stop first, so that re
# finds it as it would a word, not testing every character against a class of them.
_RUN_OF_STOPS = f"(?<![{_STOPS}].)"
_TO_THE_WORD = f"[{_STOPS}]*[{_CLOSERS}]* [{_OPENERS}]*([^\\W_])"


@functools.cache
def _candidates(stop: str) -> re.Pattern[str]:
    # Abbreviations end in ".": for any other stop only the glue is asked.
    after = _not_after_abbreviation() if stop == "." else ""
    lone = f"(?<=\\S.){after}"
    return re.compile(f"{re.escape(stop)}{_RUN_OF_STOPS}(?:{lone}|(?=[{_STOPS}])){_TO_THE_WORD}")


_ASCII_STOPS = ".!?"
_OTHER_STOPS = frozenset(_STOPS) - frozenset(_ASCII_STOPS)
_CJK_STOPS = "。！？．"


@functools.cache
def _cjk_glued() -> re.Pattern[str]:
    # A CJK stop glued to the text before and after it (Chinese and Japanese put no space).
    return re.compile(
        f"[{_CJK_STOPS}](?<=\\S.)[{_CJK_STOPS}]*[{_CLOSERS}]*(?=[{_OPENERS}]*[^\\W_])"
    )


def inner_ends(text: str, odd: set[str] | None = None) -> int:
    """Sentence ends with more of the same paragraph after them, in collapsed
    paragraphs joined by newlines: a paragraph has one sentence more than these.
    ``odd``: its ``odd_characters``, when they are known."""
    stops = [stop for stop in _ASCII_STOPS if stop in text]
    if not text.isascii():
        odd = odd_characters(text) if odd is None else odd
        stops += _OTHER_STOPS.intersection(odd)  # in any order: ends are counted, not listed
    patterns = [_candidates(stop) for stop in stops]
    firsts = [first for pattern in patterns for first in pattern.findall(text)]
    if not any(map(str.isdigit, firsts)):
        ends = len(firsts) - sum(map(str.islower, firsts))  # "wait... and", "Yahoo! was"
    else:
        ends = 0
        for m in (m for pattern in patterns for m in pattern.finditer(text)):
            first = m.group(1)
            if first.islower():
                continue  # "wait... and", "Yahoo! was"
            if first.isdigit() and text[m.start()] == ".":
                start = m.start()
                before = text[max(0, start - 4) : start].lstrip(" \n(\"'“‘").lower()
                if before in ("no", "nos"):
                    continue  # "No. 10"
            ends += 1
    if odd and any(stop in odd for stop in _CJK_STOPS):
        ends += len(_cjk_glued().findall(text))
    return ends


def count_sentences(text: str) -> int:
    """Sentences in one paragraph: at least one if it has any text (the rule: newsfrag.stats)."""
    text = collapse(text)
    return 1 + inner_ends(text) if text else 0
