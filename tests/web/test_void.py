"""/void over data whose terms are not http IRIs with a / or # (urn:…, as --data may serve)."""

from __future__ import annotations

import pyoxigraph as ox

from ittifoq.store import KnowledgeGraph

VOID = "http://rdfs.org/ns/void#"


def test_void_describes_urn_classes_and_properties(make_app, tmp_path):
    data = tmp_path / "urns.nq"
    data.write_text('<urn:x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:C> <urn:g> .\n'
                    '<urn:x> <urn:p> "v" <urn:g> .\n'
                    '<urn:y> <http://example.org/vocab#q> <urn:x> <urn:g> .\n'
                    # A graph named with a '#', as Virtuoso's system graphs are.
                    '<urn:z> <urn:p> "w" <http://www.openlinksw.com/schemas/virtrdf#> .\n', encoding="utf-8")
    app = make_app(KnowledgeGraph.from_files([data]), query_threads=1)
    client = app.test_client()
    for accept in ("text/turtle", "text/html"):
        r = client.get("/void", headers={"Accept": accept})
        assert r.status_code == 200, r.get_data(as_text=True)
    triples = list(ox.parse(client.get("/void", headers={"Accept": "text/turtle"}).data, format=ox.RdfFormat.TURTLE))
    classes = {t.object.value for t in triples if t.predicate.value == VOID + "class"}
    properties = {t.object.value for t in triples if t.predicate.value == VOID + "property"}
    vocabularies = {t.object.value for t in triples if t.predicate.value == VOID + "vocabulary"}
    assert classes == {"urn:C"}
    graphs = {t.object.value for t in triples if t.predicate.value == "http://www.w3.org/ns/sparql-service-description#name"}
    assert graphs == {"urn:g", "http://www.openlinksw.com/schemas/virtrdf#"}
    assert properties == {"urn:p", "http://example.org/vocab#q", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"}
    # A urn has no namespace part to name as its vocabulary; the others' vocabularies are named.
    assert vocabularies == {"http://example.org/vocab#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
