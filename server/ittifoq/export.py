"""Export the dataset in the usual RDF formats, by Oxigraph's serialisers.

Quad formats (N-Quads, TriG, JSON-LD) keep the named graphs; triple formats (Turtle,
N-Triples, RDF/XML) hold the union of all graphs, as a default-graph view. Works on the
embedded store and on a remote backend (whose quads are read through SPARQL).
"""

from __future__ import annotations

import pyoxigraph as ox

from .errors import UsageError
from .formats import BY_NAME
from .results import GRAPH_FORMATS as FORMATS

EXPORT_PREFIXES = {
    "itt": "https://w3id.org/ittifoq/ontology/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "oa": "http://www.w3.org/ns/oa#",
    "dct": "http://purl.org/dc/terms/",
}
ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def all_quads(kg) -> list[ox.Quad]:
    if getattr(kg, "is_remote", False):
        # A remote backend has no local store to read: ask it for every quad.
        return [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in kg.query(ALL_QUADS)]
    return list(kg.store.quads_for_pattern(None, None, None))


def export(kg, fmt: str) -> bytes:
    if fmt not in FORMATS:  # before reading every quad, not after
        raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return export_quads(all_quads(kg), fmt)


def export_quads(quads, fmt: str) -> bytes:
    """The quads in ``fmt``, sorted, so the same data always gives the same bytes."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    rdf_format = FORMATS[fmt]
    if rdf_format.supports_datasets:
        items = sorted(set(quads), key=str)
    else:
        items = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
    prefixes = EXPORT_PREFIXES if BY_NAME[fmt].takes_prefixes else None
    return ox.serialize(items, format=rdf_format, prefixes=prefixes)
