"""What the review page shows of a document's candidates: the text cut at every candidate's
boundaries (for ``<mark>``, as the document pages mark evidence), and one card per candidate
with its context, confidence, features, alternatives and the fields a curator may edit,
filled with the candidate's own values."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..grow.accept import curie, surface_form
from ..grow.candidates import Candidate
from ..grow.review import short_id
from .i18n import translate

# Fields a curator may edit, by kind (their names are what ittifoq.grow.drafts reads).
NEW_NODE = ("iri", "label@en", "label@uz-Latn")
EDITABLE = {
    "Mention": ("link", "form", "entity", "class", *NEW_NODE, "officeOf", "locatedIn"),
    "Entity": ("link", "form", "entity", "class", *NEW_NODE, "officeOf", "locatedIn"),
    "Date": ("subject", "property", "startDate", "endDate", "quote"),
    "Event": ("class", "visitor", "hostState", "ofBody", "location", "participant", "startDate", "endDate", "quote",
              *NEW_NODE),
    "Agreement": ("class", "party", "signingDate", "quote", *NEW_NODE),
    "Figure": ("indicator", "refArea", "counterpart", "combinedArea", "value", "unit", "valueQualifier",
               "periodStart", "quote", *NEW_NODE),
}
# Each field's hint: a catalogue key and its values (examples and notations stay as written).
_DATE_HINT = ("review.hint.date", {"full": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY", "none": "-"})
HINTS = {
    "link": ("review.hint.link", {}), "form": ("review.hint.form", {}),
    "entity": ("review.hint.entity", {"values": "person, office, organization, place"}),
    "iri": ("review.hint.example", {"example": "event:2023-03-…"}),
    "label@en": ("review.hint.label_en", {}), "label@uz-Latn": ("review.hint.label_uz", {}),
    "quote": ("review.hint.quote", {}), "subject": ("review.hint.subject", {"example": "event:…"}),
    "property": ("review.hint.property", {"default": "itt:startDate"}), "party": ("review.hint.party", {}),
    "indicator": ("review.hint.example", {"example": "itt:BilateralTradeVolume"}),
    "startDate": _DATE_HINT, "endDate": _DATE_HINT, "signingDate": _DATE_HINT, "periodStart": _DATE_HINT,
}


def field_label(name: str) -> str:
    """A field's label in the interface language (its name in the form and the CLI stays)."""
    key = {"label@en": "label_en", "label@uz-Latn": "label_uz"}.get(name, name.lower())
    return translate(f"review.field.{key}")


def hint(name: str) -> str:
    key, values = HINTS.get(name, ("", {}))
    return translate(key, **values) if key else ""


def kind_word(kind: str) -> str:
    return translate(f"review.kind.{kind.lower()}")


def defaults(c: Candidate) -> dict[str, str]:
    """The values an edit form starts with: an unchanged field is no edit."""
    out = {k: "" for k in EDITABLE.get(c.kind, ())}
    if c.kind in ("Mention", "Entity"):
        out.update(link=curie(c.body_iri) if c.body_iri else "", form=surface_form(c) if c.body_iri else c.exact)
    if c.start_date:
        key = {"Agreement": "signingDate", "Figure": "periodStart"}.get(c.kind, "startDate")
        out[key] = c.start_date[0]
    if c.end_date and "endDate" in out:
        out["endDate"] = c.end_date[0]
    if c.event_class:
        out["class"] = f"itt:{c.event_class}"
    for role, value in c.roles.items():
        name = next((p for p in ("party", "participant") if role.startswith(p)), role)  # party0 …, participant0 …
        if name in out:
            out[name] = " ".join(filter(None, [out[name], curie(value)]))
    if c.figure:
        out.update(value=str(c.figure[0]), unit=f"itt:{c.figure[1]}", valueQualifier=f"itt:{c.figure[2]}")
    if c.corroborates and "iri" in out:
        out["iri"] = curie(c.corroborates)
    if c.kind in EDITABLE and "quote" in out:
        out["quote"] = c.exact
    return out


@dataclass
class Card:
    sid: str
    c: Candidate
    what: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (name, value, hint)
    new_fact: bool = False


def cards(slug: str, candidates: list[Candidate]) -> list[Card]:
    out = []
    for c in candidates:
        if c.body_iri:
            what = curie(c.body_iri)
        elif c.corroborates:
            what = translate("review.adds_to", kind=c.event_class, iri=curie(c.corroborates))
        else:
            what = c.assertion
        values = defaults(c)
        out.append(Card(short_id(c, slug), c, what, [(k, v, hint(k)) for k, v in values.items()],
                        new_fact=c.kind in ("Event", "Agreement", "Figure") and not c.corroborates))
    return out


def segments(text: str, found: list[Card]) -> list[dict]:
    """The text cut at every candidate boundary; each piece knows the candidates covering it."""
    spans = [(k.c.start, k.c.end, k.sid, k.c.status) for k in found if 0 <= k.c.start < k.c.end <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [(sid, status) for s, e, sid, status in spans if s <= a and b <= e]
        out.append({
            "text": text[a:b],
            "anchors": [sid for s, _, sid, _ in spans if s == a],
            "ids": " ".join(sid for sid, _ in covering),
            "depth": min(len(covering), 3),
            "pending": any(status == "Pending" for _, status in covering),
        })
    return out


def context(text: str, c: Candidate, width: int = 80) -> tuple[str, str]:
    before = text[max(0, c.start - width) : c.start]
    after = text[c.end : c.end + width]
    return " ".join(before.split()), " ".join(after.split())
