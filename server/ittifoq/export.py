"""Export the dataset in the usual RDF formats, by Oxigraph's serialisers.

Quad formats (N-Quads, TriG, JSON-LD) keep the named graphs; triple formats (Turtle,
N-Triples, RDF/XML) hold the union of all graphs, as a default-graph view.
"""

from __future__ import annotations

import pyoxigraph as ox

from .errors import UsageError
from .store import KnowledgeGraph

FORMATS = {
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "trig": (ox.RdfFormat.TRIG, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "rdfxml": (ox.RdfFormat.RDF_XML, False),
}
EXTENSIONS = {"nq": "nquads", "trig": "trig", "jsonld": "jsonld", "ttl": "turtle", "nt": "ntriples", "rdf": "rdfxml"}

EXPORT_PREFIXES = {
    "itt": "https://w3id.org/ittifoq/ontology/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "oa": "http://www.w3.org/ns/oa#",
    "dct": "http://purl.org/dc/terms/",
}


def export(kg: KnowledgeGraph, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    rdf_format, keeps_graphs = FORMATS[fmt]
    if keeps_graphs:
        quads = sorted(kg.store.quads_for_pattern(None, None, None), key=str)
        return ox.serialize(quads, format=rdf_format, prefixes=_prefixes(rdf_format))
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in kg.store.quads_for_pattern(None, None, None)}
    return ox.serialize(sorted(triples, key=str), format=rdf_format, prefixes=_prefixes(rdf_format))


def _prefixes(fmt: ox.RdfFormat):
    return EXPORT_PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML) else None
