"""The 400 of ``/sparql`` for a syntax error says what is wrong in plain words, led by its
line and column, with the parser's message after it, whatever the client: the Flask test
client here, and SPARQLWrapper and rdflib against a real ``ittifoq serve``."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PERSN = "SELECT ?n WHERE {\n  ?x persn:name ?n\n}"
PERSN_WORDS = "SPARQL syntax error at 2:6: unknown prefix `persn:` — did you mean `person:`? (parser: error at 2:"


@pytest.mark.parametrize(("query", "lead"), [
    (PERSN, PERSN_WORDS),
    ("SELCT ?x WHERE { ?x ?p ?o }",
     "SPARQL syntax error at 1:1: `SELCT` is not a SPARQL keyword — did you mean `SELECT`?"),
    ("SELECT * WHERE { ?s ?p ?o . FILTR(?o) }",
     "SPARQL syntax error at 1:29: `FILTR` is not a SPARQL keyword — did you mean `FILTER`?"),
    ("SELECT * WHERE {\n ?s ?p ?o", "SPARQL syntax error at 1:16: `{` is never closed: add `}`"),
])
def test_a_syntax_error_is_a_400_in_plain_words(client, query, lead):
    r = client.get("/sparql", query_string={"query": query})
    assert r.status_code == 400
    assert r.get_data(as_text=True).startswith(f"400 Bad Request: {lead}")
    r = client.post("/sparql", data={"query": query}, headers={"Accept": "application/json"})
    assert r.status_code == 400
    assert json.loads(r.data)["error"]["message"].startswith(lead)


def test_the_parser_s_detail_is_kept_for_experts(client):
    r = client.get("/sparql", query_string={"query": PERSN})
    text = r.get_data(as_text=True)
    assert "(parser: error at 2:" in text and "Prefix not found" in text
    assert text.count("\n") == 1  # one line, as every error message


@pytest.mark.parametrize("path", sorted((ROOT / "data" / "queries").glob("*.rq")), ids=lambda p: p.name)
def test_the_example_queries_still_answer(client, path):
    r = client.post("/sparql", data=path.read_text(encoding="utf-8").encode(),
                    headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.get_data(as_text=True)


def _body(error: Exception) -> str:
    """The answer's body, as SPARQLWrapper quotes it in its exception (a bytes repr)."""
    raw = ast.literal_eval(str(error).split("Response:\n", 1)[1])
    text = raw.decode("utf-8")
    return json.loads(text)["error"]["message"] if text.startswith("{") else text


@pytest.mark.slow
def test_sparqlwrapper_and_rdflib_read_the_same_words(config):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    from SPARQLWrapper import JSON, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    from ittifoq.build import ensure_built

    from .live import ittifoq_serve

    with ittifoq_serve("--data", str(ensure_built(config)), "--query-threads", "1") as url:
        client = SPARQLWrapper(url + "sparql")
        client.setQuery(PERSN)
        client.setReturnFormat(JSON)
        with pytest.raises(QueryBadFormed) as caught:
            client.query()
        assert _body(caught.value).startswith(PERSN_WORDS)
        g = Graph(store=SPARQLStore(url + "sparql"))
        with pytest.raises(ValueError) as caught:
            list(g.query(PERSN))
        # rdflib raises its own ValueError while handling urllib's HTTPError, which holds the answer.
        answer = caught.value.__context__
        assert answer.code == 400
        # rdflib sends its own PREFIX lines first: the line is counted in the text it sent.
        body = answer.read().decode("utf-8")
        sent_lines = body.split("SPARQL syntax error at ", 1)[1].split(":", 1)[0]
        assert int(sent_lines) > 2
        assert body.startswith("400 Bad Request: " + PERSN_WORDS.replace("at 2:", f"at {sent_lines}:"))
