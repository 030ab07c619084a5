"""The rule table and the user's rules file: conditions, format, and every way it can be wrong."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from newsfrag.clean import clean_fragments
from newsfrag.clean.rules import DEFAULT_RULES, MARKUP_RULES, Rule, load_rules
from newsfrag.clean.screen import screen
from newsfrag.clean.speech import Pattern
from newsfrag.errors import RulesError

STORY = ["Ferries resumed on Tuesday.", "Crews worked through the night to clear the slipway."]


def rules_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_category_the_issue_names_has_a_rule_and_every_name_is_unique() -> None:
    names = [r.name for r in DEFAULT_RULES]
    assert len(names) == len(set(names))
    assert not set(names) & set(MARKUP_RULES)
    categories = {r.category for r in DEFAULT_RULES}
    expected = {"legal", "promo", "reader-input", "picture", "navigation", "label", "credit"}
    assert categories == expected | {"syndication"}


def test_no_built_in_rule_matches_empty_or_plain_article_text() -> None:
    for rule in DEFAULT_RULES:
        assert rule.pattern.search("") is None, rule.name
        for text in STORY:
            assert not rule.matches(text, text.lower(), 0.0, 0), rule.name


def test_rules_survive_pickling_for_worker_processes() -> None:
    assert pickle.loads(pickle.dumps(DEFAULT_RULES)) == DEFAULT_RULES  # noqa: S301 (our own bytes)


def test_a_built_in_pattern_is_compiled_once_when_a_text_first_reaches_it() -> None:
    # A run over one article compiles only the rules its texts get as far as.
    pattern = Pattern(r"\bpromo\b")
    assert pattern._compiled is None
    assert pattern.search("A PROMO, case-blind") is not None
    compiled = pattern._compiled
    assert pattern.search("promotion") is None
    assert pattern._compiled is compiled


def rule(**conditions: int | float | bool) -> Rule:
    return Rule("test", "user", re.compile("promo", re.IGNORECASE), **conditions)  # type: ignore[arg-type]


def test_max_chars_limits_a_rule_to_short_texts() -> None:
    short, long = "a promo", "a promo " + "and words " * 10
    assert rule(max_chars=20).matches(short, short.lower(), 0.0, 0)
    assert not rule(max_chars=20).matches(long, long.lower(), 0.0, 0)


def test_tail_limits_a_rule_to_fragments_with_few_kept_after_them() -> None:
    assert rule(tail=2).matches("promo", "promo", 0.0, 2)
    assert not rule(tail=2).matches("promo", "promo", 0.0, 3)


def test_min_links_asks_for_a_share_of_the_text_in_links() -> None:
    assert rule(min_links=0.5).matches("promo", "promo", 0.6, 0)
    assert not rule(min_links=0.5).matches("promo", "promo", 0.4, 0)


def test_a_text_matched_once_is_judged_again_by_what_follows_it_and_its_links() -> None:
    # The same text, another place or share of links: judged again each time.
    first = screen((rule(tail=1, min_links=0.5),))[3]
    assert first("a promo", 0.6, 0) is not None
    assert first("a promo", 0.6, 0) is not None
    assert first("a promo", 0.6, 2) is None
    assert first("a promo", 0.4, 0) is None
    assert first("a promo", 0.6, 1) is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Get our promo", True), ("Your promo", True), ("The firm's promo failed", False)],
)
def test_addressed_asks_that_the_text_speak_to_the_reader(text: str, expected: bool) -> None:
    assert rule(addressed=True).matches(text, text.lower(), 0.0, 0) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Our promo today", True), ("The promo worked, she said", False), ("“A promo”", False)],
)
def test_unquoted_refuses_quoted_or_reported_speech(text: str, expected: bool) -> None:
    assert rule(unquoted=True).matches(text, text.lower(), 0.0, 0) is expected


def test_a_rules_file_gives_named_case_insensitive_rules_with_options(tmp_path: Path) -> None:
    path = rules_file(
        tmp_path,
        "\ufeff# house furniture\n\n"
        "sponsor\tpresented by \\w+\n"
        "  # an indented comment\r\n"
        "tip-line\tcall our tip line\tmax_chars=80 tail=1 min_links=0.25 addressed unquoted\r\n",
    )
    sponsor, tip = load_rules(path)
    assert (sponsor.name, sponsor.category, sponsor.pattern.pattern) == (
        "sponsor",
        "user",
        "presented by \\w+",
    )
    assert sponsor.pattern.search("PRESENTED BY Acme")
    assert (tip.max_chars, tip.tail, tip.min_links, tip.addressed, tip.unquoted) == (
        80,
        1,
        0.25,
        True,
        True,
    )


def test_a_user_rule_drops_and_is_named_in_the_account(tmp_path: Path) -> None:
    user = load_rules(rules_file(tmp_path, "sponsor\t^presented by \\w+\\.?$\n"))
    cleaned = clean_fragments(
        [*STORY, "Presented by Acme."], rules=(*DEFAULT_RULES, *user), classifier=False
    )
    assert cleaned.fragments == STORY
    assert [(d.fragment, d.rule) for d in cleaned.dropped] == [(2, "sponsor")]


def test_an_empty_rules_file_gives_no_rules(tmp_path: Path) -> None:
    assert load_rules(rules_file(tmp_path, "# nothing yet\n\n")) == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no tab here\n", "rules.tsv:1: expected NAME<TAB>REGEX, found no tab"),
        ("ok\tfine\nbad name\tx\n", "rules.tsv:2: bad rule name 'bad name'"),
        ("label\tx\n", "rules.tsv:1: rule name 'label' is taken by a built-in rule"),
        ("empty\tx\n", "rules.tsv:1: rule name 'empty' is taken by a built-in rule"),
        ("a\t\n", "rules.tsv:1: rule 'a' has an empty regex"),
        ("# c\na\tpromo (\n", "rules.tsv:2: bad regex for rule 'a': missing ), unterminated"),
        ("a\t.*\n", "rules.tsv:1: rule 'a' matches empty text: it would drop everything"),
        ("a\tx\tshort\n", "rules.tsv:1: unknown option 'short'"),
        ("a\tx\tmax_chars=ten\n", "rules.tsv:1: bad value in option 'max_chars=ten'"),
        ("a\tx\ttail=-1\n", "rules.tsv:1: bad value in option 'tail=-1'"),
        ("a\tx\tmin_links=2\n", "rules.tsv:1: bad value in option 'min_links=2'"),
        ("a\tx\taddressed=yes\n", "rules.tsv:1: unknown option 'addressed=yes'"),
        ("a\tx\nb\ty\na\tz\n", "rules.tsv:3: rule 'a' is defined twice"),
    ],
)
def test_a_bad_rules_file_is_refused_with_path_line_and_reason(
    tmp_path: Path, text: str, message: str
) -> None:
    path = rules_file(tmp_path, text)
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    assert str(caught.value).startswith(f"{tmp_path}/{message}")


def test_a_missing_rules_file_is_refused_naming_it(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match=r"nope\.tsv: cannot read the rules file: No such file"):
        load_rules(tmp_path / "nope.tsv")


def test_a_rules_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.tsv"
    path.write_bytes("caf\xe9\tx\n".encode("latin-1"))
    with pytest.raises(RulesError, match=r"latin1\.tsv: cannot read the rules file: .*utf-8"):
        load_rules(path)
