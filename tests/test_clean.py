"""clean: boilerplate dropped by category, look-alikes kept, markup cleaned, idempotent."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfrag.clean import Cleaned, Dropped, clean_document, clean_fragments
from newsfrag.document import Document
from newsfrag.text import fragment_texts

STORY = [
    '<b class="ssrcss-9x-BoldText">The harbour bridge will close for repairs from Monday.</b>',
    "Engineers found corrosion in two of the cables during a routine inspection in March.",
    'The <a href="https://example.org/council?id=7&amp;lang=en" class="x1">council</a> said '
    "a ferry would run every 20 minutes while the work goes on.",
]
CLEAN_STORY = [
    "<b>The harbour bridge will close for repairs from Monday.</b>",
    "Engineers found corrosion in two of the cables during a routine inspection in March.",
    'The <a href="https://example.org/council?id=7&amp;lang=en">council</a> said '
    "a ferry would run every 20 minutes while the work goes on.",
]

# (category, fragment): each is dropped when it closes the article.
BOILERPLATE = [
    ("legal", "© 2021 Northern Echo Group Ltd"),
    ("legal", "Copyright © 2019 Harbour Times. All rights reserved."),
    ("legal", "(c) 2024 Thomson Reuters"),
    ("legal", "Harbour Times Ltd 2020. All rights reserved."),
    ("legal", "This material may not be published, broadcast, rewritten or redistributed."),
    ("legal", "The Courier is not responsible for the content of external websites."),
    (
        "legal",
        '<a href="/help/links" class="l">Find out more about our policy to external links</a>',
    ),
    ("promo", "Olympic rower Mia Brandt wants you to sign up for her weekly training bulletin."),
    ("promo", "Sign up to the Morning Briefing and get the headlines in your inbox every weekday."),
    ("promo", "Follow Courier Sport on X, Instagram and TikTok."),
    ("promo", "You can keep up with the campaign on Facebook and Threads."),
    ("promo", "Download the Courier app on iOS or Android for breaking news alerts."),
    ("promo", "Listen to the latest Harbour Talk episode on BBC Sounds."),
    ("promo", "Catch up with the whole series wherever you get your podcasts."),
    (
        "reader-input",
        "Were you caught in the storm? Share your pictures by emailing desk@x.example.",
    ),
    ("reader-input", "Have you been affected by the rail strikes? Get in touch."),
    ("reader-input", "Do you live near the site? Tell us what you think: newsdesk@x.example"),
    ("picture", "Image source, Reuters"),
    ("picture", "Image caption, Flood water reached the first floor of several homes"),
    ("picture", "Photo credit: Anna Lind"),
    ("navigation", "Related Topics"),
    ("navigation", "More on this story"),
    ("navigation", 'Read more: <a href="/news/1">Harbour budget row explained</a>'),
    ("label", "Advertisement"),
    ("label", "Story continues below advertisement"),
    ("credit", "Reporting by Tom Hale in Oslo; Editing by Kim Park"),
    ("credit", "(Reporting by Ana Silva; additional reporting by Jo Lee; editing by Ed Moss)"),
    ("credit", "Associated Press writer Dana Cole contributed to this report."),
    ("syndication", "This story was originally published by The Conversation."),
    ("syndication", "A version of this article first appeared in the Sunday edition."),
    ("syndication", "This article is republished from The Conversation under a free licence."),
]

# Article sentences with the same words: they stay, even as the last paragraph.
LOOK_ALIKES = [
    "The newsletter, founded by two students in 1971, now reaches 40,000 homes.",
    "Copyright lawyers for the estate argued that the song had been copied.",
    "Copyright law has not kept pace with generative software, the committee found.",
    "The Courier has contacted the ministry for comment.",
    "Readers who subscribe to the newsletter were sent a phishing link, police said.",
    "Fans who follow the band on Instagram learned of the tour weeks early.",
    "Like many others on Facebook, she had shared the appeal without checking it.",
    "Parents were urged to download the school's new attendance app before term.",
    "If you saw the collision, police want you to get in touch with officers on 101.",
    "Anyone with information should contact Crimestoppers anonymously.",
    '"Tell us the truth," the crowd chanted outside the court.',
    "An image caption at the museum misidentified the ship, curators admitted.",
    "Reporting by the local paper in 2019 first exposed the failings.",
    "Reporting by the paper, edited by its founder, ran for decades.",
    "The advertisement, which ran for a week, drew 200 complaints.",
    "Related topics such as housing and transport were not discussed.",
    "The band's 1998 contract said all rights reserved to the label would revert in 2020.",
    "This story first appeared to be a hoax, but officials later confirmed it.",
    "(c) the minister may by order amend the schedule, the bill says.",
    "You may also like the new bridge, which opens to cyclists next month.",
    "Around the world",
    "She said she would subscribe to any plan that kept the ferry running.",
    "More than 300 passengers were stranded on the island overnight.",
    "Listen carefully, the captain told the crew, before the storm reaches us.",
    "Follow the river north and you reach the flooded village in an hour.",
    'Read more: the council published <a href="/r">its full response</a> on Friday evening.',
]


@pytest.mark.parametrize(("category", "fragment"), BOILERPLATE)
def test_boilerplate_of_every_category_is_dropped_at_the_end(category: str, fragment: str) -> None:
    cleaned = clean_fragments([*STORY, fragment])
    assert cleaned.fragments == CLEAN_STORY, category
    assert [d.fragment for d in cleaned.dropped] == [3]


@pytest.mark.parametrize("fragment", LOOK_ALIKES)
def test_a_look_alike_sentence_stays_even_as_the_last_paragraph(fragment: str) -> None:
    cleaned = clean_fragments([*STORY, fragment])
    assert len(cleaned.fragments) == 4
    assert cleaned.dropped == []


def test_a_promo_with_more_than_three_kept_paragraphs_after_it_stays() -> None:
    promo = "Follow Courier Sport on X, Instagram and TikTok."
    assert clean_fragments([promo, *STORY, "One more paragraph."]).fragments[0] == promo
    assert clean_fragments([promo, *STORY]).fragments == CLEAN_STORY


def test_a_copyright_line_is_dropped_wherever_it_stands() -> None:
    fragments = ["© 2024 Example News", *STORY, "Fourth.", "Fifth."]
    cleaned = clean_fragments(fragments, classifier=False)
    assert cleaned.fragments == [*CLEAN_STORY, "Fourth.", "Fifth."]
    assert cleaned.dropped == [Dropped(0, "copyright", "© 2024 Example News")]


def test_the_seed_shape_keeps_the_article_and_its_link_and_drops_promo_and_footer() -> None:
    promo = "Champion skater Lena Ortiz invites you to subscribe to her weekly skating newsletter."
    footer = (
        "© 2023 Courier. The Courier is not responsible for the content of external sites. "
        '<a href="https://example.org/links" class="ssrcss-odwm7b-Link">Read about our approach '
        "to external linking.</a>"
    )
    cleaned = clean_fragments([*STORY, promo, footer])
    assert cleaned.fragments == CLEAN_STORY
    assert [(d.fragment, d.rule) for d in cleaned.dropped] == [
        (3, "newsletter-promo"),
        (4, "copyright"),
    ]
    assert cleaned.dropped[1].text.endswith("Read about our approach to external linking.")


def test_every_fragment_that_does_not_come_out_is_accounted_for_by_index_as_read() -> None:
    first, second = "First paragraph of the story.", "Second paragraph, with more detail."
    fragments = [first, "", first, "<img src='a.jpg'>", "Advertisement", second, "© 2024 News"]
    cleaned = clean_fragments(fragments)
    assert cleaned.fragments == [first, second]
    assert cleaned.dropped == [
        Dropped(1, "empty", ""),
        Dropped(2, "duplicate", first),
        Dropped(3, "empty", ""),
        Dropped(4, "label", "Advertisement"),
        Dropped(6, "copyright", "© 2024 News"),
    ]


def test_a_fragment_equal_to_the_one_kept_before_it_is_dropped_once_the_ad_between_goes() -> None:
    cleaned = clean_fragments(["Same words here.", "Advertisement", "Same words here.", "Next."])
    assert cleaned.fragments == ["Same words here.", "Next."]
    assert [d.rule for d in cleaned.dropped] == ["label", "duplicate"]


def test_a_duplicate_dropped_near_the_end_brings_a_promo_into_the_tail_in_one_run() -> None:
    promo = "Follow us on Instagram for more."
    fragments = ["Alpha.", promo, "Beta.", "Gamma.", "Gamma.", "Delta."]
    cleaned = clean_fragments(fragments, classifier=False)
    assert cleaned.fragments == ["Alpha.", "Beta.", "Gamma.", "Delta."]
    assert clean_fragments(cleaned.fragments, classifier=False).fragments == cleaned.fragments


def test_keep_boilerplate_or_no_rules_clean_markup_but_drop_only_empty_and_duplicate() -> None:
    fragments = [*STORY, "Advertisement", "<span> </span>", "© 2024 News", "© 2024 News"]
    cleaned = clean_fragments(fragments, keep_boilerplate=True)
    assert cleaned.fragments == [*CLEAN_STORY, "Advertisement", "© 2024 News"]
    assert [(d.fragment, d.rule) for d in cleaned.dropped] == [(4, "empty"), (6, "duplicate")]
    assert clean_fragments(fragments, rules=(), classifier=False) == cleaned


def test_clean_document_keeps_the_source() -> None:
    doc, dropped = clean_document(Document("a.txt", [*STORY, "Related Topics"]))
    assert doc == Document("a.txt", CLEAN_STORY, tuple(range(len(CLEAN_STORY))))
    assert dropped == [Dropped(3, "navigation", "Related Topics")]


# (fragment as scraped, fragment as cleaned), each worked out by hand.
MARKUP = [
    ('<span class="x">Hello</span> <font color="red">world</font>', "Hello world"),
    ('<b class="ssrcss-1">Lead</b> text', "<b>Lead</b> text"),
    (
        'See <a href="/n/1" class="c" target="_blank">the report</a>.',
        'See <a href="/n/1">the report</a>.',
    ),
    ('<A HREF="/UP">Upper</A>', '<a href="/UP">Upper</a>'),
    ('<a name="top">Anchor</a> text', "Anchor text"),
    ('<a href="">empty href</a>', '<a href="">empty href</a>'),
    ('Text<script>var x = "<b>";</script> more<style>p{}</style>', "Text more"),
    ("One<!-- a comment --> two", "One two"),
    ("<template><p>hidden</p></template>shown", "shown"),
    ("Empty <b></b><i> </i>tags", "Empty tags"),
    ("Text <b> </b> more", "Text more"),
    ("a<span>b</span>c", "abc"),
    ("a<b> b</b>", "a<b> b</b>"),
    ("  Lots   of\n\tspace&nbsp;here  ", "Lots of space here"),
    ("x &amp; y &lt;z&gt; &quot;q&quot; &copy; &#8212;", 'x &amp; y &lt;z&gt; "q" © —'),
    ("Line one<br>line two<br/><br>line three", "Line one<br>line two<br><br>line three"),
    ("<br>Edge breaks<br>", "Edge breaks"),
    ("<p>First block</p><p>second block</p>", "First block second block"),
    ("<div><ul><li>One</li><li>Two</li></ul></div>", "One Two"),
    (
        "H<sub>2</sub>O, E=mc<sup>2</sup>, <code>x &lt; y</code>",
        "H<sub>2</sub>O, E=mc<sup>2</sup>, <code>x &lt; y</code>",
    ),
    ("<b>bold <i>both</i></b> plain", "<b>bold <i>both</i></b> plain"),
    ("<b>unclosed bold", "<b>unclosed bold</b>"),
    ("<i>x</i><i>y</i>", "<i>x</i><i>y</i>"),
    (
        '<a href="/x">before<table><tr><td><a href="/y">in</a></td></tr></table></a>',
        '<a href="/x">before in</a>',
    ),
    ('<a href=" /p?a=1&amp;b=&quot;2&quot;\n">t</a>', '<a href="/p?a=1&amp;b=&quot;2&quot;">t</a>'),
    ("Cafe\u0301 au lait", "Caf\u00e9 au lait"),
    ("<b>x</b>\u0338y", "<b>x</b>&#x338;y"),
    ("e<b></b>\u0301t", "\u00e9t"),
    ('<a href="\x80\U0002f800">x</a>', '<a href="\x80&#x2f800;">x</a>'),
]


@pytest.mark.parametrize(("scraped", "expected"), MARKUP)
def test_markup_is_cleaned_to_the_small_meaningful_set(scraped: str, expected: str) -> None:
    assert clean_fragments([scraped]).fragments == [expected]
    assert clean_fragments([expected]).fragments == [expected]


@pytest.mark.parametrize(
    "fragment", ["", "   ", "&nbsp;", "<img src='x.jpg'>", "<script>f()</script>"]
)
def test_a_fragment_left_with_no_text_is_dropped_as_empty(fragment: str) -> None:
    assert clean_fragments([fragment]) == Cleaned([], [Dropped(0, "empty", "")], [])


def test_markup_thousands_deep_is_walked_without_recursion() -> None:
    deep = "<b>" * 5000 + "<span>" * 5000 + "x" + "</span>" * 5000 + "</b>" * 5000
    [fragment] = clean_fragments([deep]).fragments
    assert fragment == "<b>" * 5000 + "x" + "</b>" * 5000


def test_the_cleaned_text_is_the_text_of_the_cleaned_markup() -> None:
    fragments = [*STORY, "One<br>two &amp; <i>three</i>", "Advertisement"]
    cleaned = clean_fragments(fragments, classifier=False)
    texts = fragment_texts([*STORY, "One<br>two &amp; <i>three</i>"])
    assert fragment_texts(cleaned.fragments) == texts
    assert cleaned.dropped[0].text == "Advertisement"


_TAGS = ["a", "b", "i", "em", "span", "p", "div", "br", "script", "code", "sup", "table", "td"]
_PIECES = st.one_of(
    st.sampled_from(["<", ">", "&", ";", " ", "\u00a0", "\n", "&amp;", "&lt;", "&nbsp;"]),
    st.sampled_from(["\u0301", "\u0338", "e", "<!--", "-->", '"', "=", "/", "\x00", "\r"]),
    st.builds("<{}>".format, st.sampled_from(_TAGS)),
    st.builds("</{}>".format, st.sampled_from(_TAGS)),
    st.builds('<a href="{}" class="{}">'.format, st.text(max_size=6), st.text(max_size=4)),
    st.text(max_size=8),
)
_FRAGMENTS = st.lists(
    st.one_of(
        st.lists(_PIECES, max_size=12).map("".join),
        st.sampled_from(["Advertisement", "© 2020 X", "Follow us on Facebook.", "Same."]),
    ),
    max_size=7,
)
_SHAPE = re.compile(r'<a href="[^"]*">|</?(?:a|b|strong|i|em|sub|sup|code)>|<br>')


@settings(max_examples=400)
@given(_FRAGMENTS)
def test_cleaning_cleaned_fragments_changes_nothing(fragments: list[str]) -> None:
    cleaned = clean_fragments(fragments)
    again = clean_fragments(cleaned.fragments)
    assert again.fragments == cleaned.fragments
    assert again.dropped == []


@settings(max_examples=400)
@given(_FRAGMENTS)
def test_output_is_one_nfc_line_of_kept_tags_with_no_attribute_but_href(
    fragments: list[str],
) -> None:
    cleaned = clean_fragments(fragments)
    assert len(cleaned.fragments) + len(cleaned.dropped) == len(fragments)
    for fragment in cleaned.fragments:
        assert fragment == fragment.strip() != ""
        assert "\n" not in fragment
        assert unicodedata.is_normalized("NFC", fragment)
        bare = _SHAPE.sub("", fragment)
        assert "<" not in bare
        assert ">" not in bare


@given(st.lists(st.text(), max_size=6))
def test_any_text_cleans_without_raising(fragments: list[str]) -> None:
    cleaned = clean_fragments(fragments)
    assert all(isinstance(f, str) for f in cleaned.fragments)
