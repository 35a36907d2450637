"""Linked data: ``/id/…`` IRIs answered the way DBpedia answers them, and the resource pages.

``https://w3id.org/ittifoq/id/{path}`` is served here as ``/id/{path}``: it answers 303 See
Other to ``/page/{path}`` (HTML, for browsers) or to ``/data/{path}.{ext}`` (RDF, chosen by
Accept); ``/data/{path}`` negotiates by itself and ``/data/{path}.ttl|.nt|.jsonld|.rdf|.nq|.trig``
names the format. Other IRIs of the dataset (ontology terms, graphs) are shown by
``/describe?iri=…`` and ``/data?iri=…``.

Also here, because every page needs them: labels and types looked up in batches (and
remembered per data generation), the choice of a label in the reader's language, and the
mapping of IRIs to local links.

Internal queries go through ``state.query`` (fixed text; the only values put in are IRIs
that pyoxigraph has validated, so no quote or bracket can break out of ``<…>``).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for

from .. import formats
from .. import namespaces as ns
from ..export import EXPORT_PREFIXES
from . import conneg
from .class_hierarchy import DIRECT_SUBCLASS_QUERY, superclass_closure

bp = Blueprint("ld", __name__)

RDF_TYPE = ns.RDF + "type"
SKOS_PREF = ns.SKOS + "prefLabel"
SKOS_ALT = ns.SKOS + "altLabel"
ITT_ACRONYM = ns.ITT + "acronym"
RDFS_LABEL = ns.RDFS + "label"
DCT_TITLE = ns.DCT + "title"
DCT_ALTERNATIVE = ns.DCT + "alternative"
ITT_EVIDENCE = ns.ITT + "evidence"
SCHEMA_TEXT = ns.SCHEMA + "text"
OA_HAS_BODY = ns.OA + "hasBody"
OA_HAS_SOURCE = ns.OA + "hasSource"
ITT_SOURCE_DOCUMENT = ns.ITT + "sourceDocument"

# Where a display name is looked for, best first. Acronyms only when there is nothing else.
LABEL_PRIORITY = {SKOS_PREF: 0, RDFS_LABEL: 1, DCT_TITLE: 2, DCT_ALTERNATIVE: 3, SKOS_ALT: 4, ITT_ACRONYM: 5}
DEFAULT_LANGUAGES = ("en", "uz-latn")
_LANG_RE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")

# Turtle/TriG prefixes of the data views: the export's, plus one per kind of identifier.
DATA_PREFIXES = {**EXPORT_PREFIXES, "oa": ns.OA, "schema": ns.SCHEMA, "org": ns.ORG, "prov": ns.PROV,
                 "foaf": ns.FOAF, "wd": ns.WD, "graph": ns.GRAPH,
                 **{k: f"{ns.ID}{k}/" for k in ns.ID_KINDS}}

# extension → (media type, Oxigraph format, keeps named graphs), from ittifoq.formats
DATA_FORMATS = {f.extension: (f.media_type, f.ox_format, f.keeps_graphs) for f in formats.RDF}
HTML_TYPES = (formats.HTML.media_type, *formats.HTML.aliases)

# Shown elsewhere on a page (evidence section, document text), so left out of the tables.
HIDDEN_OUTGOING = {ITT_EVIDENCE, SCHEMA_TEXT, RDF_TYPE}
HIDDEN_INCOMING = {OA_HAS_BODY, OA_HAS_SOURCE, ITT_SOURCE_DOCUMENT}
INCOMING_LIMIT = 500
CONTEXT_CHARS = 160


# ---------------------------------------------------------------------------
# Shared state and internal queries
# ---------------------------------------------------------------------------


def state():
    return current_app.extensions["ittifoq"]


def iri_term(iri: str) -> str:
    """``<iri>`` for a query text; pyoxigraph refuses any IRI that could break out of it."""
    return str(ox.NamedNode(iri))


def run(sparql: str, **iris: str):
    """Run one of the pages' fixed queries; ``$name`` placeholders take validated IRIs."""
    for name, value in sorted(iris.items(), key=lambda kv: -len(kv[0])):
        sparql = sparql.replace("$" + name, iri_term(value))
    st = state()
    query = getattr(st, "query", None)
    return query(sparql) if query is not None else st.kg.query(sparql)


