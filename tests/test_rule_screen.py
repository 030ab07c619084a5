"""clean/screen.py: the screen before the rules holds back nothing a rule would drop,
and the rules mark what the plain definition marks."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsfrag.clean.decide import _drop_boilerplate
from newsfrag.clean.rules import DEFAULT_RULES
from newsfrag.clean.screen import screen

# and letters whose case changes length or maps outside ASCII: texts near the edges.
_OPENINGS = [
    "Sign up to our morning newsletter",
    "© 2024 BBC.",
    "Copyright 2024 Reuters.",
    "Image caption, ",
    "Read more: ",
    "Advertisement",
    "This article was originally published on",
    "Reporting by Jane Doe; editing by John Roe",
    "İmage caption:",
    "ſign up to our newsletter",
]
_near_rules = st.builds(
    "{}{}".format,
    st.sampled_from(_OPENINGS),
    st.text(alphabet="abc .!", max_size=220),
)


@settings(max_examples=600)
@example([("Advertisement" + "!" * 47, 0.0)])  # 60 characters: the short bound itself
@example([("Read more: " + "x" * 289, 0.5)])  # 300 characters, half in links
@given(st.lists(st.tuples(_near_rules, st.floats(0, 1)), min_size=1, max_size=6))
def test_the_screen_holds_back_no_fragment_a_rule_without_a_tail_would_drop(
    texts: list[tuple[str, float]],
) -> None:
    anywhere = [r for r in DEFAULT_RULES if r.tail is None]
    cleaned = [("", text, share) for text, share in texts]
    suspects = screen(anywhere)[0](cleaned)
    for i, (text, share) in enumerate(texts):
        if any(r.matches(text, text.lower(), share, 0) for r in anywhere):
            assert i in suspects, text


_TAILS = [
    "Follow us on Facebook and Twitter",
    "Get in touch: tell us your story",
    "Sign up for our daily newsletter",
    "Download our app from Google Play",
    "Listen to our podcast on Spotify",
    "Dana Roe contributed to this report",
    "All rights reserved",
    "ſign up for our daily newsletter",  # the pattern's case-blindness, not lower()'s
    "PLEASE SIGN UP for our newsletter",
]
_documents = st.lists(
    st.tuples(
        st.one_of(
            _near_rules,
            st.builds(
                "{}{}".format, st.sampled_from(_TAILS), st.text(alphabet="ab .", max_size=300)
            ),
            st.text(alphabet="abc .!", min_size=1, max_size=70),
        ),
        st.sampled_from([0.0, 0.5, 1.0]),
    ),
    max_size=12,
)


@settings(max_examples=600)
@example([("© 2024 BBC." + "a" * 589, 0.0)])  # 600 characters: the copyright rule's bound
# ... and reader-input's, 400 characters, a rule that looks at what follows
@example([("x" * 70, 0.0), ("Get in touch: tell us your story." + " ab" * 122 + "x", 0.0)])
@given(_documents)
def test_boilerplate_is_marked_as_by_every_rule_on_every_fragment_from_the_end_back(
    texts: list[tuple[str, float]],
) -> None:
    cleaned = [("", text, share) for text, share in texts]
    expected: list[str | None] = [None] * len(texts)
    kept_after = 0
    for i in reversed(range(len(texts))):  # the definition, no screen
        text, share = texts[i]
        rule = next(
            (r for r in DEFAULT_RULES if r.matches(text, text.lower(), share, kept_after)), None
        )
        if rule is None:
            kept_after += 1
        else:
            expected[i] = rule.name
    verdicts: list[str | None] = [None] * len(texts)
    survivors = _drop_boilerplate(list(range(len(texts))), cleaned, DEFAULT_RULES, verdicts)
    assert verdicts == expected
    assert survivors == [i for i, v in enumerate(expected) if v is None]
