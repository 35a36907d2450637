"""Accepting a candidate writes exactly the Turtle a curator would write by hand.

Every expected block below was written by hand from the fixture texts (tests/grow/fixtures/,
our own sentences), in the house style of data/facts/: the class, the statements the
sentence makes, the quote from the name to the verb of its clause, and the evidence bracket
naming the properties the quote supports (``itt:supports``). None of these tests runs the
build: they check the text written; tests/grow/test_review.py checks that the build and the
shapes accept it, and refuse what they must.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, copy_project
from ittifoq.errors import UsageError
from ittifoq.grow import drafts
from ittifoq.grow.accept import mention_turtle
from ittifoq.grow.ingest import ingest
from ittifoq.grow.review import load
from ittifoq.grow.suggest import document, run

from .test_end_to_end import CALL_TURTLE

FIXTURES = ROOT / "tests/grow/fixtures"
DOCS = {"uz-latn-commission": "uz-Latn-commission.txt", "kk-meeting": "kk-meeting.txt",
        "ru-visit": "ru-visit.txt", "ru-trade": "ru-trade.txt", "uz-cyrl-call": "uz-Cyrl-call.txt"}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    config = copy_project(tmp_path_factory.mktemp("accept") / "project")
    for slug, name in DOCS.items():
        ingest(config, FIXTURES / name, slug, published="2025-11-14")
        run(config, slug)
    return config


def _one(config, slug, kind, what=""):
    hits = [c for c in load(config, slug) if c.kind == kind and what in (c.body_iri or c.assertion)]
    assert len(hits) == 1, [c.assertion for c in hits]
    return hits[0]


def test_a_new_event_with_its_iri_labels_and_the_quote_widened_to_its_verb(project):
    c = _one(project, "uz-latn-commission", "Event")
    written = drafts.fact(c, document(project, "uz-latn-commission").text, {
        "iri": "event:2023-03-intergovernmental-commission-meeting",
        "label@en": "Meeting of the Intergovernmental Commission, Samarkand, March 2023",
        "label@uz-Latn": "Hukumatlararo komissiya yigʻilishi, Samarqand, 2023-yil mart",
        "quote": "2023-yil 15-mart kuni Samarqandda Oʻzbekiston va Qozogʻiston hukumatlararo komissiyasining "
                 "navbatdagi yigʻilishi boʻlib oʻtdi",
    })
    assert written.facts == (
        "event:2023-03-intergovernmental-commission-meeting a itt:Meeting ;\n"
        "    itt:ofBody organization:intergovernmental-commission ;\n"
        "    itt:location place:samarkand ;\n"
        '    itt:startDate "2023-03-15"^^xsd:date ;\n'
        '    itt:evidence [ oa:exact "2023-yil 15-mart kuni Samarqandda Oʻzbekiston va Qozogʻiston hukumatlararo '
        'komissiyasining navbatdagi yigʻilishi boʻlib oʻtdi" ; '
        "itt:supports rdf:type , itt:ofBody , itt:location , itt:startDate ] .\n"
    )
    assert written.reference == {"labels": (
        'event:2023-03-intergovernmental-commission-meeting skos:prefLabel "Meeting of the Intergovernmental '
        'Commission, Samarkand, March 2023"@en , "Hukumatlararo komissiya yigʻilishi, Samarqand, 2023-yil mart"'
        "@uz-Latn .\n")}


def test_a_telephone_conversation_names_both_sides_in_the_texts_order_and_its_derived_year(project):
    # The fixture's call: Mirziyoyev named first, then Tokayev; "14-ноябрь" without a year.
    c = _one(project, "uz-cyrl-call", "Event")
    written = drafts.fact(c, document(project, "uz-cyrl-call").text, {
        "iri": "event:2025-11-mirziyoyev-tokayev-telephone-conversation",
        "label@en": "Telephone conversation of Mirziyoyev and Tokayev, 14 November 2025",
        "label@uz-Latn": "Mirziyoyev va Toqayevning telefon orqali muloqoti, 2025-yil 14-noyabr"})
    assert written.facts == CALL_TURTLE["uz-cyrl-call"]  # written by hand from the fixture (test_end_to_end)
    # The curator may name the sides (states here) and their order.
    edited = drafts.fact(c, document(project, "uz-cyrl-call").text, {
        "iri": "event:x-call", "label@en": "x", "label@uz-Latn": "y", "participant": "state:KZ state:UZ"}).facts
    assert "    itt:participant state:KZ , state:UZ ;\n" in edited


def test_a_new_fact_is_refused_without_its_iri_and_both_preferred_labels(project):
    c = _one(project, "uz-latn-commission", "Event")
    text = document(project, "uz-latn-commission").text
    with pytest.raises(UsageError, match=r"label@en, label@uz-Latn"):
        drafts.fact(c, text, {"iri": "event:2023-03-x"})
    with pytest.raises(UsageError, match="lower-case words"):
        drafts.fact(c, text, {"iri": "event:Bad Name", "label@en": "x", "label@uz-Latn": "y"})


def test_a_corroboration_edited_by_the_curator_states_this_documents_values(project):
    # The Russian text says where (Ташкент) and by which office (Президент Казахстана): the
    # curator adds both before accepting this document's statement of the known visit.
    c = _one(project, "ru-visit", "Event")
    written = drafts.fact(c, document(project, "ru-visit").text, {
        "visitorOffice": "office:president-of-kazakhstan", "location": "place:tashkent"})
    assert written.reference == {}
    assert written.facts == (
        "event:2022-12-tokayev-state-visit-to-uzbekistan a itt:StateVisit ;\n"
        "    itt:visitor person:kassym-jomart-tokayev ;\n"
        "    itt:visitorOffice office:president-of-kazakhstan ;\n"
        "    itt:location place:tashkent ;\n"
        '    itt:startDate "2022-12-21"^^xsd:date ; itt:endDate "2022-12-22"^^xsd:date ;\n'
        '    itt:evidence [ oa:exact "21–22 декабря 2022 года Президент Казахстана Касым-Жомарт Токаев находился в '
        'Ташкенте с государственным визитом" ; itt:supports rdf:type , itt:visitor , itt:visitorOffice , '
        "itt:location , itt:startDate , itt:endDate ] .\n"
    )


def test_an_agreement_pointed_at_the_known_treaty_is_a_corroboration(project):
    # The suggester saw a treaty signed, without knowing which; the curator names the known one
    # (it has its labels already, so none are asked for) and widens the quote to the clause.
    c = _one(project, "ru-visit", "Agreement")
    from ittifoq.grow.review import labelled

    written = drafts.fact(c, document(project, "ru-visit").text, {
        "iri": "agreement:treaty-on-allied-relations",
        "quote": "президенты подписали Договор о союзнических отношениях между Республикой Узбекистан и "
                 "Республикой Казахстан"}, labelled(project))
    assert written.reference == {}
    assert written.facts == (
        "agreement:treaty-on-allied-relations a itt:Treaty ;\n"
        "    itt:party state:UZ , state:KZ ;\n"
        '    itt:evidence [ oa:exact "президенты подписали Договор о союзнических отношениях между Республикой '
        'Узбекистан и Республикой Казахстан" ; itt:supports rdf:type , itt:party ] .\n'
    )


def test_a_figure_becomes_an_observation_with_what_the_curator_adds(project):
    c = _one(project, "ru-trade", "Figure", "4000000000")
    written = drafts.fact(c, document(project, "ru-trade").text, {
        "iri": "observation:uz-kz-trade-2023", "label@en": "Uzbek–Kazakh trade in 2023",
        "label@uz-Latn": "2023-yilda Oʻzbekiston–Qozogʻiston oʻzaro savdosi",
        "indicator": "itt:BilateralTradeVolume", "refArea": "state:UZ", "counterpart": "state:KZ",
        "quote": "В 2023 году товарооборот между Узбекистаном и Казахстаном составил более 4 миллиардов долларов США",
    })
    assert written.facts == (
        "observation:uz-kz-trade-2023 a itt:Observation ;\n"
        "    itt:indicator itt:BilateralTradeVolume ; itt:refArea state:UZ ; itt:counterpart state:KZ ;\n"
        "    itt:value 4000000000 ; itt:unit itt:USDollar ; itt:observationKind itt:Actual ; "
        "itt:valueQualifier itt:MoreThan ;\n"
        '    itt:periodStart "2023"^^xsd:gYear ; itt:periodEnd "2023"^^xsd:gYear ;\n'
        '    itt:evidence [ oa:exact "В 2023 году товарооборот между Узбекистаном и Казахстаном составил более '
        '4 миллиардов долларов США" ; itt:supports rdf:type , itt:indicator , itt:refArea , itt:counterpart , '
        "itt:value , itt:unit , itt:observationKind , itt:valueQualifier , itt:periodStart , itt:periodEnd ] .\n"
    )
    with pytest.raises(UsageError, match="indicator"):
        drafts.fact(c, document(project, "ru-trade").text, {"iri": "observation:trade", "label@en": "x",
                                                             "label@uz-Latn": "y"})


def test_a_date_on_a_named_subject_supports_its_two_properties(project):
    c = _one(project, "ru-visit", "Date")
    written = drafts.date(c, document(project, "ru-visit").text,
                          {"subject": "event:2022-12-tokayev-state-visit-to-uzbekistan"})
    assert written.facts == (
        'event:2022-12-tokayev-state-visit-to-uzbekistan itt:startDate "2022-12-21"^^xsd:date ; '
        'itt:endDate "2022-12-22"^^xsd:date ;\n'
        '    itt:evidence [ oa:exact "21–22 декабря 2022 года" ; itt:supports itt:startDate , itt:endDate ] .\n'
    )


def test_a_derived_year_keeps_its_derivation_until_the_curator_changes_the_date(project):
    c = _one(project, "uz-cyrl-call", "Date")
    text = document(project, "uz-cyrl-call").text
    kept = drafts.date(c, text, {"subject": "event:2025-11-call"}).facts
    assert kept == (
        'event:2025-11-call itt:startDate "2025-11-14"^^xsd:date ;\n'
        "    itt:derivation \"Year from the document's date (2025): the text says '14-ноябрь' without a year.\"@en ;\n"
        '    itt:evidence [ oa:exact "14-ноябрь" ; itt:supports itt:startDate ] .\n'
    )
    # The derivation is a note: never among what the quote supports.
    edited = drafts.date(c, text, {"subject": "event:2025-11-call", "startDate": "2025-11"}).facts
    assert edited == ('event:2025-11-call itt:startDate "2025-11"^^xsd:gYearMonth ;\n'
                      '    itt:evidence [ oa:exact "14-ноябрь" ; itt:supports itt:startDate ] .\n')
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        drafts.date(c, text, {"subject": "event:2025-11-call", "startDate": "14 November"})


def test_an_edited_quote_must_stand_in_the_text(project):
    c = _one(project, "kk-meeting", "Event")
    text = document(project, "kk-meeting").text
    with pytest.raises(UsageError, match="not in the document's text"):
        drafts.fact(c, text, {"quote": "2024 жылы 8 тамызда Астанада"})  # жылы: not how the text writes it
    # The text names the body whose meeting it was; the curator adds it, and widens the quote to the verb.
    edits = {"quote": "2024 жылғы 8 тамызда Астанада Жоғары мемлекетаралық кеңестің бірінші отырысы өтті",
             "ofBody": "organization:supreme-interstate-council"}
    assert drafts.fact(c, text, edits).facts == (
        "event:supreme-interstate-council-1st-meeting a itt:Meeting ;\n"
        "    itt:ofBody organization:supreme-interstate-council ;\n"
        "    itt:location place:astana ;\n"
        '    itt:startDate "2024-08-08"^^xsd:date ;\n'
        '    itt:evidence [ oa:exact "2024 жылғы 8 тамызда Астанада Жоғары мемлекетаралық кеңестің бірінші отырысы '
        'өтті" ; itt:supports rdf:type , itt:ofBody , itt:location , itt:startDate ] .\n'
    )
    # "-" takes a value out: the statement and its support go together.
    without = drafts.fact(c, text, {**edits, "location": "-"}).facts
    assert "itt:location" not in without and "itt:supports rdf:type , itt:ofBody , itt:startDate ]" in without


def test_a_new_entity_goes_to_its_kinds_reference_file_with_both_preferred_labels(project):
    iri, file_name, turtle = drafts.new_entity({"entity": "person", "iri": "person:laziz-kudratov",
                                                "label@en": "Laziz Kudratov", "label@uz-Latn": "Laziz Qudratov"})
    assert (iri, file_name) == ("https://w3id.org/ittifoq/id/person/laziz-kudratov", "persons-and-offices.ttl")
    assert turtle == ('person:laziz-kudratov a itt:Person ;\n'
                      '    skos:prefLabel "Laziz Kudratov"@en , "Laziz Qudratov"@uz-Latn .\n')
    with pytest.raises(UsageError, match="officeOf"):
        drafts.new_entity({"entity": "office", "iri": "office:minister-of-investment-of-uzbekistan",
                           "label@en": "Minister of Investment of Uzbekistan",
                           "label@uz-Latn": "Oʻzbekiston investitsiyalar vaziri"})
    with pytest.raises(UsageError, match="named place:"):
        drafts.new_entity({"entity": "place", "iri": "person:samarqand", "label@en": "x", "label@uz-Latn": "y"})


def test_a_mention_is_the_surface_form_without_its_case_ending(project):
    c = _one(project, "kk-meeting", "Mention", "place/astana")
    doc = document(project, "kk-meeting")
    # The text writes "Астанада" (locative); the bare name stands in the text inside it.
    assert mention_turtle(c, doc.text, doc.languages) == 'place:astana skos:altLabel "Астана"@kk .\n'


def test_a_proposed_new_entity_is_accepted_with_the_curators_labels_and_its_name_as_written(project):
    # Our own sentence: an office title, then a name the graph does not know.
    from types import SimpleNamespace

    from ittifoq.grow.gazetteer import load as load_gazetteer
    from ittifoq.grow.review import Decision, Outcome, _accept
    from ittifoq.grow.suggest import DocumentInfo, suggest

    text = "Қазақстан Президенти Бекзат Сапаров Тошкентга келди."
    found = suggest(DocumentInfo("x-news", text, ("uz-Cyrl",), None), load_gazetteer(project))
    c = next(c for c in found if c.kind == "NewEntity")
    doc = SimpleNamespace(text=text, languages=("uz-Cyrl",), slug="x-news")
    out, chunks = Outcome(), []
    with pytest.raises(UsageError, match="label@en"):
        _accept(c, Decision("accept", "x"), doc, out, chunks, frozenset())
    _accept(c, Decision("accept", "x", edits={"label@en": "Bekzat Saparov", "label@uz-Latn": "Bekzat Saparov"}),
            doc, out, chunks, frozenset())
    assert out.reference == {"persons-and-offices.ttl": (
        "person:bekzat-saparov a itt:Person ;\n"
        '    skos:prefLabel "Bekzat Saparov"@en , "Bekzat Saparov"@uz-Latn .\n')}
    assert chunks == ['person:bekzat-saparov skos:altLabel "Бекзат Сапаров"@uz-Cyrl .\n']
