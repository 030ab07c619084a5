"""clean's signals: the language told, each signal of a fragment, its words and markup."""

from __future__ import annotations

import re
from math import log1p

import pytest

from newsfrag.clean.language import language
from newsfrag.clean.signals import BINARY, NAMES, Own, document_signals

# (language, a couple of ordinary sentences in it)
SENTENCES = [
    ("de", "Die Regierung hat am Montag neue Regeln beschlossen. Sie sollen ab Januar gelten."),
    ("en", "The government announced new rules on Monday. They will come into force next year."),
    ("fr", "Le gouvernement a annoncé lundi de nouvelles règles. Elles entrent en vigueur en mai."),
    ("es", "El gobierno anunció el lunes nuevas normas. Entrarán en vigor el próximo año."),
    ("pl", "Rząd ogłosił w poniedziałek nowe przepisy. Mają one wejść w życie w przyszłym roku."),
    ("fi", "Hallitus julkisti maanantaina uudet säännöt. Ne tulevat voimaan ensi vuonna."),
    ("zh", "政府周一宣布了新的住房建设规定，将于明年生效。"),
    ("ja", "政府は月曜日、住宅建設に関する新しい規則を発表した。来年から施行される。"),
    ("ko", "정부는 월요일 주택 건설에 관한 새로운 규정을 발표했다. 이 규정은 내년부터 시행된다."),
]


@pytest.mark.parametrize(("lang", "text"), SENTENCES)
def test_the_language_is_told_from_a_couple_of_sentences(lang: str, text: str) -> None:
    assert language([text]) == lang
    assert language(text.split(". ")) == lang  # the same words, split at a sentence end


def test_text_with_no_stopword_has_no_language() -> None:
    assert language(["12345 67890"]) is None
    assert language([]) is None


def signal(
    name: str,
    texts: list[str],
    lang: str | None = "de",
    at: int = 0,
    markups: list[str] | None = None,
) -> float:
    """One signal of fragment ``at`` of a document in no link; its markup the text itself."""
    gathered = document_signals(texts, [0.0] * len(texts), markups or texts, lang)
    return gathered.rows[at][NAMES.index(name)]


