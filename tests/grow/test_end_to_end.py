"""A new document in each of uz-Cyrl, uz-Latn, kk and ru (our own fixtures) ingested,
suggested, reviewed and accepted from the CLI: its mentions in bulk and its facts one by one
(edited where the suggester fell short), in one `ittifoq review` run; the graph then holds
this document's statements. Each review's time is printed."""

from __future__ import annotations

import time

import pytest

from conftest import ROOT
from ittifoq.cli import main
from ittifoq.grow.review import load, short_id
from ittifoq.store import KnowledgeGraph

FIXTURES = ROOT / "tests/grow/fixtures"


def _sid(config, slug, kind, what=""):
    hits = [c for c in load(config, slug) if c.kind == kind and what in (c.body_iri or c.assertion)]
    assert len(hits) == 1, [c.assertion for c in hits]
    return short_id(hits[0], slug)


def _facts(config, slug, sid):
    """The facts decisions of each document: (arguments, an ASK on its graph after acceptance)."""
    if slug in CALLS:
        call, (iri, en, uz) = sid("Event"), CALLS[slug]
        return (["--set", f"{call}:iri={iri}", "--set", f"{call}:label@en={en}", "--set", f"{call}:label@uz-Latn={uz}",
                 "--reject", sid("Date"), "--reason", "the call's own evidence states its date"],
                f"{iri} a itt:TelephoneConversation")
    if slug == "uz-latn-commission":
        event = sid("Event")
        return (["--set", f"{event}:iri=event:2023-03-intergovernmental-commission-meeting",
                 "--set", f"{event}:label@en=Meeting of the Intergovernmental Commission, Samarkand, March 2023",
                 "--set", f"{event}:label@uz-Latn=Hukumatlararo komissiya yigʻilishi, Samarqand, 2023-yil mart",
                 "--accept", sid("Agreement")],
                'event:2023-03-intergovernmental-commission-meeting itt:startDate "2023-03-15"^^xsd:date . '
                'agreement:treaty-on-allied-relations itt:signingDate "2022-12"^^xsd:gYearMonth')
    if slug == "kk-meeting":
        event = sid("Event")
        return (["--accept", event, "--set", f"{event}:ofBody=organization:supreme-interstate-council",
                 "--reject", sid("Agreement"), "--reason", "the programme's quote cuts its verb; written by hand"],
                "event:supreme-interstate-council-1st-meeting itt:ofBody organization:supreme-interstate-council ; "
                "itt:location place:astana")
    treaty = sid("Agreement")
    return (["--accept", sid("Event"), "--set", f"{treaty}:iri=agreement:treaty-on-allied-relations",
             "--set", f"{treaty}:quote=президенты подписали Договор о союзнических отношениях между Республикой "
                      "Узбекистан и Республикой Казахстан"],
            'event:2022-12-tokayev-state-visit-to-uzbekistan itt:startDate "2022-12-21"^^xsd:date . '
            "agreement:treaty-on-allied-relations itt:party state:UZ")


