"""Short forms of organisation names (``ittifoq.grow.shortforms``): a long name's head noun
phrase, and a label without its parenthetical, on sentences of our own in each language; a head
phrase the text extends into another body's name, or one that two bodies share, links nothing."""

from __future__ import annotations

import pytest

from ittifoq import namespaces as ns
from ittifoq.grow.gazetteer import Gazetteer, Label
from ittifoq.grow.mentions import find_mentions
from ittifoq.grow.shortforms import CONFIDENCE, add_short_forms, bare, head_phrase

ID = ns.ID
GROUP = "organization/working-group-on-water"
FUND = "organization/joint-fund-for-railways"
COMPANY = "organization/oil-company"


def _gazetteer(*labels: tuple[str, str, str], kind: str = "BilateralBody") -> Gazetteer:
    g = Gazetteer()
    for iri, text, lang in labels:
        g.add(Label(ID + iri, text, lang, "pref", "test"))
        g.types.setdefault(ID + iri, set()).add(ns.ITT + kind)
    add_short_forms(g)
    return g


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return _gazetteer(
        (GROUP, "Suv resurslaridan foydalanish boʻyicha hukumatlararo ishchi guruh", "uz-Latn"),
        (GROUP, "Межправительственная рабочая группа по водным ресурсам", "ru"),
        (GROUP, "Су ресурстарын пайдаланыў бойынша ҳүкиметлераралық жумысшы топар", "kaa"),
        (GROUP, "Intergovernmental working group on water resources", "en"),
        (FUND, "Temir yoʻllarni rivojlantirish uchun qoʻshma jamgʻarma (tuzilmoqda)", "uz-Latn"),
    )


def _linked(text: str, g: Gazetteer) -> list[tuple[str, str, float]]:
    return [(m.text, m.iri[len(ID) :], m.confidence) for m in find_mentions(text, g)]


def test_head_phrases_by_language():
    assert head_phrase("Suv resurslaridan foydalanish boʻyicha hukumatlararo ishchi guruh", "uz-Latn") == "ishchi guruh"
    assert head_phrase("Межправительственная рабочая группа по водным ресурсам", "ru") == "рабочая группа"
    assert head_phrase("Intergovernmental working group on water resources", "en") == "working group"
    assert head_phrase("Joint fund for railways (planned)", "en") == "Joint fund"
    # A possessed head has a noun complement before it: "ishlar vazirligi" is no name.
    assert head_phrase("Tashqi ishlar vazirligi", "uz-Latn") is None
    assert head_phrase("Орол денгизини қутқариш халқаро жамғармаси", "uz-Cyrl") is None
    # A scope word says nothing of which body; a noun first has no adjective before it.
    assert head_phrase("Международный фонд спасения Арала", "ru") is None
    assert head_phrase("Министерство иностранных дел", "ru") is None
    assert head_phrase("Совещание по взаимодействию и мерам доверия в Азии", "ru") is None
    # "Avezov nomidagi OTM": a relative form and an initialism.
    assert head_phrase("Muxtor Avezov nomidagi OTM", "uz-Latn") is None
    # Title case: which capitalised words are adjectives is unknown.
    assert head_phrase("Supreme Interstate Council of the two states", "en") is None
    # Two words are the name itself, not a short form of it.
    assert head_phrase("ishchi guruh", "uz-Latn") is None


def test_a_label_is_matched_without_its_parenthetical(g):
    assert bare("Joint fund (under study)") == "Joint fund"
    text = "Temir yoʻllarni rivojlantirish uchun qoʻshma jamgʻarma tuzish kelishildi."
    assert _linked(text, g) == [("Temir yoʻllarni rivojlantirish uchun qoʻshma jamgʻarma", FUND, 0.95)]


