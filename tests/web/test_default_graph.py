"""The default graph is a set on every storage mode (in memory, ``--data``, ``--store``): a
triple held by several named graphs counts once, as the service description's
``sd:UnionDefaultGraph`` promises (Oxigraph's own union counts it once per graph)."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from ittifoq.build import ensure_built
from ittifoq.load import load_files
from ittifoq.store import Files, OnDisk

from .conftest import bindings, running_app

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _distinct_triples(path) -> int:
    """Counted from the file itself, by Oxigraph's parser but not its query engine."""
    with open(path, "rb") as f:
        return len({(q.subject, q.predicate, q.object) for q in ox.parse(f, format=ox.RdfFormat.N_QUADS)})


def _count(app, query=COUNT) -> int:
    return int(bindings(app.test_client().get("/sparql", query_string={"query": query}))[0]["n"]["value"])


@pytest.fixture(scope="module")
def built(config, tmp_path_factory):
    """The build's named graphs without its default graph (the consolidated view): data whose
    default graph is the union of its graphs."""
    with open(ensure_built(config), "rb") as f:
        quads = [q for q in ox.parse(f, format=ox.RdfFormat.N_QUADS) if not isinstance(q.graph_name, ox.DefaultGraph)]
    # The data this test is about: triples in more than one graph.
    assert len({(q.subject, q.predicate, q.object) for q in quads}) < len(quads)
    path = tmp_path_factory.mktemp("union") / "named-graphs.nq"
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return path


def test_in_memory(built):
    with running_app(None, source=Files((built,)), query_threads=1) as app:
        assert _count(app) == _distinct_triples(built)  # 8,771 on the seed data; Oxigraph's union: 8,949
        # Rows do not repeat either.
        rows = bindings(app.test_client().get("/sparql", query_string={
            "query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "format": "json"}))
        assert len(rows) == len({json.dumps(r, sort_keys=True) for r in rows})
        # What the service description promises.
        sd = app.test_client().get("/sparql", headers={"Accept": "application/n-triples"}).get_data(as_text=True)
        assert "<http://www.w3.org/ns/sparql-service-description#UnionDefaultGraph>" in sd


@pytest.mark.slow
def test_data_files(built, tmp_path):
    with running_app(None, source=Files((built,)), query_threads=1) as app:
        assert _count(app) == _distinct_triples(built)


@pytest.mark.slow
def test_on_disk_store(built, tmp_path):
    load_files(tmp_path / "store", [built])
    with running_app(None, source=OnDisk(tmp_path / "store"), query_threads=1) as app:
        assert _count(app) == _distinct_triples(built)
        # The named graphs are what was loaded, and the dump holds them only.
        assert _count(app, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == len(
            list(ox.parse(open(built, "rb"), format=ox.RdfFormat.N_QUADS)))
        dump = app.extensions["ittifoq"].export("nquads")
        assert not any(isinstance(q.graph_name, ox.DefaultGraph)
                       for q in ox.parse(dump, format=ox.RdfFormat.N_QUADS))


def test_a_default_graph_of_the_data_is_the_default_graph(tmp_path):
    data = tmp_path / "d.trig"
    data.write_text("<urn:a> <urn:b> <urn:c> . <urn:g> { <urn:a> <urn:b> <urn:d> }\n")
    with running_app(None, source=Files((data,)), query_threads=1) as app:
        assert _count(app) == 1
        assert _count(app, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == 1
