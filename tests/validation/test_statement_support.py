"""Evidence per statement in the shapes (``itts:StatementSupportShape``): on a hand-made graph,
a statement no evidence of its document supports is a violation naming the statement, and the
same graph passes once an evidence names the statement's property with ``itt:supports``."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from ittifoq import namespaces as ns
from ittifoq.config import Config
from ittifoq.validation import ITTS, validate

CONFIG = Config(ROOT)
BASE = ROOT / "tests" / "shapes" / "base.trig"
SHAPE = ITTS + "StatementSupportShape"
VISIT = ns.ID + "event/fixture-visit"

# A visit in the toy document's graph with an evidence of its own (an annotation reduced to what
# this shape reads); SUPPORTS is what the evidence says it supports.
GRAPH = """
@prefix itt:   <https://w3id.org/ittifoq/ontology/> .
@prefix graph: <https://w3id.org/ittifoq/graph/> .
@prefix rdf:   <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix doc:   <https://w3id.org/ittifoq/id/document/> .
@prefix state: <https://w3id.org/ittifoq/id/state/> .
@prefix person: <https://w3id.org/ittifoq/id/person/> .
@prefix event: <https://w3id.org/ittifoq/id/event/> .
@prefix oa:    <http://www.w3.org/ns/oa#> .
@prefix dct:   <http://purl.org/dc/terms/> .
@prefix xsd:   <http://www.w3.org/2001/XMLSchema#> .

graph:fixture-doc {
    event:fixture-visit a itt:StateVisit ;
        itt:visitor person:shavkat-mirziyoyev ;
        itt:hostState state:KZ , state:UZ ;
        itt:startDate "2017-03-22"^^xsd:date ;
        dct:description "A hand-made visit."@en ;
        itt:evidence <https://w3id.org/ittifoq/id/evidence/fixture-doc/100-161> .
    <https://w3id.org/ittifoq/id/evidence/fixture-doc/100-161> oa:hasBody event:fixture-visit ;
        itt:supports SUPPORTS .
}
"""


def _results(tmp_path: Path, supports: str) -> set[tuple[str, str, str]]:
    path = tmp_path / "visit.trig"
    path.write_text(GRAPH.replace("SUPPORTS", supports), encoding="utf-8")
    report = validate(CONFIG, files=[BASE, path], check=False)
    return {(r.path, r.value, r.severity) for r in report.results if r.shape == SHAPE and r.focus_node == VISIT}


def test_a_statement_without_support_is_a_violation(tmp_path):
    # The evidence supports the type and the visitor: the host states and the date have none.
    # The description is the curator's and needs none.
    found = _results(tmp_path, "rdf:type , itt:visitor")
    assert found == {(ns.ITT + "hostState", f"<{ns.ID}state/KZ>", "Violation"),
                     (ns.ITT + "hostState", f"<{ns.ID}state/UZ>", "Violation"),
                     (ns.ITT + "startDate", f'"2017-03-22"^^<{ns.XSD}date>', "Violation")}


def test_every_value_of_a_supported_property_is_supported(tmp_path):
    assert _results(tmp_path, "rdf:type , itt:visitor , itt:hostState , itt:startDate") == set()


def test_a_type_needs_support_too(tmp_path):
    assert _results(tmp_path, "itt:visitor , itt:hostState , itt:startDate") == {
        (ns.RDF + "type", f"<{ns.ITT}StateVisit>", "Violation")}