# The calls of our fixtures: the IRI and labels the curator gives, and the Turtle a curator
# writes by hand, read off each text: the sentence up to its verb ("мулоқот қилди",
# "сөйлесті"), the two persons in the order it names them (the offices are not agents), the
# date as written; "14-ноябрь" has no year, so it comes from the publication date and says so.
CALLS = {
    "uz-cyrl-call": ("event:2025-11-mirziyoyev-tokayev-telephone-conversation",
                     "Telephone conversation of Mirziyoyev and Tokayev, 14 November 2025",
                     "Mirziyoyev va Toqayevning telefon orqali muloqoti, 2025-yil 14-noyabr"),
    "kk-call": ("event:2025-01-tokayev-mirziyoyev-telephone-conversation",
                "Telephone conversation of Tokayev and Mirziyoyev, 20 January 2025",
                "Toqayev va Mirziyoyevning telefon orqali muloqoti, 2025-yil 20-yanvar"),
}
CALL_TURTLE = {
    "uz-cyrl-call": (
        "event:2025-11-mirziyoyev-tokayev-telephone-conversation a itt:TelephoneConversation ;\n"
        "    itt:participant person:shavkat-mirziyoyev , person:kassym-jomart-tokayev ;\n"
        '    itt:startDate "2025-11-14"^^xsd:date ;\n'
        "    itt:derivation \"Year from the document's date (2025): the text says '14-ноябрь' without a year.\"@en ;\n"
        '    itt:evidence [ oa:exact "Ўзбекистон Президенти Шавкат Мирзиёев 14-ноябрь куни Қозоғистон Президенти '
        'Қосим-Жомарт Тоқаев билан телефон орқали мулоқот қилди" ; itt:supports rdf:type , itt:participant , '
        "itt:startDate ] .\n"),
    "kk-call": (
        "event:2025-01-tokayev-mirziyoyev-telephone-conversation a itt:TelephoneConversation ;\n"
        "    itt:participant person:kassym-jomart-tokayev , person:shavkat-mirziyoyev ;\n"
        '    itt:startDate "2025-01-20"^^xsd:date ;\n'
        '    itt:evidence [ oa:exact "Қасым-Жомарт Тоқаев 2025 жылғы 20 қаңтарда Өзбекстан Президенті Шавкат '
        'Мирзиёевпен телефон арқылы сөйлесті" ; itt:supports rdf:type , itt:participant , itt:startDate ] .\n'),
}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "slug", "tag", "form"),
    [
        ("uz-Cyrl-call.txt", "uz-cyrl-call", "uz-Cyrl", "Қосим-Жомарт Тоқаев"),
        ("kk-call.txt", "kk-call", "kk", "Шавкат Мирзиёев"),
        ("uz-Latn-commission.txt", "uz-latn-commission", "uz-Latn", "Samarqand"),
        ("kk-meeting.txt", "kk-meeting", "kk", "Астана"),
        ("ru-visit.txt", "ru-visit", "ru", "Ташкент"),
    ],
)
def test_ingest_suggest_review_accept(project_copy, capsys, name, slug, tag, form):
    root = ["--root", str(project_copy.root)]
    assert main([*root, "ingest", str(FIXTURES / name), "--slug", slug, "--published", "2025-11-14"]) == 0
    assert main([*root, "suggest", slug]) == 0
    t0 = time.perf_counter()
    assert main([*root, "review", slug]) == 0
    listing = capsys.readouterr().out
    assert f"[[{form}" in listing
    args, ask = _facts(project_copy, slug, lambda kind, what="": _sid(project_copy, slug, kind, what))
    assert main([*root, "review", slug, "--accept-mentions", *args]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    print(f"\n{slug}: review from the CLI in {time.perf_counter() - t0:.1f} s, {len(args)} arguments")
    assert "build and shapes passed" in out and f'"{form}"@{tag}' in out
    assert not [c for c in load(project_copy, slug) if c.kind == "Mention" and c.status == "Pending"
                and c.confidence >= 0.9]
    kg = KnowledgeGraph.open(project_copy)
    graph = f"<https://w3id.org/ittifoq/graph/{slug}>"
    assert bool(kg.query(f'ASK {{ GRAPH {graph} {{ ?e skos:altLabel "{form}"@{tag} }} }}'))
    assert bool(kg.query(f"ASK {{ GRAPH {graph} {{ {ask} }} }}")), ask
    if slug in CALLS:
        iri, en, uz = CALLS[slug]
        assert CALL_TURTLE[slug] in (project_copy.facts_dir / f"{slug}.ttl").read_text(encoding="utf-8")
        labels = (project_copy.data_dir / "reference" / f"{slug}-labels.ttl").read_text(encoding="utf-8")
        assert f'{iri} skos:prefLabel "{en}"@en , "{uz}"@uz-Latn .\n' in labels