PROSE = "Der Bürgermeister sagte, dass die Brücke bald wieder offen ist."
LONG = "Wort " * 40  # 200 characters: what follows its first 160 is not read
# (signal, a fragment alone in its German document, the value worked out by hand)
ALONE = [
    ("words", "Mehr lesen", log1p(2)),
    ("short", "Mehr lesen", 1.0),
    ("short", "Hier mehr dazu lesen", 0.0),
    # 10 distinct words; der sagte dass die bald wieder offen ist are German stopwords
    ("stopwords", PROSE, 0.8),
    ("stopwords", "Impressum Datenschutz Kontakt", 0.0),
    ("sentence_end", "Die Brücke bleibt gesperrt.", 1.0),
    ("sentence_end", "Er sagte: «Wir bleiben hier.»", 1.0),
    ("sentence_end", "Mehr lesen", 0.0),
    ("colon_end", "Lesen Sie auch:", 1.0),
    ("colon_end", "Lesen Sie auch", 0.0),
    ("sentences", "Eins. Zwei! Drei? Vier.", log1p(3)),  # the end is no ". " inside
    ("sentences", "Eins. Zwei! Drei?", log1p(2)),
    ("sentences", "23.10.2018", 0.0),
    ("digits", "23.10.2018", 0.8),
    ("digits", "Mehr lesen", 0.0),
    ("digits", LONG + "2018", 0.0),
    ("digits", "2018 " + LONG, 4 / 160),
    ("short_digits", "23.10.2018", 0.8),
    ("short_digits", "Die Brücke ist seit dem 23.10.2018 gesperrt.", 0.0),
    ("capitals", "ÚLTIMA HORA", 5.0),  # 10 capitals, 2 words
    ("capitals", "Última hora", 0.5),
    ("all_caps", "ÚLTIMA HORA", 1.0),
    ("all_caps", "Última hora", 0.0),
    ("lower_start", "und dann ging er nach Hause.", 1.0),
    ("lower_start", "Und dann ging er nach Hause.", 0.0),
    ("separators", "Home | News | Sport", log1p(2)),
    ("separators", "Startseite » Politik » Bayern", log1p(2)),
    ("separators", "Politik / Bayern - Freiburg", log1p(2)),
    ("separators", "Die Ein- und Ausfahrt der Saison 2018/19", 0.0),  # no space either side
    ("separators", "Die Brücke bleibt gesperrt.", 0.0),
    ("separators", LONG + "| Mehr", 0.0),
    ("separators", "Mehr | " + LONG, log1p(1)),
    ("commas", "Äpfel, Birnen, Pflaumen und Kirschen", 0.4),
    ("address", "redaktion@example.de", 1.0),
    ("address", "Mehr unter www.example.de", 1.0),
    ("address", "Die Brücke bleibt gesperrt.", 0.0),
    ("ellipsis_end", "Der Streit um die Brücke geht weiter …", 1.0),
    ("ellipsis_end", "Der Streit um die Brücke geht weiter...", 1.0),
    ("ellipsis_end", "Der Streit um die Brücke geht weiter.", 0.0),
    ("shared", PROSE, 0.0),  # alone, its words are nowhere else
    ("quotes", "Er sagte: «Wir bleiben hier.»", 1.0),
    ("quotes", 'Sie nannte den Plan "mutig".', 1.0),
    ("quotes", "Startseite » Politik", 1.0),  # » is both a quotation mark and a separator
    ("quotes", "Geht's noch?", 0.0),  # an apostrophe is no quotation mark
    ("quotes", "Die Brücke bleibt gesperrt.", 0.0),
    ("quote_start", "„Wir bleiben hier“, sagte er.", 1.0),
    ("quote_start", "Er sagte: «Wir bleiben hier.»", 0.0),
    ("digit_start", "3 Fragen an den Bürgermeister", 1.0),
    ("digit_start", "Die 3 Fragen an den Bürgermeister", 0.0),
    ("characters", "Mehr lesen", log1p(10)),
    ("longest", "Mehr lesen", 1.0),  # alone, it is the longest
]


@pytest.mark.parametrize(("name", "text", "expected"), ALONE)
def test_each_signal_of_a_fragment_alone_is_as_worked_out(
    name: str, text: str, expected: float
) -> None:
    assert signal(name, [text]) == pytest.approx(expected)


# (text, its language, words that speak to the reader, words of a first person plural)
VOICES = [
    ("Thank you for reading our newsletter.", "en", 1, 1),
    ("Hier können Sie sich anmelden.", "de", 1, 0),
    ("Wir berichten weiter.", "de", 0, 1),
    ("Nous vous remercions de votre fidélité.", "fr", 2, 1),
    ("Os esperamos mañana en la tienda.", "es", 1, 0),  # Spanish "os": you
    ("Os vizinhos reclamaram do barulho.", "pt", 0, 0),  # Portuguese "os": the
    ("Wir berichten weiter.", "en", 0, 0),  # German words, read as English
    ("Thank you for reading our newsletter.", "ru", 0, 0),  # a language with no voices
    ("Thank you for reading our newsletter.", None, 0, 0),
    ("Die Brücke bleibt gesperrt.", "de", 0, 0),
]


@pytest.mark.parametrize(("text", "lang", "reader", "we"), VOICES)
def test_reader_and_we_are_words_of_the_documents_language(
    text: str, lang: str | None, reader: int, we: int
) -> None:
    assert signal("reader", [text], lang) == pytest.approx(log1p(reader))
    assert signal("we", [text], lang) == pytest.approx(log1p(we))


def test_sentences_in_unspaced_scripts_end_with_their_own_marks() -> None:
    text = "政府宣布了新规定。明年生效！"
    assert signal("sentences", [text], "zh") == pytest.approx(log1p(2))
    assert signal("sentences", [text], None) == 0.0


def test_words_of_an_unspaced_script_are_two_characters_each() -> None:
    text = "政府宣布新规定"  # 7 characters
    known: dict[tuple[str, bool], Own] = {}  # one store for both looks
    assert document_signals([text], [0.0], [text], "zh", known).words == [3]
    assert document_signals([text], [0.0], [text], None, known).words == [1]


