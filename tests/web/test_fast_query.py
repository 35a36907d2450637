"""The plain-WSGI path for queries (ittifoq.web.fast_query) answers exactly as the Flask
view does, handles the common requests itself, and hands everything else to Flask intact."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from werkzeug.test import Client

from ittifoq.web.fast_query import QueryFastPath

from .conftest import TOKEN, bindings, empty_kg

DOC_QUERY = "SELECT ?d WHERE { ?d a itt:SourceDocument } ORDER BY ?d"
CONSTRUCT = "CONSTRUCT { ?d a itt:SourceDocument } WHERE { ?d a itt:SourceDocument }"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

# (method, query string, body, content type, Accept): requests the fast path answers.
HANDLED = [
    ("GET", {"query": DOC_QUERY}, None, None, "application/sparql-results+json"),
    ("GET", {"query": DOC_QUERY}, None, None, "text/csv"),
    ("GET", {"query": DOC_QUERY, "format": "xml"}, None, None, None),
    ("GET", {"query": "ASK { ?s ?p ?o }"}, None, None, "text/tab-separated-values"),
    ("GET", {"query": CONSTRUCT}, None, None, "text/turtle"),
    ("GET", {"query": "DESCRIBE <https://w3id.org/ittifoq/id/state/UZ>", "format": "ntriples"}, None, None, None),
    ("GET", {"query": DOC_QUERY, "default-graph-uri": "https://w3id.org/ittifoq/graph/corpus"}, None, None, None),
    ("GET", {"query": DOC_QUERY, "timeout": "5"}, None, None, "*/*"),
    # A relative IRI resolves against the endpoint's own address.
    ("GET", {"query": "SELECT (<relative> AS ?iri) WHERE {}"}, None, None, None),
    ("POST", {}, DOC_QUERY, "application/sparql-query", None),
    ("POST", {}, DOC_QUERY, "application/sparql-query; charset=utf-8", "application/sparql-results+xml"),
    ("POST", {}, urlencode({"query": DOC_QUERY}), "application/x-www-form-urlencoded", None),
    ("POST", {"format": "csv"}, urlencode({"query": DOC_QUERY}), "application/x-www-form-urlencoded", None),
]

# Requests the fast path leaves to Flask (status expected from the protocol rules).
NOT_HANDLED = [
    ("GET", {}, None, None, "text/turtle", 200),  # the service description
    ("GET", {"query": [DOC_QUERY, DOC_QUERY]}, None, None, None, 400),  # repeated parameter
    ("GET", {"query": DOC_QUERY, "update": "CLEAR ALL"}, None, None, None, 400),
    ("POST", {}, urlencode({"update": "CLEAR ALL"}), "application/x-www-form-urlencoded", None, 403),
    ("POST", {"query": DOC_QUERY}, DOC_QUERY, "application/sparql-query", None, 400),
    ("POST", {}, DOC_QUERY.encode("utf-16"), "application/sparql-query", None, 400),  # not UTF-8
    ("POST", {}, DOC_QUERY, "application/sparql-query; charset=latin-1", None, 415),
    ("POST", {}, DOC_QUERY, "text/plain", None, 415),
    ("GET", {"query": DOC_QUERY, "default-graph-uri": "not an iri"}, None, None, None, 400),
]


def _call(client: Client, method, args, body, content_type, accept):
    headers = {"Accept": accept} if accept else {}
    if content_type:
        headers["Content-Type"] = content_type
    return client.open("/sparql", method=method, query_string=args, data=body, headers=headers)


def _comparable(resp) -> tuple:
    headers = [(k, v) for k, v in resp.headers.items() if k != "X-Ittifoq-Query-Time"]
    return resp.status_code, headers, resp.get_data()


def _fast_path(web_app):
    # Inside the middlewares that add headers to every answer (caching, security headers).
    layer = web_app.wsgi_app
    while not isinstance(layer, QueryFastPath):
        layer = layer.wrapped
    return layer


@pytest.fixture
def paths(web_app):
    """(fast, flask-only) test clients over the same application."""
    fast = _fast_path(web_app)
    return Client(fast), Client(fast.wrapped)


@pytest.mark.parametrize("method,args,body,content_type,accept", HANDLED)
def test_the_fast_path_answers_as_flask_does(paths, web_app, monkeypatch, method, args, body, content_type, accept):
    fast_client, flask_client = paths
    expected = _comparable(_call(flask_client, method, args, body, content_type, accept))
    assert expected[0] == 200, expected
    # Answered without Flask at all.
    fast = _fast_path(web_app)
    monkeypatch.setattr(fast, "wrapped", lambda environ, start_response: pytest.fail("handed to Flask"))
    got = _call(fast_client, method, args, body, content_type, accept)
    assert _comparable(got) == expected
    assert float(got.headers["X-Ittifoq-Query-Time"]) >= 0


def test_the_fast_path_resolves_relative_iris_against_the_endpoint(client):
    (row,) = bindings(client.get("/sparql", query_string={"query": "SELECT (<relative> AS ?iri) WHERE {}"}))
    assert row["iri"]["value"] == "http://localhost/relative"


@pytest.mark.parametrize("method,args,body,content_type,accept,status", NOT_HANDLED)
def test_other_requests_reach_flask_intact(paths, method, args, body, content_type, accept, status):
    fast_client, flask_client = paths
    expected = _comparable(_call(flask_client, method, args, body, content_type, accept))
    assert expected[0] == status, expected
    # The same answer, body included: a body the fast path read is given back to Flask.
    assert _comparable(_call(fast_client, method, args, body, content_type, accept)) == expected


def test_a_query_error_is_answered_by_the_error_handler(paths):
    fast_client, flask_client = paths
    cases = [
        ("SELECT * WHERE { ?s ?p }", "application/json", 400, b"error at 1:25"),
        ("SELECT * WHERE { ?s ?p }", None, 400, b"error at 1:25"),
        ("SELECT * WHERE { ?s ?p ?o }", "text/html", 406, b"offered"),
        ("SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }", None, 400, b"SERVICE"),
    ]
    for query, accept, status, words in cases:
        args = {"query": query}
        expected = _comparable(_call(flask_client, "GET", args, None, None, accept))
        assert expected[0] == status and words in expected[2], expected
        assert _comparable(_call(fast_client, "GET", args, None, None, accept)) == expected


def test_a_query_stopped_at_its_limit_runs_once(make_app, kg):
    app = make_app(kg, timeout=1.0, query_threads=2)
    state = app.extensions["ittifoq"]
    r = app.test_client().get("/sparql", query_string={"query": CARTESIAN})
    assert r.status_code == 503 and "1 s limit" in r.get_data(as_text=True)
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    # Handed to Flask only to be answered: not run a second time.
    assert state.pool.kills == 1


def test_writes_still_go_through_flask(make_app):
    app = make_app(empty_kg(), allow_update=True, token=TOKEN, query_threads=1)
    c = app.test_client()
    r = c.post("/sparql", data={"update": "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }"},
               headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 204, r.get_data(as_text=True)
    rows = json.loads(c.post("/sparql", data={"query": "SELECT ?o WHERE { GRAPH <urn:g> { <urn:a> ?p ?o } }"}).data)
    assert [b["o"]["value"] for b in rows["results"]["bindings"]] == ["urn:c"]
