"""A remote SPARQL store: a real `oxigraph serve` process on 127.0.0.1, filled with
`ittifoq load --backend`, queried through RemoteKnowledgeGraph, and compared with the embedded
store holding the same built dataset."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import ROOT
from ittifoq.backends.remote import BackendError, RemoteKnowledgeGraph
from ittifoq.build import ensure_built
from ittifoq.cli import main
from ittifoq.errors import QuerySyntaxError, QueryTimeout
from net import free_port

pytestmark = pytest.mark.slow
EX = "http://example.org/"


def _oxigraph() -> str:
    exe = Path(sys.executable).parent / "oxigraph"
    found = str(exe) if exe.exists() else shutil.which("oxigraph")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("the `oxigraph` server (PyPI package oxigraph) is a test dependency and is missing")
        pytest.skip("the `oxigraph` server (PyPI package oxigraph) is not installed")
    return found


@pytest.fixture(scope="module")
def oxigraph_server():
    """A fresh in-memory `oxigraph serve` on a free 127.0.0.1 port; stopped after the module."""
    port = free_port()
    proc = subprocess.Popen([_oxigraph(), "serve", "--bind", f"127.0.0.1:{port}", "--timeout-s", "3"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph serve did not start: {proc.stderr.read().decode()[-500:]}")
                time.sleep(0.05)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@pytest.fixture(scope="module")
def loaded(oxigraph_server, config):
    """The built dataset pushed through the Graph Store Protocol by the command line."""
    dataset = ensure_built(config)
    assert main(["load", str(dataset), "--backend", oxigraph_server + "/query", "--quiet"]) == 0
    return RemoteKnowledgeGraph(oxigraph_server + "/query", timeout=20)


def _rows(result) -> list[tuple]:
    names = [v.value for v in result.variables]
    return sorted(tuple(str(sol[n]) if sol[n] is not None else "" for n in names) for sol in result)


def _normal(cell: str) -> str:
    # Blank node labels differ between two stores, and GROUP_CONCAT joins in no defined order
    # (SPARQL 1.1 §18.5.1.7); everything else must match exactly.
    if cell.startswith("_:"):
        return "_:"
    if cell.startswith('"') and ", " in cell:
        body, _, tail = cell[1:].rpartition('"')
        return '"' + ", ".join(sorted(body.split(", "))) + '"' + tail
    return cell


def _without_blank_nodes(rows: list[tuple]) -> list[tuple]:
    return sorted(tuple(_normal(c) for c in row) for row in rows)


QUERY_FILES = sorted((ROOT / "data" / "queries").glob("*.rq"))


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_competency_questions_answer_the_same_remotely(loaded, kg, path):
    text = path.read_text(encoding="utf-8")
    local, remote = kg.query(text), loaded.query(text)
    assert type(remote) is type(local)
    if isinstance(local, ox.QueryBoolean):
        assert bool(remote) == bool(local)
    elif isinstance(local, ox.QuerySolutions):
        assert [v.value for v in remote.variables] == [v.value for v in local.variables]
        assert _without_blank_nodes(_rows(remote)) == _without_blank_nodes(_rows(local))
    else:
        assert {str(t) for t in remote} == {str(t) for t in local}


def test_every_quad_arrived_in_its_graph(loaded, kg):
    assert loaded.named_graphs() == kg.named_graphs()
    assert loaded.count_quads() == kg.count_quads()
    per_graph = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    assert _rows(loaded.query(per_graph)) == _rows(kg.query(per_graph))


def test_export_of_a_remote_backend_holds_the_same_dataset(loaded, kg):
    from ittifoq.export import export

    def canonical(data: bytes) -> set:
        ds = ox.Dataset(ox.parse(data, format=ox.RdfFormat.N_QUADS))
        ds.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        return set(ds)

    assert canonical(export(loaded, "nquads")) == canonical(export(kg, "nquads"))


def test_protocol_dataset_and_prefixes(loaded, kg):
    # The project's prefixes are predeclared, as locally; the union of graphs is the default.
    q = "SELECT ?label WHERE { state:UZ skos:prefLabel ?label } ORDER BY ?label"
    assert _rows(loaded.query(q)) == _rows(kg.query(q))
    assert _rows(loaded.query(q))
    # default-graph-uri restricts the default graph; the ontology graph holds no state.
    only_ontology = ["https://w3id.org/ittifoq/graph/ontology"]
    assert _rows(loaded.query(q, default_graphs=only_ontology)) == []
    assert _rows(kg.query(q, default_graphs=only_ontology)) == []
    # named-graph-uri limits what GRAPH ?g sees.
    g = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _rows(loaded.query(g, named_graphs=only_ontology)) == [(f"<{only_ontology[0]}>",)]
    # A query's own PREFIX wins over the predeclared one.
    own = "PREFIX state: <http://example.org/elsewhere/> ASK { state:UZ ?p ?o }"
    assert bool(loaded.query(own)) is False


def test_construct_and_describe_come_back_as_triples(loaded, kg):
    q = "CONSTRUCT { state:KZ ?p ?o } WHERE { state:KZ ?p ?o }"
    remote = loaded.query(q)
    assert isinstance(remote, ox.QueryTriples)
    assert {str(t) for t in remote} == {str(t) for t in kg.query(q)}
    d = loaded.query("DESCRIBE state:KZ")
    assert isinstance(d, ox.QueryTriples)
    assert any(t.predicate.value.endswith("isoCode") and t.object.value == "KZ" for t in d)


def test_syntax_errors_keep_their_position(loaded, kg):
    bad = "SELECT * WHERE {\n  ?s ?p\n}"
    with pytest.raises(QuerySyntaxError) as local:
        kg.query(bad)
    with pytest.raises(QuerySyntaxError) as remote:
        loaded.query(bad)
    assert remote.value.http_status == 400
    # Same engine, same parser: the same line:column, although prefixes were sent first.
    position = str(local.value).split("error at ")[1].split(":")[:2]
    assert f"error at {position[0]}:{position[1]}" in str(remote.value)


def test_timeouts_and_unreachable_backends_are_errors_users_can_read(oxigraph_server, loaded):
    slow = RemoteKnowledgeGraph(oxigraph_server + "/query", timeout=0.5)
    product = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    t0 = time.monotonic()
    with pytest.raises(QueryTimeout) as e:
        slow.query(product)
    assert time.monotonic() - t0 < 5
    assert e.value.http_status == 503
    # The client moved on; the next query on a fresh connection is answered.
    assert bool(loaded.query("ASK { ?s ?p ?o }"))
    gone = RemoteKnowledgeGraph(f"http://127.0.0.1:{free_port()}/query", timeout=2)
    with pytest.raises(BackendError, match="cannot reach"):
        gone.query("ASK {}")


def test_upload_keeps_blank_nodes_whole_across_batches(oxigraph_server, tmp_path):
    kg = RemoteKnowledgeGraph(oxigraph_server + "/query", timeout=20)
    ttl = tmp_path / "b.ttl"
    ttl.write_text(f"""@prefix ex: <{EX}> .
