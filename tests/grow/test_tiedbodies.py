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
    # Both states in the sentence: whose Senate?
    "Oʻzbekiston bilan Qozogʻiston savdo bitimini Senat maʼqulladi.",
    "Qozogʻiston Parlamenti Oʻzbekiston bilan hamkorlik qiladi, Senat esa qonunni maʼqulladi.",
    # The parliament is named in another sentence.
    "Председатель Сената выступил. Парламент Республики Казахстан заседал.",
    # The state is named, its parliament is not.
    "Qozogʻiston bilan shartnomani Senat maʼqulladi.",
    # Karakalpak "мәжилис" (a session) in lower case is not the chamber.
    "Қазақстан Парламенти мәжилис өткерди.",
])
def test_no_link_when_the_sentence_does_not_tie_it(text, g):
    assert _tied(text, g) == []
