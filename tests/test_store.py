"""`KnowledgeGraph.query` (`ittifoq.store`) runs SPARQL in Oxigraph's engine, never silently
in rdflib's Python engine.

The trap: oxrdflib refuses prepared queries (and some keyword arguments), and rdflib then
evaluates them with its own engine without a word. These tests make rdflib's engine explode
and check that our query paths never reach it, and that the trap is real.
"""

from __future__ import annotations

import pytest
import rdflib.plugins.sparql.processor as processor
from rdflib.plugins.sparql import prepareQuery


@pytest.fixture
def rdflib_engine_forbidden(monkeypatch):
    calls = []

    def boom(self, *args, **kwargs):
        calls.append(args)
        raise AssertionError("rdflib's Python SPARQL engine was used")

    monkeypatch.setattr(processor.SPARQLProcessor, "query", boom)
    return calls


Q = "SELECT ?l WHERE { <https://w3id.org/ittifoq/id/state/UZ> <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"


def test_library_queries_run_in_oxigraph(kg, rdflib_engine_forbidden):
    labels = {r["l"].value for r in kg.query(Q)}
    assert "Uzbekistan" in labels and "Oʻzbekiston" in labels
    assert not rdflib_engine_forbidden


def test_rdflib_api_with_a_string_runs_in_oxigraph(kg, rdflib_engine_forbidden):
    labels = {str(row[0]) for row in kg.dataset.query(Q)}
    assert "Uzbekistan" in labels
    assert not rdflib_engine_forbidden


def test_the_trap_is_real_prepared_queries_fall_back(kg, rdflib_engine_forbidden):
    with pytest.raises(AssertionError, match="Python SPARQL engine was used"):
        kg.dataset.query(prepareQuery(Q))
    assert rdflib_engine_forbidden


def test_library_refuses_prepared_queries(kg):
    with pytest.raises(TypeError, match="strings"):
        kg.query(prepareQuery(Q))
