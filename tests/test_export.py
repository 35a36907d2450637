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
    relation = ox.NamedNode("https://w3id.org/ittifoq/id/relation/uz-kz-diplomatic-relations")
    starts = {q.object for q in ox.parse(input=data, format=PARSE[fmt])
              if q.subject == relation and q.predicate.value.endswith("/ontology/startDate")}
    assert (month in starts) == FORMATS[fmt].supports_datasets
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


def _relabelled(quads: list[ox.Quad]) -> list[ox.Quad]:
    """The same quads with every blank node given a new random label, in reverse order."""
    fresh: dict[ox.BlankNode, ox.BlankNode] = {}

    def term(t):
        return fresh.setdefault(t, ox.BlankNode()) if isinstance(t, ox.BlankNode) else t

    return [ox.Quad(term(q.subject), q.predicate, term(q.object), q.graph_name) for q in reversed(quads)]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_blank_node_labels_and_order_do_not_change_the_bytes(kg, fmt):
    from ittifoq.export import export_quads

    quads = list(kg.store.quads_for_pattern(None, None, None))
    assert sum(isinstance(q.subject, ox.BlankNode) for q in quads) >= 5  # the OWL lists and restrictions
    assert export_quads(_relabelled(quads), fmt) == export_quads(quads, fmt)


def test_blank_nodes_get_rdfc_labels(kg):
    data = export(kg, "nquads").decode("utf-8")
    labels = {t for line in data.splitlines() for t in line.split() if t.startswith("_:")}
    # RDFC-1.0 names the canonical blank nodes c14n0, c14n1, … in order.
    assert labels == {f"_:c14n{i}" for i in range(len(labels))}
    assert len(labels) >= 4


@pytest.mark.slow
def test_two_exports_in_separate_processes_are_identical(project_copy, tmp_path):
    """Each process loads the data afresh, so Oxigraph gives its blank nodes new random ids."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "ITTIFOQ_ROOT": str(project_copy.root)}
    outputs = {}
    for run in ("first", "second"):
        for fmt in sorted(FORMATS):
            out = tmp_path / f"{run}.{fmt}"
            subprocess.run([sys.executable, "-m", "ittifoq", "export", "--format", fmt, "-o", str(out)],
                           env=env, check=True, capture_output=True, timeout=300)
            outputs.setdefault(fmt, []).append(out.read_bytes())
    for fmt, (first, second) in outputs.items():
        assert first == second, f"two exports in {fmt} differ"
