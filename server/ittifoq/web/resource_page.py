"""The HTML page of one resource: a summary, its statements in a useful order, the
statements pointing at it under their inverse names, and its evidence."""

from __future__ import annotations

import pyoxigraph as ox
from flask import render_template

from .. import namespaces as ns
from .entity_view import fold_values, inverse_heading, order_groups, person_events, summary
from .evidence_view import (
    EVIDENCE_OF_QUERY,
    EVIDENCE_SELF_QUERY,
    document_language,
    document_text,
    evidence_views,
    marked_text,
)
from .i18n import translate
from .lookup import (
    DCT_ALTERNATIVE,
    DCT_TITLE,
    ITT_ACRONYM,
    ITT_EVIDENCE,
    ITT_SOURCE_DOCUMENT,
    OA_HAS_BODY,
    OA_HAS_SOURCE,
    OUTGOING_QUERY,
    RDF_TYPE,
    RDFS_LABEL,
    SCHEMA_TEXT,
    SKOS_ALT,
    SKOS_PREF,
    catalogue,
    fetch,
    is_a,
    labels_for,
    labels_of,
    rows,
    types_of,
)
from .names import graph_badges, href, is_fallback, label_of, reader_languages, short_name, term_view
from .statement_evidence import attach_refs, collect, describe_supports

# Shown elsewhere on a page (evidence section, document text), so left out of the tables.
HIDDEN_OUTGOING = {ITT_EVIDENCE, SCHEMA_TEXT, RDF_TYPE}
HIDDEN_INCOMING = {OA_HAS_BODY, OA_HAS_SOURCE, ITT_SOURCE_DOCUMENT}
INCOMING_LIMIT = 500

# ---------------------------------------------------------------------------
# The resource page
# ---------------------------------------------------------------------------

INCOMING_QUERY = f"""
SELECT ?s ?p ?g WHERE {{ GRAPH ?g {{ ?s ?p $this }} }} ORDER BY ?p ?s LIMIT {INCOMING_LIMIT + 1}"""
PARTS_ORDER = {SKOS_PREF: 0, SKOS_ALT: 1, ITT_ACRONYM: 2, RDFS_LABEL: 3, DCT_TITLE: 4, DCT_ALTERNATIVE: 5}


def _property_groups(statements, langs: list[str], hidden: set[str]) -> list[dict]:
    """Statements grouped by predicate; a value stated in several graphs is shown once,
    with the graphs (documents) that state it."""
    by_pred: dict[str, dict] = {}
    for p, o, g in statements:
        if p.value in hidden:
            continue
        group = by_pred.setdefault(p.value, {})
        group.setdefault(o, []).append(g.value)
    groups = []
    for p, values in by_pred.items():
        views = []
        for o, graphs in values.items():
            tv = term_view(o, langs)
            tv.graphs = graph_badges(graphs)
            views.append(tv)
        views.sort(key=lambda v: (v.lang, v.text.casefold()))
        name, lang = label_of(p, langs)
        groups.append({"iri": p, "label": name, "short": short_name(p), "href": href(p), "values": views,
                       "lang": lang, "fallback": not lang or is_fallback(lang, langs)})
    groups.sort(key=lambda gr: (PARTS_ORDER.get(gr["iri"], 10), gr["label"].casefold()))
    return groups


def _part_rows(iri: str, outgoing) -> list[tuple[str, list]]:
    """The hash-IRI parts a resource links to (an evidence's ``#target``, which links to
    ``#quote`` and ``#position``), each with its own statements, in the order reached."""
    found: list[tuple[str, list]] = []
    todo = sorted({o.value for _, o, _ in outgoing if isinstance(o, ox.NamedNode) and o.value.startswith(iri + "#")})
    seen = set(todo)
    while todo:
        part = todo.pop(0)
        statements = [(r["p"], r["o"], r["g"]) for r in rows(OUTGOING_QUERY, this=part)]
        found.append((part, statements))
        for _, o, _ in statements:
            if isinstance(o, ox.NamedNode) and o.value.startswith(iri + "#") and o.value not in seen:
                seen.add(o.value)
                todo.append(o.value)
    return found


