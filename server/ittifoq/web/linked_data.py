"""Linked data: ``/id/…`` IRIs answered the way DBpedia answers them, and the RDF views.

``https://w3id.org/ittifoq/id/{path}`` is served here as ``/id/{path}``: it answers 303 See
Other to ``/page/{path}`` (HTML, for browsers) or to ``/data/{path}.{ext}`` (RDF, chosen by
Accept); ``/data/{path}`` negotiates by itself and ``/data/{path}.ttl|.nt|.jsonld|.rdf|.nq|.trig``
names the format. Other IRIs of the dataset (ontology terms, graphs) are shown by
``/describe?iri=…`` and ``/data?iri=…``. The HTML page itself is built by ``resource_page``.

The helpers the other page modules use (``rows``, ``labels_for``, ``label_of``, ``href``…)
live in ``lookup`` and ``names`` and are re-exported here under their old names.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, redirect, request, url_for

from .. import formats
from .. import namespaces as ns
from ..errors import UsageError
from ..export import EXPORT_PREFIXES
from . import conneg
from .errors import UnknownResource
from .lookup import (  # noqa: F401  (re-exported for the other page modules)
    LABEL_VALUES,
    OUTGOING_QUERY,
    Catalogue,
    Label,
    catalogue,
    is_a,
    labels_for,
    labels_of,
    per_data,
    rows,
    run,
    state,
    types_for,
    types_of,
)
from .names import (  # noqa: F401
    display_tag,
    graph_badges,
    graph_name,
    href,
    label_of,
    page_url_for_graph,
    reader_languages,
    short_name,
    term_view,
)
from .resource_page import render_resource

bp = Blueprint("ld", __name__)

# Turtle/TriG prefixes of the data views: the export's, plus one per kind of identifier.
DATA_PREFIXES = {**EXPORT_PREFIXES, "oa": ns.OA, "schema": ns.SCHEMA, "org": ns.ORG, "prov": ns.PROV,
                 "foaf": ns.FOAF, "wd": ns.WD, "graph": ns.GRAPH,
                 **{k: f"{ns.ID}{k}/" for k in ns.ID_KINDS}}

# extension → (media type, Oxigraph format, keeps named graphs)
# extension → (media type, Oxigraph format, keeps named graphs), from ittifoq.formats
DATA_FORMATS = {f.extension: (f.media_type, f.ox_format, f.keeps_graphs) for f in formats.RDF}

# ---------------------------------------------------------------------------
# Resource description (RDF)
# ---------------------------------------------------------------------------

# Statements pointing at a resource, in its data document; a state named by every fact of a
# large store would otherwise make a document of millions of lines.
INCOMING_DATA_LIMIT = 10_000
INCOMING_DATA_QUERY = (
    f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p $this }} BIND($this AS ?o) }} LIMIT {INCOMING_DATA_LIMIT}"
)
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


def not_acceptable(media_types=None) -> conneg.NotAcceptable:
    """The 406 of a resource offered as ``media_types`` (its RDF formats and HTML by default)."""
    offered = media_types or [*(DATA_FORMATS[e][0] for e in DATA_FORMATS), "text/html"]
    return conneg.NotAcceptable(f"this resource is offered as {', '.join(offered)}")


def unknown_format(fmt: str, offered) -> UsageError:
    return UsageError(f"format={fmt!r} is not offered here; use one of {', '.join(offered)}")


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
        raise not_acceptable()
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
        raise UnknownResource(iri)
    from .cite import CITE_OFFERS

    # A client that prefers a citation (BibTeX, CSL-JSON, plain text) over the page gets it.
    asked = conneg.negotiate(request.headers.get("Accept"), (formats.HTML, *formats.RDF, *CITE_OFFERS))
    if asked in CITE_OFFERS:
        resp = redirect(url_for("cite.cite", path=path, format=asked.name), code=303)
        resp.headers["Vary"] = "Accept"
        return resp
    return _see_other(url_for("ld.page", path=path), lambda e: url_for("ld.data", path=f"{path}.{e}"))


def _data_response(iri: str, ext: str | None) -> Response:
    negotiated = ext is None
    if ext is None:
        ext = negotiate_data_format()
        if ext is None:
            raise not_acceptable()
    resp = serialize_description(iri, ext)
    if negotiated:
        resp.headers["Vary"] = "Accept"
    return resp


@bp.route("/data/<path:path>")
def data(path: str):
    stem, ext = _split_ext(path)
    iri = ns.ID + stem
    if not exists(iri):
        raise UnknownResource(iri)
    resp = _data_response(iri, ext)
    resp.headers["Link"] = f'<{url_for("ld.page", path=stem)}>; rel="alternate"; type="text/html"'
    return resp


@bp.route("/data")
def data_any():
    iri = request.args.get("iri", "")
    fmt = request.args.get("format")
    if fmt is not None and fmt not in DATA_FORMATS:
        raise unknown_format(fmt, DATA_FORMATS)
    if not iri or not exists(iri):
        raise UnknownResource(iri or None)
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
        raise UnknownResource(iri)
    return _see_other(url_for("ld.describe", iri=iri), lambda e: url_for("ld.data_any", iri=iri, format=e))


@bp.route("/page/<path:path>")
def page(path: str):
    iri = ns.ID + path
    if not exists(iri):
        raise UnknownResource(iri)
    return render_resource(iri, data_links={e: url_for("ld.data", path=f"{path}.{e}") for e in DATA_FORMATS})


@bp.route("/describe")
def describe():
    iri = request.args.get("iri", "")
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise UnknownResource(iri or None) from None
    if iri.startswith(ns.ID) and "#" not in iri:
        return redirect(url_for("ld.page", path=iri[len(ns.ID):]), code=301)
    if not exists(iri):
        raise UnknownResource(iri)
    return render_resource(iri, data_links={e: url_for("ld.data_any", iri=iri, format=e) for e in DATA_FORMATS})
