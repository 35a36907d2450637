"""Candidates: what the suggester proposes, written to ``data/candidates/{slug}.trig``.

Each candidate is a W3C Web Annotation (``oa:Annotation``) on the document: its body is the
proposed link (an entity IRI, motivation ``oa:identifying``) or value (a date, motivation
``oa:describing``), its target the exact quote with a TextQuoteSelector and a
TextPositionSelector. The review vocabulary (``review:``) adds what Web Annotation has no
terms for: confidence, features, alternatives, the rule and its version, the review status
and reason, and the candidate's identity. The identity is the document, the quote in its
context and the assertion, not the offsets alone, so a decision survives a re-run.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .. import namespaces as ns
from . import turtle

REVIEW = ns.BASE + "review#"
CANDIDATE_GRAPH = ns.GRAPH + "candidates/"
STATUSES = ("Pending", "Accepted", "Rejected", "Deferred")


@dataclass
class Candidate:
    kind: str  # Mention | Date | Event
    assertion: str  # e.g. "link https://…/person/x", "date 2022-12-21/2022-12-22"
    exact: str
    prefix: str | None
    suffix: str | None
    start: int
    end: int
    confidence: float
    rule: str
    version: str
    body_iri: str | None = None  # the entity linked (mentions)
    start_date: tuple[str, str] | None = None  # (lexical, xsd local name)
    end_date: tuple[str, str] | None = None
    derivation: str | None = None
    features: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)
    status: str = "Pending"
    reason: str | None = None
    context_before: str = ""
    context_after: str = ""
    known_identity: str | None = None  # as read back from a candidates file
    figure: tuple[float, str, str] | None = None  # value, itt:Unit and itt:ValueQualifier local names
    occurrence: int = 0  # the n-th candidate with the same quote, context and assertion (repeated passages)
    event_class: str | None = None  # local name of the ontology class (events, agreements)
    roles: dict[str, str] = field(default_factory=dict)  # itt property local name → IRI (events)
    corroborates: str | None = None  # the event already in the graph this candidate adds to
    label: tuple[str, str] | None = None  # (text, BCP 47 tag): the name of a proposed new entity

    def identity(self, slug: str) -> str:
        if self.known_identity:
            return self.known_identity
        parts = [slug, self.context_before, self.exact, self.context_after, self.assertion]
        key = "\x1f".join(parts + ([str(self.occurrence)] if self.occurrence else []))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    def iri(self, slug: str) -> str:
        return f"{ns.ID}candidate/{slug}/{self.identity(slug)[:16]}"


HEADER = f"""@prefix review: <{REVIEW}> .
@prefix itt:    <{ns.ITT}> .
@prefix oa:     <{ns.OA}> .
@prefix xsd:    <{ns.XSD}> .
@prefix doc:    <{ns.ID}document/> .
@prefix skos:   <{ns.SKOS}> .
"""


def _block(slug: str, c: Candidate) -> str:
    motivation = "oa:identifying" if c.kind in ("Mention", "NewEntity") else "oa:describing"
    lines = [f"    <{c.iri(slug)}> a oa:Annotation , review:Candidate , review:{c.kind}Candidate ;",
             f"        oa:motivatedBy {motivation} ;"]
    if c.body_iri:
        lines.append(f"        oa:hasBody {turtle.iri(c.body_iri)} ;")
    if c.start_date:
        lines.append(f"        review:startDate {turtle.typed(*c.start_date)} ;")
    if c.end_date:
        lines.append(f"        review:endDate {turtle.typed(*c.end_date)} ;")
    if c.derivation:
        lines.append(f"        itt:derivation {turtle.lang_literal(c.derivation, 'en')} ;")
    if c.event_class:
        lines.append(f"        review:factClass itt:{c.event_class} ;")
    for prop, value in sorted(c.roles.items()):
        # party0, party1 … are all itt:party; participant0 … all itt:participant
        prop = next((p for p in ("party", "participant") if prop.startswith(p)), prop)
        lines.append(f"        itt:{prop} {turtle.iri(value)} ;")
    if c.corroborates:
        lines.append(f"        review:corroborates {turtle.iri(c.corroborates)} ;")
    if c.figure:
        value, unit, qualifier = c.figure
        lines.append(f"        itt:value {value} ; itt:unit itt:{unit} ; itt:valueQualifier itt:{qualifier} ;")
    selector = [f"oa:exact {turtle.string(c.exact)}"]
    if c.prefix:
        selector.append(f"oa:prefix {turtle.string(c.prefix)}")
    if c.suffix:
        selector.append(f"oa:suffix {turtle.string(c.suffix)}")
    lines += [
        f"        oa:hasTarget [ oa:hasSource doc:{slug} ;",
        f"            oa:hasSelector [ a oa:TextQuoteSelector ; {' ; '.join(selector)} ] ,",
        f"                [ a oa:TextPositionSelector ; oa:start {c.start} ; oa:end {c.end} ] ] ;",
        f"        review:assertion {turtle.string(c.assertion)} ;",
        f"        review:confidence {c.confidence:.3f} ;",
    ]
    for f in c.features:
        lines.append(f"        review:feature {turtle.string(f)} ;")
    for a in c.alternatives:
        lines.append(f"        review:alternative {turtle.iri(a)} ;")
    lines += [
        f"        review:rule {turtle.string(c.rule)} ; review:ruleVersion {turtle.string(c.version)} ;",
        f"        review:identity {turtle.string(c.identity(slug))} ;",
    ]
    if c.reason:
        lines.append(f"        review:reason {turtle.string(c.reason)} ;")
    lines.append(f"        review:status review:{c.status} .")
    if c.kind == "NewEntity" and c.body_iri and c.label:
        # The proposed entity, described in the candidates graph only (never in the published one).
        lines.append(f"    {turtle.iri(c.body_iri)} a itt:{c.event_class} ; "
                     f"skos:prefLabel {turtle.lang_literal(*c.label)} .")
    return "\n".join(lines)


def to_trig(slug: str, candidates: list[Candidate]) -> str:
    body = "\n\n".join(_block(slug, c) for c in sorted(candidates, key=lambda c: (c.start, c.end, c.assertion)))
    return f"{HEADER}\n<{CANDIDATE_GRAPH}{slug}> {{\n{body}\n}}\n"


def read_decisions(trig: bytes) -> dict[str, tuple[str, str | None]]:
    """identity → (status, reason) of every candidate a curator has decided on."""
    import pyoxigraph as ox

    by_subject: dict[str, dict[str, str]] = {}
    for q in ox.parse(input=trig, format=ox.RdfFormat.TRIG):
        if q.predicate.value.startswith(REVIEW) and isinstance(q.subject, ox.NamedNode):
            by_subject.setdefault(q.subject.value, {})[q.predicate.value[len(REVIEW) :]] = q.object.value
    out: dict[str, tuple[str, str | None]] = {}
    for props in by_subject.values():
        status = props.get("status", "")[len(REVIEW) :]
        if "identity" in props and status and status != "Pending":
            out[props["identity"]] = (status, props.get("reason"))
    return out


def read_candidates(trig: bytes) -> list[Candidate]:
    """The candidates of a file written by :func:`to_trig`, decisions included."""
    import pyoxigraph as ox

    props: dict[object, dict[str, list]] = {}
    for q in ox.parse(input=trig, format=ox.RdfFormat.TRIG):
        props.setdefault(q.subject, {}).setdefault(q.predicate.value, []).append(q.object)

    def one(node, iri, default=None):
        values = props.get(node, {}).get(iri, [])
        return values[0] if values else default

    out = []
    for node, p in props.items():
        kinds = [t.value[len(REVIEW) :] for t in p.get(ns.RDF + "type", []) if t.value.startswith(REVIEW)]
        kind = next((k[: -len("Candidate")] for k in kinds if k != "Candidate"), None)
        if kind is None:
            continue
        target = one(node, ns.OA + "hasTarget")
        quote_sel = pos_sel = None
        for sel in props.get(target, {}).get(ns.OA + "hasSelector", []):
            t = one(sel, ns.RDF + "type").value
            if t == ns.OA + "TextQuoteSelector":
                quote_sel = sel
            elif t == ns.OA + "TextPositionSelector":
                pos_sel = sel

        def text(n, iri):
            v = one(n, iri)
            return v.value if v is not None else None

        def dated(iri, node=node):
            v = one(node, iri)
            return (v.value, v.datatype.value[len(ns.XSD) :]) if v is not None else None

        body = one(node, ns.OA + "hasBody")
        c = Candidate(
            kind=kind, assertion=text(node, REVIEW + "assertion"), exact=text(quote_sel, ns.OA + "exact"),
            prefix=text(quote_sel, ns.OA + "prefix"), suffix=text(quote_sel, ns.OA + "suffix"),
            start=int(text(pos_sel, ns.OA + "start")), end=int(text(pos_sel, ns.OA + "end")),
            confidence=float(text(node, REVIEW + "confidence")), rule=text(node, REVIEW + "rule"),
            version=text(node, REVIEW + "ruleVersion"), body_iri=body.value if body is not None else None,
            start_date=dated(REVIEW + "startDate"), end_date=dated(REVIEW + "endDate"),
            derivation=text(node, ns.ITT + "derivation"),
            features=sorted(v.value for v in p.get(REVIEW + "feature", [])),
            alternatives=sorted(v.value for v in p.get(REVIEW + "alternative", [])),
            status=text(node, REVIEW + "status")[len(REVIEW) :], reason=text(node, REVIEW + "reason"),
        )
        c.known_identity = text(node, REVIEW + "identity")
        cls = one(node, REVIEW + "factClass")
        c.event_class = cls.value[len(ns.ITT) :] if cls is not None else None
        c.roles = {r: one(node, ns.ITT + r).value for r in ("visitor", "hostState", "location", "ofBody")
                   if one(node, ns.ITT + r) is not None}
        parties = sorted(v.value for v in p.get(ns.ITT + "party", []))
        c.roles.update({f"party{i}": v for i, v in enumerate(parties)})
        # Participants in the order the text names them, as the assertion lists them.
        at = {v.value: c.assertion.find(f"={v.value}") for v in p.get(ns.ITT + "participant", [])}
        sides = sorted(at, key=lambda v: (at[v] < 0, at[v], v))
        c.roles.update({f"participant{i}": v for i, v in enumerate(sides)})
        value, unit = one(node, ns.ITT + "value"), one(node, ns.ITT + "unit")
        qual = one(node, ns.ITT + "valueQualifier")
        if value is not None:
            c.figure = (int(value.value), unit.value[len(ns.ITT) :], qual.value[len(ns.ITT) :])
        if kind == "NewEntity" and body is not None:
            name = one(body, ns.SKOS + "prefLabel")
            c.label = (name.value, name.language) if name is not None else None
        corr = one(node, REVIEW + "corroborates")
        c.corroborates = corr.value if corr is not None else None
        out.append(c)
    return sorted(out, key=lambda c: (c.start, c.end, c.assertion))
