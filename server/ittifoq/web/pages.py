"""The human side of the server: landing page, query page, and the registration of the
linked-data, search, VoID/dump and timeline blueprints.

``init_app(app)`` is what the application factory calls. Templates are Jinja2 with
autoescaping (every value from the data or the request is escaped); the static files are
local (no CDN, nothing fetched from another site).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Flask, Response, render_template, request, url_for

from .. import formats
from .. import namespaces as ns
from ..config import examples_dir
from ..query_hints import KEYWORDS
from . import linked_data as ld
from .i18n import interface_language, language_menu, translate, with_lang

bp = Blueprint(
    "pages", __name__, template_folder="templates", static_folder="static", static_url_path="/assets"
)

# (format name for ?format=, file extension of the download)
RESULT_DOWNLOADS = tuple((f.name, f.extension) for f in formats.RESULTS)
GRAPH_DOWNLOADS = tuple((f.name, f.extension) for f in formats.RDF)


# ---------------------------------------------------------------------------
# Example queries (data/queries/*.rq, each opening with a "# question" line)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    name: str
    question: str
    notes: str
    query: str


def queries_dir() -> Path | None:
    # The served data's project, else the checkout's or the packaged graph's examples, else none.
    config = getattr(ld.state(), "config", None)
    return config.queries_dir if config else examples_dir()


def parse_example(path: Path) -> Example:
    text = path.read_text(encoding="utf-8")
    comments = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        comments.append(line.lstrip("#").strip())
    question = comments[0] if comments else path.stem
    return Example(path.stem, question, " ".join(c for c in comments[1:] if c), text)


def examples() -> list[Example]:
    folder = queries_dir()
    if folder is None or not folder.is_dir():
        return []
    # Read on every request: the files are small and being written while the server runs.
    return [parse_example(p) for p in sorted(folder.glob("*.rq"))]


# ---------------------------------------------------------------------------
# Landing page
# ---------------------------------------------------------------------------

GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
GRAPH_EVIDENCE = """
SELECT ?g (COUNT(DISTINCT ?ev) AS ?evidence) (COUNT(DISTINCT ?s) AS ?subjects) WHERE {
  GRAPH ?g { ?s itt:evidence ?ev }
} GROUP BY ?g"""
DOCUMENTS = """
SELECT ?doc ?g (GROUP_CONCAT(DISTINCT STR(?lang); separator=", ") AS ?langs) (SAMPLE(?date) AS ?d) WHERE {
  ?doc a itt:SourceDocument ; itt:factsGraph ?g .
  OPTIONAL { ?doc dct:language ?lang } OPTIONAL { ?doc dct:date ?date }
} GROUP BY ?doc ?g ORDER BY ?doc"""


def _summary() -> dict:
    graph_triples = {r["g"].value: int(r["n"].value) for r in ld.rows(GRAPH_COUNTS)}
    evidence = {r["g"].value: (int(r["evidence"].value), int(r["subjects"].value)) for r in ld.rows(GRAPH_EVIDENCE)}
    docs = []
    for r in ld.rows(DOCUMENTS):
        g = r["g"].value
        docs.append({"iri": r["doc"].value, "graph": g, "langs": r["langs"].value,
                     "date": r["d"].value if r["d"] is not None else "",
                     "triples": graph_triples.get(g, 0), "evidence": evidence.get(g, (0, 0))[0],
                     "subjects": evidence.get(g, (0, 0))[1]})
    return {"graphs": graph_triples, "docs": docs}


@bp.route("/")
def index():
    from .lists import class_rows
    from .void import statistics

    langs = ld.reader_languages()
    summary = ld.per_data().get("summary", _summary)
    void_stats = statistics()
    ld.labels_for([d["iri"] for d in summary["docs"]])
    docs = [{**d, "href": ld.href(d["iri"]), "label": ld.label_of(d["iri"], langs)[0],
             "label_lang": ld.label_of(d["iri"], langs)[1]} for d in summary["docs"]]
    graphs = [{"name": ld.graph_name(g), "iri": g, "triples": n, "href": ld.page_url_for_graph(g)}
              for g, n in sorted(summary["graphs"].items())]
    # The same figures as /void: statements = quads, resources = void:entities.
    return render_template(
        "index.html", classes=class_rows(langs), docs=docs, graphs=graphs, triples=void_stats["quads"],
        entities=void_stats["entities"], examples=examples(), dumps=dump_links(),
    )


def dump_links() -> list[dict]:
    from .void import DUMPS

    return [{"name": name, "href": url_for("void.dump", ext=ext), "media": media}
            for ext, (name, _fmt, media) in DUMPS.items()]


@bp.route("/text/<path:path>")
def document_text(path: str):
    """A source document's exact text as a plain-text file."""
    from werkzeug.exceptions import NotFound

    from .evidence_view import document_text as text_of

    text = text_of(ns.ID + path)
    if text is None:
        raise NotFound()
    resp = Response(text, content_type="text/plain; charset=utf-8")
    resp.headers["Content-Disposition"] = f'attachment; filename="{path.rsplit("/", 1)[-1]}.txt"'
    return resp


