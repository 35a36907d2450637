"""``ittifoq review``: accepting writes the Turtle a curator would write, the build and shapes
guard it, rejections are remembered, bulk acceptance is for mentions only."""

from __future__ import annotations

import pytest

from conftest import ROOT
from ittifoq.cli import main
from ittifoq.errors import UsageError
from ittifoq.grow.ingest import ingest
from ittifoq.grow.review import Decision, ReviewRefused, decide, load, short_id
from ittifoq.grow.suggest import run

FIXTURES = ROOT / "tests/grow/fixtures"
SLUG = "uz-cyrl-call"


@pytest.fixture
def suggested(project_copy):
    ingest(project_copy, FIXTURES / "uz-Cyrl-call.txt", SLUG, published="2025-11-14")
    run(project_copy, SLUG)
    return project_copy


def _id(config, kind, what):
    c = next(c for c in load(config, SLUG) if c.kind == kind and what in (c.body_iri or c.assertion))
    return short_id(c, SLUG)


@pytest.mark.slow
def test_accept_reject_and_rerun(suggested, capsys):
    tashkent = _id(suggested, "Mention", "place/tashkent")
    cis = _id(suggested, "Mention", "commonwealth-of-independent-states")
    code = main(["--root", str(suggested.root), "review", SLUG, "--accept", tashkent,
                 "--reject", cis, "--reason", "only mentioned in passing"])
    assert code == 0, capsys.readouterr().err
    facts = (suggested.facts_dir / f"{SLUG}.ttl").read_text(encoding="utf-8")
    # The case ending is left out (Тошкентда → Тошкент), tagged with the paragraph's language.
    assert facts.endswith('\n\nplace:tashkent skos:altLabel "Тошкент"@uz-Cyrl .\n')
    assert "@prefix place:        <https://w3id.org/ittifoq/id/place/> ." in facts
    # Re-running the suggester keeps both decisions.
    _, _, carried = run(suggested, SLUG)
    assert carried == 2
    status = {short_id(c, SLUG): (c.status, c.reason) for c in load(suggested, SLUG)}
    assert status[tashkent] == ("Accepted", None)
    assert status[cis] == ("Rejected", "only mentioned in passing")
    # Bulk acceptance takes the pending mentions only: the date and the rejected one stay.
    out = decide(suggested, SLUG, [], accept_mentions_from=0.9)
    assert {c.kind for c in out.accepted} == {"Mention"}
    after = {short_id(c, SLUG): c.status for c in load(suggested, SLUG)}
    assert after[cis] == "Rejected" and after[_id(suggested, "Date", "date")] == "Pending"
    assert (suggested.facts_dir / f"{SLUG}.ttl").read_text(encoding="utf-8").count("place:tashkent") == 1


@pytest.mark.slow
def test_a_change_the_shapes_refuse_is_undone(suggested):
    date = _id(suggested, "Date", "date")
    with pytest.raises(ReviewRefused, match="shapes refuse"):
        # A date on a subject the graph does not know: the shapes want a typed subject.
        decide(suggested, SLUG, [Decision("accept", date, subject="event:no-such-event")])
    assert not (suggested.facts_dir / f"{SLUG}.ttl").exists()
    assert {c.status for c in load(suggested, SLUG)} == {"Pending"}


def test_a_date_is_never_accepted_without_its_subject_and_a_rejection_needs_a_reason(suggested):
    with pytest.raises(UsageError, match="--subject"):
        decide(suggested, SLUG, [Decision("accept", _id(suggested, "Date", "date"))])
    with pytest.raises(UsageError, match="reason"):
        decide(suggested, SLUG, [Decision("reject", _id(suggested, "Mention", "place/tashkent"))])
    assert not (suggested.facts_dir / f"{SLUG}.ttl").exists()


def test_the_date_turtle_is_what_a_curator_writes(suggested):
    from ittifoq.grow.accept import date_turtle

    c = next(c for c in load(suggested, SLUG) if c.kind == "Date")
    event, start = "https://w3id.org/ittifoq/id/event/2025-11-call", "https://w3id.org/ittifoq/ontology/startDate"
    assert date_turtle(c, event, start) == (
        'event:2025-11-call itt:startDate "2025-11-14"^^xsd:date ;\n'
        "    itt:derivation \"Year from the document's date (2025): the text says '14-ноябрь' without a year.\"@en ;\n"
        '    itt:evidence [ oa:exact "14-ноябрь" ; itt:supports itt:startDate ] .\n'
    )


