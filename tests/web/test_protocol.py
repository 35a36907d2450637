"""The SPARQL 1.1 Protocol at /sparql, through Flask's test client.

Expected media types and status codes come from the SPARQL 1.1 Protocol and Query Results
specifications and RFC 9110 (content negotiation); expected data from the source documents
(five texts, each an itt:SourceDocument in the corpus graph)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

from .conftest import CORPUS_GRAPH, ONTOLOGY_GRAPH, SOURCE_DOCUMENT, ask, bindings

SELECT = "SELECT ?x WHERE { VALUES ?x { 1 2 } }"
CONSTRUCT = "CONSTRUCT { ?s a ?c } WHERE { VALUES (?s ?c) { (<http://example.org/a> <http://example.org/C>) } }"
SRX = "{http://www.w3.org/2005/sparql-results#}"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def _media(resp) -> str:
    return resp.headers["Content-Type"].split(";")[0].strip()


# --------------------------------------------------------------------------- negotiation tables

SELECT_ACCEPT = [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("application/xml", "application/sparql-results+xml"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("text/*", "text/csv"),
    ("text/*;q=0.9, text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+json;q=0, */*;q=0.1", "application/sparql-results+xml"),
    (BROWSER, "application/sparql-results+xml"),
]


@pytest.mark.parametrize("accept,expected", SELECT_ACCEPT)
def test_select_negotiation(client, accept, expected):
    headers = {"Accept": accept} if accept else {}
    r = client.get("/sparql", query_string={"query": SELECT}, headers=headers)
    assert r.status_code == 200
    assert _media(r) == expected
    assert "Accept" in r.headers.get("Vary", "")
    body = r.get_data(as_text=True)
    if expected.endswith("+json"):
        doc = json.loads(body)
        assert doc["head"]["vars"] == ["x"]
        assert sorted(b["x"]["value"] for b in doc["results"]["bindings"]) == ["1", "2"]
    elif expected.endswith("+xml"):
        root = ET.fromstring(body)
        assert [v.get("name") for v in root.iter(SRX + "variable")] == ["x"]
        assert len(list(root.iter(SRX + "result"))) == 2
    elif expected == "text/csv":
        rows = list(csv.reader(io.StringIO(body)))
        assert rows[0] == ["x"] and sorted(r[0] for r in rows[1:]) == ["1", "2"]
    else:
        lines = body.splitlines()
        assert lines[0] == "?x" and sorted(lines[1:]) == ["1", "2"]


CONSTRUCT_ACCEPT = [
    (None, "text/turtle", ox.RdfFormat.TURTLE),
    ("*/*", "text/turtle", ox.RdfFormat.TURTLE),
    ("text/turtle", "text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/n-quads", "application/n-quads", ox.RdfFormat.N_QUADS),
    ("application/trig", "application/trig", ox.RdfFormat.TRIG),
    ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/rdf+xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
    ("application/json", "application/ld+json", ox.RdfFormat.JSON_LD),
    ("text/plain", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("text/turtle;q=0.2, application/rdf+xml;q=0.8", "application/rdf+xml", ox.RdfFormat.RDF_XML),
    (BROWSER, "application/rdf+xml", ox.RdfFormat.RDF_XML),
]


@pytest.mark.parametrize("accept,expected,fmt", CONSTRUCT_ACCEPT)
def test_construct_negotiation(client, accept, expected, fmt):
    headers = {"Accept": accept} if accept else {}
    r = client.post("/sparql", data=CONSTRUCT, content_type="application/sparql-query", headers=headers)
    assert r.status_code == 200
    assert _media(r) == expected
    triples = [(q.subject, q.predicate, q.object) for q in ox.parse(r.data, format=fmt)]
    assert triples == [(ox.NamedNode("http://example.org/a"), ox.NamedNode(str(RDF.type)),
                        ox.NamedNode("http://example.org/C"))]


@pytest.mark.parametrize("fmt,expected", [
    ("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"),
    ("csv", "text/csv"), ("tsv", "text/tab-separated-values"), ("text/csv", "text/csv"),
])
def test_format_parameter_overrides_accept(client, fmt, expected):
    r = client.get("/sparql", query_string={"query": SELECT, "format": fmt},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and _media(r) == expected


@pytest.mark.parametrize("fmt,expected", [("ttl", "text/turtle"), ("nt", "application/n-triples"),
                                          ("jsonld", "application/ld+json"), ("xml", "application/rdf+xml")])
def test_format_parameter_for_graphs(client, fmt, expected):
    r = client.get("/sparql", query_string={"query": CONSTRUCT, "format": fmt})
    assert r.status_code == 200 and _media(r) == expected


def test_not_acceptable_lists_what_is_offered(client):
    r = client.get("/sparql", query_string={"query": SELECT}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    text = r.get_data(as_text=True)
    for offered in ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                    "text/tab-separated-values"):
        assert offered in text
    r = client.get("/sparql", query_string={"query": SELECT, "format": "turtle"})
    assert r.status_code == 406
    r = client.get("/sparql", query_string={"query": CONSTRUCT}, headers={"Accept": "text/csv"})
    assert r.status_code == 406 and "text/turtle" in r.get_data(as_text=True)


def test_ask_results(client):
    assert ask(client.get("/sparql", query_string={"query": "ASK {}"})) is True
    r = client.get("/sparql", query_string={"query": "ASK { FILTER(false) }", "format": "xml"})
    root = ET.fromstring(r.data)
    assert root.find(SRX + "boolean").text == "false"


# --------------------------------------------------------------------------- methods and bodies

FORM = "application/x-www-form-urlencoded"
METHODS = [
    ("GET", "/sparql?query=ASK%20%7B%7D", None, None, 200),
    ("POST", "/sparql", FORM, "query=ASK%20%7B%7D", 200),
    ("POST", "/sparql", "application/sparql-query", "ASK {}", 200),
    ("POST", "/sparql", "application/sparql-query; charset=utf-8", "ASK {}", 200),
    ("POST", "/sparql", "application/sparql-query; charset=UTF-16", "ASK {}", 415),
    ("POST", "/sparql", "text/plain", "ASK {}", 415),
    ("POST", "/sparql", "application/json", '{"query": "ASK {}"}', 415),
    ("POST", "/sparql", None, "ASK {}", 415),
    ("POST", "/sparql", None, "query=ASK%20%7B%7D", 415),
    ("POST", "/sparql", FORM, "format=json", 400),
    ("POST", "/sparql", FORM, "query=ASK%20%7B%7D&update=CLEAR%20ALL", 400),
    ("POST", "/sparql?query=ASK%20%7B%7D", "application/sparql-query", "ASK {}", 400),
    ("GET", "/sparql?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D", None, None, 400),
    ("GET", "/sparql?update=CLEAR%20ALL", None, None, 400),
    ("PUT", "/sparql?query=ASK%20%7B%7D", FORM, "", 405),
    ("DELETE", "/sparql", None, None, 405),
    ("PATCH", "/sparql", "application/sparql-query", "ASK {}", 405),
    ("POST", "/sparql", "application/sparql-update", "CLEAR ALL", 403),
    ("POST", "/sparql", FORM, "update=CLEAR%20ALL", 403),
    ("POST", "/sparql", "application/sparql-query", "ASK {", 400),
    ("GET", "/sparql?query=ASK%20%7B%7D&timeout=soon", None, None, 400),
    ("GET", "/sparql?query=ASK%20%7B%7D&default-graph-uri=not%20an%20iri", None, None, 400),
]


@pytest.mark.parametrize("method,path,content_type,body,status", METHODS)
def test_method_and_content_type(client, method, path, content_type, body, status):
    headers = {"Content-Type": content_type} if content_type else {}
    r = client.open(path, method=method, headers=headers, data=body.encode("utf-8") if body is not None else None)
    assert r.status_code == status, r.get_data(as_text=True)
    assert "Accept" in r.headers.get("Vary", "")
    if status >= 400:
        assert r.get_data(as_text=True).strip(), "errors carry a message"


def test_non_utf8_body_is_refused(client):
    r = client.post("/sparql", data="ASK { FILTER(\"é\" = \"é\") }".encode("latin-1"),
                    content_type="application/sparql-query")
    assert r.status_code == 400 and "UTF-8" in r.get_data(as_text=True)


def test_body_over_the_limit_is_413(make_app, kg):
    app = make_app(kg, max_body_bytes=1000, query_threads=1)
    c = app.test_client()
    big = "ASK {}" + " " * 2000
    assert c.post("/sparql", data=big, content_type="application/sparql-query").status_code == 413
    assert c.post("/sparql", data={"query": big}).status_code == 413
    assert c.post("/sparql", data="ASK {}", content_type="application/sparql-query").status_code == 200


def test_updates_are_refused_with_a_message(client):
    r = client.post("/sparql", data="INSERT DATA { <http://e/s> <http://e/p> 1 }",
                    content_type="application/sparql-update", headers={"Accept": "application/json"})
    assert r.status_code == 403
    assert "read-only" in json.loads(r.data)["error"]["message"]
    assert ask(client.get("/sparql", query_string={"query": "ASK { <http://e/s> ?p ?o }"})) is False


# --------------------------------------------------------------------------- dataset


def _ask_doc(client, query=None, **params):
    q = query or f"ASK {{ ?d a <{SOURCE_DOCUMENT}> }}"
    return ask(client.get("/sparql", query_string={"query": q, **params}))


def test_default_graph_is_the_union(client):
    n = bindings(client.get("/sparql", query_string={
        "query": f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d a <{SOURCE_DOCUMENT}> }}"}))
    assert n[0]["n"]["value"] == "5"  # five source texts in data/sources


def test_default_graph_uri(client):
    assert _ask_doc(client, **{"default-graph-uri": CORPUS_GRAPH}) is True
    assert _ask_doc(client, **{"default-graph-uri": ONTOLOGY_GRAPH}) is False
    r = client.post(f"/sparql?default-graph-uri={ONTOLOGY_GRAPH}", data=f"ASK {{ ?d a <{SOURCE_DOCUMENT}> }}",
                    content_type="application/sparql-query")
    assert ask(r) is False
    r = client.post("/sparql", data={"query": f"ASK {{ ?d a <{SOURCE_DOCUMENT}> }}",
                                     "default-graph-uri": ONTOLOGY_GRAPH})
    assert ask(r) is False


def test_named_graph_uri_only_leaves_the_default_graph_empty(client):
    # SPARQL 1.1 Protocol §2.1.4: the protocol's dataset is exactly the graphs it names.
    params = {"named-graph-uri": CORPUS_GRAPH}
    assert _ask_doc(client, **params) is False
    assert _ask_doc(client, f"ASK {{ GRAPH <{CORPUS_GRAPH}> {{ ?d a <{SOURCE_DOCUMENT}> }} }}", **params) is True
    q = f"ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"
    assert _ask_doc(client, q, **params) is False


def test_from_clauses_are_honoured(client):
    assert _ask_doc(client, f"ASK FROM <{CORPUS_GRAPH}> {{ ?d a <{SOURCE_DOCUMENT}> }}") is True
    assert _ask_doc(client, f"ASK FROM <{ONTOLOGY_GRAPH}> {{ ?d a <{SOURCE_DOCUMENT}> }}") is False
    # The protocol's dataset replaces the query's.
    q = f"ASK FROM <{ONTOLOGY_GRAPH}> {{ ?d a <{SOURCE_DOCUMENT}> }}"
    assert _ask_doc(client, q, **{"default-graph-uri": CORPUS_GRAPH}) is True


def test_project_prefixes_are_predeclared(client):
    assert _ask_doc(client, "ASK { ?d a itt:SourceDocument }") is True


# --------------------------------------------------------------------------- errors


def test_syntax_error_has_line_and_column(client):
    r = client.get("/sparql", query_string={"query": "SELECT * WHERE {\n  ?s ?p \n}"},
                   headers={"Accept": "application/json"})
    assert r.status_code == 400
    message = json.loads(r.data)["error"]["message"]
    assert re.search(r"\b3:\d+\b", message), message


def test_error_bodies_follow_accept_and_escape_html(client):
    evil = "<script>alert(1)</script>"
    r = client.get("/sparql", query_string={"query": SELECT, "format": evil}, headers={"Accept": "text/html"})
    assert r.status_code == 406 and r.mimetype == "text/html"
    assert evil not in r.get_data(as_text=True) and "&lt;script&gt;" in r.get_data(as_text=True)
    r = client.get("/sparql", query_string={"query": SELECT, "format": evil}, headers={"Accept": "application/json"})
    assert r.mimetype == "application/json" and json.loads(r.data)["error"]["status"] == 406
    r = client.get("/sparql", query_string={"query": SELECT, "format": evil})
    assert r.mimetype == "text/plain"


def test_no_stack_trace_reaches_the_client(web_app, monkeypatch):
    state = web_app.extensions["ittifoq"]

    def boom(*a, **k):
        raise RuntimeError("secret detail /etc/passwd")

    monkeypatch.setattr(state, "run_query", boom)
    r = web_app.test_client().get("/sparql", query_string={"query": "ASK {}"})
    assert r.status_code == 500
    text = r.get_data(as_text=True)
    assert "secret" not in text and "Traceback" not in text and "RuntimeError" not in text


# --------------------------------------------------------------------------- CORS


def test_cors_for_reads(client):
    r = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Origin": "https://elsewhere.example"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-Ittifoq-Truncated" in r.headers["Access-Control-Expose-Headers"]
    r = client.get("/sparql", query_string={"query": "ASK {"}, headers={"Origin": "https://elsewhere.example"})
    assert r.status_code == 400 and r.headers["Access-Control-Allow-Origin"] == "*"
    r = client.options("/sparql", headers={"Origin": "https://elsewhere.example",
                                            "Access-Control-Request-Method": "POST",
                                            "Access-Control-Request-Headers": "content-type"})
    assert r.status_code == 200
    assert "POST" in r.headers["Access-Control-Allow-Methods"]
    assert "content-type" in r.headers["Access-Control-Allow-Headers"].lower()
    assert "authorization" not in r.headers["Access-Control-Allow-Headers"].lower()
    assert "x-ittifoq-query-id" in r.headers["Access-Control-Allow-Headers"].lower()


def test_no_cors_for_writes(client):
    r = client.post("/sparql", data="CLEAR ALL", content_type="application/sparql-update",
                    headers={"Origin": "https://elsewhere.example"})
    assert r.status_code == 403 and "Access-Control-Allow-Origin" not in r.headers


# --------------------------------------------------------------------------- service description


def test_service_description(client, kg):
    r = client.get("/sparql", headers={"Accept": "text/turtle"}, base_url="http://kg.example:8123")
    assert r.status_code == 200 and _media(r) == "text/turtle" and "Accept" in r.headers["Vary"]
    g = Graph().parse(data=r.data, format="turtle")
    service = g.value(predicate=RDF.type, object=SD.Service, any=False)
    assert g.value(service, SD.endpoint) == URIRef("http://kg.example:8123/sparql")
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) not in g
    # The built data has a default graph of its own (the consolidated view), so the union
    # is not promised; the default graph says what it is instead.
    assert (service, SD.feature, SD.UnionDefaultGraph) not in g
    dg = g.value(g.value(service, SD.defaultDataset), SD.defaultGraph)
    assert "consolidated view" in str(g.value(dg, DCTERMS.description))
    formats = {str(o) for o in g.objects(service, SD.resultFormat)}
    for f in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
              "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        assert "http://www.w3.org/ns/formats/" + f in formats
    names = {str(n) for n in g.objects(None, SD.name)}
    assert names == set(kg.named_graphs())
    assert CORPUS_GRAPH in names


@pytest.mark.parametrize("accept,fmt", [("application/ld+json", "json-ld"), ("application/rdf+xml", "xml"),
                                        ("application/n-triples", "nt")])
def test_service_description_formats(client, accept, fmt):
    r = client.get("/sparql", headers={"Accept": accept})
    assert r.status_code == 200 and _media(r) == accept
    g = Graph().parse(data=r.data, format=fmt)
    assert (None, SD.endpoint, URIRef("http://localhost/sparql")) in g


def test_service_description_for_browsers_is_html(client):
    r = client.get("/sparql", headers={"Accept": BROWSER})
    assert r.status_code == 200 and r.mimetype == "text/html"
    assert "Accept" in r.headers["Vary"]


def test_service_description_with_updates_enabled(make_app):
    from .conftest import TOKEN, empty_kg

    app = make_app(empty_kg(), allow_update=True, token=TOKEN, query_threads=1)
    g = Graph().parse(data=app.test_client().get("/sparql", headers={"Accept": "text/turtle"}).data, format="turtle")
    assert (None, SD.supportedLanguage, SD.SPARQL11Update) in g
    assert (None, SD.inputFormat, URIRef("http://www.w3.org/ns/formats/Turtle")) in g


def test_service_description_base_url_setting(make_app, kg):
    app = make_app(kg, base_url="https://data.example.org/ittifoq/", query_threads=1)
    r = app.test_client().get("/sparql", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.data, format="turtle")
    assert (None, SD.endpoint, URIRef("https://data.example.org/ittifoq/sparql")) in g


# --------------------------------------------------------------------------- the shared interface


def test_run_query_interface(web_app):
    state = web_app.extensions["ittifoq"]
    with web_app.test_request_context("/"):
        resp = state.run_query(SELECT, accept="text/csv")
    assert resp.media_type == "text/csv" and resp.form == "SELECT" and resp.rows == 2
    assert resp.truncated is None
    assert resp.body.decode().splitlines()[0] == "x"
    result = state.query(f"SELECT ?d WHERE {{ ?d a <{SOURCE_DOCUMENT}> }}")
    assert len(result) == 5 and [v.value for v in result.variables] == ["d"]
    assert state.query("ASK {}") is True


# --------------------------------------------------------------------------- Graph Store Protocol, read-only


def test_graph_store_reads(client):
    r = client.get("/rdf-graph-store", query_string={"graph": CORPUS_GRAPH}, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["Content-Type"] == "text/turtle; charset=utf-8"
    g = Graph().parse(data=r.data, format="turtle")
    assert len(set(g.subjects(RDF.type, URIRef(SOURCE_DOCUMENT)))) == 5
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    r = client.get("/store", query_string={"graph": CORPUS_GRAPH, "format": "nt"})
    assert r.status_code == 200 and _media(r) == "application/n-triples"
    assert client.head("/rdf-graph-store", query_string={"graph": CORPUS_GRAPH}).status_code == 200
    assert client.get("/rdf-graph-store", query_string={"graph": "http://example.org/none"}).status_code == 404
    assert client.get("/rdf-graph-store").status_code == 400


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_graph_store_writes_are_refused(client, method):
    r = client.open("/rdf-graph-store", method=method, query_string={"graph": CORPUS_GRAPH},
                    data=b"<http://e/s> <http://e/p> <http://e/o> .", content_type="application/n-triples")
    assert r.status_code == 403 and "read-only" in r.get_data(as_text=True)
    r = client.get("/rdf-graph-store", query_string={"graph": CORPUS_GRAPH}, headers={"Accept": "text/turtle"})
    assert b"http://e/s" not in r.data


def test_graph_store_reads_are_capped(make_app, kg):
    app = make_app(kg, max_rows=3, query_threads=1)
    r = app.test_client().get("/rdf-graph-store", query_string={"graph": CORPUS_GRAPH, "format": "nt"})
    assert r.status_code == 200 and r.headers["X-Ittifoq-Truncated"] == "max-rows=3"
    assert len(list(ox.parse(r.data, format=ox.RdfFormat.N_TRIPLES))) == 3


# --------------------------------------------------------------------------- findings of issue 11


def test_non_utf8_in_the_url_is_refused_like_in_a_body(client):
    # %FF is no UTF-8: before, Werkzeug's U+FFFD made the query run with a character no
    # client sent (here in a comment: a 200).
    r = client.get("/sparql?query=ASK%7B%7D%23%FF")
    assert r.status_code == 400 and "UTF-8" in r.get_data(as_text=True)
    r = client.post("/sparql?query=ASK%7B%7D%23%FF", data="", content_type="application/x-www-form-urlencoded")
    assert r.status_code == 400
    r = client.post("/sparql", data=b"query=ASK%7B%7D%23%FF", content_type="application/x-www-form-urlencoded")
    assert r.status_code == 400 and "UTF-8" in r.get_data(as_text=True)


@pytest.mark.parametrize("escaped, valid", [
    ("%C3%A9", True),  # é
    ("%E2%80%94", True),  # an em dash, three bytes
    ("%F0%9F%8C%8D", True),  # four bytes
    ("%25C3", True),  # a percent sign, then "C3"
    ("%C3%41", False),  # a lead byte, then an ASCII letter
    ("%C3", False),  # a sequence cut short at the end
    ("%E2%80", False),
    ("%A9", False),  # a continuation byte alone
    ("%C3%A9%C3", False),
    ("%ED%A0%80", False),  # a surrogate
])
def test_every_escaped_sequence_in_the_url_is_read_as_utf8(client, escaped, valid):
    # Each run of escaped bytes is checked by itself: a sequence split by an ASCII byte, cut
    # short or overlong is refused wherever it stands in the URL, as decoding the whole would.
    r = client.get(f"/sparql?query=ASK%7B%7D%23x{escaped}y&format=json")
    assert r.status_code == (200 if valid else 400), r.get_data(as_text=True)
    if not valid:
        assert "UTF-8" in r.get_data(as_text=True)


def test_a_remembered_verdict_is_the_guards_and_refusals_are_never_remembered(web_app, monkeypatch):
    from ittifoq import query_guard
    from ittifoq.web import user_query

    settings = web_app.extensions["ittifoq"].settings
    calls = []
    real = query_guard.check
    monkeypatch.setattr(user_query.guard, "check", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    user_query._check.cache_clear()
    ok = "SELECT * WHERE { ?s ?p ?o } LIMIT 1 # remembered"
    assert user_query.check_query(ok, settings) is user_query.check_query(ok, settings)
    assert calls == [ok]
    refused = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } # refused"
    for _ in range(2):
        with pytest.raises(query_guard.QueryRejected):
            user_query.check_query(refused, settings)
    assert calls == [ok, refused, refused]
    # Another allow-list is another verdict.
    from dataclasses import replace

    other = replace(settings, service_allowlist=("http://127.0.0.1:9/",))
    assert user_query.check_query(refused, other).outbound == ["http://127.0.0.1:9/"]
    long = "ASK {}" + " " * user_query._REMEMBERED_LENGTH
    user_query.check_query(long, settings)
    user_query.check_query(long, settings)
    assert calls[-2:] == [long, long]


@pytest.fixture
def writable(make_app):
    from .conftest import TOKEN, empty_kg

    app = make_app(empty_kg(), allow_update=True, token=TOKEN, query_threads=2)
    return app, {"Authorization": f"Bearer {TOKEN}"}


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", "utf8", "UTF_8", " Utf-8 "])
def test_charset_names_are_read_alike_everywhere(writable, charset):
    app, auth = writable
    c = app.test_client()
    r = c.put("/rdf-graph-store?graph=http://e/g", data="<http://e/s> <http://e/p> \"é\" .",
              content_type=f"application/n-triples; charset={charset}", headers=auth)
    assert r.status_code in (201, 204), r.get_data(as_text=True)
    r = c.post("/sparql", data="ASK { ?s ?p \"é\" }", content_type=f"application/sparql-query; charset={charset}")
    assert ask(r) is True
    r = c.put("/rdf-graph-store?graph=http://e/g", data='<http://e/s> <http://e/p> "1" .',
              content_type="application/n-triples; charset=latin-1", headers=auth)
    assert r.status_code == 415


def test_graph_store_reads_and_writes_at_once_all_finish(writable):
    # Before, a read took the read lock twice and a writer waiting between the two
    # deadlocked both; now nothing is locked in the server.
    import threading

    app, auth = writable
    errors = []

    def work(i):
        c = app.test_client()
        g = f"/rdf-graph-store?graph=http://e/g{i}"
        for n in range(15):
            statuses = [
                c.put(g, data=f'<http://e/s> <http://e/p> "{n}" .', content_type="application/n-triples",
                      headers=auth).status_code,
                c.get(g, headers={"Accept": "application/n-triples"}).status_code,
                c.head(g).status_code,
                c.delete(g, headers=auth).status_code,
                c.get(g).status_code,
            ]
            if statuses != [201, 200, 200, 204, 404]:
                errors.append(statuses)

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "deadlocked"
    assert errors == []


def test_a_graph_store_body_that_does_not_parse_stores_nothing(writable):
    app, auth = writable
    c = app.test_client()
    r = c.put("/rdf-graph-store?graph=http://e/g", data='<http://e/s> <http://e/p> "1" .\n<http://e/s> <http://e/p> .',
              content_type="application/n-triples", headers=auth)
    assert r.status_code == 400 and "not valid application/n-triples" in r.get_data(as_text=True)
    assert c.get("/rdf-graph-store?graph=http://e/g").status_code == 404


def test_an_on_disk_store_is_opened_by_the_engine_process_only(kg, tmp_path):
    import os

    from ittifoq.load import load_files
    from ittifoq.store import OnDisk

    from .conftest import running_app

    store = tmp_path / "store"
    load_files(store, list(kg.source.paths))
    with running_app(None, source=OnDisk(store), query_threads=1) as app:
        assert bindings(app.test_client().get("/sparql", query_string={
            "query": "SELECT (COUNT(*) AS ?n) WHERE { ?d a itt:SourceDocument }"}))[0]["n"]["value"] == "5"
        mine = []
        for fd in os.listdir("/proc/self/fd"):
            try:
                mine.append(os.readlink(f"/proc/self/fd/{fd}"))
            except OSError:
                pass
        assert not any(str(store) in target for target in mine)
