"""Export the dataset in the usual RDF formats, by Oxigraph's serialisers.

Quad formats (N-Quads, TriG, JSON-LD) keep the default and the named graphs; triple formats
(Turtle, N-Triples, RDF/XML) hold the default graph (a build's consolidated view), or the union
of all graphs when the dataset has no default graph. Works on the
embedded store and on a remote backend (whose quads are read through SPARQL).

The same data always gives the same bytes: statements are sorted, and blank nodes are
labelled by RDF Dataset Canonicalization (RDFC-1.0), because Oxigraph gives them new random
labels on every load, so two exports of one dataset would otherwise differ.
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
    from .store import Remote

    if isinstance(kg.source, Remote):
        # A remote backend has no local store to read: ask it for every quad.
        quads = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in kg.query(ALL_QUADS)]
        if kg.has_own_default_graph():  # which is then the default graph of its queries
            default = ox.DefaultGraph()
            quads += [ox.Quad(r["s"], r["p"], r["o"], default) for r in kg.query("SELECT * WHERE { ?s ?p ?o }")]
        return quads
    return list(kg.store.quads_for_pattern(None, None, None))


def export(kg, fmt: str) -> bytes:
    if fmt not in FORMATS:  # before reading every quad, not after
        raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return export_quads(all_quads(kg), fmt)


def _has_blank_node(q: ox.Quad) -> bool:
    return isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) or (
        isinstance(q.graph_name, ox.BlankNode))


def canonical_quads(quads) -> list[ox.Quad]:
    """``quads`` (a set) with blank nodes relabelled by RDFC-1.0, sorted.

    RDFC-1.0 labels a blank node from the quads that mention blank nodes only, so only those
    are canonicalised: the same labels as for the whole dataset, at a fraction of the cost on
    large data (the algorithm's worst case is exponential in the number of blank nodes)."""
    plain, with_blanks = [], []
    for q in set(quads):
        (with_blanks if _has_blank_node(q) else plain).append(q)
    if with_blanks:
        ds = ox.Dataset(with_blanks)
        ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        plain.extend(ds)
    return sorted(plain, key=str)


def export_quads(quads, fmt: str) -> bytes:
    """The quads in ``fmt``, canonically labelled and sorted, so the same data always gives
    the same bytes."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    rdf_format = FORMATS[fmt]
    quads = list(quads)
    if rdf_format.supports_datasets:
        items = canonical_quads(quads)
    else:
        # A dataset with a default graph (a build: its consolidated view) is seen through it;
        # one without is seen as the union of its graphs.
        default = [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
        union = {ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in default or quads}
        items = [ox.Triple(q.subject, q.predicate, q.object) for q in canonical_quads(union)]
    prefixes = EXPORT_PREFIXES if BY_NAME[fmt].takes_prefixes else None
    return ox.serialize(items, format=rdf_format, prefixes=prefixes)
