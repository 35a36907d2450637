"""What raises entity recall and corroboration without tuning to the five texts: labels from
named public references, endings of the text's language, composed names of state bodies,
initialisms, clause-scoped roles in lists of visits, sentence ends; and new-entity proposals.
Every text here is a short sentence of our own."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from conftest import ROOT
from ittifoq.config import Config
from ittifoq.grow.candidates import read_candidates, to_trig
from ittifoq.grow.check import shape_violations
from ittifoq.grow.events import known_events, sentences
from ittifoq.grow.gazetteer import Gazetteer, Label, load, public_files
from ittifoq.grow.initialisms import add_initialisms, initialism
from ittifoq.grow.mentions import find_mentions
from ittifoq.grow.suggest import DocumentInfo, suggest

ID = "https://w3id.org/ittifoq/id/"


@pytest.fixture(scope="module")
def gazetteer():
    return load(Config(root=ROOT))


def _linked(text: str, g: Gazetteer) -> list[tuple[str, str]]:
    return [(m.text, m.iri[len(ID) :]) for m in find_mentions(text, g)]


def test_every_label_file_of_a_public_reference_names_its_source_and_holds_only_alt_labels():
    config = Config(root=ROOT)
    files = public_files(config)
    assert {p.name for p in files} == {"labels-cldr.ttl", "labels-iso-codes.ttl", "labels-geonames.ttl"}
    assert files[config.reference_dir / "labels-cldr.ttl"] == "https://cldr.unicode.org/"
    for path in files:
        quads = list(ox.parse(input=path.read_bytes(), format=ox.RdfFormat.TURTLE))
        if path.name == "labels-geonames.ttl":  # GeoNames gives no language: hidden labels, untagged
            assert quads and {q.predicate.value for q in quads} == {"http://www.w3.org/2004/02/skos/core#hiddenLabel"}
            assert all(q.object.language is None for q in quads)
            continue
        assert quads and {q.predicate.value for q in quads} == {"http://www.w3.org/2004/02/skos/core#altLabel"}
        assert all(q.object.language in ("kk", "kaa", "ru", "uz-latn", "uz-cyrl") for q in quads)


def test_cldr_names_the_states_in_karakalpak_and_kazakh(gazetteer):
    cldr = {(lab.iri[len(ID) :], lab.text, lab.lang) for lab in gazetteer.labels
            if lab.source == "reference/labels-cldr.ttl"}
    # CLDR's Karakalpak (kaa, Cyrillic) and Kazakh names, as the language writes them.
    assert ("state/UZ", "Өзбекстан", "kaa") in cldr and ("state/KZ", "Қазақстан", "kaa") in cldr
    assert ("state/UZ", "Өзбекстан", "kk") in cldr and ("place/central-asia", "Орталық Азия", "kk") in cldr
    assert all(lab.public for lab in gazetteer.labels if lab.source == "reference/labels-cldr.ttl")
    assert not any(lab.public for lab in gazetteer.labels if lab.source == "reference/states.ttl")


def test_a_name_takes_the_endings_of_the_language_of_its_text():
    g = Gazetteer()
    g.add(Label(ID + "place/shymkent", "Шымкент", "ru", "alt", "test"))
    g.add(Label(ID + "state/CN", "China", "en", "pref", "test"))
    # A Kazakh sentence: the Russian-spelt name in the locative (-те) and dative (-ке).
    kk = "Мемлекет басшылары Шымкентте кездесті, содан кейін Шымкентке оралды."
    assert _linked(kk, g) == [("Шымкентте", "place/shymkent"), ("Шымкентке", "place/shymkent")]
    # A Russian sentence: a Kazakh ending on it is not Russian, so no link.
    assert _linked("Президенты встретились, и это было в Шымкентте, как писали газеты.", g) == []
    # An English label still takes no ending, whatever the text's language.
    assert _linked("Бу чинакам дўстлик ва ҳамкорлик рамзи бўлди, деди у.", g) == []


def test_the_bodies_of_a_state_are_named_in_each_language(gazetteer):
    assert ("Қазақстан Парламенти", "organization/parliament-of-kazakhstan") in _linked(
        "Қазақстан Парламенти депутатлары келди.", gazetteer)
    assert ("Qozogʻiston Tashqi ishlar vazirligi", "organization/ministry-of-foreign-affairs-of-kazakhstan") in \
        _linked("Qozogʻiston Tashqi ishlar vazirligi bayonot berdi.", gazetteer)
    assert ("Министерство иностранных дел Узбекистана",
            "organization/ministry-of-foreign-affairs-of-uzbekistan") in _linked(
        "Министерство иностранных дел Узбекистана сообщило.", gazetteer)


def test_initialisms_are_made_from_names_and_matched_only_in_capitals():
    assert initialism("Birlashgan Millatlar Tashkiloti", "uz-Latn") == "BMT"
    assert initialism("Shanxay hamkorlik tashkiloti", "uz-Latn") == "ShHT"
    assert initialism("Организация Объединенных Наций", "ru") == "ООН"
    assert initialism("Oʻzbekiston va Qozogʻiston hududlari forumi", "uz-Latn") == "OQHF"
    g = Gazetteer()
    g.add(Label(ID + "organization/united-nations", "Бирлескен Миллетлер Шөлкеми", "kaa", "alt", "t", True))
    g.add(Label(ID + "organization/x", "Ички Ислер", "kaa", "alt", "t"))  # two letters, not public: none
    g.add(Label(ID + "organization/y", "Бирге Миллий Шөлкем", "kaa", "alt", "t"))  # БМШ again: ambiguous
    add_initialisms(g)
    assert not any(lab.text == "ИИ" for lab in g.labels)
    assert _linked("БМШ ҳәм басқа шөлкемлер", g) == []  # two entities would own БМШ: none gets it
    g2 = Gazetteer()
    g2.add(Label(ID + "organization/united-nations", "Бирлескен Миллетлер Шөлкеми", "kaa", "alt", "t", True))
    add_initialisms(g2)
    assert _linked("БМШ ҳәм басқа шөлкемлер", g2) == [("БМШ", "organization/united-nations")]
    assert _linked("бмш деген сөз", g2) == []


def test_a_state_before_the_word_dollar_names_a_currency(gazetteer):
    assert _linked("Savdo hajmi 2 milliard AQSh dollariga yetdi.", gazetteer) == []
    assert ("АҚШ", "state/US") in _linked("АҚШ пен Қазақстан келісімге келді.", gazetteer)


def test_sentences_go_on_after_initials_and_across_a_pdf_line_break():
    text = "Prezident Sh.M. Mirziyoyev 2017-yil 22-23-\n\nmartda tashrif buyurdi. Keyin\n\nMuzokaralar boʻldi."
    assert [text[a:b] for a, b in sentences(text)] == [
        "Prezident Sh.M. Mirziyoyev 2017-yil 22-23-\n\nmartda tashrif buyurdi.", "Keyin", "Muzokaralar boʻldi."]


def test_in_a_list_of_visits_each_date_keeps_the_names_of_its_clause(gazetteer):
    known = known_events(Config(root=ROOT))
    text = ("2021-жыл 5-6-декабрь күнлери Өзбекстан Президентиниң Астанаға сапары, 2022-жыл 21-22-декабрь "
            "күнлери Қазақстан Президентиниң Ташкентке мәмлекетлик сапары болып өтти.")
    events = [c for c in suggest(DocumentInfo("x", text, ("kaa",), None), gazetteer, known) if c.kind == "Event"]
    by_date = {c.start_date[0]: c for c in events}
    assert by_date["2021-12-05"].corroborates == ID + "event/2021-12-mirziyoyev-state-visit-to-kazakhstan"
    assert by_date["2022-12-21"].corroborates == ID + "event/2022-12-tokayev-state-visit-to-uzbekistan"
    assert "Ташкентке" in by_date["2022-12-21"].exact and "Астанаға" not in by_date["2022-12-21"].exact


def test_a_person_after_an_office_and_an_organisation_are_proposed_as_new_entities(gazetteer, tmp_path):
    text = ("Қазақстан Президенти Бекзат Сапаров Тошкентга келди. Шу куни Ўзбекистон Республикаси Қурилиш "
            "вазирлиги ҳам баёнот берди.")
    found = suggest(DocumentInfo("x-news", text, ("uz-Cyrl",), None), gazetteer)
    new = sorted((c.body_iri[len(ID) :], c.label, c.event_class) for c in found if c.kind == "NewEntity")
    assert new == [("organization/ozbekiston-respublikasi-qurilish-vazirligi",
                    ("Ўзбекистон Республикаси Қурилиш вазирлиги", "uz-Cyrl"), "Organization"),
                   ("person/bekzat-saparov", ("Бекзат Сапаров", "uz-Cyrl"), "Person")]
    person = next(c for c in found if c.kind == "NewEntity" and c.event_class == "Person")
    assert person.exact.startswith("Қазақстан Президенти") and person.exact.endswith("Сапаров")
    # Written, read back and checked by the candidates' shapes, with the proposed name.
    trig = to_trig("x-news", found)
    back = [c for c in read_candidates(trig.encode()) if c.kind == "NewEntity"]
    assert sorted((t, tag.lower()) for t, tag in (c.label for c in back)) == sorted(
        (t, tag.lower()) for t, tag in (c.label for c in found if c.kind == "NewEntity"))
    path = tmp_path / "x-news.trig"
    path.write_text(trig, encoding="utf-8")
    assert shape_violations(Config(root=ROOT), path) == []


def test_a_family_name_in_a_case_ending_is_proposed_in_its_dictionary_form(gazetteer):
    text = "2022-жылы Олий Мажлис спикери Бахтияр Саидовтың Қазақстанға сапары болды."
    new = [c.label for c in suggest(DocumentInfo("x", text, ("kaa",), None), gazetteer) if c.kind == "NewEntity"]
    assert new == [("Бахтияр Саидов", "kaa")]
    person = next(c for c in suggest(DocumentInfo("x", text, ("kaa",), None), gazetteer) if c.kind == "NewEntity")
    assert person.exact.endswith("спикери Бахтияр Саидовтың")  # from the office named before the name


def test_an_organ_is_named_after_its_organisation_and_both_are_mentioned(gazetteer):
    found = _linked("Qozogʻiston BMT Xavfsizlik Kengashiga aʼzo boʻldi.", gazetteer)
    assert ("BMT Xavfsizlik Kengashiga", "organization/un-security-council") in found
    assert ("BMT", "organization/united-nations") in found  # the name inside the name
    assert ("Генеральная Ассамблея ООН", "organization/un-general-assembly") in _linked(
        "Генеральная Ассамблея ООН приняла резолюцию.", gazetteer)


def test_an_acronym_takes_an_ending_when_its_own_letters_are_capitals():
    g = Gazetteer()
    g.add(Label(ID + "organization/united-nations", "BMT", "uz-Latn", "acronym", "t"))
    assert _linked("BMTning qarori va BMTga murojaat", g) == [
        ("BMTning", "organization/united-nations"), ("BMTga", "organization/united-nations")]
    assert _linked("bmtning qarori", g) == [] and _linked("BmTning qarori", g) == []