TAGS = 'Schlagworte: <a href="/tag/bruecke/">Brücke</a>, <a href="/tag/freiburg/">Freiburg</a>'
STORY = '<a href="/politik/bruecke-gesperrt-123.html">Brücke gesperrt</a>'
MAIL = '<a href="mailto:redaktion@example.de">Schreiben Sie uns</a>'
# (signal, a fragment's cleaned markup, the value worked out by hand)
MARKUP = [
    ("bold", "<b>Lesen Sie auch</b>", 1.0),
    ("bold", "<strong>Mehr zum Thema</strong>", 1.0),
    ("bold", "Die <b>Brücke</b> bleibt gesperrt.", 0.0),  # bold in part
    ("italic", "<em>Foto: Patrick Seeger</em>", 1.0),
    ("italic", "<i>Der Autor ist Redakteur in Freiburg.</i>", 1.0),
    ("italic", "Die <i>Brücke</i> bleibt gesperrt.", 0.0),
    ("breaks", "Redaktion<br>Hauptstraße 1<br>79098 Freiburg", log1p(2)),
    ("link_count", TAGS, log1p(2)),
    ("link_count", STORY, log1p(1)),
    ("index_link", TAGS, 1.0),
    ("index_link", STORY, 0.0),
    ("mail_link", MAIL, 1.0),
    ("address", MAIL, 0.0),  # the address is in the link, not in the text
    ("social_link", '<a href="https://www.facebook.com/example">Folgen Sie uns</a>', 1.0),
    ("social_link", '<a href="/digital/facebook-streit-123.html">Streit um Facebook</a>', 0.0),
    ("anchor_link", '<a href="#kommentare">Zu den Kommentaren</a>', 1.0),
    ("anchor_link", '<a href="/politik/bruecke-123.html#kommentare">Kommentare</a>', 0.0),
    ("embedded_link", 'Die Stadt hat <a href="/plan.html">den Plan</a> beschlossen.', 1.0),
    ("embedded_link", STORY, 0.0),
    ("embedded_link", TAGS, 0.0),  # words before its links, none after: a label's list
    ("embedded_link", "Die <b>Brücke</b> bleibt gesperrt.", 0.0),  # no link
]
# The signals of a fragment's markup, the last of NAMES.
MARKS = tuple(
    "link_count bold italic breaks mail_link social_link index_link anchor_link"
    " embedded_link".split()
)


def plain(markup: str) -> str:
    """The text of a fragment's cleaned markup, as cleaning gives it: a break a space."""
    return re.sub(r"<[^>]*>", "", markup.replace("<br>", " "))


@pytest.mark.parametrize(("name", "markup", "expected"), MARKUP)
def test_each_signal_of_a_fragments_markup_is_as_worked_out(
    name: str, markup: str, expected: float
) -> None:
    assert signal(name, [plain(markup)], markups=[markup]) == pytest.approx(expected)


def test_a_fragment_with_no_markup_has_none_of_the_markup_signals() -> None:
    texts = ["Die Brücke bleibt gesperrt.", "A &lt; B", "Mehr lesen"]
    rows = document_signals(texts, [0.0, 0.0, 1.0], texts, "de").rows
    assert NAMES[-len(MARKS) :] == MARKS
    assert [row[-len(MARKS) :] for row in rows] == [[0.0] * len(MARKS)] * 3


def test_every_row_has_each_signal_and_the_binary_ones_are_0_or_1() -> None:
    texts = [text for _, text, _ in ALONE] + [plain(markup) for _, markup, _ in MARKUP]
    markups = [text for _, text, _ in ALONE] + [markup for _, markup, _ in MARKUP]
    rows = document_signals(texts, [0.5] * len(texts), markups, "de").rows
    assert set(NAMES) >= BINARY
    assert {len(row) for row in rows} == {len(NAMES)}
    for name in BINARY:
        assert {row[NAMES.index(name)] for row in rows} == {0.0, 1.0}, name


def test_longest_is_the_length_against_the_documents_longest_fragment() -> None:
    texts = ["Mehr lesen", "Die Brücke bleibt gesperrt."]  # 10 and 27 characters
    assert [signal("longest", texts, at=i) for i in (0, 1)] == pytest.approx([10 / 27, 1.0])


