"""From a candidate and a curator's edits to what gets written: a facts block, and for a node
the curator creates, its preferred labels or entity record for ``data/reference/``.

Edits are property → value pairs as a curator types them (``visitor=person:x``,
``startDate=2023-03-15``, ``party=state:UZ state:KZ``, ``quote=…``); the class is ``class``,
a new node's IRI ``iri`` and its preferred labels ``label@en`` and ``label@uz-Latn``. An edited
quote must still stand in the text, once or with the context the build needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import namespaces as ns
from ..errors import UsageError
from ..evidence import find_all
from . import turtle
from .accept import PREFIXES, Draft, curie, entity_turtle, fact_turtle, labels_turtle
from .candidates import Candidate
from .quotes import quote

EVENT_ROLES = ("visitor", "visitorOffice", "hostState", "ofBody", "location", "chairedBy", "participant")
AGREEMENT_ROLES = ("party", "signatory", "signedDuring")
FIGURE_ROLES = ("indicator", "refArea", "counterpart", "combinedArea")
LABEL_TAGS = ("en", "uz-Latn")
# A new entity: the reference file that holds its kind, its default class and the links its shape needs.
ENTITY_KINDS = {
    "person": ("persons-and-offices.ttl", "Person", ()),
    "office": ("persons-and-offices.ttl", "Office", ("officeOf",)),
    "organization": ("organisations.ttl", "Organization", ()),
    "place": ("places.ttl", "City", ()),
}
_DATE = {r"\d{4}-\d{2}-\d{2}": "date", r"\d{4}-\d{2}": "gYearMonth", r"\d{4}": "gYear"}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*[a-z0-9]$|^[A-Z]{2}$")


@dataclass
class Written:
    """What accepting one candidate writes: facts Turtle, and reference Turtle by file name."""

    facts: str
    reference: dict[str, str]


def expand(value: str) -> str:
    value = value.strip()
    if value.startswith("http"):
        turtle.iri(value)  # refuses what no IRI may hold
        return value
    prefix, sep, local = value.partition(":")
    if not sep or prefix not in PREFIXES:
        raise UsageError(f"{value}: not an IRI or a CURIE with a known prefix ({', '.join(PREFIXES)})")
    return PREFIXES[prefix] + local


def typed_date(lexical: str) -> tuple[str, str]:
    for pattern, datatype in _DATE.items():
        if re.fullmatch(pattern, lexical.strip()):
            return lexical.strip(), datatype
    raise UsageError(f"{lexical}: a date is YYYY-MM-DD, YYYY-MM or YYYY, at the precision the text gives")


def _iris(value: str) -> list[str]:
    return [curie(expand(v)) for v in re.split(r"[\s,]+", value.strip()) if v]


def requote(c: Candidate, text: str, exact: str) -> tuple[str, str | None, str | None]:
    """The quote ``exact`` where it stands nearest the candidate, with the context that locates it."""
    spans = find_all(text, exact)
    if not spans:
        raise UsageError(f"the quote {exact!r} is not in the document's text (copy it from the text)")
    start, end = min(spans, key=lambda s: abs(s[0] - c.start))
    q = quote(text, start, end)
    return q.exact, q.prefix, q.suffix


def _new_node(edits: dict[str, str], what: str) -> tuple[str, dict[str, str]]:
    missing = [k for k in ("iri", *(f"label@{t}" for t in LABEL_TAGS)) if not edits.get(k, "").strip()]
    if missing:
        raise UsageError(f"a new {what} needs an IRI and our preferred labels in English and Uzbek (Latin): "
                         f"give {', '.join(missing)}")
    iri = expand(edits["iri"])
    if not _SLUG.match(iri.rsplit("/", 1)[1]):
        raise UsageError(f"{edits['iri']}: an identifier is lower-case words joined by hyphens")
    return iri, {t: edits[f"label@{t}"].strip() for t in LABEL_TAGS}


def _edited_date(edits: dict[str, str], key: str, value):
    """The date as edited ("-" removes it), or as the candidate gives it."""
    if not edits.get(key):
        return value
    return None if edits[key].strip() == "-" else typed_date(edits[key])


def _dates(c: Candidate, edits: dict[str, str], start: str, end: str) -> tuple[list, str | None]:
    """Date statements, and whether the candidate's derivation still holds (not once edited)."""
    first = _edited_date(edits, start, c.start_date)
    last = _edited_date(edits, end, c.end_date)
    statements = [(f"itt:{start}", [turtle.typed(*first)])] if first else []
    if last:
        statements.append((f"itt:{end}", [turtle.typed(*last)]))
    kept = c.derivation if not (edits.get(start) or edits.get(end)) else None
    return statements, edits.get("derivation") or kept


