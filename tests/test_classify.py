"""clean's classifier: the place in the document, the fast path, and drops in context."""

from __future__ import annotations

from math import exp, log1p

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfrag.clean import Cleaned, clean_fragments
from newsfrag.clean.classify import judge
from newsfrag.clean.fragments import markup_cleaned
from newsfrag.clean.language import language
from newsfrag.clean.model import model, scorers
from newsfrag.clean.place import CONTEXT, context
from newsfrag.clean.signals import BINARY, NAMES, Gathered, document_signals


def placed(
    scores: list[float],
    words: list[int],
    links: list[float] | None = None,
    content: list[set[str]] | None = None,
) -> dict[str, list[float]]:
    """Each context column of a document of ``scores`` and ``words``, its shares in links
    and content words as given (else none)."""
    links = links or [0.0] * len(words)
    rows = [[log1p(w), share] for w, share in zip(words, links, strict=True)]
    got = context(scores, Gathered(rows, words, content or [set() for _ in words]))
    return {name: [row[j] for row in got] for j, name in enumerate(CONTEXT)}


# A teaser, three paragraphs on the article's side, a teaser and a menu after them.
SCORES = [-2.0, 2.0, 2.0, 2.0, -2.0, -2.0]
WORDS = [3, 50, 50, 50, 3, 3]
LINKS = [1.0, 0.0, 0.0, 0.0, 0.5, 1.0]
CONTENT = [{"abonnieren"}, {"brücke", "gesperrt"}, {"brücke", "neubau"}, {"neubau", "kosten"}]
CONTENT += [{"brücke", "newsletter"}, set()]


