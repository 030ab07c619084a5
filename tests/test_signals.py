"""clean's classifier: the language told, each signal, the main run, and drops in context."""

from __future__ import annotations

from math import log1p

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfrag.clean import Cleaned, clean_fragments
from newsfrag.clean.classify import CONTEXT, context
from newsfrag.clean.signals import NAMES, document_signals, language

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


def signal(name: str, texts: list[str], lang: str | None = "de", at: int = 0) -> float:
    """One signal of fragment ``at`` of a document in no link."""
    return document_signals(texts, [0.0] * len(texts), lang)[at][NAMES.index(name)]


PROSE = "Der Bürgermeister sagte, dass die Brücke bald wieder offen ist."
# (signal, a fragment alone in its document, the value worked out by hand)
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
    ("sentences", "Eins. Zwei! Drei?", log1p(3)),
    ("sentences", "23.10.2018", 0.0),
    ("digits", "23.10.2018", 0.8),
    ("digits", "Mehr lesen", 0.0),
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
    ("separators", "Die Brücke bleibt gesperrt.", 0.0),
    ("commas", "Äpfel, Birnen, Pflaumen und Kirschen", 0.4),
    ("address", "redaktion@example.de", 1.0),
    ("address", "Mehr unter www.example.de", 1.0),
    ("address", "Die Brücke bleibt gesperrt.", 0.0),
    ("reader", "Thank you for reading.", log1p(1)),
    ("reader", "Hier können Sie sich anmelden.", log1p(1)),
    ("reader", "Nous vous remercions de votre fidélité.", log1p(2)),
    ("reader", "Die Brücke bleibt gesperrt.", 0.0),
    ("we", "Wir berichten weiter.", log1p(1)),
    ("we", "Thank you for reading our newsletter.", log1p(1)),
    ("we", "Nous vous remercions de votre fidélité.", log1p(1)),
    ("we", "Die Brücke bleibt gesperrt.", 0.0),
    ("ellipsis_end", "Der Streit um die Brücke geht weiter …", 1.0),
    ("ellipsis_end", "Der Streit um die Brücke geht weiter...", 1.0),
    ("ellipsis_end", "Der Streit um die Brücke geht weiter.", 0.0),
    ("shared", PROSE, 0.0),  # alone, its words are nowhere else
]


@pytest.mark.parametrize(("name", "text", "expected"), ALONE)
def test_each_signal_of_a_fragment_alone_is_as_worked_out(
    name: str, text: str, expected: float
) -> None:
    assert signal(name, [text]) == pytest.approx(expected)


# (words, the one length bucket it falls in; "": none)
BUCKETS = [(1, "under_8"), (7, "under_8"), (8, "under_20"), (19, "under_20"), (20, "under_40")]
BUCKETS += [(39, "under_40"), (40, "")]


@pytest.mark.parametrize(("words", "bucket"), BUCKETS)
def test_a_fragment_falls_in_one_length_bucket_by_its_words(words: int, bucket: str) -> None:
    text = " ".join(["Wort"] * words)
    got = {b for b in ("under_8", "under_20", "under_40") if signal(b, [text])}
    assert got == {bucket} - {""}


def test_the_link_signals_are_the_share_passed_in_short_links_only_under_15_words() -> None:
    texts = ["Mehr lesen", "Die Brücke bleibt gesperrt.", " ".join(["Wort"] * 15)]
    rows = document_signals(texts, [1.0, 0.25, 0.5], "de")
    column = {n: [row[NAMES.index(n)] for row in rows] for n in NAMES}
    assert column["links"] == [1.0, 0.25, 0.5]
    assert column["links_squared"] == [1.0, 0.0625, 0.25]
    assert column["short_links"] == [1.0, 0.25, 0.0]


def test_stopwords_are_a_larger_share_of_prose_than_of_a_label() -> None:
    assert signal("stopwords", [PROSE]) > signal("stopwords", ["Impressum Datenschutz Kontakt"])
    assert signal("stopwords", [PROSE], lang=None) == 0.0  # no language, no stopwords


def test_a_text_that_comes_twice_is_repeated_here_and_the_other_is_not() -> None:
    texts = ["Jetzt abonnieren", "Die Brücke bleibt gesperrt.", "Jetzt abonnieren"]
    assert [signal("repeated_here", texts, at=i) for i in range(3)] == [1.0, 0.0, 1.0]


