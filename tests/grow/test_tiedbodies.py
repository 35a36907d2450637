"""A bare chamber or chair tied to one state's parliament by its sentence (grow/tiedbodies.py),
on sentences of our own; no link where the sentence leaves the state open."""

from __future__ import annotations

import pytest

from ittifoq.grow.compose import add_office_names
from ittifoq.grow.gazetteer import Gazetteer
from ittifoq.grow.mentions import find_mentions

from .offices_kit import ID, offices_gazetteer


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    g = offices_gazetteer()
    add_office_names(g)
    return g


def _tied(text: str, g: Gazetteer) -> list[tuple[str, str]]:
    return [(m.text, m.iri[len(ID) :]) for m in find_mentions(text, g) if "rule:tied-body" in m.features]


@pytest.mark.parametrize("text, expected", [
    ("Qozogʻiston Parlamenti Senat va Majilisdan iborat.",
     [("Senat", "organization/senate-of-kazakhstan"), ("Majilisdan", "organization/mazhilis")]),
    ("Ўзбекистон Олий Мажлиси Сенати ва Қонунчилик палатаси қонунни маъқуллади.",
     [("Қонунчилик палатаси", "organization/legislative-chamber-of-uzbekistan")]),
    ("Қазақстан Парламенти Мәжилисиниң мәжилисинде Сенат баслығы сөйледи.",
     [("Сенат баслығы", "office/chair-of-the-senate-of-kazakhstan")]),
    ("Парламент Республики Казахстан собрался, Председатель Сената открыл заседание.",
     [("Председатель Сената", "office/chair-of-the-senate-of-kazakhstan")]),
])
def test_a_bare_chamber_after_one_states_parliament(text, expected, g):
    assert _tied(text, g) == expected


@pytest.mark.parametrize("text", [
    # Both states in the sentence and one's parliament: whose Senate?
    "Qozogʻiston Parlamenti Oʻzbekiston bilan hamkorlik qiladi, Senat esa qonunni maʼqulladi.",
    # The parliament is named in another sentence.
    "Председатель Сената выступил. Парламент Республики Казахстан заседал.",
    # Another state is named, its parliament is not: not the home state's either.
    "Qozogʻiston bilan shartnomani Senat maʼqulladi.",
    # Karakalpak "мәжилис" (a session) in lower case is not the chamber.
    "Қазақстан Парламенти мәжилис өткерди.",
])
def test_no_link_when_the_sentence_does_not_tie_it(text, g):
    assert _tied(text, g) == []


def _home(text: str, g: Gazetteer, lang: str | None = None) -> list[tuple[str, str, float]]:
    return [(m.text, m.iri[len(ID) :], m.confidence) for m in find_mentions(text, g, lang)
            if "rule:tied-body" in m.features and any(f.startswith("state-from:language") for f in m.features)]


@pytest.mark.parametrize("text, lang, expected", [
    # A country's press names its own chambers bare: a treaty of the two states, approved by the Senate.
    ("Oʻzbekiston bilan Qozogʻiston savdo bitimini Senat maʼqulladi.", None,
     [("Senat", "organization/senate-of-uzbekistan", 0.6)]),
    ("Сенат ялпи мажлисида солиқ тўғрисидаги қонун маъқулланди.", "uz-Cyrl",
     [("Сенат", "organization/senate-of-uzbekistan", 0.6)]),
    ("Қонунчилик палатаси бюджетни қабул қилди.", "uz-Cyrl",
     [("Қонунчилик палатаси", "organization/legislative-chamber-of-uzbekistan", 0.6)]),
    ("Сенат отырысында Өзбекстан мен Қазақстан арасындағы келісім бекітілді.", "kk",
     [("Сенат", "organization/senate-of-kazakhstan", 0.6)]),
    ("Қазақстанда Сенат сайлауы өтті.", "kk", [("Сенат", "organization/senate-of-kazakhstan", 0.6)]),
    ("Мәжілис заң жобасын мақұлдады.", "kk", [("Мәжілис", "organization/mazhilis", 0.6)]),
])
def test_a_bare_chamber_is_the_home_states_in_its_press(text, lang, expected, g):
    assert _home(text, g, lang) == expected


@pytest.mark.parametrize("text, lang", [
    # Russian is written in every country of the region: no home state.
    ("Сенат одобрил закон о бюджете.", "ru"),
    # The home state has no such chamber: an Uzbek text's bare Majilis is not linked by language.
    ("Majilis qonunni qabul qildi.", "uz-Latn"),
    # The document names the other state's parliament elsewhere: its bare chamber may be that one.
    ("Qozogʻiston Parlamenti yigʻildi. Senat qonunni maʼqulladi.", "uz-Latn"),
    # Another state only, in the sentence.
    ("Qozogʻistonda Senat saylovi boʻldi.", "uz-Latn"),
])
def test_no_home_state_link(text, lang, g):
    assert _home(text, g, lang) == []


def test_a_curators_bare_chamber_label_is_left_to_the_sentence_and_the_language():
    # A text that wrote "Senat" for the Uzbek Senate gave it that label; in a Kazakh text the bare
    # "Сенат" is Kazakhstan's (the text's home state), not the label's.
    from ittifoq.grow.gazetteer import Label
    from ittifoq.grow.tiedbodies import drop_bare_chambers

    g = offices_gazetteer(Label(ID + "organization/senate-of-uzbekistan", "Senat", "uz-Latn", "alt", "test"))
    add_office_names(g)
    drop_bare_chambers(g)
    assert not [lab for lab in g.labels if lab.text == "Senat"]
    found = [(m.text, m.iri[len(ID):], m.confidence) for m in find_mentions(
        "Қазақстан мен Өзбекстан форумы өтті. Сенат депутаттары да қатысты.", g, lang="kk")
        if "organization/senate" in m.iri]
    assert found == [("Сенат", "organization/senate-of-kazakhstan", 0.6)]
