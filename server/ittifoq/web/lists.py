"""Lists of resources: every resource of one kind of identifier (``/page/person/``,
``/page/agreement/`` …), every instance of an ontology class including its subclasses
(``/class/Treaty``), and ``/browse``, the kinds and classes with their counts.

Counts include subclasses (a treaty is counted among agreements); the number of resources
per class is the one the VoID description gives for classes without subclasses. Sorting
and filtering happen in the browser (``static/site.js``) on the full list.
"""

from __future__ import annotations

from flask import Blueprint, render_template, url_for

from .. import namespaces as ns
from ..errors import NotFound
from .dates import date_words
from .errors import UnknownResource
from .i18n import with_lang
from .lookup import catalogue, labels_for, per_data, rows, types_for, types_of
from .names import display_tag, href, label_of, reader_languages

bp = Blueprint("lists", __name__)

LIST_LIMIT = 5000
DATES = "itt:date|itt:startDate|itt:signingDate|dct:date|itt:periodStart"
KIND_QUERY = f"""
SELECT ?s (MIN(STR(?d)) AS ?date) (MAX(STR(?e)) AS ?end) WHERE {{
  ?s a ?t FILTER(STRSTARTS(STR(?s), $prefix) && !CONTAINS(STR(?s), "#"))
  OPTIONAL {{ ?s {DATES} ?d }} OPTIONAL {{ ?s itt:endDate ?e }}
}} GROUP BY ?s LIMIT {LIST_LIMIT + 1}"""
CLASS_QUERY = f"""
SELECT ?s (MIN(STR(?d)) AS ?date) (MAX(STR(?e)) AS ?end) WHERE {{
  ?s a/rdfs:subClassOf* $cls FILTER(!CONTAINS(STR(?s), "#"))
  OPTIONAL {{ ?s {DATES} ?d }} OPTIONAL {{ ?s itt:endDate ?e }}
}} GROUP BY ?s LIMIT {LIST_LIMIT + 1}"""
# Instances per class, counting those of its subclasses too.
CLASS_COUNTS = """
SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?t . ?t rdfs:subClassOf* ?c FILTER isIRI(?c) }
GROUP BY ?c"""
KIND_COUNTS = """
SELECT ?kind (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?t FILTER(STRSTARTS(STR(?s), "https://w3id.org/ittifoq/id/") && !CONTAINS(STR(?s), "#"))
  BIND(STRBEFORE(STRAFTER(STR(?s), "https://w3id.org/ittifoq/id/"), "/") AS ?kind)
} GROUP BY ?kind"""


def class_counts() -> dict[str, int]:
    return per_data().get("class-counts", lambda: {r["c"].value: int(r["n"].value) for r in rows(CLASS_COUNTS)})


def kind_counts() -> dict[str, int]:
    return per_data().get("kind-counts", lambda: {r["kind"].value: int(r["n"].value) for r in rows(KIND_COUNTS)})


def _literal(text: str) -> str:
    # Only ever called with a prefix built from ns.ID and a kind from ns.ID_KINDS.
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _items(found: list[dict]) -> list[dict]:
    langs = reader_languages()
    iris = [r["s"].value for r in found]
    types_for(iris)
    labels_for(iris + [t for i in iris for t in types_of(i)])
    items = []
    for r in found:
        iri = r["s"].value
        name, lang = label_of(iri, langs)
        start = r["date"].value if r.get("date") is not None else ""
        end = r["end"].value if r.get("end") is not None else ""
        types = sorted({label_of(t, langs)[0] for t in types_of(iri) if t.startswith(ns.ITT)})
        items.append({"iri": iri, "href": href(iri), "label": name, "lang": lang, "types": types,
                      "date": start, "when": date_words(start, end) if start else ""})
    items.sort(key=lambda it: (it["date"] or "9999", it["label"].casefold()))
    return items


def _render(title: str, title_lang: str, found: list[dict], note_iri: str | None = None):
    truncated = len(found) > LIST_LIMIT
    items = _items(found[:LIST_LIMIT])
    counts: dict[str, int] = {}
    for it in items:
        for t in it["types"]:
            counts[t] = counts.get(t, 0) + 1
    return render_template("list.html", title=title, title_lang=title_lang, items=items, truncated=truncated,
                           type_counts=sorted(counts.items()), class_iri=note_iri)


@bp.route("/page/<kind>/")
def kind_list(kind: str):
    if kind not in ns.ID_KINDS:
        raise NotFound(f"there is no kind of resource called {kind!r}; the kinds are {', '.join(ns.ID_KINDS)}")
    found = rows(KIND_QUERY.replace("$prefix", _literal(f"{ns.ID}{kind}/")))
    return _render(kind, "en", found)


@bp.route("/class/<name>")
def class_list(name: str):
    cls = ns.ITT + name
    if cls not in catalogue().superclasses:
        raise UnknownResource(cls)
    found = rows(CLASS_QUERY, cls=cls)
    title, lang = label_of(cls)
    return _render(title, lang, found, note_iri=cls)


@bp.route("/browse")
def kinds():
    langs = reader_languages()
    kc = kind_counts()
    kinds_ = [{"kind": k, "n": kc.get(k, 0), "href": with_lang(url_for("lists.kind_list", kind=k))}
              for k in ns.ID_KINDS if kc.get(k)]
    return render_template("browse.html", kinds=kinds_, classes=class_rows(langs))


def class_rows(langs: list[str]) -> list[dict]:
    """The ontology's classes with instances, counted with their subclasses', in the
    hierarchy's order (a class before its subclasses, indented by depth)."""
    counts = class_counts()
    supers = catalogue().superclasses
    own = [c for c in counts if c.startswith(ns.ITT)]
    labels_for(own)

    def parent(c: str) -> str | None:
        ups = [s for s in supers.get(c, set()) if s != c and s in counts and s.startswith(ns.ITT)]
        # The nearest: the one with the most superclasses of its own.
        return max(ups, key=lambda s: (len(supers.get(s, ())), s), default=None)

    children: dict[str | None, list[str]] = {}
    for c in own:
        children.setdefault(parent(c), []).append(c)
    out: list[dict] = []

    def walk(node: str | None, depth: int) -> None:
        for c in sorted(children.get(node, []), key=lambda c: label_of(c, langs)[0].casefold()):
            name, lang = label_of(c, langs)
            out.append({"iri": c, "label": name, "lang": lang, "n": counts[c], "depth": min(depth, 4),
                        "href": with_lang(url_for("lists.class_list", name=c[len(ns.ITT):]))})
            walk(c, depth + 1)

    walk(None, 0)
    return out


__all__ = ["bp", "class_counts", "class_rows", "display_tag"]