def rows(sparql: str, **iris: str) -> list[dict]:
    result = run(sparql, **iris)
    names = [v.value for v in result.variables]
    return [{n: sol[n] for n in names} for sol in result]


def cache_key() -> tuple:
    st = state()
    return (id(st.kg), getattr(st, "generation", 0))


class PerData:
    """Values derived from the data, computed once per dataset generation."""

    def __init__(self):
        self._lock = threading.Lock()
        self._key = None
        self._values: dict = {}

    def get(self, name: str, compute):
        key = cache_key()
        with self._lock:
            if self._key != key:
                self._key, self._values = key, {}
            if name in self._values:
                return self._values[name]
        value = compute()
        with self._lock:
            if self._key == key:
                self._values.setdefault(name, value)
        return value


def per_data() -> PerData:
    return current_app.extensions.setdefault("ittifoq.pages", PerData())


# ---------------------------------------------------------------------------
# The catalogue: labels, types, documents
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    value: str
    lang: str  # lower-case BCP 47 tag, "" when untagged
    predicate: str

    @property
    def priority(self) -> int:
        return LABEL_PRIORITY.get(self.predicate, 9)


@dataclass
class Catalogue:
    """Whole-dataset facts that stay small however large the data grows: the class
    hierarchy, the documents and their graphs, and the terms the ontology describes."""

    superclasses: dict[str, set[str]] = field(default_factory=dict)
    graph_document: dict[str, str] = field(default_factory=dict)
    document_graph: dict[str, str] = field(default_factory=dict)
    ontology_terms: set[str] = field(default_factory=set)


DOCUMENTS_QUERY = "SELECT ?doc ?g WHERE { ?doc itt:factsGraph ?g }"
ONTOLOGY_TERMS_QUERY = "SELECT DISTINCT ?s WHERE { GRAPH graph:ontology { ?s ?p ?o } FILTER isIRI(?s) }"
LABEL_VALUES = "skos:prefLabel skos:altLabel itt:acronym rdfs:label dct:title dct:alternative"
LABELS_FOR_QUERY = f"""
SELECT DISTINCT ?s ?p ?o WHERE {{
  VALUES ?s {{ $subjects }} VALUES ?p {{ {LABEL_VALUES} }}
  ?s ?p ?o FILTER isLITERAL(?o)
}}"""
TYPES_FOR_QUERY = "SELECT DISTINCT ?s ?t WHERE { VALUES ?s { $subjects } ?s a ?t FILTER isIRI(?t) }"
BATCH = 200
TERM_CACHE_LIMIT = 50_000


def _build_catalogue() -> Catalogue:
    cat = Catalogue()
    cat.superclasses = superclass_closure((r["c"].value, r["super"].value) for r in rows(DIRECT_SUBCLASS_QUERY))
    for r in rows(DOCUMENTS_QUERY):
        cat.graph_document[r["g"].value] = r["doc"].value
        cat.document_graph[r["doc"].value] = r["g"].value
    cat.ontology_terms = {r["s"].value for r in rows(ONTOLOGY_TERMS_QUERY)}
    return cat


def catalogue() -> Catalogue:
    return per_data().get("catalogue", _build_catalogue)


def _fetch(query: str, iris, cache_name: str, add) -> dict:
    """Look up many IRIs at once (VALUES, in batches) and remember the answers; a store of
    millions of statements is never read whole for a page."""
    cache = per_data().get(cache_name, dict)
    wanted = [i for i in dict.fromkeys(iris) if i not in cache]
    if wanted:
        if len(cache) + len(wanted) > TERM_CACHE_LIMIT:
            cache.clear()
        found: dict[str, list] = {}
        for k in range(0, len(wanted), BATCH):
            chunk = []
            for iri in wanted[k:k + BATCH]:
                try:
                    chunk.append(iri_term(iri))
                except ValueError:
                    continue
            if not chunk:
                continue
            for r in rows(query.replace("$subjects", " ".join(chunk))):
                add(found.setdefault(r["s"].value, []), r)
        for iri in wanted:
            cache[iri] = found.get(iri, [])
    return cache


