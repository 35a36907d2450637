"""The plural and the genitive the calques put on Turkic words (ittifoq/grow/calque_suffixes.py),
checked against the forms the grammars of Uzbek, Kazakh and Karakalpak give."""

from __future__ import annotations

import pytest

from ittifoq.grow.calque_suffixes import NoEnding, accusative, genitive, plural, possessive_plural


@pytest.mark.parametrize("word, lang, expected", [
    ("davlat", "uz-latn", "davlatlar"),
    ("давлат", "uz-cyrl", "давлатлар"),
    # Kazakh: harmony, and the first consonant after the sound before it.
    ("мемлекет", "kk", "мемлекеттер"),
    ("адам", "kk", "адамдар"),
    ("ел", "kk", "елдер"),
    ("басшы", "kk", "басшылар"),
    ("кездесу", "kk", "кездесулер"),  # у a glide: the е before it decides
    # Karakalpak: -лар/-лер after every sound.
    ("мәмлекет", "kaa", "мәмлекетлер"),
    ("адам", "kaa", "адамлар"),
    ("ушырасыў", "kaa", "ушырасыўлар"),
])
def test_plural(word, lang, expected):
    assert plural(word, lang) == expected


@pytest.mark.parametrize("word, lang, expected", [
    ("rahbar", "uz-latn", "rahbarlari"),
    ("мемлекет", "kk", "мемлекеттері"),
    ("басшы", "kaa", "басшылары"),
    ("жетекши", "kaa", "жетекшилери"),
])
def test_plural_with_the_possessive(word, lang, expected):
    assert possessive_plural(word, lang) == expected


@pytest.mark.parametrize("word, lang, expected", [
    ("rahbarlari", "uz-latn", "rahbarlarining"),
    ("BMT", "uz-latn", "BMTning"),
    ("раҳбарлари", "uz-cyrl", "раҳбарларининг"),
    ("Қазақстан", "kk", "Қазақстанның"),
    ("халық", "kk", "халықтың"),
    ("ел", "kk", "елдің"),
    ("басшылары", "kk", "басшыларының"),
    ("мемлекеттері", "kk", "мемлекеттерінің"),
    ("жетекшилери", "kaa", "жетекшилериниң"),
    ("Шөлкеми", "kaa", "Шөлкеминиң"),
])
def test_genitive(word, lang, expected):
    assert genitive(word, lang) == expected


@pytest.mark.parametrize("word, lang, expected", [
    ("Orol", "uz-latn", "Orolni"),
    ("Орол", "uz-cyrl", "Оролни"),
    ("Арал", "kk", "Аралды"),
    ("халық", "kk", "халықты"),
    ("Алматы", "kk", "Алматыны"),
    ("мемлекет", "kk", "мемлекетті"),
    ("Арал", "kaa", "Аралды"),
    ("жер", "kaa", "жерди"),
])
def test_accusative(word, lang, expected):
    assert accusative(word, lang) == expected


def test_no_ending_where_the_rules_cannot_say():
    with pytest.raises(NoEnding):
        genitive("БҰҰ", "kk")  # an initialism harmonises with its letters' names
    with pytest.raises(NoEnding):
        plural("council", "en")
