"""Composed names of state bodies and offices (grow/compose.py), on sentences of our own in
each language: what must be linked, and the near misses that must not be."""

from __future__ import annotations

import pytest

from conftest import ROOT
from ittifoq.config import Config
from ittifoq.grow.compose import add_office_names
from ittifoq.grow.gazetteer import Gazetteer, Label
from ittifoq.grow.mentions import find_mentions

from .offices_kit import ID, offices_gazetteer


def _gazetteer(*extra: Label) -> Gazetteer:
    g = offices_gazetteer(*extra)
    add_office_names(g, Config(root=ROOT))  # the reference data's structure: the Oliy Majlis's chambers
    return g


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return _gazetteer()


def _linked(text: str, g: Gazetteer) -> set[str]:
    return {m.iri[len(ID) :] for m in find_mentions(text, g)}


@pytest.mark.parametrize("text, expected", [
    # Karakalpak: the chamber in the genitive, then "баслығы".
    ("Кеше Қазақстан Парламенти Мәжилисиниң Баслығы Ташкентке келди.", "office/chair-of-the-mazhilis"),
    # Kazakh: "төрағасы".
    ("Қазақстан Парламенті Сенатының Төрағасы баяндама жасады.", "office/chair-of-the-senate-of-kazakhstan"),
    # Uzbek, both scripts.
    ("Qozogʻiston Parlamenti Senati raisi Toshkentga keldi.", "office/chair-of-the-senate-of-kazakhstan"),
    ("Қозоғистон Парламенти Мажлиси раиси билан учрашди.", "office/chair-of-the-mazhilis"),
    # Russian: the title first, the state in the genitive at the end.
    ("Председатель Сената Парламента Республики Казахстан прибыл в Ташкент.",
     "office/chair-of-the-senate-of-kazakhstan"),
    # Deputy prime ministers in every language.
    ("Oʻzbekiston Bosh vaziri oʻrinbosari soʻzga chiqdi.", "office/deputy-prime-minister-of-uzbekistan"),
    ("Ўзбекистон Бош вазир ўринбосари сўзга чиқди.", "office/deputy-prime-minister-of-uzbekistan"),
    ("Қазақстан Премьер-Министрінің орынбасары сөз сөйледі.", "office/deputy-prime-minister-of-kazakhstan"),
    ("Қазақстан Бас министриниң орынбасары сөйледи.", "office/deputy-prime-minister-of-kazakhstan"),
    ("Заместитель Премьер-министра Казахстана выступил на форуме.", "office/deputy-prime-minister-of-kazakhstan"),
    # Karakalpak "Бас министр" is the Prime Minister.
    ("Өзбекстан Бас министри форумда сөйледи.", "office/prime-minister-of-uzbekistan"),
    # The Oliy Majlis's bodies written with the state.
    ("Ўзбекистон Олий Мажлиси Сенати ялпи мажлиси бўлди.", "organization/senate-of-uzbekistan"),
    ("Өзбекстан Олий Мажлиси Нызамшылық палатасы нызамды қабыллады.",
     "organization/legislative-chamber-of-uzbekistan"),
    ("Сенат Олий Мажлиса Республики Узбекистан одобрил закон.", "organization/senate-of-uzbekistan"),
    ("Oʻzbekiston Oliy Majlisi spikeri nutq soʻzladi.", "office/speaker-of-the-oliy-majlis"),
    # A chamber or its chair named with the state alone.
    ("Қазақстан Сенаты заңды мақұлдады.", "organization/senate-of-kazakhstan"),
    ("Сенат Казахстана одобрил закон.", "organization/senate-of-kazakhstan"),
    ("Oʻzbekiston Senati raisi Astanaga bordi.", "office/chair-of-the-senate-of-uzbekistan"),
    ("Вице-премьер-министр Узбекистана прибыл в Астану.", "office/deputy-prime-minister-of-uzbekistan"),
])
def test_composed_names_in_each_language(text, expected, g):
    assert expected in _linked(text, g)


def test_the_oliy_majlis_written_with_the_state_is_the_parliament_the_reference_data_places_over_its_chambers(g):
    # Its own label is not in this gazetteer: the parliament is reached through its chambers.
    assert ("organization/oliy-majlis", "office-titles") in {
        (lab.iri[len(ID) :], lab.source.split("/")[-1]) for lab in g.labels if lab.text == "Өзбекстан Олий Мажлиси"}
    found = _linked("Өзбекстан Олий Мажлиси Нызамшылық палатасы ҳәм Сенаты", g)
    assert {"organization/legislative-chamber-of-uzbekistan", "organization/oliy-majlis"} <= found


def test_the_oliy_majlis_without_the_state_only_when_the_gazetteer_holds_its_name():
    text = "Олий Мажлис Сенатының баслығы Астанаға барды."
    # (The bare "Сенатының баслығы" is linked by the Karakalpak text's home state, tiedbodies' rule, not by name.)
    assert {m.iri for m in find_mentions(text, _gazetteer()) if m.rule != "tied-body"} == set()
    # A label of the project's that writes the name (a chamber's Uzbek name) makes it known.
    held = _gazetteer(Label(ID + "organization/senate-of-uzbekistan", "Oliy Majlis Senati", "uz-Latn", "pref", "test"))
    assert _linked(text, held) == {"office/chair-of-the-senate-of-uzbekistan"}
    sources = {lab.source for lab in held.labels if lab.text == "Олий Мажлис Сенатының баслығы"}
    assert sources == {"rule/named-parliament"}


@pytest.mark.parametrize("text", [
    "Бас министр форумда сөйледи.",  # no state: which prime minister?
    "Қырғызстан Бас министри форумда сөйледи.",  # a third state's: no such office in the graph
    "Сенат ялпи мажлиси бўлди.",  # a bare chamber
    "Қазақстан Парламенти Мәжилиси мәжилис өткерди.",  # the chamber, not its chair
])
def test_near_misses_name_no_office(text, g):
    found = _linked(text, g)
    assert not {i for i in found if i.startswith("office/")}
    if text.startswith("Сенат"):  # no composed name (tiedbodies may give the home state's, by language)
        assert {m.iri for m in find_mentions(text, g) if m.rule != "tied-body"} == set()