def labels_for(iris) -> dict[str, list[Label]]:
    def add(acc, r):
        lit = r["o"]
        acc.append(Label(lit.value, (lit.language or "").lower(), r["p"].value))

    return _fetch(LABELS_FOR_QUERY, iris, "labels", add)


def types_for(iris) -> dict[str, list[str]]:
    return _fetch(TYPES_FOR_QUERY, iris, "types", lambda acc, r: acc.append(r["t"].value))


def labels_of(iri: str) -> list[Label]:
    return labels_for([iri]).get(iri, [])


def types_of(iri: str) -> list[str]:
    return types_for([iri]).get(iri, [])


def is_a(iri: str, cls: str) -> bool:
    supers = catalogue().superclasses
    return any(cls in supers.get(t, {t}) for t in types_of(iri))


# ---------------------------------------------------------------------------
# The reader's language
# ---------------------------------------------------------------------------


def reader_languages() -> list[str]:
    """Language ranges, best first: ``?lang=`` (comma-separated), then Accept-Language, then
    English and Uzbek Latin. Lower case, because tags compare case-insensitively."""
    out: list[str] = []
    asked = request.args.get("lang", "")
    out += [t.strip() for t in asked.split(",") if _LANG_RE.match(t.strip())]
    out += [v for v, q in request.accept_languages if q > 0 and _LANG_RE.match(v)]
    out += DEFAULT_LANGUAGES
    seen: list[str] = []
    for tag in (t.lower() for t in out):
        if tag not in seen:
            seen.append(tag)
    return seen


def _matches(tag: str, lang_range: str) -> bool:
    return tag == lang_range or tag.startswith(lang_range + "-")


def pick_label(labels: list[Label], langs: list[str]) -> Label | None:
    """RFC 4647 lookup over the language ranges: the first range any name matches wins, and
    within it the best kind of name (preferred label before alternative ones). A bare ``uz``
    prefers Latin script, the official one."""
    usable = [lb for lb in labels if lb.priority < LABEL_PRIORITY[ITT_ACRONYM]]
    for lang_range in langs:
        found = [lb for lb in usable if _matches(lb.lang, lang_range)]
        if found:
            return min(found, key=lambda lb: (lb.priority, lb.lang != lang_range,
                                              not lb.lang.endswith("-latn"), lb.lang, lb.value))
    if labels:
        return min(labels, key=lambda lb: (lb.priority, lb.lang != "", lb.lang, lb.value))
    return None


def short_name(iri: str) -> str:
    """``prefix:local`` where a project prefix fits, else the last path segment."""
    name = ns.shorten(iri)
    if name:
        return name
    tail = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    return tail or iri


def label_of(iri: str, langs: list[str] | None = None) -> tuple[str, str]:
    """(name, language tag as written or "") of a resource for this reader."""
    langs = langs if langs is not None else reader_languages()
    lb = pick_label(labels_of(iri), langs)
    if lb is None:
        return short_name(iri), ""
    return lb.value, display_tag(lb.lang)


def display_tag(tag: str) -> str:
    """BCP 47 case conventions for display: ``uz-latn`` → ``uz-Latn``."""
    parts = tag.split("-")
    for i, p in enumerate(parts[1:], 1):
        parts[i] = p.title() if len(p) == 4 else p.upper() if len(p) == 2 else p
    return "-".join(parts)


# ---------------------------------------------------------------------------
# Links
# ---------------------------------------------------------------------------


def _with_lang(url: str) -> str:
    lang = request.args.get("lang")
    if lang and _LANG_RE.match(lang.split(",")[0].strip()):
        url += ("&" if "?" in url else "?") + urlencode({"lang": lang})
    return url


def href(iri: str) -> str | None:
    """Where a link to ``iri`` goes: the local page for the dataset's own IRIs, the IRI
    itself for other web resources, nothing for other schemes (no ``javascript:`` links)."""
    base, _, fragment = iri.partition("#")
    if base.startswith(ns.ID) and len(base) > len(ns.ID):
        url = _with_lang(url_for("ld.page", path=base[len(ns.ID):]))
        return url + ("#" + fragment if fragment else "")
    if base.startswith(ns.BASE) or iri in catalogue().ontology_terms:
        return _with_lang(url_for("ld.describe", iri=iri))
    if iri.startswith(("http://", "https://")):
        return iri
    return None


