"""The stopword lists are read from stopwordsiso's data file: the same as its functions give."""

from __future__ import annotations

import pytest

from newsfrag.clean.language import _imported_lists, stopword_lists, stopwords


def test_the_data_file_read_directly_gives_the_packages_own_lists() -> None:
    direct = {lang: set(words) for lang, words in stopword_lists().items()}
    imported = {lang: set(words) for lang, words in _imported_lists().items()}
    assert direct == imported
    assert len(direct) >= 50  # 58 languages in stopwordsiso 0.7


def test_a_language_with_no_list_has_no_stopwords() -> None:
    assert stopwords(None) == frozenset()
    assert stopwords("xx") == frozenset()
    assert {"und", "der", "die"} <= stopwords("de")


def test_the_word_index_and_the_lists_count_the_same_hits() -> None:
    from newsfrag.clean.language import _hits_by_list, _index

    index = _index()
    samples = [
        {"the", "of", "and", "said", "council", "bridge"},
        {"der", "die", "und", "nicht", "brücke", "stadt"},
        {"le", "la", "et", "des", "pont"},
        {"zzz", "qqq"},
        set(),
    ]
    for words in samples:
        by_index: dict[str, int] = {}
        for word in words:
            for lang in index.get(word, ()):
                by_index[lang] = by_index.get(lang, 0) + 1
        assert _hits_by_list(words) == by_index


def test_the_hits_through_the_index_are_the_hits_list_by_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsfrag.clean import language

    samples = [
        {"the", "of", "and", "said", "council", "bridge"},
        {"der", "die", "und", "nicht", "brücke", "stadt"},
        {"le", "la", "et", "des", "pont"},
        {"zzz", "qqq"},
    ]
    monkeypatch.setattr(language, "_told", language._ALONE)  # past it: through the index
    through_index = [language._hits(words) for words in samples]
    assert language._told == language._ALONE + len(samples)
    assert through_index == [language._hits_by_list(words) for words in samples]
    assert through_index[0]["en"] >= 3