def _roles(c: Candidate, edits: dict[str, str], names: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    out = []
    for name in names:
        if name in edits:
            values = [] if edits[name].strip() == "-" else _iris(edits[name])
        else:
            listed = [curie(v) for k, v in c.roles.items() if k == name or (
                name in ("party", "participant") and k.startswith(name))]
            # Uzbekistan first, as the hand-written files list the parties; participants as the text names them.
            values = listed if name == "participant" else sorted(listed, key=lambda v: (v != "state:UZ", v))
        if values:
            out.append((f"itt:{name}", values))
    return out


def fact(c: Candidate, text: str, edits: dict[str, str], known: frozenset[str] = frozenset()) -> Written:
    """An event, agreement or figure: this document's statement of it, on the existing IRI
    (corroboration: the suggester's, or one the curator names that has its labels already,
    ``known``) or on a new one the curator names, with its labels."""
    reference: dict[str, str] = {}
    what = {"Event": "event", "Agreement": "agreement", "Figure": "observation"}[c.kind]
    if c.corroborates and not edits.get("iri"):
        subject = c.corroborates
    elif edits.get("iri") and expand(edits["iri"]) in known:
        subject = expand(edits["iri"])
    else:
        subject, labels = _new_node(edits, what)
        reference["labels"] = labels_turtle(subject, labels)
    cls = edits.get("class", "").removeprefix("itt:") or c.event_class or "Observation"
    if c.kind == "Event":
        statements = _roles(c, edits, EVENT_ROLES)
        dates, derivation = _dates(c, edits, "startDate", "endDate")
    elif c.kind == "Agreement":
        statements = _roles(c, edits, AGREEMENT_ROLES)
        dates, derivation = _dates(c, edits, "signingDate", "validUntil")
    else:
        statements, dates, derivation = _figure(c, edits)
    notes = [("itt:derivation", turtle.lang_literal(derivation, "en"))] if derivation else []
    if c.kind == "Figure" and not dates:
        notes.append(("itt:timeNotStated", "true"))
    exact, prefix, suffix = requote(c, text, edits["quote"]) if edits.get("quote") else (c.exact, c.prefix, c.suffix)
    return Written(fact_turtle(Draft(subject, cls, statements + dates, exact, prefix, suffix, notes)), reference)


def _figure(c: Candidate, edits: dict[str, str]):
    if not edits.get("indicator"):
        raise UsageError("a figure needs its indicator (indicator=itt:BilateralTradeVolume, …) and the states "
                         "it is about (refArea=…, counterpart=… or combinedArea=…)")
    value, unit, qualifier = c.figure or (None, None, None)
    value = edits.get("value", value)
    if value is None or not re.fullmatch(r"-?\d+(\.\d+)?", str(value)):
        raise UsageError(f"value={value}: a figure's value is a number")
    statements = _roles(c, edits, FIGURE_ROLES)
    statements.append(("itt:value", [str(value)]))
    unit = edits.get("unit", unit and f"itt:{unit}")
    if unit:
        statements.append(("itt:unit", _iris(unit)))
    statements.append(("itt:observationKind", _iris(edits.get("observationKind", "itt:Actual"))))
    qualifier = edits.get("valueQualifier", qualifier and f"itt:{qualifier}")
    if qualifier:
        statements.append(("itt:valueQualifier", _iris(qualifier)))
    if edits.get("periodStart"):
        period = typed_date(edits["periodStart"])
        dates = [("itt:periodStart", [turtle.typed(*period)]), ("itt:periodEnd", [turtle.typed(*period)])]
        derivation = edits.get("derivation")
    elif c.start_date:
        dates = [("itt:periodStart", [turtle.typed(*c.start_date)]), ("itt:periodEnd", [turtle.typed(*c.start_date)])]
        derivation = edits.get("derivation") or c.derivation
    else:
        dates, derivation = [], edits.get("derivation")
    return statements, dates, derivation


def date(c: Candidate, text: str, edits: dict[str, str]) -> Written:
    """A date as a statement about a fact the curator names (``subject``, ``property``)."""
    if not edits.get("subject"):
        raise UsageError("a date is a fact about something; name it with --subject (e.g. event:…) and --property "
                         "(default itt:startDate)")
    prop = curie(expand(edits.get("property") or "itt:startDate"))
    start = _edited_date(edits, "startDate", c.start_date)
    end = _edited_date(edits, "endDate", c.end_date)
    if start is None:
        raise UsageError("a date candidate accepted without a date states nothing; reject it instead")
    statements = [(prop, [turtle.typed(*start)])]
    if end:
        statements.append(("itt:endDate", [turtle.typed(*end)]))
    edited = edits.get("startDate") or edits.get("endDate")
    derivation = edits.get("derivation") or (None if edited else c.derivation)
    notes = [("itt:derivation", turtle.lang_literal(derivation, "en"))] if derivation else []
    exact, prefix, suffix = requote(c, text, edits["quote"]) if edits.get("quote") else (c.exact, c.prefix, c.suffix)
    return Written(fact_turtle(Draft(expand(edits["subject"]), None, statements, exact, prefix, suffix, notes)), {})


def new_entity(edits: dict[str, str]) -> tuple[str, str, str]:
    """(IRI, reference file name, Turtle) of an entity a curator creates from a mention."""
    kind = edits.get("entity", "")
    if kind not in ENTITY_KINDS:
        raise UsageError(f"entity={kind}: a new entity is one of {', '.join(ENTITY_KINDS)}")
    file_name, default_class, required = ENTITY_KINDS[kind]
    iri, labels = _new_node(edits, kind)
    if not iri.startswith(ns.ID + kind + "/"):
        raise UsageError(f"{edits['iri']}: a new {kind} is named {kind}:…")
    missing = [r for r in required if not edits.get(r)]
    if missing:
        raise UsageError(f"a new {kind} needs {', '.join(missing)}")
    links = [(f"itt:{p}", expand(edits[p])) for p in ("officeOf", "locatedIn") if edits.get(p)]
    cls = edits.get("class", "").removeprefix("itt:") or default_class
    return iri, file_name, entity_turtle(iri, cls, labels, links)