@pytest.mark.slow
def test_accepting_a_corroboration_adds_this_documents_statement_to_the_existing_event(project_copy):
    ingest(project_copy, FIXTURES / "ru-visit.txt", "ru-visit", published="2022-12-23")
    run(project_copy, "ru-visit")
    event = next(c for c in load(project_copy, "ru-visit") if c.kind == "Event")
    out = decide(project_copy, "ru-visit", [Decision("accept", short_id(event, "ru-visit"))])
    assert out.turtle == (
        "event:2022-12-tokayev-state-visit-to-uzbekistan a itt:StateVisit ;\n"
        "    itt:visitor person:kassym-jomart-tokayev ;\n"
        "    itt:location place:tashkent ;\n"  # "в Ташкенте": the place this text gives
        '    itt:startDate "2022-12-21"^^xsd:date ; itt:endDate "2022-12-22"^^xsd:date ;\n'
        '    itt:evidence [ oa:exact "21–22 декабря 2022 года Президент Казахстана Касым-Жомарт Токаев находился в '
        'Ташкенте с государственным визитом" ; itt:supports rdf:type , itt:visitor , itt:location , itt:startDate , '
        "itt:endDate ] .\n"
    )
    from ittifoq.store import KnowledgeGraph

    kg = KnowledgeGraph.open(project_copy)
    ask = ("ASK { GRAPH <https://w3id.org/ittifoq/graph/ru-visit> { "
           "event:2022-12-tokayev-state-visit-to-uzbekistan itt:startDate ?d } }")
    assert bool(kg.query(ask))
    # A new event (no corroboration) is never accepted without its IRI and preferred labels.
    with pytest.raises(UsageError, match="a new event needs an IRI"):
        event.corroborates = None
        from ittifoq.grow.suggest import write_candidates

        write_candidates(project_copy, "ru-visit", [event])
        decide(project_copy, "ru-visit", [Decision("accept", short_id(event, "ru-visit"))])


LATN = "uz-latn-commission"
NEW_EVENT = {"iri": "event:2023-03-intergovernmental-commission-meeting",
             "label@en": "Meeting of the Intergovernmental Commission, Samarkand, March 2023",
             "label@uz-Latn": "Hukumatlararo komissiya yigʻilishi, Samarqand, 2023-yil mart"}


@pytest.mark.slow
def test_a_new_figure_and_a_new_person_pass_the_build_and_the_shapes(project_copy):
    from ittifoq.grow.review import add_mention
    from ittifoq.store import KnowledgeGraph

    ingest(project_copy, FIXTURES / "ru-trade.txt", "ru-trade", published="2024-02-10")
    run(project_copy, "ru-trade")
    figure = next(c for c in load(project_copy, "ru-trade") if c.kind == "Figure" and "4000000000" in c.assertion)
    person = add_mention(project_copy, "ru-trade", "Лазиз Кудратов")
    out = decide(project_copy, "ru-trade", [
        Decision("accept", short_id(figure, "ru-trade"), edits={
            "iri": "observation:uz-kz-trade-2023", "label@en": "Uzbek–Kazakh trade in 2023",
            "label@uz-Latn": "2023-yilda Oʻzbekiston–Qozogʻiston oʻzaro savdosi",
            "indicator": "itt:BilateralTradeVolume", "refArea": "state:UZ", "counterpart": "state:KZ"}),
        Decision("accept", person, edits={"entity": "person", "iri": "person:laziz-kudratov",
                                          "label@en": "Laziz Kudratov", "label@uz-Latn": "Laziz Qudratov"}),
    ])
    assert len(out.accepted) == 2
    persons = (project_copy.reference_dir / "persons-and-offices.ttl").read_text(encoding="utf-8")
    assert persons.endswith('\n\nperson:laziz-kudratov a itt:Person ;\n'
                            '    skos:prefLabel "Laziz Kudratov"@en , "Laziz Qudratov"@uz-Latn .\n')
    facts = (project_copy.facts_dir / "ru-trade.ttl").read_text(encoding="utf-8")
    assert facts.endswith('\nperson:laziz-kudratov skos:altLabel "Лазиз Кудратов"@ru .\n')
    kg = KnowledgeGraph.open(project_copy)
    ask = ("ASK { GRAPH <https://w3id.org/ittifoq/graph/ru-trade> { observation:uz-kz-trade-2023 itt:value ?v ; "
           "itt:evidence ?e . ?e itt:supports itt:value , itt:refArea , rdf:type } "
           'observation:uz-kz-trade-2023 skos:prefLabel "Uzbek–Kazakh trade in 2023"@en . '
           'person:laziz-kudratov a itt:Person ; skos:prefLabel "Laziz Qudratov"@uz-Latn . FILTER(?v = 4000000000) }')
    assert bool(kg.query(ask))


@pytest.mark.slow
def test_a_refused_change_leaves_neither_the_facts_nor_the_reference_data_changed(project_copy):
    ingest(project_copy, FIXTURES / "uz-Latn-commission.txt", LATN, published="2025-11-14")
    run(project_copy, LATN)
    event = next(c for c in load(project_copy, LATN) if c.kind == "Event")
    places = project_copy.reference_dir / "places.ttl"
    before = places.read_bytes()
    with pytest.raises(ReviewRefused, match="shapes refuse"):
        # A person as the host state: the shapes want a state there.
        decide(project_copy, LATN, [
            Decision("accept", short_id(event, LATN), edits={**NEW_EVENT, "hostState": "person:shavkat-mirziyoyev"}),
            Decision("accept", add_mention_id(project_copy), edits={
                "entity": "place", "iri": "place:samarqand-region", "label@en": "Samarqand Region",
                "label@uz-Latn": "Samarqand viloyati", "class": "itt:Region"}),
        ])
    assert not (project_copy.facts_dir / f"{LATN}.ttl").exists()
    assert not (project_copy.reference_dir / f"{LATN}-labels.ttl").exists()
    assert places.read_bytes() == before
    assert {c.status for c in load(project_copy, LATN)} == {"Pending"}


def add_mention_id(config):
    from ittifoq.grow.review import add_mention

    return add_mention(config, LATN, "Samarqandda")
