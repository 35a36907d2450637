"""The standard Python clients, with their default settings, against a real ``ittifoq serve``:
SPARQLWrapper (which sends its format as ``format``, ``output`` and ``results``, sometimes
twice, beside an Accept header) and rdflib's SPARQLStore.

Expected values come from ``data/reference/states.ttl``: Uzbekistan's preferred labels are
"Uzbekistan"@en and "Oʻzbekiston"@uz-Latn, its ISO code "UZ"."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, GET, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from ittifoq.build import ensure_built

from .live import ittifoq_serve

pytestmark = pytest.mark.slow

UZ = "https://w3id.org/ittifoq/id/state/UZ"
PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
ISO = "https://w3id.org/ittifoq/ontology/isoCode"
LABELS = {("Uzbekistan", "en"), ("Oʻzbekiston", "uz-latn")}
SRX = "{http://www.w3.org/2005/sparql-results#}"

SELECT = f"SELECT ?l WHERE {{ <{UZ}> <{PREF}> ?l }} ORDER BY ?l"
ASK = f"ASK {{ <{UZ}> <{ISO}> \"UZ\" }}"
CONSTRUCT = f"CONSTRUCT {{ <{UZ}> <{PREF}> ?l }} WHERE {{ <{UZ}> <{PREF}> ?l }}"
DESCRIBE = f"DESCRIBE <{UZ}>"


@pytest.fixture(scope="module")
def endpoint(config):
    with ittifoq_serve("--data", str(ensure_built(config)), "--query-threads", "2") as url:
        yield url + "sparql"


def _call(endpoint, query, fmt, method):
    client = SPARQLWrapper(endpoint)  # default settings, but for the format and the method
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client.query()


def _labels_from_select(fmt, result) -> set[tuple[str, str]]:
    converted = result.convert()
    if fmt == JSON:
        return {(b["l"]["value"], b["l"]["xml:lang"].lower()) for b in converted["results"]["bindings"]}
    if fmt == XML:
        lits = converted.getElementsByTagName("literal")
        return {(n.firstChild.data, n.getAttribute("xml:lang").lower()) for n in lits}
    # CSV and TSV carry no language tags in CSV; TSV writes them as Turtle literals.
    text = converted.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter="," if fmt == CSV else "\t"))
    assert rows[0] == (["l"] if fmt == CSV else ["?l"])
    if fmt == CSV:
        return {(r[0], lang) for r, (_, lang) in zip(rows[1:], sorted(LABELS), strict=True)}
    out = set()
    for (cell,) in rows[1:]:
        value, _, lang = cell.rpartition("@")
        out.add((value.strip('"'), lang.lower()))
    return out


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select(endpoint, fmt, method):
    result = _call(endpoint, SELECT, fmt, method)
    assert _labels_from_select(fmt, result) == LABELS


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_ask(endpoint, fmt, method):
    converted = _call(endpoint, ASK, fmt, method).convert()
    if fmt == JSON:
        assert converted["boolean"] is True
    elif fmt == XML:
        assert converted.getElementsByTagName("boolean")[0].firstChild.data == "true"
    else:  # the CSV/TSV spec does not define ASK; the answer must still say true, not false
        words = converted.decode().split()
        assert "true" in words and "false" not in words


GRAPH_FORMATS = {TURTLE: "turtle", N3: "turtle", XML: "xml", RDFXML: "xml", JSONLD: "json-ld"}


def _graph(fmt, result) -> Graph:
    converted = result.convert()
    if isinstance(converted, Graph):  # RDF/XML and JSON-LD: parsed by SPARQLWrapper itself
        return converted
    return Graph().parse(data=converted, format=GRAPH_FORMATS[fmt])


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("fmt", list(GRAPH_FORMATS))
def test_sparqlwrapper_construct(endpoint, fmt, method):
    g = _graph(fmt, _call(endpoint, CONSTRUCT, fmt, method))
    assert {(str(o), o.language.lower()) for o in g.objects(URIRef(UZ), URIRef(PREF))} == LABELS
    assert len(g) == 2


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("fmt", list(GRAPH_FORMATS))
def test_sparqlwrapper_describe(endpoint, fmt, method):
    g = _graph(fmt, _call(endpoint, DESCRIBE, fmt, method))
    assert (URIRef(UZ), URIRef(ISO), Literal("UZ")) in g
    assert {(str(o), o.language.lower()) for o in g.objects(URIRef(UZ), URIRef(PREF))} == LABELS


def test_sparqlwrapper_n_triples_by_accept(endpoint):
    """SPARQLWrapper has no N-Triples format; a client asking for it by Accept alone (with
    SPARQLWrapper's onlyConneg) gets it."""
    client = SPARQLWrapper(endpoint)
    client.setQuery(CONSTRUCT)
    client.setOnlyConneg(True)
    client.addCustomHttpHeader("Accept", "application/n-triples")
    result = client.query()
    assert result.info()["content-type"].startswith("application/n-triples")
    g = Graph().parse(data=result.response.read(), format="nt")
    assert {(str(o), o.language.lower()) for o in g.objects(URIRef(UZ), URIRef(PREF))} == LABELS


def test_rdflib_sparqlstore(endpoint):
    store = SPARQLStore(endpoint)  # default settings
    g = Graph(store=store)
    labels = {(str(o), o.language.lower()) for o in g.objects(URIRef(UZ), URIRef(PREF))}
    assert labels == LABELS
    about_uz = list(g.triples((URIRef(UZ), None, None)))
    assert (URIRef(UZ), URIRef(ISO), Literal("UZ")) in about_uz
    rows = list(g.query(SELECT))
    assert {(str(r.l), r.l.language.lower()) for r in rows} == LABELS
    assert bool(g.query(ASK)) is True
    # len() counts the default graph's triples through the endpoint (COUNT(*)); the dataset
    # has thousands, and the answer is a positive integer.
    assert len(g) > 1000


def test_sparqlwrapper_json_is_valid_json(endpoint):
    result = _call(endpoint, SELECT, JSON, GET)
    assert json.loads(result.response.read())["head"]["vars"] == ["l"]
