"""Safety rules of the public endpoint: no outbound requests (SERVICE, LOAD) unless allow-listed,
size and nesting limits checked before any parser, row and byte caps stated in a header."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from net import Listener, sparql_row

from .conftest import TOKEN, bindings, empty_kg


@pytest.fixture
def listener():
    """A local HTTP server that records every request it gets and answers like a SPARQL endpoint."""
    with Listener(sparql_row("x", "remote")) as server:
        yield server.url + "sparql", server.hits


def _error(resp) -> str:
    return resp.get_data(as_text=True)


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?x ?y ?z }} }}",
    "select * where {{ service silent <{url}> {{ ?x ?y ?z }} }}",
    "SELECT * WHERE {{ {{ SELECT ?x WHERE {{ SeRvIcE <{url}> {{ ?x ?y ?z }} }} }} }}",
    "PREFIX remote: <{base}>\nSELECT * WHERE {{ SERVICE remote:sparql {{ ?x ?y ?z }} }}",
    "BASE <{base}>\nSELECT * WHERE {{ SERVICE <sparql> {{ ?x ?y ?z }} }}",
    "SELECT * WHERE {{ BIND(<{url}> AS ?ep) SERVICE ?ep {{ ?x ?y ?z }} }}",
    "ASK {{ SERVICE <{url}> {{ ?x ?y ?z }} }}",
])
def test_service_is_refused_and_nothing_is_fetched(client, listener, template):
    url, hits = listener
    query = template.format(url=url, base=url.rsplit("/", 1)[0] + "/")
    r = client.get("/sparql", query_string={"query": query})
    assert r.status_code == 400
    assert "SERVICE" in _error(r) and "outbound" in _error(r)
    assert hits == []


def test_the_words_inside_strings_iris_and_comments_are_not_keywords(client):
    q = ('SELECT ?service WHERE { BIND("SERVICE <http://x/> LOAD" AS ?service) '
         'FILTER(?service != <http://example.org/SERVICE>) } # SERVICE <http://x/>\n')
    rows = bindings(client.get("/sparql", query_string={"query": q}))
    assert rows[0]["service"]["value"] == "SERVICE <http://x/> LOAD"
    q = "SELECT ?x WHERE { BIND(\"x\"@service AS ?x) }"
    assert bindings(client.get("/sparql", query_string={"query": q}))[0]["x"]["xml:lang"] == "service"


def test_allow_listed_service_is_called(make_app, kg, listener):
    url, hits = listener
    app = make_app(kg, service_allowlist=(url,), query_threads=1)
    c = app.test_client()
    rows = bindings(c.get("/sparql", query_string={"query": f"SELECT ?x WHERE {{ SERVICE <{url}> {{ ?x ?y ?z }} }}"}))
    assert rows == [{"x": {"type": "literal", "value": "remote"}}]
    assert len(hits) == 1
    other = url.replace("/sparql", "/other")
    r = c.get("/sparql", query_string={"query": f"SELECT * WHERE {{ SERVICE <{other}> {{ ?x ?y ?z }} }}"})
    assert r.status_code == 400 and "allow-list" in _error(r)
    r = c.get("/sparql", query_string={"query": "SELECT * WHERE { SERVICE ?ep { ?x ?y ?z } }"})
    assert r.status_code == 400
    assert len(hits) == 1


def test_load_is_refused_even_with_updates_enabled(make_app, listener):
    url, hits = listener
    app = make_app(empty_kg(), allow_update=True, token=TOKEN, query_threads=1)
    c = app.test_client()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for update in (f"LOAD <{url}>", f"load silent <{url}> INTO GRAPH <http://e/g>"):
        r = c.post("/sparql", data=update, content_type="application/sparql-update", headers=auth)
        assert r.status_code == 400 and "LOAD" in _error(r)
        r = c.post("/sparql", data={"update": update}, headers=auth)
        assert r.status_code == 400
    assert hits == []
    r = c.post("/sparql", data=f"INSERT {{ <http://e/s> <http://e/p> ?x }} WHERE {{ SERVICE <{url}> {{ ?x ?y ?z }} }}",
               content_type="application/sparql-update", headers=auth)
    assert r.status_code == 400 and hits == []


@pytest.fixture(scope="module")
def deep_app(kg):
    from .conftest import running_app

    with running_app(kg, max_query_length=2_000_000, max_body_bytes=4_000_000, query_threads=1) as app:
        yield app


@pytest.mark.parametrize("depth", [65, 3000, 100_000])
@pytest.mark.parametrize("opener,closer", [("{", "}"), ("(", ")"), ("[ <http://e/p> ", "]")])
def test_deep_nesting_is_refused_before_parsing(deep_app, opener, closer, depth):
    app = deep_app
    c = app.test_client()
    if opener == "{":
        q = "SELECT * WHERE " + "{" * depth + " ?s ?p ?o " + "}" * depth
    elif opener == "(":
        q = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * depth + "true" + ")" * depth + ") }"
    else:
        q = "SELECT * WHERE { ?s <http://e/p> " + opener * depth + "1" + " ]" * depth + " }"
    r = c.post("/sparql", data=q, content_type="application/sparql-query")
    assert r.status_code == 400 and "deep" in _error(r)
    # Oxigraph would have crashed the process near 2,500 nested braces: the workers live on.
    assert bindings(c.get("/sparql", query_string={"query": "SELECT (1 AS ?one) {}"}))[0]["one"]["value"] == "1"
    assert app.extensions["ittifoq"].engine.kills == 0


def test_moderate_nesting_is_fine(client):
    q = "SELECT * WHERE " + "{" * 30 + " BIND(" + "(" * 30 + "1" + ")" * 30 + " AS ?x) " + "}" * 30
    assert bindings(client.get("/sparql", query_string={"query": q}))[0]["x"]["value"] == "1"


def test_query_length_limit(make_app, kg):
    app = make_app(kg, max_query_length=200, query_threads=1)
    c = app.test_client()
    q = "SELECT * WHERE { ?s ?p ?o }" + " " * 300
    r = c.post("/sparql", data=q, content_type="application/sparql-query")
    assert r.status_code == 400 and "200" in _error(r)
    assert c.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


# --------------------------------------------------------------------------- caps


def test_row_cap_is_stated_and_the_body_stays_valid(make_app, kg):
    app = make_app(kg, max_rows=5, query_threads=1)
    c = app.test_client()
    r = c.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 200
    assert r.headers["X-Ittifoq-Truncated"] == "max-rows=5" and r.headers["X-Ittifoq-Rows"] == "5"
    assert len(json.loads(r.data)["results"]["bindings"]) == 5
    for fmt in ("csv", "tsv"):
        r = c.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }", "format": fmt})
        assert r.headers["X-Ittifoq-Truncated"] == "max-rows=5"
        assert len(list(csv.reader(io.StringIO(r.get_data(as_text=True)),
                                   delimiter="," if fmt == "csv" else "\t"))) == 6
    r = c.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }", "format": "xml"})
    assert r.data.count(b"<result>") == 5 and r.data.rstrip().endswith(b"</sparql>")
    r = c.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"})
    assert r.headers["X-Ittifoq-Truncated"] == "max-rows=5"
    assert len(list(ox.parse(r.data, format=ox.RdfFormat.N_TRIPLES))) == 5
    # Exactly at the cap: nothing left out, nothing said.
    r = c.get("/sparql", query_string={"query": "SELECT ?x WHERE { VALUES ?x { 1 2 3 4 5 } }"})
    assert "X-Ittifoq-Truncated" not in r.headers and len(json.loads(r.data)["results"]["bindings"]) == 5


def test_byte_cap_is_stated_and_the_body_stays_valid(make_app, kg):
    app = make_app(kg, max_response_bytes=4096, query_threads=1)
    c = app.test_client()
    for fmt, check in (("json", lambda b: json.loads(b)["results"]["bindings"]),
                       ("xml", lambda b: b.rstrip().endswith(b"</sparql>")),
                       ("csv", lambda b: b.endswith(b"\r\n"))):
        r = c.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }", "format": fmt})
        assert r.status_code == 200
        assert r.headers["X-Ittifoq-Truncated"] == "max-response-bytes=4096"
        assert 0 < len(r.data) <= 4096 and check(r.data)
    r = c.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "turtle"})
    assert r.headers["X-Ittifoq-Truncated"] == "max-response-bytes=4096" and len(r.data) <= 4096
    assert len(list(ox.parse(r.data, format=ox.RdfFormat.TURTLE))) == int(r.headers["X-Ittifoq-Rows"])


def test_an_answer_whose_header_alone_is_over_the_byte_cap_is_refused(make_app, kg):
    app = make_app(kg, max_response_bytes=4096, query_threads=1)
    names = [f"?variable_with_a_long_name_{i:03d}" for i in range(150)]  # ~5 KB of names in the head
    q = f"SELECT {' '.join(names)} WHERE {{ }}"
    for fmt in ("json", "xml", "csv", "tsv"):
        r = app.test_client().get("/sparql", query_string={"query": q, "format": fmt})
        assert r.status_code == 400, (fmt, r.status_code, len(r.data))
        assert "4096 bytes" in r.get_data(as_text=True)
    # With fewer names it fits, and is answered.
    r = app.test_client().get("/sparql", query_string={"query": f"SELECT {' '.join(names[:20])} WHERE {{ }}"})
    assert r.status_code == 200 and len(r.data) <= 4096


def test_small_results_are_not_marked(client):
    r = client.get("/sparql", query_string={"query": "SELECT ?x WHERE { VALUES ?x { 1 2 3 } }"})
    assert "X-Ittifoq-Truncated" not in r.headers and r.headers["X-Ittifoq-Rows"] == "3"