def render_resource(iri: str, data_links: dict[str, str]):
    langs = reader_languages()
    cat = catalogue()
    outgoing = [(r["p"], r["o"], r["g"]) for r in rows(OUTGOING_QUERY, this=iri)]
    part_rows = _part_rows(iri, outgoing)
    incoming_rows = rows(INCOMING_QUERY, this=iri)
    incoming_truncated = len(incoming_rows) > INCOMING_LIMIT
    incoming_rows = incoming_rows[:INCOMING_LIMIT]

    # Every IRI the page names, labelled in a few batched lookups rather than one by one.
    named = {iri, *types_of(iri)}
    for statements in [outgoing, *(st for _, st in part_rows)]:
        for p, o, _ in statements:
            named.add(p.value)
            if isinstance(o, ox.NamedNode):
                named.add(o.value)
    for r in incoming_rows:
        named.add(r["p"].value)
        if isinstance(r["s"], ox.NamedNode):
            named.add(r["s"].value)
    labels_for(named)

    name, name_lang = label_of(iri, langs)
    types = sorted((term_view(ox.NamedNode(t), langs) for t in types_of(iri)), key=lambda v: v.text.casefold())
    properties = order_groups(_property_groups(outgoing, langs, HIDDEN_OUTGOING))
    events = person_events(iri, langs) if is_a(iri, ns.ITT + "Person") else []
    parts = [{"iri": part, "id": part.split("#", 1)[1], "properties": _property_groups(st, langs, set())}
             for part, st in part_rows]

    is_evidence = is_a(iri, ns.ITT + "Evidence")
    if is_evidence:
        evidence = evidence_views(rows(EVIDENCE_SELF_QUERY, this=iri), langs)
        evidence_title = translate("res.quote")
        if evidence and not labels_of(iri):
            # Annotations have no names: the words they select are the best one.
            quote = evidence[0].exact
            name, name_lang = f"“{quote if len(quote) <= 90 else quote[:89] + '…'}”", evidence[0].lang
    else:
        evidence = evidence_views(rows(EVIDENCE_OF_QUERY, this=iri), langs)
        evidence_title = translate("res.evidence")
    # Which quote supports which statement: under each value, the quotes that give it.
    found = collect(iri, evidence, langs)
    describe_supports(found, iri, langs)
    attach_refs(properties, found, iri)
    # A type is stated in the graphs that state anything of the resource.
    attach_refs([{"iri": RDF_TYPE, "values": types}], found, iri, graphs={g.value for _, _, g in outgoing})
    if not is_evidence:
        unscoped = {e.graph["iri"] for e in evidence if e.whole_fact}
        for group in properties:
            for v in group["values"]:
                v.whole_fact = not v.refs and any(b["iri"] in unscoped for b in v.graphs)
    summary_lines = summary(properties)
    this_term = ox.NamedNode(iri)

    incoming: dict[str, dict] = {}
    for r in incoming_rows:
        p = r["p"].value
        if p in HIDDEN_INCOMING or (isinstance(r["s"], ox.NamedNode) and r["s"].value.startswith(iri + "#")):
            continue
        heading, heading_lang = inverse_heading(p, langs)
        group = incoming.setdefault(p, {"iri": p, "label": heading, "lang": heading_lang, "href": href(p),
                                        "values": {}, "fallback": not heading_lang or is_fallback(heading_lang, langs)})
        group["values"].setdefault(r["s"], []).append(r["g"].value)
    subjects_dates = dates_for([s.value for g in incoming.values() for s in g["values"] if isinstance(s, ox.NamedNode)])
    incoming_groups = []
    for group in incoming.values():
        views = []
        for s, graphs in group["values"].items():
            tv = term_view(s, langs)
            tv.graphs = graph_badges(graphs)
            found_dates = sorted(subjects_dates.get(s.value, [])) if isinstance(s, ox.NamedNode) else []
            tv.date = found_dates[0] if found_dates else ""
            tv.refs = found.refs(s.value, group["iri"], this_term, graphs) if isinstance(s, ox.NamedNode) else []
            views.append(tv)
        views.sort(key=lambda v: (v.date or "9999", v.text.casefold()))
        shown, folded = fold_values(views)
        incoming_groups.append({**group, "values": shown, "folded": folded, "count": len(views)})
    incoming_groups.sort(key=lambda g: g["label"].casefold())

    text = document_text(iri)
    segments, notes = marked_text(iri, text, langs) if text is not None else ([], [])
    graph = cat.document_graph.get(iri)

    return render_template(
        "resource.html",
        iri=iri, name=name, name_lang=name_lang, types=types, properties=properties, parts=parts,
        incoming=incoming_groups, incoming_truncated=incoming_truncated, evidence=evidence,
        evidence_title=evidence_title, text=text, segments=segments, notes=notes,
        facts_graph=graph_badges([graph])[0] if graph else None, data_links=data_links,
        is_document=text is not None, summary=summary_lines, events=events,
        cite_path=iri[len(ns.ID):] if iri.startswith(ns.ID) and "#" not in iri else None,
        text_lang=document_language(iri) if text is not None else "",
    )


DATES_FOR_QUERY = """
SELECT ?s ?t WHERE { VALUES ?s { $subjects } ?s itt:startDate|itt:date|itt:signingDate ?d BIND(STR(?d) AS ?t) }"""


def dates_for(iris) -> dict[str, list[str]]:
    return fetch(DATES_FOR_QUERY, iris, "dates", lambda acc, r: acc.append(r["t"].value))
