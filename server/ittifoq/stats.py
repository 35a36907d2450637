"""Counts that describe the dataset: triples per graph, instances per class."""

from __future__ import annotations

from .store import KnowledgeGraph

TRIPLES_PER_GRAPH = """
SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } }
GROUP BY ?graph ORDER BY ?graph
"""

INSTANCES_PER_CLASS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?instances) WHERE {
  GRAPH ?g { ?s a ?class }
  FILTER(STRSTARTS(STR(?s), "https://w3id.org/ittifoq/id/"))
}
GROUP BY ?class ORDER BY DESC(?instances) ?class
"""


def triples_per_graph(kg: KnowledgeGraph) -> list[tuple[str, int]]:
    return [(r["graph"].value, int(r["triples"].value)) for r in kg.query(TRIPLES_PER_GRAPH)]


def default_graph_triples(kg: KnowledgeGraph) -> int:
    """Triples in the dataset's own default graph (the consolidated view of a build)."""
    import pyoxigraph as ox

    return sum(1 for _ in kg.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def instances_per_class(kg: KnowledgeGraph) -> list[tuple[str, int]]:
    return [(r["class"].value, int(r["instances"].value)) for r in kg.query(INSTANCES_PER_CLASS)]
