"""Offices and bodies of both states named once in the plural (grow/bothstates.py), on
sentences of our own: "two states' prime ministers" names each principal state's."""

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


def _inferred(text: str, g: Gazetteer) -> dict[str, set[str]]:
    """quote → IRIs the rule links there."""
    out: dict[str, set[str]] = {}
    for m in find_mentions(text, g):
        if "rule:both-states" in m.features:
            out.setdefault(m.text, set()).add(m.iri[len(ID) :])
    return out


@pytest.mark.parametrize("text, quote, concept", [
    ("Oʻzbekiston va Qozogʻiston savdosi oʻsdi. Komissiyaga ikki davlat Bosh vazirlari raislik qiladi.",
     "ikki davlat Bosh vazirlari", "prime-minister-of"),
    ("Ўзбекистон билан Қозоғистон ҳамкорлиги. Гуруҳга икки давлат Бош вазирлари ўринбосарлари бошчилик қилади.",
     "икки давлат Бош вазирлари ўринбосарлари", "deputy-prime-minister-of"),
    ("Өзбекстан менен Қазақстан дос. Меморандумға еки мәмлекет Сенатлары арасында қол қойылды.",
     "еки мәмлекет Сенатлары", "senate-of"),
    ("Өзбекстан мен Қазақстан көршілер. Екі елдің сыртқы істер министрліктері кеңесті.",
     "Екі елдің сыртқы істер министрліктері", "ministry-of-foreign-affairs-of"),
    ("Узбекистан и Казахстан — соседи. Министерства иностранных дел двух стран провели консультации.",
     "Министерства иностранных дел двух стран", "ministry-of-foreign-affairs-of"),
    ("Өзбекстан менен Қазақстан дос. Комиссияны еки мәмлекеттиң Бас министрлериниң орынбасарлары басқарады.",
     "еки мәмлекеттиң Бас министрлериниң орынбасарлары", "deputy-prime-minister-of"),
    # Heads of state are their Presidents.
    ("Өзбекстан менен Қазақстан дос. Еки мәмлекет басшылары ушырасты.", "Еки мәмлекет басшылары", "president-of"),
    ("Узбекистан и Казахстан — соседи. Главы двух государств провели переговоры.", "Главы двух государств",
     "president-of"),
])
def test_two_states_plural_title_names_each_principal_states_office(text, quote, concept, g):
    kind = "organization" if "ministry" in concept or "senate" in concept else "office"
    assert _inferred(text, g) == {quote: {f"{kind}/{concept}-uzbekistan", f"{kind}/{concept}-kazakhstan"}}


def test_the_two_states_joined_by_and_before_a_plural_title_are_the_ones_named(g):
    text = "Қирғизистон ва Қозоғистон Президентлари учрашди. Ўзбекистон, Ўзбекистон."
    # Uzbekistan is named most, but the sentence names Kyrgyzstan's and Kazakhstan's presidents.
    assert _inferred(text, g) == {"Қирғизистон ва Қозоғистон Президентлари":
                                  {"office/president-of-kyrgyzstan", "office/president-of-kazakhstan"}}
    m = next(m for m in find_mentions(text, g) if m.iri.endswith("president-of-kazakhstan"))
    assert "construction:two-states-named" in m.features


def test_the_features_say_which_states_and_why(g):
    text = "Oʻzbekiston va Qozogʻiston. Ikki davlat Bosh vazirlari uchrashdi."
    m = next(m for m in find_mentions(text, g) if "rule:both-states" in m.features)
    assert "construction:two-states" in m.features
    assert any(f.startswith("states:UZ,KZ") and "principal" in f for f in m.features) or any(
        f.startswith("states:KZ,UZ") and "principal" in f for f in m.features)


@pytest.mark.parametrize("text", [
    # "two states" with no office after it.
    "Oʻzbekiston va Qozogʻiston. Ikki davlat oʻrtasidagi savdo oʻsdi.",
    # A title in the singular is not "each state's".
    "Oʻzbekiston va Qozogʻiston. Ikki davlat Bosh vaziri keldi.",
    # Three states named as often: which two?
    "Oʻzbekiston, Qozogʻiston va Qirgʻiziston. Ikki davlat Bosh vazirlari uchrashdi.",
    # A sentence end between "two states" and the title.
    "Oʻzbekiston va Qozogʻiston. Ikki davlat. Bosh vazirlari uchrashdi.",
    # A plural title with no "two states" and no pair of states before it.
    "Oʻzbekiston va Qozogʻiston. Bosh vazirlari uchrashdi.",
])
def test_near_misses_name_nothing(text, g):
    assert _inferred(text, g) == {}


@pytest.mark.parametrize("text, quote, concept", [
    ("Ўзбекистон ва Қозоғистон ҳамкорлиги кенгаймоқда. Бош вазирлар ўринбосарлари бошчилигида гуруҳ тузилди.",
     "Бош вазирлар ўринбосарлари", "deputy-prime-minister-of"),
    ("Oʻzbekiston bilan Qozogʻiston savdosi oʻsdi. Bosh vazirlar uchrashuvi Toshkentda boʻladi.",
     "Bosh vazirlar", "prime-minister-of"),
    ("Oʻzbekiston bilan Qozogʻiston savdosi oʻsdi. Davlat rahbarlari muzokaralar oʻtkazdi.",
     "Davlat rahbarlari", "president-of"),
    ("Өзбекстан мен Қазақстан көршілер. Президенттер Астанада кездесті.", "Президенттер", "president-of"),
    ("Өзбекстан менен Қазақстан дос. Бас министрлердиң қатнасыўында кеңес өтти.", "Бас министрлердиң",
     "prime-minister-of"),
])
def test_an_unowned_plural_title_names_each_principal_states_office(text, quote, concept, g):
    assert _inferred(text, g) == {quote: {f"office/{concept}-uzbekistan", f"office/{concept}-kazakhstan"}}
    m = next(m for m in find_mentions(text, g) if "rule:both-states" in m.features)
    assert "construction:unowned-plural" in m.features


@pytest.mark.parametrize("text", [
    # Possessed with no owner in sight: "their prime ministers" needs an antecedent.
    "Oʻzbekiston bilan Qozogʻiston savdosi oʻsdi. Bosh vazirlari uchrashdi.",
    # Owned by a genitive the rule does not resolve.
    "Oʻzbekiston bilan Qozogʻiston savdosi oʻsdi. Hukumatlarning bosh vazirlar kengashi yigʻildi.",
    "Ўзбекистон билан Қозоғистон савдоси ўсди. Ҳукуматларнинг бош вазирлар кенгаши йиғилди.",
    "Өзбекстан менен Қазақстан дос. Ҳүкиметлердиң бас министрлер кеңеси жыйналды.",
    # A text with no two principal states.
    "Oʻzbekiston savdosi oʻsdi. Bosh vazirlar uchrashdi.",
])
def test_an_unowned_plural_title_links_nothing_when_it_is_owned_or_the_states_are_unclear(text, g):
    assert _inferred(text, g) == {}