def page_url_for_graph(graph: str) -> str | None:
    doc = catalogue().graph_document.get(graph)
    return href(doc) if doc else None


def graph_name(graph: str) -> str:
    return graph[len(ns.GRAPH):] if graph.startswith(ns.GRAPH) else graph


# ---------------------------------------------------------------------------
# Term views for templates
# ---------------------------------------------------------------------------


@dataclass
class TermView:
    kind: str  # "iri", "literal", "bnode"
    text: str
    href: str | None = None
    iri: str | None = None
    lang: str = ""
    datatype: str = ""
    graphs: list[dict] = field(default_factory=list)


def term_view(term, langs: list[str]) -> TermView:
    if isinstance(term, ox.NamedNode):
        text, lang = label_of(term.value, langs)
        return TermView("iri", text, href(term.value), term.value, lang)
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        shown_dt = "" if term.language or dt in (ns.XSD + "string", "") else short_name(dt)
        return TermView("literal", term.value, lang=display_tag(term.language or ""), datatype=shown_dt)
    return TermView("bnode", "_:" + getattr(term, "value", str(term)))


def graph_badges(graphs) -> list[dict]:
    out = []
    for g in sorted(set(graphs)):
        out.append({"name": graph_name(g), "iri": g, "href": page_url_for_graph(g)})
    return out


# ---------------------------------------------------------------------------
# Resource description (RDF)
# ---------------------------------------------------------------------------

# Statements pointing at a resource, in its data document; a state named by every fact of a
# large store would otherwise make a document of millions of lines.
INCOMING_DATA_LIMIT = 10_000
INCOMING_DATA_QUERY = (
    f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p $this }} BIND($this AS ?o) }} LIMIT {INCOMING_DATA_LIMIT}"
)
OUTGOING_QUERY = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { $this ?p ?o } BIND($this AS ?s) }"
EXISTS_QUERY = "ASK { { $this ?p ?o } UNION { ?s ?p $this } }"


def exists(iri: str) -> bool:
    try:
        return bool(run(EXISTS_QUERY, this=iri))
    except ValueError:
        return False


def describe_quads(iri: str) -> list[ox.Quad]:
    """The resource's own statements and the statements pointing at it, in every graph, plus
    the hash-IRI parts it links to (an evidence's ``#target``, ``#quote``, ``#position``)."""
    found = rows(OUTGOING_QUERY, this=iri) + rows(INCOMING_DATA_QUERY, this=iri)
    quads = {ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in found}
    todo = [q.object.value for q in quads if isinstance(q.object, ox.NamedNode)
            and q.object.value.startswith(iri + "#")]
    seen = set(todo)
    while todo:
        part = todo.pop()
        for r in rows(OUTGOING_QUERY, this=part):
            quads.add(ox.Quad(r["s"], r["p"], r["o"], r["g"]))
            o = r["o"]
            if isinstance(o, ox.NamedNode) and o.value.startswith(iri + "#") and o.value not in seen:
                seen.add(o.value)
                todo.append(o.value)
    return sorted(quads, key=str)


def serialize_description(iri: str, ext: str) -> Response:
    media, fmt, keeps_graphs = DATA_FORMATS[ext]
    quads = describe_quads(iri)
    prefixes = DATA_PREFIXES if formats.rdf_by_extension(ext).takes_prefixes else None
    if keeps_graphs:
        body = ox.serialize(quads, format=fmt, prefixes=prefixes)
    else:
        triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
        body = ox.serialize(triples, format=fmt, prefixes=prefixes)
    resp = Response(body, content_type=f"{media}; charset=utf-8")
    resp.headers.setdefault("Access-Control-Allow-Origin", "*")
    return resp


def negotiate_data_format() -> str | None:
    """An RDF extension (Turtle without Accept), or None when nothing offered is acceptable."""
    best = conneg.negotiate(request.headers.get("Accept"), formats.RDF)
    return best.extension if best else None


