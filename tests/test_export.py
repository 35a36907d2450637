"""Export then re-import gives the same dataset in every format: named graphs where the
format holds them, language tags, datatypes, Cyrillic text and every Uzbek apostrophe intact."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from ittifoq.export import FORMATS, export

PARSE = {
    "nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD,
    "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML,
}


def canonical(quads) -> set[ox.Quad]:
    ds = ox.Dataset(quads)
    ds.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return set(ds)


def original(kg, keep_graphs: bool) -> set[ox.Quad]:
    if keep_graphs:
        return canonical(kg.store.quads_for_pattern(None, None, None))
    # A triple format holds the dataset's default graph: the build's consolidated view.
    return canonical(kg.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_round_trip(kg, fmt):
    keeps_graphs = FORMATS[fmt].supports_datasets
    data = export(kg, fmt)
    back = canonical(ox.parse(input=data, format=PARSE[fmt]))
    assert back == original(kg, keeps_graphs)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_multilingual_literals_survive(kg, fmt):
    data = export(kg, fmt)
    back = {q.object for q in ox.parse(input=data, format=PARSE[fmt]) if isinstance(q.object, ox.Literal)}
    assert ox.Literal("Oʻzbekiston", language="uz-Latn") in back
    assert ox.Literal("Ўзбекистон", language="uz-Cyrl") in back
    assert ox.Literal("Өзбекстан", language="kaa") in back
    assert ox.Literal("1992-11-23", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")) in back
    # One document gives the month of the diplomatic relations only: in its graph, not in the
    # consolidated default graph that a triple format holds (the other gives the day).
    month = ox.Literal("1992-11", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYearMonth"))
    assert (month in back) == FORMATS[fmt].supports_datasets
    # The full text of the Latin-script article holds all four apostrophe characters and U+02BC.
    texts = [lit.value for lit in back if "Asosiy qism" in lit.value]
    assert texts, "document text lost"
    for ch in "ʻ‘’ʼ'":
        assert ch in texts[0]


@pytest.mark.parametrize("fmt,rdflib_format", [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_rdflib_reads_the_quad_exports(kg, fmt, rdflib_format):
    ds = rdflib.Dataset()
    ds.parse(data=export(kg, fmt), format=rdflib_format)
    graph_names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert set(kg.named_graphs()) <= graph_names
    doc_graph = "https://w3id.org/ittifoq/graph/dunyo-strategic-partnership-new-era"
    ours = rdflib.Graph().parse(data=ox.serialize(
        [ox.Triple(q.subject, q.predicate, q.object) for q in
         kg.store.quads_for_pattern(None, None, None, ox.NamedNode(doc_graph))],
        format=ox.RdfFormat.N_TRIPLES), format="nt")
    assert isomorphic(ds.graph(rdflib.URIRef(doc_graph)), ours)
