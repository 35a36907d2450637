"""Turning accepted candidates into house-style Turtle in ``data/facts/{slug}.ttl``.

A mention becomes the surface form a curator would write: ``entity skos:altLabel "form"@tag``,
the form as written in the text with the case ending left out where the bare stem stands
verbatim ("Тошкентда" → "Тошкент"), tagged with the language of its paragraph. A date becomes
a statement on a subject the curator names (``--subject``, ``--property``), with its evidence
quote and, for a year from the publication date, its ``itt:derivation``.
"""

from __future__ import annotations

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
    "skos": ns.SKOS, "dct": ns.DCT, "xsd": ns.XSD,
}


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


def mention_turtle(c: Candidate, text: str, languages: tuple[str, ...]) -> str:
    tag = language_at(text, c.start, languages)
    return f"{curie(c.body_iri)} skos:altLabel {turtle.lang_literal(surface_form(c), tag)} .\n"


def evidence(c: Candidate) -> str:
    parts = [f"oa:exact {turtle.string(c.exact)}"]
    if c.prefix:
        parts.append(f"oa:prefix {turtle.string(c.prefix)}")
    if c.suffix:
        parts.append(f"oa:suffix {turtle.string(c.suffix)}")
    return "itt:evidence [ " + " ; ".join(parts) + " ]"


def date_turtle(c: Candidate, subject: str, prop: str) -> str:
    """``subject prop date`` (and itt:endDate for a range) with the quote as evidence."""
    lines = [f"{curie(subject)} {curie(prop)} {turtle.typed(*c.start_date)} ;"]
    if c.end_date:
        lines.append(f"    itt:endDate {turtle.typed(*c.end_date)} ;")
    if c.derivation:
        lines.append(f"    itt:derivation {turtle.lang_literal(c.derivation, 'en')} ;")
    lines.append(f"    {evidence(c)} .")
    return "\n".join(lines) + "\n"


def event_turtle(c: Candidate) -> str:
    """This document's statement of an event the graph already holds: its class, roles and
    dates as this document gives them, with this document's evidence."""
    lines = [f"{curie(c.corroborates)} a itt:{c.event_class} ;"]
    for prop in ("visitor", "hostState", "location", "ofBody"):
        if prop in c.roles:
            lines.append(f"    itt:{prop} {curie(c.roles[prop])} ;")
    dates = f"    itt:startDate {turtle.typed(*c.start_date)} ;"
    if c.end_date:
        dates = dates[:-2] + f" ; itt:endDate {turtle.typed(*c.end_date)} ;"
    lines.append(dates)
    if c.derivation:
        lines.append(f"    itt:derivation {turtle.lang_literal(c.derivation, 'en')} ;")
    lines.append(f"    {evidence(c)} .")
    return "\n".join(lines) + "\n"


def agreement_turtle(c: Candidate) -> str:
    """This document's statement of an agreement the graph already holds: its class, the
    parties it names and the date of signing it gives, with this document's evidence."""
    lines = [f"{curie(c.corroborates)} a itt:{c.event_class} ;"]
    parties = sorted(v for k, v in c.roles.items() if k.startswith("party"))
    if parties:
        lines.append("    itt:party " + " , ".join(curie(p) for p in parties) + " ;")
    if c.start_date:
        lines.append(f"    itt:signingDate {turtle.typed(*c.start_date)} ;")
    if c.derivation:
        lines.append(f"    itt:derivation {turtle.lang_literal(c.derivation, 'en')} ;")
    lines.append(f"    {evidence(c)} .")
    return "\n".join(lines) + "\n"