def negotiate_view() -> str | None:
    """"html", an RDF extension, or None when nothing offered is acceptable. No Accept header,
    or ``*/*`` alone, gets HTML (the first offer)."""
    best = conneg.negotiate(request.headers.get("Accept"), (formats.HTML, *formats.RDF))
    if best is None:
        return None
    return "html" if best is formats.HTML else best.extension


def not_acceptable() -> Response:
    offered = ", ".join(DATA_FORMATS[e][0] for e in DATA_FORMATS)
    resp = Response(f"406 Not Acceptable: this resource is offered as {offered}, text/html\n", 406,
                    content_type="text/plain; charset=utf-8")
    resp.headers["Vary"] = "Accept"
    return resp


def not_found(iri: str | None = None) -> tuple[str, int]:
    return render_template("not_found.html", iri=iri), 404


def _split_ext(path: str) -> tuple[str, str | None]:
    stem, dot, ext = path.rpartition(".")
    if dot and ext in DATA_FORMATS and "/" not in ext:
        return stem, ext
    return path, None


# ---------------------------------------------------------------------------
# Routes: /id, /data, /page, /describe, and the other namespaces of the dataset
# ---------------------------------------------------------------------------


def _see_other(html_url: str, data_url_for_ext) -> Response:
    view = negotiate_view()
    if view is None:
        return not_acceptable()
    resp = redirect(html_url if view == "html" else data_url_for_ext(view), code=303)
    resp.headers["Vary"] = "Accept"
    resp.headers.setdefault("Access-Control-Allow-Origin", "*")
    return resp


@bp.route("/id/<path:path>")
def identifier(path: str):
    stem, ext = _split_ext(path)
    iri = ns.ID + path
    if ext and not exists(iri) and exists(ns.ID + stem):
        return redirect(url_for("ld.data", path=path), code=303)
    if not exists(iri):
        return not_found(iri)
    return _see_other(url_for("ld.page", path=path), lambda e: url_for("ld.data", path=f"{path}.{e}"))


def _data_response(iri: str, ext: str | None) -> Response:
    negotiated = ext is None
    if ext is None:
        ext = negotiate_data_format()
        if ext is None:
            return not_acceptable()
    resp = serialize_description(iri, ext)
    if negotiated:
        resp.headers["Vary"] = "Accept"
    return resp


@bp.route("/data/<path:path>")
def data(path: str):
    stem, ext = _split_ext(path)
    iri = ns.ID + stem
    if not exists(iri):
        return not_found(iri)
    resp = _data_response(iri, ext)
    resp.headers["Link"] = f'<{url_for("ld.page", path=stem)}>; rel="alternate"; type="text/html"'
    return resp


@bp.route("/data")
def data_any():
    iri = request.args.get("iri", "")
    fmt = request.args.get("format")
    if fmt is not None and fmt not in DATA_FORMATS:
        return Response(f"unknown format; use one of {', '.join(DATA_FORMATS)}\n", 400,
                        content_type="text/plain; charset=utf-8")
    if not iri or not exists(iri):
        return not_found(iri or None)
    return _data_response(iri, fmt)


@bp.route("/ontology/", defaults={"path": ""})
@bp.route("/ontology/<path:path>")
def ontology_term(path: str):
    return _namespace_redirect(ns.ITT + path)


@bp.route("/graph/<path:path>")
def graph_iri(path: str):
    return _namespace_redirect(ns.GRAPH + path)


def _namespace_redirect(iri: str):
    if not exists(iri):
        return not_found(iri)
    return _see_other(url_for("ld.describe", iri=iri), lambda e: url_for("ld.data_any", iri=iri, format=e))


@bp.route("/page/<path:path>")
def page(path: str):
    iri = ns.ID + path
    if not exists(iri):
        return not_found(iri)
    return render_resource(iri, data_links={e: url_for("ld.data", path=f"{path}.{e}") for e in DATA_FORMATS})


