"""Turning accepted candidates into house-style Turtle (``data/facts/{slug}.ttl``).

A mention becomes the surface form a curator would write: ``entity skos:altLabel "form"@tag``,
the form as written in the text with the case ending left out where the bare stem stands
verbatim ("Тошкентда" → "Тошкент"), tagged with the language of its paragraph. A fact (an
event, an agreement, a figure, or a date on a subject the curator names) becomes one subject
block: its class, its statements in a fixed order, its notes, and one evidence bracket naming
the properties the quote supports (``itt:supports``; notes never count as supported).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import namespaces as ns
from ..text.normalize import fold
from . import turtle
from .candidates import Candidate
from .langid import detect, paragraphs

PREFIXES = {
    "itt": ns.ITT, "state": ns.ID + "state/", "person": ns.ID + "person/", "office": ns.ID + "office/",
    "organization": ns.ID + "organization/", "place": ns.ID + "place/", "event": ns.ID + "event/",
    "agreement": ns.ID + "agreement/", "observation": ns.ID + "observation/", "relation": ns.ID + "relation/",
    "membership": ns.ID + "membership/", "holding": ns.ID + "holding/", "chairmanship": ns.ID + "chairmanship/",
    "cooperation": ns.ID + "cooperation/", "decision": ns.ID + "decision/", "oa": ns.OA, "org": ns.ORG,
    "rdf": ns.RDF, "skos": ns.SKOS, "dct": ns.DCT, "xsd": ns.XSD,
}
# Statements about the statements, never supported by a quote (itt:supports leaves them out).
NOTES = frozenset({"itt:interpretation", "itt:derivation", "dct:description", "rdfs:comment", "skos:note",
                   "skos:altLabel", "itt:acronym", "itt:timeNotStated"})
# Statements written on one line when they follow each other, as the hand-written files do.
_LINES = ({"itt:startDate", "itt:endDate"}, {"itt:periodStart", "itt:periodEnd"},
          {"itt:signingDate", "itt:validUntil"},
          {"itt:indicator", "itt:refArea", "itt:counterpart", "itt:combinedArea"},
          {"itt:value", "itt:unit", "itt:observationKind", "itt:valueQualifier"})


def header(slug: str) -> str:
    width = max(len(p) for p in PREFIXES) + 2
    lines = [f"# Facts stated by document {slug}, accepted from suggestions with `ittifoq review`."]
    lines += [f"@prefix {(p + ':').ljust(width)}<{iri}> ." for p, iri in PREFIXES.items()]
    return "\n".join(lines) + "\n"


def curie(iri: str) -> str:
    best = max((p for p, base in PREFIXES.items() if iri.startswith(base)), key=lambda p: len(PREFIXES[p]),
               default=None)
    if best is None:
        return turtle.iri(iri)
    local = iri[len(PREFIXES[best]) :]
    if local and all(c.isalnum() or c in "-_" for c in local):
        return f"{best}:{local}"
    return turtle.iri(iri)


def surface_form(c: Candidate) -> str:
    """The mention without its case ending, when the ending is known and the stem is a prefix."""
    ending = next((f.split(":", 1)[1].split("@")[0].lstrip("-") for f in c.features if f.startswith("ending:")), "")
    if not ending:
        return c.exact
    target = fold(c.exact).replace(" ", "")[: -len(ending)]
    for k in range(len(c.exact) - 1, 0, -1):
        if fold(c.exact[:k]).replace(" ", "") == target:
            return c.exact[:k]
    return c.exact


def language_at(text: str, position: int, languages: tuple[str, ...]) -> str:
    """The document language of the paragraph holding ``position``."""
    for start, end in paragraphs(text):
        if start <= position < end:
            tag = detect(text[start:end]).tag
            if tag in languages:
                return tag
    return languages[0]


def mention_turtle(c: Candidate, text: str, languages: tuple[str, ...], form: str | None = None) -> str:
    if ("inferred" in c.features or "variant" in c.features) and not form:
        # An inferred link (an office's holder, both states' offices), or a name written with an
        # ordinal or a derived word inside (grow/tolerant.py): its words are no name of it.
        return ""
    tag = language_at(text, c.start, languages)
    return f"{curie(c.body_iri)} skos:altLabel {turtle.lang_literal(form or surface_form(c), tag)} .\n"


@dataclass
class Draft:
    """One subject block of a facts file: what a curator accepts, after any edits."""

    subject: str  # IRI
    cls: str | None  # itt class local name; None adds statements to a subject typed elsewhere
    statements: list[tuple[str, list[str]]]  # (property CURIE, objects as Turtle terms), in order
    exact: str
    prefix: str | None = None
    suffix: str | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)  # (property CURIE, Turtle term)

    def supported(self) -> list[str]:
        props = (["rdf:type"] if self.cls else []) + [p for p, _ in self.statements]
        return [p for p in dict.fromkeys(props) if p not in NOTES]


def evidence(d: Draft) -> str:
    parts = [f"oa:exact {turtle.string(d.exact)}"]
    if d.prefix:
        parts.append(f"oa:prefix {turtle.string(d.prefix)}")
    if d.suffix:
        parts.append(f"oa:suffix {turtle.string(d.suffix)}")
    parts.append("itt:supports " + " , ".join(d.supported()))
    return "itt:evidence [ " + " ; ".join(parts) + " ]"


def fact_turtle(d: Draft) -> str:
    lines: list[str] = []
    pending = list(d.statements)
    while pending:
        prop, objects = pending.pop(0)
        line = f"{prop} {' , '.join(objects)}"
        group = next((g for g in _LINES if prop in g), set())
        while pending and pending[0][0] in group:
            more, values = pending.pop(0)
            line += f" ; {more} {' , '.join(values)}"
        lines.append(line)
    lines += [f"{p} {o}" for p, o in d.notes]
    lines.append(evidence(d))
    first = f"{curie(d.subject)} a itt:{d.cls} ;" if d.cls else f"{curie(d.subject)} {lines.pop(0)} ;"
    body = [f"    {x} ;" for x in lines]
    body[-1] = body[-1][:-2] + " ."
    return "\n".join([first, *body]) + "\n"


def date_turtle(c: Candidate, subject: str, prop: str) -> str:
    """``subject prop date`` (and itt:endDate for a range) with the quote as evidence."""
    statements = [(curie(prop), [turtle.typed(*c.start_date)])]
    if c.end_date:
        statements.append(("itt:endDate", [turtle.typed(*c.end_date)]))
    notes = [("itt:derivation", turtle.lang_literal(c.derivation, "en"))] if c.derivation else []
    return fact_turtle(Draft(subject, None, statements, c.exact, c.prefix, c.suffix, notes))


def labels_turtle(subject: str, labels: dict[str, str]) -> str:
    """The preferred labels (our names, not a document's words) of a node a curator creates."""
    values = " , ".join(turtle.lang_literal(labels[tag], tag) for tag in ("en", "uz-Latn"))
    return f"{curie(subject)} skos:prefLabel {values} .\n"


def entity_turtle(subject: str, cls: str, labels: dict[str, str], links: list[tuple[str, str]]) -> str:
    """A new entity for the reference data: class, preferred labels, and its required links."""
    lines = [f"{curie(subject)} a itt:{cls} ;",
             "    skos:prefLabel " + " , ".join(turtle.lang_literal(labels[t], t) for t in ("en", "uz-Latn")) + " ;"]
    lines += [f"    {prop} {curie(value)} ;" for prop, value in links]
    lines[-1] = lines[-1][:-2] + " ."
    return "\n".join(lines) + "\n"
