"""What makes an entity page readable: the order of its statements (names, dates, parties
and places before notes), the summary at its top, English (or the reader's) headings for the
statements pointing at it, read from the ontology's inverse labels, and a person's events,
including those that name only an office the person held at the time."""

from __future__ import annotations

from .. import namespaces as ns
from .dates import date_words
from .i18n import translate
from .lookup import Label, labels_for, per_data, rows
from .names import graph_badges, href, label_of, pick_label, term_view

ITT, DCT, SKOS = ns.ITT, ns.DCT, ns.SKOS

# Statements in this order; anything not named comes after, notes last.
ORDER = [
    SKOS + "prefLabel", ns.RDFS + "label", DCT + "title", DCT + "alternative", SKOS + "altLabel", ITT + "acronym",
    ITT + "date", ITT + "signingDate", ITT + "startDate", ITT + "endDate", ITT + "validFrom", ITT + "validUntil",
    ITT + "attestedDate", ITT + "durationDays", DCT + "date",
    ITT + "party", ITT + "signatory", ITT + "visitor", ITT + "visitorOffice", ITT + "hostState", ITT + "receivedBy",
    ITT + "invitedBy", ITT + "participant", ITT + "organizer", ITT + "initiator", ITT + "holder", ITT + "office",
    ITT + "officeOf", ITT + "body", ITT + "chairedBy", ITT + "memberOf", ITT + "location", ITT + "locatedIn",
    ITT + "status", ITT + "signedDuring", ITT + "ratifiedBy", ITT + "ratifies", ITT + "partOf", ITT + "outcome",
    DCT + "creator", DCT + "publisher", DCT + "source",
]
LAST = [ITT + "derivation", ITT + "interpretation", ITT + "dateDerivation", SKOS + "note", SKOS + "editorialNote",
        SKOS + "definition", DCT + "description", DCT + "abstract", DCT + "bibliographicCitation", DCT + "subject"]
_RANK = {p: i for i, p in enumerate(ORDER)} | {p: 1000 + i for i, p in enumerate(LAST)}

START_DATES = (ITT + "startDate", ITT + "date", ITT + "signingDate", DCT + "date", ITT + "periodStart")
END_DATES = (ITT + "endDate", ITT + "periodEnd")
# Summary lines: (message key, the properties whose values it shows)
SUMMARY = [
    ("summary.where", (ITT + "location", ITT + "hostState")),
    ("summary.parties", (ITT + "party", ITT + "signatory")),
    ("summary.visitor", (ITT + "visitor", ITT + "visitorOffice")),
    ("summary.holder", (ITT + "holder", ITT + "office")),
    ("summary.participants", (ITT + "participant",)),
    ("summary.author", (DCT + "creator", DCT + "publisher")),
]


def rank(prop: str) -> int:
    """Where statements with ``prop`` come on a page (types first, notes last)."""
    return -1 if prop == ns.RDF + "type" else _RANK.get(prop, 500)


def order_groups(groups: list[dict]) -> list[dict]:
    return sorted(groups, key=lambda g: (rank(g["iri"]), g["label"].casefold()))


def summary(groups: list[dict]) -> list[dict]:
    """Lines for the top of the page, from the statement groups already built."""
    by = {g["iri"]: g for g in groups}
    lines = []
    starts = [v for p in START_DATES if p in by for v in by[p]["values"]]
    ends = [v for p in END_DATES if p in by for v in by[p]["values"]]
    if starts:
        # The most precise date stated, and the end the same document gives with it.
        start = max(starts, key=lambda v: len(v.text))
        graphs_of = {b["iri"] for b in start.graphs}
        same = [v for v in ends if graphs_of & {b["iri"] for b in v.graphs}]
        end = max(same or ends, key=lambda v: len(v.text)) if ends else None
        graphs = {b["iri"]: b for v in starts[:1] + ([end] if end else []) for b in v.graphs}
        # The quotes that give these dates, so that the top of the page says where they come from.
        quotes = {e.iri: e for v in [start] + ([end] if end else []) for e in getattr(v, "refs", [])}
        lines.append({"label": translate("summary.when"), "text": date_words(start.text, end.text if end else ""),
                      "values": [], "graphs": list(graphs.values()), "refs": list(quotes.values()),
                      "whole_fact": start.whole_fact})
    for key, props in SUMMARY:
        values = [v for p in props if p in by for v in by[p]["values"]]
        if values:
            lines.append({"label": translate(key), "text": "", "values": values, "graphs": []})
    return lines


