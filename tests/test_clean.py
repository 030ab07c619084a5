"""newsfrag clean: boilerplate out by category, look-alikes kept, markup cleaned, idempotent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfrag.clean import clean_fragments
from newsfrag.errors import RulesError
from newsfrag.rules import load_rules

from .conftest import invoke

ARTICLE = [
    "The harbour authority said the ferry service would resume on Monday.",
    "Engineers spent the weekend repairing the damaged ramp at the northern pier.",
]

# (category, fragment) — each must be dropped when it closes an article.
BOILERPLATE = [
    ("legal", "© 2023 Coastal Herald Media. All rights reserved."),
    ("legal", "Copyright 2021 The Valley Gazette Ltd"),
    ("legal", "(c) 2020 Thomson Reuters. Click for restrictions."),
    ("legal", "The Herald is not responsible for the content of external websites."),
    ("legal", '<a href="/about/links">Find out about our approach to external linking.</a>'),
    ("promo", "Former champion Ana Ruiz invites you to sign up for her weekly tennis briefing."),
    ("promo", "Sign up to our evening newsletter for the day's headlines in your inbox."),
    ("promo", "Follow the Herald on Facebook, X and Instagram for live updates."),
    ("promo", "Download the Coastal Herald app for breaking news alerts."),
    ("promo", "Listen to the Harbour Hour on Spotify and Apple Podcasts."),
    ("reader-input", "Have you been affected by the ferry cuts? Email us at tips@herald.example."),
    ("reader-input", "Share your experiences with us by emailing stories@herald.example."),
    ("picture", "Image source, Harbour Authority"),
    ("picture", "Image caption, The northern pier was closed for three days"),
    ("navigation", "Related Topics"),
    ("navigation", "More on this story"),
    ("label", "Advertisement"),
    ("credit", "Reporting by Lena Ortiz; Editing by Mark Oduya"),
    ("syndication", "This article was originally published on The Conversation."),
]


@pytest.mark.parametrize(
    ("category", "fragment"), BOILERPLATE, ids=[b[1][:30] for b in BOILERPLATE]
)
def test_boilerplate_at_the_tail_is_dropped(category: str, fragment: str) -> None:
    cleaned = clean_fragments([*ARTICLE, fragment])
    assert cleaned.fragments == ARTICLE, category
    [dropped] = cleaned.dropped
    assert dropped.fragment == 2


# Real sentences that merely mention the same words: they must stay, wherever they stand.
LOOK_ALIKES = [
    "The newsletter, first printed in 1958, was sold to a rival group last spring.",
    "Copyright experts said the ruling could reshape how archives licence old footage.",
    "The Herald has asked the harbour authority for comment.",
    "Fans who follow the club on Instagram saw the signing announced hours early.",
    "Residents were asked to download the council's flood app before the storm.",
    "She said she would subscribe to any plan that kept the ferry running.",
    "An image caption in the exhibition misnamed the ship, the museum admitted.",
    "Reporting by local journalists first exposed the safety failings in 2019.",
    "The advertisement, which ran for a week, drew hundreds of complaints.",
    "More than 300 passengers were stranded on the island overnight.",
    "Listen carefully, the captain told the crew, before the storm reaches us.",
]


@pytest.mark.parametrize("fragment", LOOK_ALIKES)
def test_a_look_alike_sentence_stays_even_at_the_tail(fragment: str) -> None:
    cleaned = clean_fragments([*ARTICLE, fragment])
    assert cleaned.fragments == [*ARTICLE, fragment]
    assert cleaned.dropped == []


def test_a_promo_in_the_middle_of_the_article_stays() -> None:
    promo = "Sign up to our evening newsletter for the day's headlines in your inbox."
    cleaned = clean_fragments([ARTICLE[0], promo, ARTICLE[1]])
    assert cleaned.fragments == [ARTICLE[0], promo, ARTICLE[1]]


def test_a_long_paragraph_is_never_taken_for_furniture() -> None:
    long = "Image caption, " + "the crowd gathered along the quay as the ship came in " * 8
    assert clean_fragments([*ARTICLE, long.strip()]).dropped == []


MARKUP = [
    ('<b class="ssrcss-x e5">Lead</b> text', "<b>Lead</b> text"),
    ('<a href="/x" class="InlineLink" data-id="3">link</a>', '<a href="/x">link</a>'),
    ("<span><font color=red>plain</font></span> words", "plain words"),
    ("a<script>track()</script>b<style>p{}</style>c<!-- note -->d", "abcd"),
    ("x <b></b><i> </i>y", "x y"),
    ("One.<br>Two.", "One.<br>Two."),
    ("<br>Lead<br>", "Lead"),
    ("<div>One</div><div>Two</div>", "One Two"),
    ("caf&eacute; &amp; &lt;tag&gt; &nbsp;&quot;q&quot;", 'café &amp; &lt;tag&gt; "q"'),
    ('<a href="https://e.org/?a=1&amp;b=2">q</a>', '<a href="https://e.org/?a=1&amp;b=2">q</a>'),
    (
        "H<sub>2</sub>O and E=mc<sup>2</sup>, <code>x = 1</code>",
        "H<sub>2</sub>O and E=mc<sup>2</sup>, <code>x = 1</code>",
    ),
    ("<strong>s</strong> <em>e</em>", "<strong>s</strong> <em>e</em>"),
    ("<b>word </b>next", "<b>word</b> next"),
    ("Cafe\u0301", "Caf\u00e9"),  # NFC
    ("a<span>\u0301</span>", "\u00e1"),  # NFC across what was a tag
    ("<a>no href</a> here", "no href here"),
]


@pytest.mark.parametrize(("fragment", "expected"), MARKUP)
def test_markup_is_cleaned_to_the_small_meaningful_set(fragment: str, expected: str) -> None:
    assert clean_fragments([fragment]).fragments == [expected]


def test_empty_and_repeated_fragments_are_dropped_with_their_reason() -> None:
    cleaned = clean_fragments(["A.", "<b> </b>", "A.", "B.", "B.", "<i>B.</i>"])
    # An empty fragment between two copies does not keep them apart: cleaned once more,
    # they would stand side by side, so they are compared as they come out.
    assert cleaned.fragments == ["A.", "B.", "<i>B.</i>"]
    assert [(d.fragment, d.rule) for d in cleaned.dropped] == [
        (1, "empty"),
        (2, "duplicate"),
        (4, "duplicate"),
    ]


def test_keep_boilerplate_cleans_markup_but_drops_nothing_of_the_article() -> None:
    promo = "Sign up to our evening newsletter for the day's headlines in your inbox."
    cleaned = clean_fragments([*ARTICLE, f'<p class="x">{promo}</p>'], keep_boilerplate=True)
    assert cleaned.fragments == [*ARTICLE, promo]


def test_a_users_rules_file_adds_patterns(tmp_path: Path) -> None:
    rules = tmp_path / "rules.tsv"
    rules.write_text("# house style\nferry-note\t^ferry times\n", encoding="utf-8")
    [rule] = load_rules(rules)
    cleaned = clean_fragments([*ARTICLE, "Ferry times are on our website."], rules=[rule])
    assert [(d.fragment, d.rule) for d in cleaned.dropped] == [(2, "ferry-note")]


@pytest.mark.parametrize(
    ("content", "message"),
    [("no tab here\n", ":1: expected NAME<TAB>REGEX"), ("bad\t(unclosed\n", ":1: bad regex")],
)
def test_a_bad_rules_file_says_where(tmp_path: Path, content: str, message: str) -> None:
    rules = tmp_path / "rules.tsv"
    rules.write_text(content, encoding="utf-8")
    with pytest.raises(RulesError, match=message):
        load_rules(rules)


def test_explain_in_json_lists_what_was_dropped_and_why(examples: Path) -> None:
    ran = invoke("clean", "--json", "--explain", str(examples / "york-floods.txt"))
    record = json.loads(ran.stdout)
    assert [(d["fragment"], d["rule"]) for d in record["dropped"]] == [
        (2, "empty"),
        (8, "newsletter-promo"),
        (9, "copyright"),
    ]
    assert len(record["fragments"]) == 7
    assert not any("class=" in f for f in record["fragments"])
    assert (
        '<a href="https://www.example.co.uk/news/uk-england-york-60000001">'
        in (record["fragments"][6])
    )


def test_plain_output_is_the_lines_form_and_explain_goes_to_stderr(examples: Path) -> None:
    ran = invoke("clean", "--explain", str(examples / "kyiv-power.json"))
    assert ran.code == 0
    assert ran.stdout.splitlines()[0] == (
        "<b>Power was restored to most of Kyiv on Sunday after a night of drone strikes.</b>"
    )
    assert len(ran.stdout.splitlines()) == 4
    assert ran.stderr == (
        f"{examples / 'kyiv-power.json'}: fragment 4 dropped by social-promo: "
        "Follow us on Facebook, on X @ExampleWorld, or on Instagram.\n"
    )


def test_clean_output_reads_back_as_the_same_documents(examples: Path) -> None:
    once = invoke("clean", str(examples)).stdout
    assert invoke("clean", stdin=once).stdout == once
    as_json = invoke("clean", "--json", str(examples)).stdout
    assert invoke("clean", "--json", stdin=as_json).stdout == as_json


def test_a_bad_rules_file_is_a_usage_error(tmp_path: Path) -> None:
    rules = tmp_path / "rules.tsv"
    rules.write_text("oops\n", encoding="utf-8")
    ran = invoke("clean", "--rules", str(rules), stdin="['a']")
    assert ran.code == 2
    assert f"{rules}:1: expected NAME<TAB>REGEX" in ran.stderr


html_ish = st.lists(
    st.sampled_from(
        [
            *"<>/abiprs &;#x\"'=!-\u00a0\ne\u0301",
            "<b>",
            "</b>",
            "<br>",
            '<a href="x">',
            "</a>",
            "<span>",
            "<p>",
            "&amp;",
            "&lt;",
            "<!--",
            "Sign up to our newsletter",
            "© 2024",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300)
@given(st.lists(html_ish, max_size=6))
def test_clean_is_idempotent(fragments: list[str]) -> None:
    once = clean_fragments(fragments).fragments
    assert clean_fragments(once).fragments == once
    assert all("class=" not in f and "<span" not in f for f in once)