def test_the_link_signals_are_the_share_passed_in_short_links_only_under_15_words() -> None:
    texts = ["Mehr lesen", "Die Brücke bleibt gesperrt.", " ".join(["Wort"] * 15)]
    rows = document_signals(texts, [1.0, 0.25, 0.5], texts, "de").rows
    column = {n: [row[NAMES.index(n)] for row in rows] for n in NAMES}
    assert column["links"] == [1.0, 0.25, 0.5]
    assert column["short_links"] == [1.0, 0.25, 0.0]


def test_stopwords_are_a_larger_share_of_prose_than_of_a_label() -> None:
    assert signal("stopwords", [PROSE]) > signal("stopwords", ["Impressum Datenschutz Kontakt"])
    assert signal("stopwords", [PROSE], lang=None) == 0.0  # no language, no stopwords


def test_a_text_that_comes_twice_is_repeated_here_and_the_other_is_not() -> None:
    texts = ["Jetzt abonnieren", "Die Brücke bleibt gesperrt.", "Jetzt abonnieren"]
    assert [signal("repeated_here", texts, at=i) for i in range(3)] == [1.0, 0.0, 1.0]


def test_content_is_the_lower_cased_words_not_stopwords_of_the_first_characters() -> None:
    # 20 times "Baustau " is 160 characters: "Umleitung A5" comes after them
    texts = ["Baustau " * 20 + "Umleitung A5", "Ab 22 Uhr ist die A5 zu."]
    gathered = document_signals(texts, [0.0, 0.0], texts, "de")
    assert gathered.words == [22, 7]
    # ab uhr ist die zu are German stopwords; digits and short words count
    assert gathered.content == [{"baustau"}, {"22", "a5"}]
    shared, stop = NAMES.index("shared"), NAMES.index("stopwords")
    assert gathered.rows[1][shared] == 0.0  # the first's A5 is past its first characters
    assert gathered.rows[1][stop] == pytest.approx(5 / 7)


BRIDGE = "Die alte Brücke ist gesperrt."


@pytest.mark.parametrize(
    ("texts", "lang", "shared"),
    [
        # die brücke ist zu / die brücke wird saniert / jetzt lesen: short words count
        (["Die Brücke ist zu.", "Die Brücke wird saniert.", "Jetzt lesen."], None, [0.5, 0.5, 0]),
        # in German, alte brücke gesperrt / alte brücke abgerissen: stopwords do not count
        ([BRIDGE, "Die alte Brücke wird abgerissen."], "de", [2 / 3, 2 / 3]),
        # die and ist are all the two have in common: stopwords, so nothing is shared
        ([BRIDGE, "Die neue Straße ist frei."], "de", [0.0, 0.0]),
        ([BRIDGE, "Die neue Straße ist frei."], None, [0.4, 0.4]),
    ],
)
def test_shared_is_the_share_of_content_words_found_in_other_fragments(
    texts: list[str], lang: str | None, shared: list[float]
) -> None:
    got = [signal("shared", texts, lang, at=i) for i in range(len(texts))]
    assert got == pytest.approx(shared)


def test_a_fragments_own_part_worked_out_once_serves_every_look_at_the_document() -> None:
    texts = ["Jetzt abonnieren", PROSE, "Jetzt abonnieren", "Thank you for reading."]
    links = [1.0, 0.0, 1.0, 0.0]
    known: dict[tuple[str, bool], Own] = {}
    first = document_signals(texts, links, texts, "de", known)
    assert len(known) == 3  # one for each markup
    # after a drop, and read as English: what depends on the others is worked out again
    again = document_signals(texts[1:], links[1:], texts[1:], "en", known)
    repeated, reader = NAMES.index("repeated_here"), NAMES.index("reader")
    assert [first.rows[0][repeated], again.rows[1][repeated]] == [1.0, 0.0]
    assert [first.rows[3][reader], again.rows[2][reader]] == [0.0, log1p(1)]
    assert first == document_signals(texts, links, texts, "de")
    assert again == document_signals(texts[1:], links[1:], texts[1:], "en")
