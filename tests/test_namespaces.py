"""The one IRI shortener (ittifoq.namespaces.shorten), used by the query table, the pages and
the validation report."""

from __future__ import annotations

from ittifoq.namespaces import shorten


def test_longest_namespace_wins():
    assert shorten("https://w3id.org/ittifoq/id/state/UZ") == "state:UZ"
    assert shorten("https://w3id.org/ittifoq/ontology/Summit") == "itt:Summit"
    assert shorten("http://www.w3.org/2004/02/skos/core#prefLabel") == "skos:prefLabel"


def test_only_names_that_read_back_as_written():
    # '/' and '#' would need escapes in a prefixed name; a final '.' ends a Turtle statement.
    assert shorten("https://w3id.org/ittifoq/id/unknown-kind/x") is None
    assert shorten("https://w3id.org/ittifoq/ontology/a#b") is None
    assert shorten("https://w3id.org/ittifoq/ontology/v1.") is None
    assert shorten("https://w3id.org/ittifoq/ontology/v1.2") == "itt:v1.2"
    assert shorten("urn:x") is None


def test_slashes_for_reports():
    evidence = "https://w3id.org/ittifoq/id/evidence/fixture-doc/26-78"
    assert shorten(evidence) is None
    assert shorten(evidence, slashes=True) == "evidence:fixture-doc/26-78"


def test_given_prefixes():
    assert shorten("http://www.w3.org/ns/shacl#Violation", {"sh": "http://www.w3.org/ns/shacl#"}) == "sh:Violation"
    assert shorten("http://www.w3.org/ns/shacl#Violation", {}) is None


def test_the_three_callers_share_it():
    import pyoxigraph as ox

    from ittifoq.results import short
    from ittifoq.validation import shorten as report_shorten
    from ittifoq.web.linked_data import short_name

    iri = "https://w3id.org/ittifoq/id/person/shavkat-mirziyoyev"
    assert short(ox.NamedNode(iri)) == short_name(iri) == report_shorten(iri) == "person:shavkat-mirziyoyev"
    evidence = "https://w3id.org/ittifoq/id/evidence/doc/1-2"
    assert report_shorten(evidence) == "evidence:doc/1-2"
    odd = "https://example.org/a/b#c"
    assert (short(ox.NamedNode(odd)), short_name(odd), report_shorten(odd)) == (f"<{odd}>", "c", f"<{odd}>")
