"""Matching names in text (``ittifoq.grow.mentions``): Russian names decline in every word, a
name's own head noun inside it is not another body's name, and endings are folded as they
stand inside a word. The sentences are ours."""

from __future__ import annotations

from ittifoq.grow.gazetteer import Gazetteer, Label
from ittifoq.grow.mentions import find_mentions
from ittifoq.grow.morph import folded_endings, russian_stem
from ittifoq.text.normalize import fold

ID = "https://w3id.org/ittifoq/id/"


def _linked(text: str, g: Gazetteer) -> list[tuple[str, str]]:
    return [(m.text, m.iri[len(ID) :]) for m in find_mentions(text, g)]


def _gazetteer(*labels: tuple[str, str, str]) -> Gazetteer:
    g = Gazetteer()
    for iri, text, lang in labels:
        g.add(Label(ID + iri, text, lang, "alt", "test"))
    return g


def test_every_word_of_a_russian_name_may_decline():
    g = _gazetteer(("organization/supreme-interstate-council", "Высший межгосударственный совет", "ru"),
                   ("office/president-of-kazakhstan", "Президент Республики Казахстан", "ru"),
                   ("place/astana", "Астана", "ru"))
    text = ("Стороны обсудили подготовку к заседанию Высшего межгосударственного совета в Астане. "
            "Встреча с Президентом Республики Казахстан прошла в Астане.")
    assert _linked(text, g) == [
        ("Высшего межгосударственного совета", "organization/supreme-interstate-council"),
        ("Астане", "place/astana"),
        ("Президентом Республики Казахстан", "office/president-of-kazakhstan"),
        ("Астане", "place/astana"),
    ]


def test_russian_stems_apply_to_russian_labels_in_russian_text_only():
    g = _gazetteer(("place/astana", "Астана", "kk"), ("organization/x-council", "Межгосударственный совет", "ru"))
    # A Kazakh label takes no Russian ending; a Russian name in a Kazakh sentence takes no Russian stem rule.
    assert _linked("Переговоры прошли в Астане в январе этого года.", g) == []
    kk = "Межгосударственного совета отырысы Астанада өтті деп хабарлады."
    assert _linked(kk, g) == [("Астанада", "place/astana")]
    # A different adjective is another name, not a form of this one.
    assert _linked("Заседание Межведомственного совета прошло вчера в столице.", g) == []


def test_a_russian_stem_keeps_short_words_whole():
    assert russian_stem(fold("Астане")) == russian_stem(fold("Астана")) == fold("Астан")
    assert russian_stem(fold("совета")) == russian_stem(fold("совет"))
    assert russian_stem(fold("мир")) == fold("мир")  # three letters stay whole: "мир" is not "мира"'s stem


def test_an_ending_that_starts_with_e_is_folded_as_inside_a_word():
    # Folded alone, a word-initial Cyrillic "е" is "ye"; inside "Астане" it is "e".
    assert "e" in folded_endings("ru") and "ye" not in folded_endings("ru")
    assert "e" in folded_endings("kk") and "ye" not in folded_endings("kk")


def test_the_head_noun_of_a_longer_name_is_not_another_bodys_name():
    g = _gazetteer(("organization/senate-of-kazakhstan", "Qozogʻiston Respublikasi Parlamenti Senati", "uz-Latn"),
                   ("organization/parliament-of-kazakhstan", "Qozogʻiston Respublikasi Parlamenti", "uz-Latn"),
                   ("organization/senate-of-uzbekistan", "Senat", "uz-Latn"),
                   ("organization/united-nations", "BMT", "uz-Latn"),
                   ("organization/un-security-council", "BMT Xavfsizlik Kengashi", "uz-Latn"))
    text = ("Raisi Qozogʻiston Respublikasi Parlamenti Senati delegatsiyasini qabul qildi. "
            "BMT Xavfsizlik Kengashi majlisi boʻldi.")
    linked = _linked(text, g)
    assert ("Senati", "organization/senate-of-uzbekistan") not in linked
    assert ("Qozogʻiston Respublikasi Parlamenti Senati", "organization/senate-of-kazakhstan") in linked
    # A name at the start of a longer name is still a mention of its own (the UN in its council's name).
    assert ("BMT", "organization/united-nations") in linked
