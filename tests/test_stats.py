"""newsfrag stats, the pure core: what a word and a sentence are, in every script."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfrag import counting as c
from newsfrag.counting import inner_ends, odd_characters
from newsfrag.document import Document
from newsfrag.markup import parse_fragments
from newsfrag.stats import (
    DEFINITIONS,
    FIELDS,
    WORDS_PER_MINUTE,
    DocStats,
    count_links,
    count_sentences,
    count_words,
    document_stats,
    sort_stats,
    total,
)
from newsfrag.text import document_paragraphs

# (text, words, why) — every count made by hand, word by word.
WORDS = [
    ("The cat sat.", 3, "plain English"),
    ("don't stop", 2, "an inner apostrophe joins"),
    ("Russia’s state-run Ria Novosti", 4, "a curly apostrophe and a hyphen join"),
    ("the U.S. and U.K. envoys", 5, "dotted abbreviations are one word"),
    ("2.5 per cent of 290,000", 5, "decimals and thousands are one word"),
    ("at 10:30 today", 3, "a time is one word"),
    ("55km (34 miles) north-east", 4, "brackets separate, a hyphen joins"),
    ("yes — no – maybe", 3, "a dash alone is no word"),
    ("yes—no", 2, "an em dash between words separates them"),
    ("and/or", 2, "a slash separates"),
    ("“Heavy losses,” he said…", 4, "quotes, commas and an ellipsis are no words"),
    ("- ... — & * ©", 0, "punctuation and symbols alone are no words"),
    ("snake_case __init__", 2, "an underscore joins, and starts no word"),
    ("a--b", 1, "joiners written together still join"),
    ("£5bn, 100% and #1", 4, "a currency sign or a percent sign is no word"),
    ("Київ — столиця України.", 3, "Cyrillic"),
    ("Ростов-на-Дону", 1, "a hyphenated Cyrillic name"),
    ("São Paulo, Zürich und Łódź", 5, "accented Latin"),
    ("l'État français", 2, "an elided article joins its noun"),
    ("Ju\u0308rgen cafe\u0301 noir", 3, "decomposed accents stay inside their word"),
    ("col·lecció", 1, "a Catalan middle dot joins"),
    ("我们在北京。", 5, "each Han ideograph is a word"),
    ("東京に行きます", 7, "each kanji and kana is a word"),
    ("テレビ", 3, "each katakana is a word"),
    ("使用iPhone手机", 5, "Latin between ideographs is one word"),
    ("대한민국 서울", 2, "Hangul is counted by its spaces"),
    ("ذهب الولد إلى المدرسة", 4, "Arabic"),
    ("كِتَابٌ جَدِيدٌ", 2, "Arabic with harakat: the marks stay inside the word"),
    ("שלום עולם", 2, "Hebrew"),
    ("שָׁלוֹם", 1, "Hebrew with niqqud"),
    ("צה״ל", 1, "a Hebrew acronym with gershayim"),
    ("می‌خواهم", 1, "a Persian word with a zero-width non-joiner"),
    ("हिन्दी भाषा", 2, "Devanagari vowel signs and virama stay inside the word"),
    ("Great news 🎉🎉", 2, "emoji are no words"),
    ("🇺🇦 ❤️ 👍🏽", 0, "flags, variation selectors and skin tones are no words"),
    ("1️⃣ first", 1, "a keycap emoji is no word"),
    ("", 0, "nothing"),
    (" \t\n ", 0, "whitespace"),
]


@pytest.mark.parametrize(("text", "expected", "why"), WORDS, ids=[w[2] for w in WORDS])
def test_count_words_by_hand(text: str, expected: int, why: str) -> None:
    assert count_words(text) == expected, why


# (text, sentences, why) — counted by hand.
SENTENCES = [
    ("Hello world.", 1, "one full stop"),
    ("Breaking news", 1, "a heading without a full stop is a sentence"),
    ("One. Two! Three?", 3, "three ends"),
    ("Mr. Smith went to Washington. He left.", 2, "a title is no end"),
    ("Dr. Jones and Prof. Lee met Gen. Milley and Sen. Reed.", 1, "titles are no ends"),
    ("St. Petersburg is cold. Moscow too.", 2, "Saint is no end"),
    ("He works at Acme Inc. and Smith Ltd. in town.", 1, "company suffixes are no ends"),
    ("Kherson, Jan. 5 (Reuters) - Troops advanced.", 1, "a month is no end"),
    ("He lives in the U.S. and works at the U.N. in New York.", 1, "dotted acronyms"),
    ("The U.S. President spoke.", 1, "a dotted acronym before a capital is no end"),
    ("It starts at 5 p.m. on Monday.", 1, "p.m. is no end"),
    ("Take e.g. London or i.e. Paris.", 1, "e.g. and i.e. are no ends"),
    ("J. K. Rowling wrote it.", 1, "initials are no ends"),
    ("В. Путин сказал.", 1, "a Cyrillic initial is no end"),
    ("No. 10 said no. Then it agreed.", 2, "No. before a number is no end"),
    ("No? 10 said so.", 2, "only a full stop after No is a number's title"),
    ("Apples, pears etc. Then more.", 2, "etc. before a capital ends a sentence"),
    ("Apples, pears etc. and more.", 1, "etc. before lowercase does not"),
    ("Inflation rose 2.5 per cent. Prices fell.", 2, "a decimal point is no end"),
    ("It cost 1.000 euros.", 1, "a thousands point is no end"),
    ("Visit bbc.co.uk. It is free.", 2, "a web address, then an end"),
    ('He said: "Go home." Then he left.', 2, "an end inside quotes"),
    ("He said “Go home.” Then he left.", 2, "an end inside curly quotes"),
    ('Russia\'s forces "have broken through".', 1, "a quote before the full stop"),
    ('"Why?" he asked.', 1, "a question in quotes, then lowercase"),
    ("Wait... what happened?", 1, "an ellipsis before lowercase is no end"),
    ("He paused… Then he spoke.", 2, "an ellipsis before a capital ends"),
    ("It was late… and dark.", 1, "a one-character ellipsis before lowercase"),
    ("Really?! Yes.", 2, "a run of stops ends once"),
    ("Great news! 🎉", 1, "an emoji starts no sentence"),
    ("Great news 🎉. More to come.", 2, "a stop after an emoji ends"),
    ("The end. (AP) More to come.", 2, "an opening bracket before a capital"),
    ("Это тест. Второе предложение.", 2, "Cyrillic"),
    ("Привет! как дела?", 1, "Cyrillic lowercase after an exclamation"),
    ("我们在北京。天气很好！你好吗？", 3, "Chinese stops need no space"),
    ("今日は晴れです。明日は雨でしょう。", 2, "Japanese"),
    ("هل أنت بخير؟ نعم.", 2, "the Arabic question mark"),
    ("यह एक वाक्य है। यह दूसरा है।", 2, "the Devanagari danda"),
    ("שלום. מה שלומך?", 2, "Hebrew"),
    ("Trailing space.   ", 1, "whitespace after the end"),
    ("", 0, "nothing"),
    ("   ", 0, "whitespace"),
]


@pytest.mark.parametrize(("text", "expected", "why"), SENTENCES, ids=[s[2] for s in SENTENCES])
def test_count_sentences_by_hand(text: str, expected: int, why: str) -> None:
    assert count_sentences(text) == expected, why


# Paragraphs 7, 9, 10 and 32 of the seed article (BBC, 2022).
SEED = [
    "Early on Monday, Ukraine's Kakhovka operational group in the south said that one regiment "
    "of Russian-backed forces had left its positions in the Kherson region. It added that "
    "Russian paratroopers providing the back-up had fled the battlefield.",
    "In his late night video address, President Zelensky issued a stark warning to Russian "
    'forces: "If they want to survive, it is time for Russian soldiers to flee. Go home."',
    "Explosions and shots were heard for a second day on Tuesday in the regional capital of "
    "Kherson. Blasts had earlier been reported in Nova Kakhovka, some 55km (34 miles) "
    "north-east and Russia's state-run Ria Novosti news agency reported the city was left "
    "without electricity and water supply overnight.",
    "© 2022 BBC. The BBC is not responsible for the content of external sites. Read about our "
    "approach to external linking.",
]


def test_seed_paragraphs_match_a_careful_hand_count() -> None:
    hand = [(37, 2), (30, 2), (48, 2), (20, 3)]  # (words, sentences), counted one by one
    assert [(count_words(p), count_sentences(p)) for p in SEED] == hand


def test_document_stats_counts_every_figure() -> None:
    frags = ['<p>One. Two <a href="https://x.example/">link</a>.</p>', "Heading", "", "<b></b>"]
    frags += ["Three &amp; four.", '<a href="">empty href</a> <a>no href</a> <A HREF=y>upper</A>']
    s = document_stats(Document("a.txt", frags))
    # "One. Two link." | "Heading" | "Three & four." | "empty href no href upper"
    assert s == DocStats("a.txt", 6, 4, 3 + 1 + 2 + 5, 2 + 1 + 1 + 1, 14 + 7 + 13 + 24, 1 + 2)
    assert document_stats(Document("e", [])) == DocStats("e", 0, 0, 0, 0, 0, 0)


def test_links_count_any_href_and_only_elements() -> None:
    frags = ['<a href="mailto:a@b.example">mail</a><a href="#top">top</a>']
    frags += ['<p>x<a href="/rel">an unclosed link', '<a data-href="x">not a link</a>']
    frags += ["&lt;a href=x&gt; is text", "<!-- <a href=x>commented</a> -->"]
    assert document_stats(Document("x", frags)).link_count == 3


def test_every_combining_mark_of_the_bmp_stays_inside_its_word() -> None:
    emoji_marks = range(0x20D0, 0x2100), range(0xFE00, 0xFE10)
    for cp in range(0x300, 0x10000):
        ch = chr(cp)
        if unicodedata.category(ch)[0] == "M" and not any(cp in r for r in emoji_marks):
            assert count_words(f"x{ch}y") == 1, hex(cp)


def test_minutes_follow_words_at_the_documented_rate() -> None:
    s = DocStats("x", 1, 1, WORDS_PER_MINUTE * 3, 1, 1, 0)
    assert s.minutes == 3.0
    assert DocStats("x", 1, 1, 357, 1, 1, 0).row()[-1] == "1.5"


def test_to_json_puts_source_first_then_fields_in_order() -> None:
    s = DocStats("a.txt", 32, 32, 992, 45, 6241, 2)
    obj = s.to_json()
    assert list(obj) == ["source", *FIELDS]
    assert obj["minutes"] == round(992 / WORDS_PER_MINUTE, 2)
    assert json.loads(json.dumps(obj)) == obj


def test_total_names_itself_and_sums() -> None:
    rows = [DocStats("a", 1, 1, 100, 2, 10, 1), DocStats("b", 2, 1, 138, 3, 20, 0)]
    assert total(rows) == DocStats("total", 3, 2, 238, 5, 30, 1)
    assert total(rows, "all").minutes == 1.0
    assert total([]) == DocStats("total", 0, 0, 0, 0, 0, 0)


def test_sort_is_stable_both_ways() -> None:
    a, b, c = (DocStats(n, 1, 1, w, 1, 1, 0) for n, w in (("a", 5), ("b", 3), ("c", 5)))
    assert sort_stats([a, b, c], "words") == [b, a, c]
    assert sort_stats([a, b, c], "words", reverse=True) == [a, c, b]
    assert sort_stats([c, b, a], "source") == [a, b, c]
    assert sort_stats([a, b, c], "minutes") == [b, a, c]


def test_sort_by_an_unknown_field_says_which_are_known() -> None:
    with pytest.raises(ValueError, match="word_count"):
        sort_stats([], "colour")


def test_sort_takes_a_field_or_the_short_name_the_table_heads_it_with() -> None:
    a, b = DocStats("a", 1, 1, 5, 1, 1, 0), DocStats("b", 1, 1, 3, 1, 1, 0)
    assert sort_stats([a, b], "word_count") == sort_stats([a, b], "words") == [b, a]


def test_every_field_has_a_one_line_definition() -> None:
    assert list(DEFINITIONS) == list(FIELDS)
    assert all(d and "\n" not in d for d in DEFINITIONS.values())


def test_the_core_imports_neither_rich_nor_click() -> None:
    code = "import sys, newsfrag.stats; sys.exit(bool({'rich', 'click'} & set(sys.modules)))"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


_CJK = [(0x3005, 0x3007), (0x3041, 0x3096), (0x309D, 0x309F), (0x30A1, 0x30FA)]
_CJK += [(0x30FC, 0x30FF), (0x31F0, 0x31FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF)]
_CJK += [(0xF900, 0xFAFF), (0xFF66, 0xFF9D), (0x20000, 0x3FFFF)]
_JOINERS = set("'’ʼ-‐‑.,:·\u200c\u200d\u05be\u05f3\u05f4")


def _joins(ch: str) -> bool:
    cp = ord(ch)
    emoji_mark = 0x20D0 <= cp <= 0x20FF or 0xFE00 <= cp <= 0xFE0F
    mark = cp < 0x10000 and unicodedata.category(ch)[0] == "M" and not emoji_mark
    return ch == "_" or ch in _JOINERS or mark


def _by_hand(text: str) -> int:
    """The word rule of the docstring, one character at a time: the oracle."""
    words, alnum = 0, False
    for ch in re.sub("[0-9#*]\ufe0f?\u20e3", " ", text) + " ":
        if any(lo <= ord(ch) <= hi for lo, hi in _CJK):
            words, alnum = words + 1 + alnum, False
        elif ch.isalnum():
            alnum = True
        elif not _joins(ch):
            words, alnum = words + alnum, False
    return words


_TRICKY = [*"aZ09_ '’-.,:…“”—–/\n\t\u00a0\u0301\u064e\u200c·你カ한🎉\ufe0f\u20e3#", "😀"]
texts = st.text(st.one_of(st.sampled_from(_TRICKY), st.characters()), max_size=60)


@given(texts)
def test_count_words_follows_the_rule_in_every_script(text: str) -> None:
    assert count_words(text) == _by_hand(text)


@given(st.text(st.characters(max_codepoint=127), max_size=80))
def test_the_ascii_fast_path_follows_the_rule(text: str) -> None:
    assert count_words(text) == _by_hand(text)


@given(texts, texts, st.sampled_from([" ", "\n", "\t", "\u3000"]))
def test_words_add_up_over_a_whitespace_boundary(a: str, b: str, space: str) -> None:
    assert count_words(a + space + b) == count_words(a) + count_words(b)


@given(texts)
def test_every_paragraph_with_text_has_a_sentence(text: str) -> None:
    n = count_sentences(text)
    assert (n >= 1) == bool(text.split())
    assert n <= 1 + sum(text.count(c) for c in ".!?…‼⁇⁈⁉。！？．؟۔।॥።")


linked = st.builds("<p>{} <a href='x'>{}</a>.</p>".format, texts, texts)
broken = st.builds("<b>{}</b><br>Next. One".format, texts)
fragments = st.lists(st.one_of(texts, linked, broken), max_size=6)


@given(fragments)
def test_document_figures_match_the_paragraphs_text_prints(frags: list[str]) -> None:
    doc = Document("d", frags)
    paragraphs = document_paragraphs(doc)
    s = document_stats(doc)
    assert s.fragment_count == len(frags)
    assert s.paragraph_count == len(paragraphs)
    assert s.word_count == sum(count_words(p) for p in paragraphs)
    assert s.sentence_count == sum(count_sentences(p) for p in paragraphs)
    assert s.character_count == sum(len(p) for p in paragraphs)


n = st.integers(min_value=0, max_value=10**9)
doc_stats = st.builds(DocStats, st.text(max_size=20), n, n, n, n, n, n)


@given(st.lists(doc_stats, max_size=8), st.lists(doc_stats, max_size=8))
def test_totals_are_consistent_sums(xs: list[DocStats], ys: list[DocStats]) -> None:
    both, tx, ty = total(xs + ys), total(xs), total(ys)
    for name in FIELDS[:-1]:
        assert getattr(both, name) == getattr(tx, name) + getattr(ty, name)
        assert getattr(tx, name) == sum(getattr(x, name) for x in xs)
    assert both.minutes == round(both.word_count / WORDS_PER_MINUTE, 2)


_MARKUP = st.sampled_from(
    [
        *("<a href=x>", "<a>", "</a>", '<A HREF="y">', "<a href>", '<a title="a>b" href=z>'),
        *("<b>", "</b>", "<p>", "<div>", "<table>", "<td>", "<svg>", "</svg>", "<math>"),
        *("<template>", "</template>", "<!--", "-->", "<script>", "</script>", "<textarea>"),
        *("text", " ", '"', "<a\nhref=q>"),
    ]
)


@settings(max_examples=500)
@given(st.lists(_MARKUP, max_size=14).map("".join))
def test_links_are_counted_as_the_css_selector_finds_them(fragment: str) -> None:
    [root] = parse_fragments([fragment + "<b>"])
    assert root is not None
    assert count_links(root) == len(root.css("a[href]"))


_ONE_PATTERN = re.compile(
    f"[{c._STOPS}](?<=\\S.){c._not_after_abbreviation()}[{c._STOPS}]*[{c._CLOSERS}]* "
    f"[{c._OPENERS}]*([^\\W_])"
)
_GLUED = re.compile(f"[。！？．](?<=\\S.)[。！？．]*[{c._CLOSERS}]*(?=[{c._OPENERS}]*[^\\W_])")


def _ends_by_one_pattern(text: str) -> int:
    """Sentence ends as one pattern over every stop finds them, each stop tried in turn
    (the rule as first written): the oracle of the per-stop patterns."""
    ends = 0
    for m in _ONE_PATTERN.finditer(text):
        first, start = m.group(1), m.start()
        if first.islower():
            continue
        before = text[max(0, start - 4) : start].lstrip(" \n(\"'“‘").lower()
        if first.isdigit() and text[start] == "." and before in ("no", "nos"):
            continue
        ends += 1
    return ends + len(_GLUED.findall(text))


_SENTENCE_BITS = [
    *".!?…‼。！？．؟।",
    *(" ", " ", "\n", '"', "”", "’", ")", "(", "“", "«", "¿"),
    *("A", "b", "7", "Я", "ж", "你", "😀", "_", "Mr", "no", "No", "U", "e", "Inc", "etc"),
]
sentence_texts = st.lists(st.sampled_from(_SENTENCE_BITS), max_size=30).map("".join)


@settings(max_examples=1000)
@given(sentence_texts)
def test_sentence_ends_are_found_stop_by_stop_as_one_pattern_finds_them(text: str) -> None:
    assert inner_ends(text) == _ends_by_one_pattern(text)
    assert inner_ends(text, odd_characters(text)) == _ends_by_one_pattern(text)


@given(texts)
def test_odd_characters_are_those_beyond_ascii_with_no_letter_or_digit(text: str) -> None:
    expected = {ch for ch in text if ord(ch) > 127 and not re.match(r"\w", ch)}
    assert odd_characters(text) == expected
