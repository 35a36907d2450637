"""The W3C SPARQL 1.1 Protocol and Graph Store Protocol tests (manifests in tests/w3c/), replayed
through the Flask test client.

The manifests describe HTTP exchanges in RDF (``ht:Request`` with method, path, headers and
body; ``ht:Response`` with ``mf:expectedStatus``, ``mf:expectedBoolean``,
``mf:expectedFormat``, expected headers and body). This runner parses them with rdflib, loads
``ut:graphData`` into a fresh store per test, rewrites the manifests' ``/sparql/`` and ``/gsp``
to this server's ``/sparql`` and ``/rdf-graph-store``, and checks every response.

Query tests run against a read-only server. Update and Graph Store tests run against a server
started with ``allow_update`` and a token, which the runner sends as a bearer token (the
manifests predate authentication); against the read-only server their writes must get 403.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from .conftest import TOKEN, empty_kg, running_app

W3C = Path(__file__).resolve().parents[1] / "w3c"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#"
STATUS = {"OK": {200}, "Created": {201}, "NoContent": {204}, "NotFound": {404}}
STATUS.update({f"StatusCode{c}xx": set(range(c * 100, c * 100 + 100)) for c in (2, 3, 4, 5)})

RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
RDFLIB_FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
                  "application/ld+json": "json-ld"}


@dataclass
class Exchange:
    method: str
    path: str
    headers: dict[str, str]
    body: str | None
    statuses: set[int]
    expected_boolean: bool | None = None
    expected_format: str | None = None
    expected_location: str | None = None
    expected_headers: dict[str, str] = field(default_factory=dict)
    expected_body: str | None = None


@dataclass
class Case:
    id: str
    name: str
    graph_data: list[tuple[Path, str]]
    exchanges: list[Exchange]

    @property
    def writes(self) -> bool:
        # The protocol manifest names its update tests update_* and bad_update_*.
        return "update" in self.id or any(e.path.startswith("/gsp") for e in self.exchanges)


def _headers(g: Graph, node) -> dict[str, str]:
    if node is None:
        return {}
    return {str(g.value(h, HT.fieldName)).lower(): str(g.value(h, HT.fieldValue)) for h in Collection(g, node)}


def load_manifest(path: Path) -> list[Case]:
    g = Graph().parse(path, format="turtle")
    manifest = URIRef(path.as_uri())
    cases: list[Case] = []
    include = g.value(manifest, MF.include)
    if include is not None:
        for sub in Collection(g, include):
            cases += load_manifest(Path(unquote(urlparse(str(sub)).path)))
    entries = g.value(manifest, MF.entries)
    if entries is None:
        return cases
    for entry in Collection(g, entries):
        graph_data = [
            (Path(unquote(urlparse(str(g.value(gd, UT.graph))).path)), str(g.value(gd, RDFS.label)))
            for gd in g.objects(entry, UT.graphData)
        ]
        exchanges = []
        for req in Collection(g, g.value(g.value(entry, MF.action), HT.requests)):
            resp = g.value(req, HT.resp)
            body = g.value(req, HT.body)
            expected_body = g.value(resp, HT.body)
            boolean = g.value(resp, MF.expectedBoolean)
            fmt = g.value(resp, MF.expectedFormat)
            location = g.value(resp, MF.expectedLocation)
            exchanges.append(Exchange(
                method=str(g.value(req, HT.methodName)),
                path=str(g.value(req, HT.absolutePath)),
                headers=_headers(g, g.value(req, HT.headers)),
                body=str(g.value(body, CNT.chars)) if body is not None else None,
                statuses=set().union(*(STATUS[str(s)[len(HTS):]] for s in g.objects(resp, MF.expectedStatus))),
                expected_boolean=boolean.toPython() if boolean is not None else None,
                expected_format=str(fmt) if fmt is not None else None,
                expected_location=str(location) if location is not None else None,
                expected_headers=_headers(g, g.value(resp, HT.headers)),
                expected_body=str(g.value(expected_body, CNT.chars)) if expected_body is not None else None,
            ))
        cases.append(Case(str(entry).rsplit("#", 1)[-1], str(g.value(entry, MF.name)), graph_data, exchanges))
    return cases


PROTOCOL = load_manifest(W3C / "sparql11-protocol" / "manifest.ttl")
GRAPH_STORE = load_manifest(W3C / "sparql11-graph-store-protocol" / "manifest.ttl")
QUERY_CASES = [c for c in PROTOCOL if not c.writes]
UPDATE_CASES = [c for c in PROTOCOL if c.writes]


def test_manifests_are_complete():
    assert len(PROTOCOL) == 34 and len(QUERY_CASES) == 20 and len(UPDATE_CASES) == 14
    assert len(GRAPH_STORE) == 13  # 4 direct + 9 indirect entries
    assert all(e.statuses for c in PROTOCOL + GRAPH_STORE for e in c.exchanges)


def _seeded_kg(case: Case):
    kg = empty_kg()
    for path, graph in case.graph_data:
        kg.store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph))
                        for t in ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES))
    return kg


def _path(path: str) -> str:
    if path.startswith("/sparql/"):
        return "/sparql" + path[len("/sparql/"):]
    if path.startswith("/gsp"):
        return "/rdf-graph-store" + path[len("/gsp"):]
    raise AssertionError(f"unexpected path {path}")


def _media(value: str) -> str:
    return value.split(";")[0].strip().lower()


def _check_response(case: Case, ex: Exchange, r) -> None:
    where = f"{case.id}: {ex.method} {ex.path}"
    assert r.status_code in ex.statuses, f"{where}: {r.status_code} {r.get_data(as_text=True)[:300]}"
    media = _media(r.headers.get("Content-Type", ""))
    if ex.expected_format == "boolean" or ex.expected_boolean is not None:
        assert media in ("application/sparql-results+json", "application/sparql-results+xml"), where
        if media.endswith("json"):
            value = json.loads(r.data)["boolean"]
        else:
            text = ET.fromstring(r.data).find("{http://www.w3.org/2005/sparql-results#}boolean").text
            value = text.strip() == "true"
        if ex.expected_boolean is not None:
            assert value is ex.expected_boolean, where
    elif ex.expected_format == "tabular":
        assert media in RESULT_TYPES, where
        result = ox.parse_query_results(r.data, format=RESULT_TYPES[media])
        assert isinstance(result, ox.QuerySolutions), where
    elif ex.expected_format == "RDF":
        assert media in RDF_TYPES, where
        list(ox.parse(r.data, format=RDF_TYPES[media]))
    for name, value in ex.expected_headers.items():
        assert r.headers.get(name, "").replace(" ", "").lower() == value.replace(" ", "").lower(), where
    if ex.expected_body is not None:
        expected_type = _media(ex.expected_headers["content-type"])
        expected = Graph().parse(data=ex.expected_body, format=RDFLIB_FORMATS[expected_type])
        actual = Graph().parse(data=r.data, format=RDFLIB_FORMATS[media])
        assert isomorphic(expected, actual), f"{where}: got\n{r.get_data(as_text=True)}"


def replay(case: Case, app, token: str | None = None) -> list:
    client = app.test_client()
    variables: dict[str, str] = {}
    responses = []
    for ex in case.exchanges:
        path, body = ex.path, ex.body
        for var, value in variables.items():
            path = path.replace(var, value)
            body = body.replace(var, value) if body is not None else None
        headers = dict(ex.headers)
        if token:
            headers["Authorization"] = f"Bearer {token}"
        r = client.open(_path(path), method=ex.method, headers=headers,
                        data=body.encode("utf-8") if body is not None else None)
        responses.append(r)
        _check_response(case, ex, r)
        if ex.expected_location:
            assert r.headers.get("Location"), f"{case.id}: no Location header"
            variables[ex.expected_location] = r.headers["Location"]
    return responses


@pytest.mark.parametrize("case", QUERY_CASES, ids=lambda c: c.id)
def test_query(case):
    with running_app(_seeded_kg(case), query_threads=1) as app:
        replay(case, app)


@pytest.mark.parametrize("case", UPDATE_CASES, ids=lambda c: c.id)
def test_update_when_enabled(case):
    with running_app(_seeded_kg(case), query_threads=1, allow_update=True, token=TOKEN) as app:
        replay(case, app, token=TOKEN)


@pytest.mark.parametrize("case", GRAPH_STORE, ids=lambda c: c.id)
def test_graph_store_when_enabled(case):
    with running_app(_seeded_kg(case), query_threads=1, allow_update=True, token=TOKEN) as app:
        replay(case, app, token=TOKEN)


@pytest.mark.parametrize("case", [c for c in UPDATE_CASES + GRAPH_STORE
                                  if c.exchanges[0].method in ("POST", "PUT")
                                  and c.exchanges[0].statuses & {200, 201, 204}], ids=lambda c: c.id)
def test_writes_are_refused_when_read_only(case):
    ex = case.exchanges[0]
    with running_app(_seeded_kg(case), query_threads=1) as app:
        r = app.test_client().open(_path(ex.path), method=ex.method, headers=ex.headers,
                                   data=ex.body.encode("utf-8") if ex.body is not None else None)
        assert r.status_code == 403, r.get_data(as_text=True)


def test_writes_need_the_token():
    case = next(c for c in UPDATE_CASES if c.id == "update_post_direct")
    ex = case.exchanges[0]
    with running_app(empty_kg(), query_threads=1, allow_update=True, token=TOKEN) as app:
        c = app.test_client()
        for auth in (None, "Bearer wrong", f"Basic {TOKEN}"):
            headers = dict(ex.headers, **({"Authorization": auth} if auth else {}))
            r = c.post("/sparql", headers=headers, data=ex.body)
            assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Bearer")
