"""clean/speech.py: whom a text speaks to, told cheaply and held to the full pattern."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfrag.clean.speech import ADDRESSED, may_address


def test_no_letter_but_y_o_u_in_either_case_matches_you_in_the_reader_pattern() -> None:
    # may_address looks for "you" in the lower-cased text: no other letter may match.
    for letter in "you":
        pattern = re.compile(letter, re.IGNORECASE)
        matched = {chr(c) for c in range(sys.maxunicode + 1) if pattern.fullmatch(chr(c))}
        assert matched == {letter, letter.upper()}


_speech = st.lists(
    st.sampled_from(
        [
            *("you", "YOU", "yours", "Sign", "SIGN", "ſign", "please", "Please ", "do not", "go"),
            *("get", "GeT", "İ", "ı", "ſ", "K", "é", " ", "\n", "\xa0", "'", "-", "up", "x", "!"),
        ]
    ),
    max_size=8,
).map("".join)


@settings(max_examples=2000)
@given(_speech)
def test_a_text_the_reader_pattern_matches_is_never_said_not_to_address_the_reader(
    text: str,
) -> None:
    if ADDRESSED.search(text) is not None:
        assert may_address(text, text.lower())
