"""The engine-faithful lexer (``ittifoq.sparql_lexer``): its terminals and its readings."""

from __future__ import annotations

import pytest

from ittifoq import sparql_lexer as lexer


@pytest.mark.parametrize("word,found", [
    ("SERVICE", [("SERVICE", "")]),
    ("SERVICESILENT", [("SERVICE", "SILENT")]),
    ("trueSERVICE", [("SERVICE", "")]),
    ("ſERVICE", []),  # the engine folds ASCII letters only
    ("download", []),  # "down" is no word the engine reads before LOAD
    ("notLOAD", [("LOAD", "")]),
])
def test_keywords_are_found_where_the_engine_reads_them(word, found):
    assert lexer.keyword_splits(word) == found


def test_codepoint_escapes_name_scalar_values_only():
    assert lexer.decode_uchars(r"a\u0041\\u0041") == r"aA\\u0041"
    assert lexer.decode_uchars(r"\uD800") is None
    assert lexer.decode_uchars(r"\U00110000") is None


@pytest.mark.parametrize("text,kinds", [
    ("x:a.b.c", ["pname", "punct", "word"]),  # spargebra's PN_LOCAL takes one group of dots
    ("id:x\\# .", ["pname", "punct"]),
    ("'''a''' \"b\" 'c''d'", ["string", "string", "string", "string"]),
    ("\"x\"@en--ltr <<( ?s ?p ?o )>>", ["string", "langtag", "open", "open", "var", "var", "var", "close", "close"]),
    ("1.e5 .5 1. _:b.c", ["number", "number", "number", "punct", "bnode"]),
])
def test_the_usual_reading(text, kinds):
    assert [t.kind for t in lexer.tokens(text)] == kinds


def test_readings_that_meet_are_merged():
    """Every IRI after an operand forks (operator or IRI); the readings rejoin, so a long
    query costs states in proportion to its length, not to 2 ** its IRIs."""
    text = "SELECT * { " + " ".join(f'?s <http://e/p#{i}> "v" .' for i in range(2000)) + " }"
    scan = lexer.scan(text, max_depth=64)
    assert scan.unreadable is None and scan.outbound == [] and scan.depth == 1
