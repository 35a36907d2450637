"""The endpoint's default graph is the build's consolidated view, not the union of the
document graphs: one answer per fact where the documents agree, both in ``GRAPH ?g``.
The two documents give the diplomatic relations' start at two precisions (a day in
dunyo-strategic-partnership-new-era, the month in khayrullaev-…; tests/test_consolidate.py
reads both off the texts)."""

from __future__ import annotations

from .conftest import bindings

RELATION = "https://w3id.org/ittifoq/id/relation/uz-kz-diplomatic-relations"


def _dates(client, pattern: str) -> list[str]:
    r = client.get("/sparql", query_string={"query": f"SELECT ?d WHERE {{ {pattern} }}"},
                   headers={"Accept": "application/sparql-results+json"})
    return sorted(b["d"]["value"] for b in bindings(r))


def test_one_start_date_in_the_default_graph(client):
    assert _dates(client, f"<{RELATION}> itt:startDate ?d") == ["1992-11-23"]


def test_every_document_s_date_in_its_graph(client):
    assert _dates(client, f"GRAPH ?g {{ <{RELATION}> itt:startDate ?d }}") == ["1992-11", "1992-11-23"]
