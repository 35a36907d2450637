"""The superclass closure the pages use (ittifoq.web.class_hierarchy)."""

from __future__ import annotations

from ittifoq.web.class_hierarchy import superclass_closure


def test_closure_follows_chains_and_includes_the_class_itself():
    got = superclass_closure([("A", "B"), ("B", "C"), ("D", "C")])
    assert got == {"A": {"A", "B", "C"}, "B": {"B", "C"}, "D": {"D", "C"}}


def test_a_cycle_ends():
    assert superclass_closure([("A", "B"), ("B", "A")]) == {"A": {"A", "B"}, "B": {"A", "B"}}


def test_the_ontology_s_classes(kg):
    """itt:Summit is an itt:Event (ontology/ittifoq.ttl), through the direct statements only."""
    from ittifoq.web.class_hierarchy import DIRECT_SUBCLASS_QUERY

    rows = kg.query(DIRECT_SUBCLASS_QUERY)
    closure = superclass_closure((r["c"].value, r["super"].value) for r in rows)
    itt = "https://w3id.org/ittifoq/ontology/"
    assert itt + "Event" in closure[itt + "Summit"]
    # Only classes with a superclass are listed: no reflexive pair for every node.
    assert len(closure) < 200
