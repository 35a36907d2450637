"""The SPARQL 1.1 Service Description that ``GET /sparql`` without a query answers with (or,
for a browser, the query page): the endpoint, its formats and features, the default graph
(the union, or the build's consolidated view) and the named graphs with their sizes where
counting them is cheap."""

from __future__ import annotations

from html import escape

import pyoxigraph as ox
from flask import Response, current_app, request

from .. import formats
from ..namespaces import DCT, RDF, RDFS, SD, VOID
from ..store import OnDisk, Remote
from . import conneg
from .protocol_request import endpoint_url
from .protocol_request import state as _state

FORMATS_NS = formats.W3C_FORMATS
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


def _sd_triples(endpoint: str) -> list[ox.Triple]:
    state = _state()
    settings = state.settings
    N, L = ox.NamedNode, ox.Literal
    sd = lambda local: N(SD + local)  # noqa: E731
    a = N(RDF + "type")
    svc, ds, dg = ox.BlankNode("service"), ox.BlankNode("dataset"), ox.BlankNode("defaultGraph")
    t = [
        ox.Triple(svc, a, sd("Service")),
        ox.Triple(svc, sd("endpoint"), N(endpoint)),
        ox.Triple(svc, N(DCT + "title"), L("ittifoq: relations between Uzbekistan and Kazakhstan", language="en")),
        ox.Triple(svc, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(svc, sd("defaultEntailmentRegime"), N("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(svc, sd("defaultDataset"), ds),
        ox.Triple(ds, a, sd("Dataset")),
        ox.Triple(ds, sd("defaultGraph"), dg),
        ox.Triple(dg, a, sd("Graph")),
    ]
    for f in (*formats.RESULTS, *formats.RDF):
        t.append(ox.Triple(svc, sd("resultFormat"), N(f.w3c_iri)))
    if settings.service_allowlist:
        t.append(ox.Triple(svc, sd("feature"), sd("BasicFederatedQuery")))
    if settings.allow_update:
        t.append(ox.Triple(svc, sd("supportedLanguage"), sd("SPARQL11Update")))
        for f in formats.RDF:
            t.append(ox.Triple(svc, sd("inputFormat"), N(f.w3c_iri)))
    if any(r.rule == "/.well-known/void" for r in current_app.url_map.iter_rules()):
        t.append(ox.Triple(svc, N(RDFS + "seeAlso"), N(state.public_base() + ".well-known/void")))
    if _default_graph_is_the_union(state):
        t.append(ox.Triple(svc, sd("feature"), sd("UnionDefaultGraph")))
    else:
        t.append(ox.Triple(dg, N(DCT + "description"), L(
            "The consolidated view: one statement per fact where the source documents agree (the most precise "
            "date all allow, the most specific compatible types; itt:disputedProperty where they disagree; "
            "prov:wasDerivedFrom the document graphs), with the ontology, reference and corpus graphs. "
            "GRAPH ?g gives what each document says.", language="en")))
    union, counts, names = _graph_sizes(state)
    if union is not None:
        t.append(ox.Triple(dg, N(VOID + "triples"), L(str(union), datatype=N(XSD_INTEGER))))
    for i, name in enumerate(names):
        ng, gr = ox.BlankNode(f"ng{i}"), ox.BlankNode(f"g{i}")
        t += [
            ox.Triple(ds, sd("namedGraph"), ng),
            ox.Triple(ng, a, sd("NamedGraph")),
            ox.Triple(ng, sd("name"), N(name)),
            ox.Triple(ng, sd("graph"), gr),
            ox.Triple(gr, a, sd("Graph")),
        ]
        if name in counts:
            t.append(ox.Triple(gr, N(VOID + "triples"), L(str(counts[name]), datatype=N(XSD_INTEGER))))
    # Oxigraph's Turtle writer groups consecutive triples of one subject.
    order = {}
    for triple in t:
        order.setdefault(triple.subject, len(order))
    return sorted(t, key=lambda triple: order[triple.subject])


def _default_graph_is_the_union(state) -> bool:
    """Whether every triple of the default graph stands in a named graph: then it is the union
    (made a set at load), not a view of its own such as a build's consolidated statements. Only
    asked of data in memory: on a large store or a remote endpoint the answer would cost a scan."""
    if isinstance(state.source, (Remote, OnDisk)):
        return False
    return not state.query("ASK { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")


def _graph_sizes(state):
    """(distinct triples in the default graph, triples per named graph, graph names); sizes are left
    out (None/{}) for a remote endpoint or a store too large to count on a request."""
    names = sorted(r["g"].value for r in state.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"))
    if isinstance(state.source, (Remote, OnDisk)):
        return None, {}, names
    counts = {
        row["g"].value: int(row["n"].value)
        for row in state.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    }
    (row,) = state.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")  # the default graph is a set
    return int(row["n"].value), counts, names


_SD_PREFIXES = {"sd": SD, "void": VOID, "dct": DCT, "rdfs": RDFS, "formats": FORMATS_NS}


def service_description() -> Response:
    state = _state()
    offers = conneg.GRAPH_OFFERS + (conneg.HTML,)
    offer = conneg.choose(request.headers.get("Accept"), conneg.format_params(request.args), offers,
                          "the service description")
    if offer is conneg.HTML:
        if state.query_page is not None:
            return current_app.make_response(state.query_page())
        return Response(_minimal_page(endpoint_url()), mimetype="text/html")
    endpoint = endpoint_url()
    cache = state.__dict__.setdefault("_sd_cache", {})
    key = (endpoint, state.generation, offer.name)
    if key not in cache:
        triples = _sd_triples(endpoint)
        prefixes = _SD_PREFIXES if offer.takes_prefixes else None
        cache.clear() if len(cache) > 32 else None
        cache[key] = ox.serialize(triples, format=offer.ox_format, prefixes=prefixes)
    return Response(cache[key], content_type=offer.content_type)


def _minimal_page(endpoint: str) -> str:
    example = "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SPARQL endpoint</title></head>
<body>
<h1>SPARQL endpoint</h1>
<p>SPARQL 1.1 Protocol endpoint at <code>{escape(endpoint)}</code>.</p>
<form method="get" action="{escape(endpoint)}">
<p><textarea name="query" rows="12" cols="100">{escape(example)}</textarea></p>
<p><label>Format <select name="format">
<option value="json">JSON</option><option value="xml">XML</option><option value="csv">CSV</option>
<option value="tsv">TSV</option><option value="turtle">Turtle (CONSTRUCT/DESCRIBE)</option>
</select></label> <button type="submit">Run</button></p>
</form>
</body></html>
"""