@pytest.mark.parametrize("text, form", [
    ("Vazirlar oʻrinbosarlari boshchiligidagi ishchi guruh har chorakda yigʻiladi.", "ishchi guruh"),
    ("Томонлар ишчи гуруҳни тузишга келишиб олди.", "ишчи гуруҳни"),
    ("Былтыр дүзилген жумысшы топар быйыл еки мәрте жыйналды.", "жумысшы топар"),
    ("Стороны договорились, что рабочая группа соберется в марте.", "рабочая группа"),
    ("Tomonlar qoʻshma jamgʻarmani tashkil etishni oʻrganishga kelishdi.", "qoʻshma jamgʻarmani"),
])
def test_a_head_phrase_written_alone_links_at_a_lower_confidence(text, form, g):
    found = _linked(text, g)
    assert len(found) == 1 and found[0][0] == form
    assert found[0][1] in (GROUP, FUND)
    assert found[0][2] <= CONFIDENCE < 0.95


@pytest.mark.parametrize("text", [
    # Extended into another body's name: a complement before it (Turkic), after it (Russian).
    "Ekologiya boʻyicha ishchi guruh tuzildi.",
    "Ташқи савдо масалалари бўйича ишчи гуруҳ йиғилди.",
    "Создана рабочая группа по вопросам миграции.",
    # A state's or a place's name before it: that one's group.
    "Oʻzbekiston–Tojikiston ishchi guruh yigʻildi.",
    # Another language's head phrase: an English short form quoted in an Uzbek text.
    "Hujjatda inglizcha working group atamasi ishlatilgan.",
])
def test_a_head_phrase_extended_into_another_name_links_nothing(text, g):
    assert [m.text for m in find_mentions(text, g) if "label-source:shortform/head" in m.features] == []


def test_a_head_phrase_two_bodies_share_links_neither():
    g = _gazetteer((GROUP, "Suv resurslari boʻyicha hukumatlararo ishchi guruh", "uz-Latn"),
                   ("organization/working-group-on-energy", "Energetika boʻyicha hukumatlararo ishchi guruh",
                    "uz-Latn"))
    assert _linked("Ishchi guruh yigʻildi.", g) == []


def test_only_ad_hoc_bodies_have_head_phrases():
    # An international organisation is abbreviated by its acronym: "iqtisodiy hamkorlik" is any.
    g = _gazetteer(("organization/economic-union", "Yevroosiyo hududiy iqtisodiy ittifoq", "uz-Latn"),
                   kind="InternationalOrganization")
    assert _linked("Iqtisodiy ittifoq haqida gapirildi.", g) == []


def test_a_uzbek_brand_romanised_through_russian():
    g = _gazetteer(("organization/uzneftgaz", "Oʻzneftgaz", "uz-Latn"), ("organization/uzbank", "Ўзбанк", "uz-Cyrl"),
                   kind="Company")
    assert _linked("“Uzneftgaz” AJ hisobot berdi.", g) == [("Uzneftgaz", "organization/uzneftgaz", 0.95)]
    assert _linked("Узбанк кредит берди.", g) == [("Узбанк", "organization/uzbank", 0.95)]
    # Only brands: a common noun of an international organisation's name is not romanised.
    g = _gazetteer(("organization/commonwealth", "Hamdoʻstlik", "uz-Latn"), kind="InternationalOrganization")
    assert _linked("Hamdustlik", g) == []


def test_a_curators_label_that_is_the_head_phrase_is_a_short_form_too():
    # A text that wrote "ишчи гуруҳ" gave the group that label; another text's "… бўйича ишчи
    # гуруҳ" is another group, and the label alone is an anaphor a curator confirms.
    g = Gazetteer()
    for text, lang, kind in (("Suv resurslari boʻyicha hukumatlararo ishchi guruh", "uz-Latn", "pref"),
                             ("ишчи гуруҳ", "uz-Cyrl", "alt")):
        g.add(Label(ID + GROUP, text, lang, kind, "test"))
    g.types[ID + GROUP] = {ns.ITT + "BilateralBody"}
    add_short_forms(g)
    assert {lab.kind for lab in g.labels if lab.text == "ишчи гуруҳ"} == {"short"}
    assert _linked("Энергетика бўйича ишчи гуруҳ йиғилди.", g) == []
    assert _linked("Ишчи гуруҳ йиғилди.", g) == [("Ишчи гуруҳ", GROUP, CONFIDENCE)]