# How a link reads backwards: the label of its declared inverse (owl:inverseOf, either way
# round), the one mechanism the ontology uses ("ratifies" read backwards is itt:ratifiedBy,
# "ratified by").
INVERSE_QUERY = """
SELECT ?p ?l WHERE {
  { ?q owl:inverseOf ?p } UNION { ?p owl:inverseOf ?q }
  ?q rdfs:label ?l FILTER isLITERAL(?l)
}"""


def _inverse_labels() -> dict[str, list[Label]]:
    found: dict[str, list[Label]] = {}
    for r in rows(INVERSE_QUERY):
        label = Label(r["l"].value, (r["l"].language or "").lower(), ns.RDFS + "label")
        found.setdefault(r["p"].value, []).append(label)
    return found


def inverse_heading(prop: str, langs: list[str]) -> tuple[str, str]:
    """(heading, its language) for the statements ``?s prop <this>`` on this page."""
    lb = pick_label(per_data().get("inverse-labels", _inverse_labels).get(prop, []), langs)
    if lb is not None:
        return lb.value, lb.lang
    name, lang = label_of(prop, langs)
    return translate("inverse.fallback", label=name), ""


# Events a person took part in: named directly in any role, or through an office held at the
# time (the holding's dates, at whatever precision, must not exclude the event's date).
PERSON_EVENTS = """
SELECT DISTINCT ?e ?p ?via ?date ?end ?g WHERE {
  {
    GRAPH ?g { ?e ?p $this } ?e a/rdfs:subClassOf* itt:Event .
  } UNION {
    ?h itt:holder $this ; itt:office ?via .
    GRAPH ?g { ?e ?p ?via } ?e a/rdfs:subClassOf* itt:Event .
    OPTIONAL { ?h itt:startDate ?hs } OPTIONAL { ?h itt:endDate ?he }
    OPTIONAL { ?e itt:startDate|itt:date ?ed }
    FILTER(!BOUND(?ed) || ((!BOUND(?hs) || SUBSTR(STR(?ed), 1, STRLEN(STR(?hs))) >= STR(?hs))
                        && (!BOUND(?he) || SUBSTR(STR(?ed), 1, STRLEN(STR(?he))) <= STR(?he))))
  }
  OPTIONAL { ?e itt:startDate|itt:date ?date } OPTIONAL { ?e itt:endDate ?end }
}"""


def person_events(iri: str, langs: list[str]) -> list[dict]:
    found = rows(PERSON_EVENTS, this=iri)
    if not found:
        return []
    labels_for({r[k].value for r in found for k in ("e", "p", "via") if r.get(k) is not None})
    events: dict[str, dict] = {}
    for r in found:
        e = r["e"].value
        ev = events.setdefault(e, {"iri": e, "href": href(e), "roles": {}, "graphs": set(),
                                   "date": r["date"].value if r.get("date") is not None else "",
                                   "end": r["end"].value if r.get("end") is not None else ""})
        role = label_of(r["p"].value, langs)[0]
        via = r.get("via")
        if via is not None:
            role = translate("events.via", role=role, office=label_of(via.value, langs)[0])
        ev["roles"][role] = True
        ev["graphs"].add(r["g"].value)
    out = []
    for ev in events.values():
        name, lang = label_of(ev["iri"], langs)
        out.append({**ev, "label": name, "lang": lang, "roles": list(ev["roles"]),
                    "when": date_words(ev["date"], ev["end"]) if ev["date"] else "",
                    "graphs": graph_badges(ev["graphs"])})
    out.sort(key=lambda ev: (ev["date"] or "9999", ev["label"].casefold()))
    return out


def fold_values(values: list, keep: int = 12) -> tuple[list, list]:
    """The first values shown, the rest folded behind a count."""
    return (values, []) if len(values) <= keep + 3 else (values[:keep], values[keep:])


__all__ = ["fold_values", "inverse_heading", "order_groups", "rank", "person_events", "summary", "term_view"]
