"""Which quote supports which statement.

An evidence annotation names the properties it supports (``ev itt:supports P``, in the
document graph that holds it): it supports what that graph states with ``P`` about the
annotation's fact (its ``oa:hasBody``), every value of it. A statement is thus
(fact, property, value, document graph), and a value two documents state has the quotes of
both, each with its document's tag: where documents differ (a month in one, the day in the
other), each value shows the quotes of the documents that give it.

Evidence that names no property (data written before statements were told apart, or loaded
with ``--data``) supports the whole fact, as every quote did before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from .entity_view import rank
from .evidence_view import EvidenceView, evidence_views
from .i18n import translate
from .lookup import RDF_TYPE, labels_for, rows
from .names import graph_badges, href, label_of, term_view

# What the page's own quotes support: a fact's evidence, or on an evidence's page the evidence
# itself; each supported property with the values the quote's graph states.
OWN_SUPPORTS_QUERY = """
SELECT DISTINCT ?ev ?g ?p ?b ?v WHERE { GRAPH ?g {
  { $this itt:evidence ?ev } UNION { BIND($this AS ?ev) }
  ?ev itt:supports ?p ; oa:hasBody ?b OPTIONAL { ?b ?p ?v }
} }"""
# The quotes of the facts pointing at this resource that support their statement about it.
INCOMING_EVIDENCE_QUERY = """
SELECT DISTINCT ?s ?p ?g ?ev ?doc ?start ?end ?exact WHERE { GRAPH ?g {
  ?s ?p $this . ?s itt:evidence ?ev . ?ev itt:supports ?p ; itt:sourceDocument ?doc ; oa:hasTarget ?t .
  ?t oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end .
  OPTIONAL { ?t oa:hasSelector ?q . ?q oa:exact ?exact }
} }"""

# (fact IRI, property IRI, value term, graph IRI)
Statement = tuple


@dataclass
class Support:
    """What one quote supports: a property of a fact, and the values its graph states."""

    fact: str
    prop: str
    graph: str
    values: list = field(default_factory=list)  # terms


@dataclass
class StatementEvidence:
    """The quotes of a page, and which statements each supports."""

    quotes: dict[str, EvidenceView] = field(default_factory=dict)
    own: set[str] = field(default_factory=set)  # the page's own quotes (its evidence list)
    by_statement: dict[Statement, list[str]] = field(default_factory=dict)
    supports: dict[str, list[Support]] = field(default_factory=dict)

    def refs(self, fact: str, prop: str, value, graphs) -> list[EvidenceView]:
        """The quotes supporting ``fact prop value`` as stated in any of ``graphs``."""
        found: dict[str, EvidenceView] = {}
        for g in graphs:
            for ev in self.by_statement.get((fact, prop, value, g), []):
                if ev in self.quotes:
                    found[ev] = self.quotes[ev]
        return sorted(found.values(), key=lambda e: (e.doc, e.start, e.end))


def collect(this: str, own_evidence: list[EvidenceView], langs: list[str]) -> StatementEvidence:
    """The quotes of ``this`` (its own, already read) and those of the facts pointing at it
    that support their statement about it, with what each supports."""
    found = StatementEvidence(quotes={e.iri: e for e in own_evidence}, own={e.iri for e in own_evidence})
    this_term = ox.NamedNode(this)
    incoming = rows(INCOMING_EVIDENCE_QUERY, this=this)
    for e in evidence_views([r for r in incoming if r["ev"].value not in found.quotes], langs):
        found.quotes[e.iri] = e
    for r in incoming:
        found.by_statement.setdefault((r["s"].value, r["p"].value, this_term, r["g"].value), []).append(r["ev"].value)
    for r in rows(OWN_SUPPORTS_QUERY, this=this):
        ev, g, p, body = r["ev"].value, r["g"].value, r["p"].value, r["b"].value
        supports = found.supports.setdefault(ev, [])
        entry = next((s for s in supports if (s.fact, s.prop, s.graph) == (body, p, g)), None)
        if entry is None:
            entry = Support(body, p, g)
            supports.append(entry)
        if r.get("v") is not None:
            entry.values.append(r["v"])
            found.by_statement.setdefault((body, p, r["v"], g), []).append(ev)
    return found


def describe_supports(found: StatementEvidence, this: str, langs: list[str]) -> None:
    """Give every quote the statements it supports, in words, for the templates: grouped by
    fact (the page's own fact first, unnamed), each property with the values its document states."""
    named = {s.fact for ss in found.supports.values() for s in ss if s.fact}
    named |= {s.prop for ss in found.supports.values() for s in ss}
    named |= {v.value for ss in found.supports.values() for s in ss for v in s.values if hasattr(v, "value")}
    labels_for(named)
    for ev, quote in found.quotes.items():
        if ev not in found.own:
            continue  # another fact's quote, shown under its statement pointing here by its words only
        facts: dict[str, dict] = {}
        for s in sorted(found.supports.get(ev, []), key=lambda s: (s.fact != this, s.fact, rank(s.prop), s.prop)):
            if s.fact not in facts:
                label, lang = label_of(s.fact, langs) if s.fact else ("", "")
                facts[s.fact] = {"fact": label if s.fact != this else "", "fact_lang": lang,
                                 "fact_href": href(s.fact) if s.fact else None, "props": []}
            prop_label, prop_lang = (translate("ev.type"), "") if s.prop == RDF_TYPE else label_of(s.prop, langs)
            facts[s.fact]["props"].append({
                "prop": prop_label, "prop_lang": prop_lang, "prop_href": href(s.prop),
                "values": [term_view(v, langs) for v in s.values], "graph": graph_badges([s.graph])[0],
            })
        quote.supports = list(facts.values())
        quote.whole_fact = ev not in found.supports


def attach_refs(groups: list[dict], found: StatementEvidence, fact: str, graphs: set[str] | None = None) -> None:
    """Each value of each statement group of ``fact`` gets the quotes supporting it, as
    stated in the value's graphs (or in ``graphs``)."""
    for group in groups:
        for v in group["values"]:
            stated_in = graphs if graphs is not None else [b["iri"] for b in v.graphs]
            v.refs = found.refs(fact, group["iri"], v.term, stated_in) if v.term is not None else []