BRIDGE = "Die alte Brücke ist gesperrt."


@pytest.mark.parametrize(
    ("texts", "lang", "shared"),
    [
        # die brücke ist (zu: too short) / die brücke wird saniert / jetzt lesen
        (["Die Brücke ist zu.", "Die Brücke wird saniert.", "Jetzt lesen."], None, [2 / 3, 0.5, 0]),
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


def test_context_places_the_main_run_and_what_lies_two_or_more_after_it() -> None:
    rows = context([-2.0, 2.0, 2.0, 2.0, -2.0, -2.0], [3.0, 50.0, 50.0, 50.0, 3.0, 3.0])
    column = {n: [row[CONTEXT.index(n)] for row in rows] for n in CONTEXT}
    assert column["inside"] == [0.0, 1.0, 1.0, 1.0, 0.0, 0.0]
    assert column["after_run"] == [0.0, 0.0, 0.0, 0.0, 0.0, 1.0]  # 4 is just after
    assert column["before_run"] == [0.0] * 6  # 0 is just before
    assert column["run_distance"] == [log1p(1), 0.0, 0.0, 0.0, log1p(1), log1p(2)]
    assert column["before_1"] == [0.0, -2.0, 2.0, 2.0, 2.0, -2.0]  # 0.0: nothing before
    assert column["after_1"] == [2.0, 2.0, 2.0, -2.0, -2.0, 0.0]
    assert column["before_2"][:2] == [0.0, 0.0]
    assert column["after_2"][4:] == [0.0, 0.0]
    assert column["around"][0] == 2.0  # the mean of fragments 1 to 3
    assert column["fragments"] == [log1p(6)] * 6


def test_context_with_no_fragment_on_the_article_side_has_no_run() -> None:
    rows = context([-2.0, -3.0], [5.0, 5.0])
    assert [row[CONTEXT.index("inside")] for row in rows] == [0.0, 0.0]
    assert [row[CONTEXT.index("run_distance")] for row in rows] == [log1p(2), log1p(2)]


# (language, seven prose paragraphs, a short line, three teasers in links, a navigation line)
ARTICLES = {
    "de": (
        "Die Stadt Freiburg will die marode Brücke über die Dreisam im kommenden Frühjahr "
        "sperren und abreißen lassen.|Bei einer Prüfung im Sommer hatten Ingenieure Risse in "
        "mehreren Trägern entdeckt, wie die Verwaltung mitteilte.|Für Fußgänger und Radfahrer "
        "soll während der Bauzeit eine provisorische Brücke flussabwärts entstehen.|Der Neubau "
        "wird nach ersten Schätzungen rund zwölf Millionen Euro kosten, einen Teil zahlt das "
        "Land.|Anwohner hatten sich schon seit Jahren über den Zustand der Brücke beschwert, "
        "die in den sechziger Jahren gebaut wurde.|Im Gemeinderat stieß der Plan am Abend auf "
        "breite Zustimmung, nur eine Fraktion stimmte dagegen.|Wann die neue Brücke fertig sein "
        "wird, ist noch offen, die Stadt rechnet mit mindestens zwei Jahren.",
        "Das sagte er.",
        "Weitere Nachrichten aus der Region|Feuerwehr löscht Brand in Lagerhalle|"
        "Neue Buslinie fährt ab Dezember",
        "Startseite|Politik|Sport|Kultur",
    ),
    "en": (
        "The city council voted on Tuesday to close the old railway bridge over the river for "
        "at least two years.|Inspectors found cracks in several steel beams during a routine "
        "check in the summer, the council said.|A temporary footbridge for pedestrians and "
        "cyclists will be built downstream while the work goes on.|The repairs are expected "
        "to cost around twelve million pounds, part of it paid by the region.|Residents had "
        "complained for years about the state of the bridge, which was built in the sixties.|"
        "Only two councillors voted against the plan, arguing that a new bridge would be "
        "cheaper.|It is not yet clear when the bridge will reopen, but officials expect the "
        "work to take two years.",
        "He said so.",
        "More news from the region|Firefighters tackle warehouse blaze|"
        "New bus route starts in December",
        "Home|Politics|Sport|Culture",
    ),
    "es": (
        "El ayuntamiento de Sevilla aprobó el martes cerrar el viejo puente sobre el río "
        "durante al menos dos años.|Los inspectores encontraron grietas en varias vigas de "
        "acero durante una revisión rutinaria este verano.|Mientras duren las obras se "
        "construirá una pasarela provisional para peatones y ciclistas río abajo.|Las "
        "reparaciones costarán unos doce millones de euros, de los cuales una parte la pagará "
        "la región.|Los vecinos llevaban años quejándose del estado del puente, que fue "
        "construido en los años sesenta.|Solo dos concejales votaron en contra del plan, al "
        "considerar que un puente nuevo saldría más barato.|Todavía no está claro cuándo "
        "volverá a abrirse el puente, pero las obras durarán dos años.",
        "Eso dijo él.",
        "Más noticias de la región|Los bomberos apagan un incendio en una nave|"
        "Nueva línea de autobús a partir de diciembre",
        "Portada|Política|Deportes|Cultura",
    ),
}


def article(lang: str) -> list[str]:
    """Paragraphs 0-2, the short line (3), paragraphs 4-7, teasers 8-10, navigation (11)."""
    prose, short, teasers, nav = ARTICLES[lang]
    paragraphs = prose.split("|")
    links = [f'<a href="/{i}">{t}</a>' for i, t in enumerate(teasers.split("|"))]
    menu = " | ".join(f'<a href="/{i}">{t}</a>' for i, t in enumerate(nav.split("|")))
    return [*paragraphs[:3], short, *paragraphs[3:], *links, menu]


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_the_article_stays_and_the_teasers_and_menu_after_it_go(lang: str) -> None:
    fragments = article(lang)
    assert language(fragments[:8]) == lang
    cleaned = clean_fragments(fragments)
    assert cleaned.fragments == fragments[:8]  # the short line between paragraphs too
    assert [d.fragment for d in cleaned.dropped] == [8, 9, 10, 11]
    for teaser in cleaned.dropped[:3]:
        assert teaser.rule == "boilerplate"
        assert teaser.evidence.startswith("article 0.")


def test_without_the_classifier_the_teasers_stay() -> None:
    assert clean_fragments(article("de"), classifier=False).dropped == []


# Around the German article: a byline, a date and a photo credit before it; after it a
# label, a heading, a newsletter teaser cut short: the kind of line favour weighs.
EDGES = [
    "Von Anna Müller",
    "23.10.2018, 14:30 Uhr",
    "Foto: Patrick Seeger",
    *article("de")[:8],
    "Lesen Sie auch:",
    "Mehr zum Thema",
    "Jetzt den Newsletter abonnieren und nichts verpassen …",
    *article("de")[8:],
]


@pytest.mark.parametrize("fragments", [EDGES, *(article(lang) for lang in sorted(ARTICLES))])
def test_recall_drops_no_more_than_balanced_which_drops_no_more_than_precision(
    fragments: list[str],
) -> None:
    dropped = {
        favour: {d.fragment for d in clean_fragments(fragments, favour=favour).dropped}
        for favour in ("recall", "balanced", "precision")
    }
    assert dropped["recall"] <= dropped["balanced"] <= dropped["precision"]
    prose = set(range(3, 11)) if fragments is EDGES else set(range(8))
    assert not prose & dropped["precision"]  # the article stays, however strict


@pytest.mark.parametrize("fragments", [EDGES, *(article(lang) for lang in sorted(ARTICLES))])
def test_cleaning_a_multilingual_document_again_changes_nothing(fragments: list[str]) -> None:
    for favour in ("recall", "balanced", "precision"):
        once = clean_fragments(fragments, favour=favour).fragments
        assert clean_fragments(once, favour=favour) == Cleaned(once, [])


_VOCABULARY = "die Brücke the bridge el puente mehr lesen you wir said | 23.10.2018".split()
_SENTENCE = st.builds(
    "{}{}".format,
    st.lists(st.sampled_from(_VOCABULARY), min_size=1, max_size=12).map(" ".join),
    st.sampled_from(["", ".", ":", " …", "?"]),
)
_FRAGMENT = st.one_of(_SENTENCE, _SENTENCE.map('<a href="/x">{}</a>'.format))


@settings(max_examples=100)
@given(st.lists(_FRAGMENT, max_size=12))
def test_cleaning_random_sentences_again_changes_nothing(fragments: list[str]) -> None:
    once = clean_fragments(fragments).fragments
    assert clean_fragments(once) == Cleaned(once, [])
