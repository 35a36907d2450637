"""Answers of a remote SPARQL endpoint that ittifoq must read, or refuse as the backend's
fault (502 naming it), never as the client's (400): a small fake backend on 127.0.0.1 sends
crafted answers."""

from __future__ import annotations

import contextlib
import json

import pytest

from ittifoq.backends.remote import BackendError, RemoteKnowledgeGraph
from net import Listener
from web.conftest import running_app

HEAD_AND_ROW = {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "a"}}]}}
# Comunica adds a member after "results"; SPARQL 1.2 adds "version".
EXTRA_MEMBER = json.dumps({**HEAD_AND_ROW, "metadata": {"cardinality": 1}}).encode()
VERSION_MEMBER = json.dumps({"version": "1.2", **HEAD_AND_ROW}).encode()
BAD_ROW = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [{"x": 5}]}}).encode()
TRUNCATED = EXTRA_MEMBER[: len(EXTRA_MEMBER) // 2]
JSON_TYPE = "application/sparql-results+json"


@contextlib.contextmanager
def fake_backend(body: bytes, content_type: str = JSON_TYPE):
    with Listener(body, content_type, threaded=True) as backend:
        yield backend.url + "sparql"


@pytest.mark.parametrize("body", [EXTRA_MEMBER, VERSION_MEMBER], ids=["member-after-results", "version-member"])
def test_extra_top_level_members_are_ignored(body):
    with fake_backend(body) as url:
        rows = list(RemoteKnowledgeGraph(url, union_default_graph="native").query("SELECT ?x {}"))
    assert [r["x"].value for r in rows] == ["a"]


@pytest.mark.parametrize("body", [BAD_ROW, TRUNCATED, b"<html>oops</html>"], ids=["bad-row", "truncated", "html"])
def test_a_malformed_answer_is_the_backend_s_fault(body):
    with fake_backend(body) as url, pytest.raises(BackendError) as e:
        RemoteKnowledgeGraph(url, union_default_graph="native").query("SELECT ?x {}")
    assert url in e.value.message


@pytest.mark.parametrize("body,status", [(EXTRA_MEMBER, 200), (BAD_ROW, 502), (TRUNCATED, 502)],
                         ids=["extra-member", "bad-row", "truncated"])
def test_through_the_server(body, status):
    kg = lambda url: RemoteKnowledgeGraph(url, union_default_graph="native")  # noqa: E731
    with fake_backend(body) as url, running_app(kg(url), query_threads=1) as app:
        r = app.test_client().get("/sparql", query_string={"query": "SELECT ?x {}"},
                                  headers={"Accept": "application/json"})
        assert r.status_code == status, r.get_data(as_text=True)
        if status == 502:
            message = r.get_json()["error"]["message"]
            assert url in message and "syntax" not in message.lower()
        else:
            assert r.get_json()["results"]["bindings"] == [{"x": {"type": "literal", "value": "a"}}]


def test_a_malformed_graph_names_the_backend():
    with fake_backend(b"<a> <b> .", "application/n-triples") as url, pytest.raises(BackendError) as e:
        RemoteKnowledgeGraph(url, union_default_graph="native").query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert url in e.value.message