@bp.route("/describe")
def describe():
    iri = request.args.get("iri", "")
    try:
        ox.NamedNode(iri)
    except ValueError:
        return not_found(iri or None)
    if iri.startswith(ns.ID) and "#" not in iri:
        return redirect(url_for("ld.page", path=iri[len(ns.ID):]), code=301)
    if not exists(iri):
        return not_found(iri)
    return render_resource(iri, data_links={e: url_for("ld.data_any", iri=iri, format=e) for e in DATA_FORMATS})


# ---------------------------------------------------------------------------
# Evidence: quotes in their context
# ---------------------------------------------------------------------------

EVIDENCE_OF_QUERY = """
SELECT DISTINCT ?ev ?doc ?start ?end ?exact ?g WHERE {
  GRAPH ?g {
    $this itt:evidence ?ev .
    ?ev itt:sourceDocument ?doc ; oa:hasTarget ?t .
    ?t oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end .
    OPTIONAL { ?t oa:hasSelector ?q . ?q oa:exact ?exact }
  }
}"""
EVIDENCE_SELF_QUERY = """
SELECT DISTINCT ?ev ?doc ?start ?end ?exact ?g WHERE {
  BIND($this AS ?ev)
  GRAPH ?g {
    ?ev itt:sourceDocument ?doc ; oa:hasTarget ?t .
    ?t oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end .
    OPTIONAL { ?t oa:hasSelector ?q . ?q oa:exact ?exact }
  }
}"""
DOCUMENT_TEXT_QUERY = "SELECT ?text WHERE { GRAPH graph:corpus { $doc schema:text ?text } }"


def document_text(doc: str) -> str | None:
    texts = per_data().get("texts", dict)
    if doc not in texts:
        if len(texts) > 1000:
            texts.clear()
        found = rows(DOCUMENT_TEXT_QUERY, doc=doc) if doc in catalogue().document_graph else []
        texts[doc] = found[0]["text"].value if found else None
    return texts[doc]


def evidence_anchor(start: int, end: int) -> str:
    return f"ev-{start}-{end}"


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@dataclass
class EvidenceView:
    iri: str
    href: str | None
    doc: str
    doc_label: str
    doc_href: str | None
    in_document_href: str | None
    graph: dict
    start: int
    end: int
    before: str
    exact: str
    after: str
    verified: bool


def evidence_views(rows_, langs: list[str]) -> list[EvidenceView]:
    out: dict[str, EvidenceView] = {}
    for r in rows_:
        ev, doc = r["ev"].value, r["doc"].value
        start, end = int(r["start"].value), int(r["end"].value)
        text = document_text(doc)
        exact = r["exact"].value if r.get("exact") is not None else ""
        if text is not None and 0 <= start <= end <= len(text):
            a = max(0, start - CONTEXT_CHARS)
            b = min(len(text), end + CONTEXT_CHARS)
            # Cut the context at word boundaries, so no word is shown half.
            while a > 0 and not text[a - 1].isspace() and start - a < CONTEXT_CHARS + 20:
                a -= 1
            while b < len(text) and not text[b].isspace() and b - end < CONTEXT_CHARS + 20:
                b += 1
            before = ("… " if a > 0 else "") + _squash(text[a:start]).lstrip()
            after = _squash(text[end:b]).rstrip() + (" …" if b < len(text) else "")
            verified = not exact or text[start:end] == exact
            shown = text[start:end]
        else:
            before, after, verified, shown = "", "", False, exact
        doc_page = href(doc)
        out[ev] = EvidenceView(
            iri=ev, href=href(ev), doc=doc, doc_label=label_of(doc, langs)[0], doc_href=doc_page,
            in_document_href=f"{doc_page}#{evidence_anchor(start, end)}" if doc_page else None,
            graph=graph_badges([r["g"].value])[0], start=start, end=end,
            before=before, exact=_squash(shown), after=after, verified=verified,
        )
    return sorted(out.values(), key=lambda e: (e.doc, e.start, e.end))


# ---------------------------------------------------------------------------
# The document text with every evidence span marked
# ---------------------------------------------------------------------------

DOCUMENT_EVIDENCE_QUERY = """
SELECT DISTINCT ?ev ?fact ?start ?end WHERE {
  GRAPH ?g {
    ?ev itt:sourceDocument $doc ; oa:hasBody ?fact ; oa:hasTarget ?t .
    ?t oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end .
  }
}"""


