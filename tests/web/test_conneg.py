"""The format rule of ittifoq.web.conneg: format parameters (format, output, results) before
Accept, as SPARQLWrapper and the other clients send them."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from ittifoq.errors import UsageError
from ittifoq.web import conneg

R, G = conneg.RESULT_OFFERS, conneg.GRAPH_OFFERS


def _choose(pairs, offers, accept=None):
    return conneg.choose(accept, conneg.format_params(MultiDict(pairs)), offers).name


def test_every_format_parameter_is_read():
    assert _choose([("output", "csv")], R) == "csv"
    assert _choose([("results", "tsv")], R) == "tsv"
    assert _choose([("format", "tsv"), ("format", "text/tab-separated-values"), ("output", "tsv")], R) == "tsv"


def test_values_naming_nothing_are_ignored_beside_one_that_names_an_offer():
    # SPARQLWrapper's RDF/XML and JSON-LD requests.
    pairs = [("format", "rdf+xml"), ("format", "application/rdf+xml"), ("output", "rdf+xml")]
    assert _choose(pairs, G) == "rdfxml"
    pairs = [("format", "json-ld"), ("format", "application/ld+json,application/x-json+ld")]
    assert _choose(pairs, G) == "jsonld"


def test_n3_gets_turtle():
    assert _choose([("format", "n3")], G, accept="text/rdf+n3") == "turtle"
    assert conneg.negotiate("text/n3", G).name == "turtle"


def test_parameters_asking_for_different_formats_are_a_400():
    with pytest.raises(UsageError, match="different formats"):
        _choose([("format", "json"), ("output", "xml")], R)


def test_only_unknown_values_are_a_406_even_with_a_matching_accept():
    with pytest.raises(conneg.NotAcceptable, match="bogus"):
        _choose([("format", "bogus")], R, accept="application/sparql-results+json")


def test_without_parameters_accept_decides():
    assert _choose([], R, accept="text/csv") == "csv"
    assert _choose([], G) == "turtle"