def test_context_places_the_main_run_and_what_lies_two_or_more_after_it() -> None:
    column = placed(SCORES, WORDS)
    assert column["inside"] == [0.0, 1.0, 1.0, 1.0, 0.0, 0.0]
    assert column["after_run"] == [0.0, 0.0, 0.0, 0.0, 0.0, 1.0]  # 4 is just after
    assert column["before_run"] == [0.0] * 6  # 0 is just before
    assert column["run_distance"] == [log1p(1), 0.0, 0.0, 0.0, log1p(1), log1p(2)]
    assert column["before_1"] == [0.0, -2.0, 2.0, 2.0, 2.0, -2.0]  # 0.0: nothing before
    assert column["after_1"] == [2.0, 2.0, 2.0, -2.0, -2.0, 0.0]
    assert column["best_neighbour"] == [2.0, 2.0, 2.0, 2.0, 2.0, 0.0]
    assert column["worst_neighbour"] == [0.0, -2.0, 2.0, -2.0, -2.0, -2.0]
    assert column["before_2"][:2] == [0.0, 0.0]
    assert column["after_2"][4:] == [0.0, 0.0]
    assert column["around"][0] == 2.0  # the mean of fragments 1 to 3
    assert column["fragments"] == [log1p(6)] * 6
    assert column["first"] == [1.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    assert column["last"] == [0.0, 0.0, 0.0, 0.0, 0.0, 1.0]


def test_context_weighs_the_article_side_and_the_neighbours() -> None:
    column = placed(SCORES, WORDS, LINKS, CONTENT)
    # 150 words on the article's side: 50 in each of 1, 2 and 3
    assert column["article_before"] == pytest.approx([0, 0, 1 / 3, 2 / 3, 1, 1])
    assert column["article_after"] == pytest.approx([1, 2 / 3, 1 / 3, 0, 0, 0])
    # up to two either side: 0 has 1 and 2, 2 has 0, 1, 3 and 4, 5 has 3 and 4
    assert column["neighbour_links"] == pytest.approx([0, 1 / 3, 0.375, 0.375, 1 / 3, 0.25])
    long, short = log1p(50), log1p(3)
    middle = (long + short) / 2
    expected = [long, (short + 2 * long) / 3, middle, middle, (2 * long + short) / 3, middle]
    assert column["neighbour_words"] == pytest.approx(expected)
    assert column["neighbour_short"] == pytest.approx([0, 1 / 3, 0.5, 0.5, 1 / 3, 0.5])
    assert column["median_length"] == pytest.approx([0.06, 1, 1, 1, 0.06, 0.06])  # of 50
    # on the side, words in another of its fragments (brücke, neubau); off it, in any
    assert column["run_words"] == pytest.approx([0, 0.5, 1, 0.5, 0.5, 0])


@pytest.mark.parametrize(
    ("middle", "inside", "before"),
    [(-0.84, [1.0, 1.0, 1.0], 50 / 70), (-0.86, [1.0, 0.0, 0.0], 20 / 40)],
)
def test_a_fragment_scored_above_odds_of_0_3_counts_on_the_article_side(
    middle: float, inside: list[float], before: float
) -> None:
    column = placed([2.0, middle, 2.0], [20, 30, 20])
    assert column["inside"] == inside
    assert column["article_before"][2] == pytest.approx(before)


def test_context_with_no_fragment_on_the_article_side_has_no_run() -> None:
    column = placed([-2.0, -3.0], [7, 8], content=[{"brücke"}, {"brücke"}])
    assert column["inside"] == [0.0, 0.0]
    assert column["run_distance"] == [log1p(2), log1p(2)]
    assert column["article_before"] == column["article_after"] == [0.0, 0.0]
    assert column["run_words"] == [0.0, 0.0]
    assert column["neighbour_short"] == [0.0, 1.0]  # under 8 words: 7 is, 8 is not
    assert column["median_length"] == [7 / 8, 1.0]


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
    assert cleaned.fragments[:8] == fragments[:8]  # the short line between paragraphs too
    # The two teasers with a headline each, and the menu, go. The label that opens the
    # teasers ("More news from the region", all link) sits near the balanced threshold
    # (0.38 against 0.32 in Spanish: bench/NOTES.md); precision drops it in every language.
    dropped = [d.fragment for d in cleaned.dropped]
    assert dropped[-3:] == [9, 10, 11]
    assert set(dropped) <= {8, 9, 10, 11}
    for teaser in cleaned.dropped[-3:-1]:
        assert teaser.rule == "boilerplate"
        assert teaser.evidence.startswith("article 0.")
    precise = clean_fragments(fragments, favour="precision")
    assert precise.fragments == fragments[:8]
    assert [d.fragment for d in precise.dropped] == [8, 9, 10, 11]


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
# The German article in a page's markup: a byline, a credit, a heading, a link in a
# sentence, a quote, an advertisement's label twice, a numbered heading, the imprint, an
# address, and links to write, to follow, to tags and to the comments.
MARKED = [
    "<em>Von Anna Müller</em>",
    "dpa/lsw",
    "<strong>Die Brücke über die Dreisam wird abgerissen</strong>",
    *article("de")[:5],
    'Der Gemeinderat hat <a href="/freiburg/dreisam-123.html">den Abriss</a> beschlossen.',
    "„Wir haben keine andere Wahl“, sagte der Bürgermeister am Abend.",
    "ANZEIGE",
    "3 Fragen an den Baubürgermeister",
    "Redaktion<br>Hauptstraße 1<br>79098 Freiburg",
    "Kontakt: redaktion@example.de",
    '<a href="mailto:redaktion@example.de">Schreiben Sie uns</a>',
    '<a href="https://www.facebook.com/example">Folgen Sie uns auf Facebook</a>',
    'Schlagworte: <a href="/tag/bruecke/">Brücke</a>, <a href="/tag/freiburg/">Freiburg</a>',
    '<a href="#kommentare">Zu den Kommentaren</a>',
    "ANZEIGE",
]


def gathered(fragments: list[str]) -> Gathered:
    """A document's evidence, as cleaning gathers it."""
    markups, texts, links = zip(*markup_cleaned(fragments), strict=True)
    return document_signals(texts, links, markups, language(texts))


def test_the_fast_path_scores_as_the_two_layers_do() -> None:
    own, place = scorers()
    m = model()
    flagged = set()
    for fragments in (article("de"), article("en"), EDGES, MARKED):
        evidence = gathered(fragments)
        scores = [m.own.score(row) for row in evidence.rows]
        places = context(scores, evidence)
        judged = judge(evidence)
        for row, where, got in zip(evidence.rows, places, judged, strict=True):
            z = m.placed.score(row + where)
            assert own(row)[0] == pytest.approx(m.own.score(row), rel=1e-9)
            assert own(row)[1] + place(where) == pytest.approx(z, rel=1e-9)
            assert got.inputs == pytest.approx(row + where, rel=1e-9)
            assert got.article == pytest.approx(1 / (1 + exp(-z)), rel=1e-9)
        flagged |= {n for n in BINARY for row in evidence.rows if row[NAMES.index(n)]}
    assert flagged == BINARY  # each signal the fast path weighs as a step is 1 somewhere


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


@pytest.mark.parametrize(
    "fragments", [EDGES, MARKED, *(article(lang) for lang in sorted(ARTICLES))]
)
def test_cleaning_a_multilingual_document_again_changes_nothing(fragments: list[str]) -> None:
    for favour in ("recall", "balanced", "precision"):
        once = clean_fragments(fragments, favour=favour).fragments
        assert clean_fragments(once, favour=favour) == Cleaned(once, [], list(range(len(once))))


_VOCABULARY = "die Brücke the bridge el puente mehr lesen you wir said | 23.10.2018".split()
_SENTENCE = st.builds(
    "{}{}".format,
    st.lists(st.sampled_from(_VOCABULARY), min_size=1, max_size=12).map(" ".join),
    st.sampled_from(["", ".", ":", " …", "?"]),
)
_MARKUP = ['<a href="/x">{}</a>', "<b>{}</b>", "<em>{}</em>", "{}<br>{}", '<a href="#x">{}</a>']
_FRAGMENT = st.one_of(
    _SENTENCE, st.builds(str.format, st.sampled_from(_MARKUP), _SENTENCE, _SENTENCE)
)


@settings(max_examples=100)
@given(st.lists(_FRAGMENT, max_size=12))
def test_cleaning_random_sentences_again_changes_nothing(fragments: list[str]) -> None:
    once = clean_fragments(fragments).fragments
    assert clean_fragments(once) == Cleaned(once, [], list(range(len(once))))


def test_every_favour_the_cli_offers_has_a_threshold_in_the_model() -> None:
    from newsfrag.clean.model import FAVOURS, model
    from newsfrag.cli.commands import cli

    option = next(p for p in cli.commands["clean"].params if p.name == "favour")
    assert tuple(option.type.choices) == FAVOURS  # type: ignore[attr-defined]
    thresholds = model().thresholds
    assert set(thresholds) == set(FAVOURS)
    assert thresholds["precision"] > thresholds["balanced"] > thresholds["recall"]