def marked_text(doc: str, text: str, langs: list[str]) -> tuple[list[dict], list[dict]]:
    """The text cut into segments at every evidence boundary. Each segment knows the
    evidence spans covering it (for ``<mark>``), the anchors starting there and the note
    numbers of the spans ending there; overlapping and nested spans are fine."""
    spans: dict[tuple[int, int], list[str]] = {}
    for r in rows(DOCUMENT_EVIDENCE_QUERY, doc=doc):
        s, e = int(r["start"].value), int(r["end"].value)
        if 0 <= s < e <= len(text):
            spans.setdefault((s, e), []).append(r["fact"].value)
    labels_for(f for facts in spans.values() for f in facts)
    notes = []
    for n, ((s, e), facts) in enumerate(sorted(spans.items()), 1):
        facts = sorted(set(facts))
        notes.append({
            "n": n, "start": s, "end": e, "anchor": evidence_anchor(s, e),
            "facts": [{"iri": f, "href": href(f), "label": label_of(f, langs)[0]} for f in facts],
            "exact": _squash(text[s:e]),
        })
    cuts = sorted({0, len(text), *(n["start"] for n in notes), *(n["end"] for n in notes)})
    segments = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [n for n in notes if n["start"] <= a and b <= n["end"]]
        segments.append({
            "text": text[a:b],
            "anchors": [n["anchor"] for n in notes if n["start"] == a],
            "marked": bool(covering),
            "evs": " ".join(n["anchor"] for n in covering),
            "title": "; ".join(f["label"] for n in covering for f in n["facts"]),
            "notes": [n for n in notes if n["end"] == b],
        })
    return segments, notes


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
        name, _ = label_of(p, langs)
        groups.append({"iri": p, "label": name, "short": short_name(p), "href": href(p), "values": views})
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
    properties = _property_groups(outgoing, langs, HIDDEN_OUTGOING)
    parts = [{"iri": part, "id": part.split("#", 1)[1], "properties": _property_groups(st, langs, set())}
             for part, st in part_rows]

    incoming: dict[str, dict] = {}
    for r in incoming_rows:
        p = r["p"].value
        if p in HIDDEN_INCOMING or (isinstance(r["s"], ox.NamedNode) and r["s"].value.startswith(iri + "#")):
            continue
        group = incoming.setdefault(p, {"iri": p, "label": label_of(p, langs)[0], "href": href(p), "values": {}})
        group["values"].setdefault(r["s"], []).append(r["g"].value)
    incoming_groups = []
    for group in incoming.values():
        views = []
        for s, graphs in group["values"].items():
            tv = term_view(s, langs)
            tv.graphs = graph_badges(graphs)
            views.append(tv)
        views.sort(key=lambda v: v.text.casefold())
        incoming_groups.append({**group, "values": views})
    incoming_groups.sort(key=lambda g: g["label"].casefold())

    if is_a(iri, ns.ITT + "Evidence"):
        evidence = evidence_views(rows(EVIDENCE_SELF_QUERY, this=iri), langs)
        evidence_title = "Quote"
        if evidence and not labels_of(iri):
            # Annotations have no names: the words they select are the best one.
            quote = evidence[0].exact
            name, name_lang = f"“{quote if len(quote) <= 90 else quote[:89] + '…'}”", ""
    else:
        evidence = evidence_views(rows(EVIDENCE_OF_QUERY, this=iri), langs)
        evidence_title = "Evidence"

    text = document_text(iri)
    segments, notes = marked_text(iri, text, langs) if text is not None else ([], [])
    graph = cat.document_graph.get(iri)

    return render_template(
        "resource.html",
        iri=iri, name=name, name_lang=name_lang, types=types, properties=properties, parts=parts,
        incoming=incoming_groups, incoming_truncated=incoming_truncated, evidence=evidence,
        evidence_title=evidence_title, text=text, segments=segments, notes=notes,
        facts_graph=graph_badges([graph])[0] if graph else None, data_links=data_links,
        is_document=text is not None,
    )