# ---------------------------------------------------------------------------
# Query page
# ---------------------------------------------------------------------------


@bp.route("/query")
def query_page():
    exs = examples()
    query = request.args.get("query")
    chosen = request.args.get("example")
    if query is None and chosen:
        query = next((e.query for e in exs if e.name == chosen), None)
    if query is None:
        query = exs[0].query if exs else "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
    st = ld.state()
    settings = getattr(st, "settings", None)
    return render_template(
        "query.html", examples=exs, query=query, endpoint=request.script_root + "/sparql",
        result_formats=RESULT_DOWNLOADS, graph_formats=GRAPH_DOWNLOADS,
        timeout=getattr(settings, "timeout", None), max_rows=getattr(settings, "max_rows", None),
        id_base=ns.ID, dataset_base=ns.BASE, page_base=request.script_root + "/page/",
        describe_base=request.script_root + "/describe?",
        # Longest namespace first, so that state: wins over id: for a state's IRI.
        prefixes=sorted(ns.PREFIXES.items(), key=lambda kv: -len(kv[1])),
        declared=sorted(ns.PREFIXES.items()), terms=ontology_terms(), keywords=KEYWORDS,
    )


def ontology_terms() -> list[dict]:
    """The ontology's classes and properties as ``itt:Name`` with a label, for completion."""
    def compute():
        found = ld.rows(TERMS_QUERY)
        ld.labels_for([r["t"].value for r in found])
        out = []
        for r in found:
            iri = r["t"].value
            out.append({"name": ld.short_name(iri), "kind": r["k"].value, "label": ld.label_of(iri, ["en"])[0]})
        return sorted(out, key=lambda t: t["name"])

    return ld.per_data().get("ontology-terms", compute)


TERMS_QUERY = """
SELECT DISTINCT ?t ?k WHERE { GRAPH graph:ontology {
  VALUES (?type ?k) { (owl:Class "class") (owl:ObjectProperty "property") (owl:DatatypeProperty "property")
                      (owl:AnnotationProperty "property") (rdf:Property "property") }
  ?t a ?type FILTER isIRI(?t) } }"""


# ---------------------------------------------------------------------------
# Registration and what every template sees
# ---------------------------------------------------------------------------


def _template_context() -> dict:
    if not request:
        return {}
    return {"language_menu": language_menu(), "ui_lang": interface_language(),
            "lang_param": request.args.get("lang", "")}


def init_app(app: Flask) -> None:
    from . import cite, linked_data, lists, search, timeline, void
    from .dates import date_words

    app.jinja_env.globals.update(t=translate, lang_url=with_lang, date_words=date_words)
    app.register_blueprint(bp)
    app.register_blueprint(lists.bp)
    app.register_blueprint(cite.bp)
    app.register_blueprint(linked_data.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(void.bp)
    app.register_blueprint(timeline.bp)
    app.context_processor(_template_context)
    # GET /sparql from a browser shows the query page (the protocol blueprint asks
    # state.query_page); the state may be set up after this call, so offer it on each request.
    def offer_query_page():
        st = app.extensions.get("ittifoq")
        if st is not None and getattr(st, "query_page", None) is None:
            st.query_page = query_page

    offer_query_page()
    app.before_request(offer_query_page)
