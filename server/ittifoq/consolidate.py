"""The consolidated view: one statement per fact where the documents agree.

Every document graph keeps exactly what its document says; a fact several documents state is
the same IRI in each of their graphs. The dataset's default graph is not their union but the
consolidated view computed here (the ontology, reference and corpus graphs are added to it
unchanged by the build), in the spirit of Wikidata's "truthy" statements beside the full ones:

- **Single-valued properties** (``SINGLE_VALUED``: dates, numbers, qualifiers, host state; the
  properties the shapes allow once per document graph): the documents agree when they give the
  same value, or, for dates, when every date is a refinement of the most precise one
  (``1992-11`` and ``1992-11-23`` agree, and the view says ``1992-11-23``). When they disagree
  (``1992-11-23`` and ``1992-12``), the view gives no value and marks the property
  ``itt:disputedProperty``; the document graphs keep both values.
- **Types**: the union of the documents' types without a type that is a superclass of another
  (``itt:Visit`` and ``itt:StateVisit`` give ``itt:StateVisit``). Types declared disjoint in the
  ontology (``owl:disjointWith``, ``owl:AllDisjointClasses``) conflict: the view keeps the most
  specific classes every document's type entails and marks ``rdf:type`` disputed.
- **Every other property** (labels, parties, outcomes, evidence, notes…) is a set: the view
  holds the union of what the documents say. Evidence annotations (their IRIs name their
  document) come with all their statements, ``itt:supports`` included, so the quotes behind a
  statement are found in the view (every document's) as in each document graph (its own).
- Each described resource (an IRI under ``/id/``, evidence annotations aside) gets
  ``prov:wasDerivedFrom`` each document graph that describes it. A document statement is thus
  named by its graph: what graph ``G`` says about fact ``X`` is ``GRAPH G { X ?p ?o }``, and the
  corpus says which document a graph is (``?doc itt:factsGraph G``); nanopublications point at
  their assertion graphs the same way.

A document that is silent on a property neither agrees nor disagrees: only documents stating
the property take part in its consolidation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from . import namespaces as ns

RDF_TYPE = ox.NamedNode(ns.RDF + "type")
SUBCLASS_OF = ox.NamedNode(ns.RDFS + "subClassOf")
DISJOINT_WITH = ox.NamedNode(ns.OWL + "disjointWith")
ALL_DISJOINT = ox.NamedNode(ns.OWL + "AllDisjointClasses")
MEMBERS = ox.NamedNode(ns.OWL + "members")
RDF_FIRST = ox.NamedNode(ns.RDF + "first")
RDF_REST = ox.NamedNode(ns.RDF + "rest")
RDF_NIL = ox.NamedNode(ns.RDF + "nil")
WAS_DERIVED_FROM = ox.NamedNode(ns.PROV + "wasDerivedFrom")
DISPUTED = ox.NamedNode(ns.ITT + "disputedProperty")

# The properties a document states at most once per fact (the shapes' OneValuePerDocumentShape
# lists the same ones; tests/test_consolidate.py keeps the two lists equal).
SINGLE_VALUED = frozenset(
    ox.NamedNode(ns.ITT + name)
    for name in (
        "date", "startDate", "endDate", "signingDate", "validFrom", "validUntil", "periodStart", "periodEnd",
        "comparisonPeriod", "value", "changePercent", "changeFactor", "durationDays", "valueQualifier",
        "observationKind", "hostState",
    )
)
# Lexical length of each date precision: a date refines another when it starts with it.
DATE_PRECISION = {ns.XSD + "date": 10, ns.XSD + "gYearMonth": 7, ns.XSD + "gYear": 4}
NUMERIC = {ns.XSD + t for t in ("integer", "decimal", "double", "float", "nonNegativeInteger", "positiveInteger")}

Term = ox.NamedNode | ox.BlankNode | ox.Literal
# subject → predicate → graph → values
Statements = dict[Term, dict[ox.NamedNode, dict[ox.NamedNode, set[Term]]]]


class Ontology:
    """Subclass closure and disjointness, read from the ontology graph's own triples."""

    def __init__(self, triples: Iterable[ox.Triple | ox.Quad]):
        parents: dict[Term, set[Term]] = defaultdict(set)
        disjoint: set[frozenset[Term]] = set()
        rest: dict[Term, Term] = {}
        first: dict[Term, Term] = {}
        member_lists: list[Term] = []
        for t in triples:
            if t.predicate == SUBCLASS_OF:
                parents[t.subject].add(t.object)
            elif t.predicate == DISJOINT_WITH:
                disjoint.add(frozenset((t.subject, t.object)))
            elif t.predicate == MEMBERS:
                member_lists.append(t.object)
            elif t.predicate == RDF_FIRST:
                first[t.subject] = t.object
            elif t.predicate == RDF_REST:
                rest[t.subject] = t.object
        for node in member_lists:
            members = []
            while node in first and len(members) < 10_000:
                members.append(first[node])
                node = rest.get(node, RDF_NIL)
            disjoint.update(frozenset((a, b)) for a in members for b in members if a != b)
        self.parents = dict(parents)
        self.disjoint = disjoint
        self._ancestors: dict[Term, frozenset[Term]] = {}

    def ancestors(self, cls: Term) -> frozenset[Term]:
        """The class and all its superclasses."""
        if cls not in self._ancestors:
            seen, todo = {cls}, [cls]
            while todo:
                for parent in self.parents.get(todo.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            self._ancestors[cls] = frozenset(seen)
        return self._ancestors[cls]

    def compatible(self, a: Term, b: Term) -> bool:
        return not any(frozenset((x, y)) in self.disjoint for x in self.ancestors(a) for y in self.ancestors(b))

    def most_specific(self, classes: Iterable[Term]) -> set[Term]:
        """The classes without those that are a strict superclass of another one."""
        classes = set(classes)
        return {c for c in classes
                if not any(c in self.ancestors(d) and d not in self.ancestors(c) for d in classes if d != c)}


def _date_key(term: Term) -> str | None:
    if isinstance(term, ox.Literal):
        n = DATE_PRECISION.get(term.datatype.value)
        if n is not None and len(term.value) >= n:
            return term.value[:n]
    return None


def _number(term: Term) -> Decimal | None:
    if isinstance(term, ox.Literal) and term.datatype.value in NUMERIC:
        try:
            return Decimal(term.value)
        except InvalidOperation:
            return None
    return None


def agreed_value(values: set[Term]) -> Term | None:
    """The one value that all documents allow, or None when they disagree."""
    if len(values) == 1:
        return next(iter(values))
    keys = {v: _date_key(v) for v in values}
    if all(keys.values()):
        finest = max(values, key=lambda v: (len(keys[v]), str(v)))
        if all(keys[finest].startswith(k) for k in keys.values()) and len(
            {v for v in values if len(keys[v]) == len(keys[finest])}
        ) == 1:
            return finest
        return None
    numbers = {_number(v) for v in values}
    if None not in numbers and len(numbers) == 1:
        return min(values, key=str)  # 2000000000 and 2000000000.0 are one number
    return None


def resolve_types(by_graph: dict[ox.NamedNode, set[Term]], onto: Ontology) -> tuple[set[Term], bool]:
    """(types of the view, whether the documents' types conflict)."""
    stated = set().union(*by_graph.values())
    if all(onto.compatible(a, b) for a in stated for b in stated if a != b):
        return onto.most_specific(stated), False
    # What every document's types entail; the disputed, more specific types stay in their graphs.
    entailed = [set().union(*(onto.ancestors(t) for t in types)) for types in by_graph.values()]
    return onto.most_specific(set.intersection(*entailed)), True


def collect(quads: Iterable[ox.Quad]) -> Statements:
    statements: Statements = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
    for q in quads:
        statements[q.subject][q.predicate][q.graph_name].add(q.object)
    return statements


def _is_described_resource(subject: Term) -> bool:
    return (isinstance(subject, ox.NamedNode) and subject.value.startswith(ns.ID)
            and not subject.value.startswith(ns.ID + "evidence/"))


def consolidate(document_quads: Iterable[ox.Quad], onto: Ontology) -> list[ox.Triple]:
    """The consolidated triples of the document graphs' quads (see the module docstring)."""
    out: list[ox.Triple] = []
    for subject, predicates in collect(document_quads).items():
        graphs: set[ox.NamedNode] = set()
        for predicate, by_graph in predicates.items():
            graphs.update(by_graph)
            if predicate == RDF_TYPE:
                values, disputed = resolve_types(by_graph, onto)
            elif predicate in SINGLE_VALUED:
                value = agreed_value(set().union(*by_graph.values()))
                values, disputed = ({value} if value is not None else set()), value is None
            else:
                values, disputed = set().union(*by_graph.values()), False
            out.extend(ox.Triple(subject, predicate, v) for v in values)
            if disputed:
                out.append(ox.Triple(subject, DISPUTED, predicate))
        if _is_described_resource(subject):
            out.extend(ox.Triple(subject, WAS_DERIVED_FROM, g) for g in graphs)
    return out


def default_graph(quads: list[ox.Quad], document_graphs: set[str]) -> list[ox.Quad]:
    """The dataset's default graph: the other graphs' triples and the documents' consolidated ones."""
    documents = [q for q in quads if q.graph_name.value in document_graphs]
    onto = Ontology(q for q in quads if q.graph_name.value == ns.ONTOLOGY_GRAPH)
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads if q.graph_name.value not in document_graphs}
    triples.update(consolidate(documents, onto))
    default = ox.DefaultGraph()
    return [ox.Quad(_own(t.subject), t.predicate, _own(t.object), default) for t in triples]


def _own(term: Term) -> Term:
    # The default graph's blank nodes (the ontology's lists) are its own, not shared with the
    # graph it copies: a store loading graph by graph (the Graph Store Protocol) keeps the
    # dataset the same, and each graph can be exported on its own.
    return ox.BlankNode("c" + term.value) if isinstance(term, ox.BlankNode) else term