ex:treaty ex:signedAt [ ex:city ex:tashkent ; ex:day "2022-12-22" ] .
ex:a ex:p 1 . ex:b ex:p 2 . ex:c ex:p 3 . ex:d ex:p 4 .
""", encoding="utf-8")
    graph = EX + "graph/bnodes"
    report = kg.upload(ttl, graph=graph, batch=2)
    assert report.triples == 7
    assert report.graphs == {graph: 7}
    rows = list(kg.query(f"""SELECT ?city ?day WHERE {{ GRAPH <{graph}> {{
        <{EX}treaty> <{EX}signedAt> ?place . ?place <{EX}city> ?city ; <{EX}day> ?day }} }}"""))
    assert [(r["city"].value, r["day"].value) for r in rows] == [(EX + "tashkent", "2022-12-22")]


def test_graph_store_address_must_be_given_for_other_endpoints():
    kg = RemoteKnowledgeGraph("http://127.0.0.1:9/ds/sparql")
    assert kg.graph_store is None
    with pytest.raises(Exception, match="--graph-store"):
        kg.post_graph(b"", None)
    assert RemoteKnowledgeGraph("http://127.0.0.1:9").graph_store == "http://127.0.0.1:9/store"
    assert RemoteKnowledgeGraph("http://127.0.0.1:9/query").endpoint == "http://127.0.0.1:9/query"


def test_the_web_server_fronts_a_remote_backend(loaded, kg):
    from ittifoq.store import Remote
    from ittifoq.web import ServerSettings, create_app

    app = create_app(ServerSettings(query_threads=1), source=Remote(loaded.endpoint, {"timeout": 20}))
    try:
        c = app.test_client()
        r = c.get("/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?d a itt:SourceDocument }",
                                           "format": "csv"})
        assert r.status_code == 200 and r.data.splitlines()[1] == b"5"
        r = c.get("/sparql", query_string={"query": "SELECT ?x WHERE { ?x ?y }"})
        assert r.status_code == 400 and "refused the query: error at 1:26" in r.get_data(as_text=True)
    finally:
        app.extensions["ittifoq"].close()
