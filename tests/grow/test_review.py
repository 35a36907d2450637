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
        '    itt:evidence [ oa:exact "14-ноябрь" ] .\n'
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
        '    itt:startDate "2022-12-21"^^xsd:date ; itt:endDate "2022-12-22"^^xsd:date ;\n'
        '    itt:evidence [ oa:exact "21–22 декабря 2022 года Президент Казахстана Касым-Жомарт Токаев находился в '
        'Ташкенте с государственным визитом" ] .\n'
    )
    from ittifoq.store import KnowledgeGraph

    kg = KnowledgeGraph.open(project_copy)
    ask = ("ASK { GRAPH <https://w3id.org/ittifoq/graph/ru-visit> { "
           "event:2022-12-tokayev-state-visit-to-uzbekistan itt:startDate ?d } }")
    assert bool(kg.query(ask))
    # A new event (no corroboration) is never accepted as a mere mention would be.
    with pytest.raises(UsageError, match="new event"):
        event.corroborates = None
        from ittifoq.grow.suggest import write_candidates

        write_candidates(project_copy, "ru-visit", [event])
        decide(project_copy, "ru-visit", [Decision("accept", short_id(event, "ru-visit"))])
