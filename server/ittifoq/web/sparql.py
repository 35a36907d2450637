"""The SPARQL 1.1 Protocol at ``/sparql`` and the Graph Store HTTP Protocol at
``/rdf-graph-store`` (also ``/store``).

Queries: GET ``?query=``, POST ``application/x-www-form-urlencoded`` (``query=``), POST
``application/sparql-query``; ``default-graph-uri``/``named-graph-uri`` replace the query's
dataset, otherwise the default graph is the data's own default graph when it has triples (a
build's consolidated view), else the union of all graphs (or what FROM names). GET
without a query answers with a SPARQL Service Description, or the query page for browsers.
Graph Store reads (GET/HEAD ``?graph=``, ``?default``, or a URL below the store) run in the
engine process like any query, with the same time limit and caps. Writes (SPARQL Update,
Graph Store PUT/POST/DELETE) are refused with 403 unless the server runs with
``--allow-update``, and then need ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import functools
import hmac
import logging
import re
import uuid
from html import escape
from urllib.parse import unquote_to_bytes

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, g, request
from werkzeug.sansio.utils import get_current_url

from .. import formats
from ..errors import Forbidden, NotFound, Unauthorized, UnsupportedMediaType, UsageError
from ..namespaces import DCT, RDF, RDFS, SD, VOID
from ..store import OnDisk, Remote
from . import conneg

log = logging.getLogger("ittifoq.web")

bp = Blueprint("sparql", __name__)

EXPOSED_HEADERS = "X-Ittifoq-Truncated, X-Ittifoq-Rows, X-Ittifoq-Query-Time"
FORMATS_NS = formats.W3C_FORMATS
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
SLOW_QUERY_SECONDS = 1.0
ACCEPTED_BODIES = "application/sparql-query, application/sparql-update or application/x-www-form-urlencoded"

__all__ = ["bp", "NotFound", "Forbidden", "Unauthorized", "UnsupportedMediaType"]


def _state():
    return current_app.extensions["ittifoq"]


def endpoint_url() -> str:
    """The endpoint's address as clients reach it (the configured base, else this request's)."""
    base = _state().settings.base_url
    if base:
        return base.rstrip("/") + "/sparql"
    return _root_url(request.scheme, request.host, request.root_path) + "sparql"


@functools.lru_cache(maxsize=64)
def _root_url(scheme: str, host: str, root_path: str) -> str:
    # ``request.url_root``, remembered: clients reach the server by a handful of names, and
    # building the URL (quoting, IRI conversion) took a tenth of a cheap query's time here.
    return get_current_url(scheme, host, root_path)


def single_param(values, name: str) -> str | None:
    found = values.getlist(name)
    if len(found) > 1:
        raise UsageError(f"the request has {len(found)} '{name}' parameters; send at most one")
    return found[0] if found else None


def iri_params(values, name: str) -> list[str]:
    out = []
    for v in values.getlist(name):
        v = v.strip()
        if not v:
            continue
        try:
            ox.NamedNode(v)
        except ValueError:
            raise UsageError(f"{name}={v!r} is not an absolute IRI") from None
        out.append(v)
    return out


def require_utf8_charset(what: str) -> None:
    """415 unless the request's body is UTF-8 (the only charset the protocols allow)."""
    charset = request.mimetype_params.get("charset")
    if charset and charset.strip().lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(f"{what} must be UTF-8; got charset={charset}")


def _utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise UsageError(f"{what} is not valid UTF-8 (byte {e.start})") from None


# A run of percent-escaped bytes of 0x80 and above: the only place a UTF-8 sequence of more
# than one byte can stand in an ASCII URL or form.
_HIGH_ESCAPES = re.compile(rb"(?:%[89a-fA-F][0-9a-fA-F])+")


def _check_encoded_utf8(raw: bytes, what: str) -> None:
    # Werkzeug keeps bytes that are not UTF-8 percent-encoded in URL parameters and forms; a
    # query run with characters its client never sent would answer another question. The
    # whole string is checked at once: '&' and '=' are ASCII, so they cannot join two pieces
    # into one valid sequence, and each piece is valid exactly when the whole is. In ASCII
    # text (what clients send) each maximal run of escaped high bytes must be valid UTF-8 by
    # itself, as an ASCII byte cannot continue a sequence: checking the runs alone avoids
    # decoding the whole text in Python.
    try:
        if raw.isascii():
            for run in _HIGH_ESCAPES.findall(raw):
                bytes.fromhex(run.replace(b"%", b"").decode()).decode("utf-8")
        else:
            unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError as e:
        raise UsageError(f"{what} are not valid UTF-8 once percent-decoded ({e.reason})") from None


def _body_text() -> str:
    require_utf8_charset("the body (SPARQL 1.1 Protocol)")
    return _utf8(request.get_data(cache=False), "the body")


# --------------------------------------------------------------------------- /sparql


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint():
    _check_encoded_utf8(request.query_string, "the URL's parameters")
    if request.method == "POST":
        return _post()
    if "update" in request.args:
        raise UsageError("updates are sent with POST (SPARQL 1.1 Protocol §2.2), never with GET")
    query = single_param(request.args, "query")
    if query is None:
        return service_description()
    return _run(query, request.args)


def _post():
    mimetype = request.mimetype
    if mimetype == "application/x-www-form-urlencoded":
        require_utf8_charset("the form")
        _check_encoded_utf8(request.get_data(cache=True), "the form's parameters")
        values = request.values  # the URL's parameters and the form's
        query, update = single_param(values, "query"), single_param(values, "update")
        if query is not None and update is not None:
            raise UsageError("the request has both 'query' and 'update'; send one")
        if query is not None:
            return _run(query, values)
        if update is not None:
            return _update(update, values)
        raise UsageError("the form has neither a 'query' nor an 'update' parameter")
    if mimetype == "application/sparql-query":
        if "query" in request.args:
            raise UsageError("the query is in the body; do not also send ?query=")
        return _run(_body_text(), request.args)
    if mimetype == "application/sparql-update":
        return _update(_body_text(), request.args)
    raise UnsupportedMediaType(
        f"POST /sparql takes {ACCEPTED_BODIES}; this request's body is "
        + (mimetype or "without a Content-Type")
    )


def _run(query: str, params) -> Response:
    default_graphs = iri_params(params, "default-graph-uri")
    named_graphs = iri_params(params, "named-graph-uri")
    protocol_dataset = bool(default_graphs or named_graphs)
    result = _state().run_query(
        query,
        default_graphs=default_graphs if protocol_dataset else None,
        named_graphs=named_graphs if protocol_dataset else None,
        accept=request.headers.get("Accept"),
        format=conneg.format_params(params),
        timeout=single_param(params, "timeout"),
        base_iri=endpoint_url(),
    )
    # Truncated and slow answers are worth an operator's attention; a line for every answer
    # (``--debug``) cost a tenth of a cheap query's time in this process.
    level = logging.INFO if result.truncated or result.elapsed >= SLOW_QUERY_SECONDS else logging.DEBUG
    log.log(level, "%s %s rows=%s %.3fs%s", result.form, result.format, result.rows, result.elapsed,
            f" truncated {result.truncated}" if result.truncated else "")
    return result.to_response()


def _authorise() -> None:
    settings = _state().settings
    g.ittifoq_write = True
    if not settings.allow_update:
        raise Forbidden(
            "this endpoint is read-only: SPARQL Update and Graph Store writes are refused "
            "(the server runs without --allow-update)"
        )
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), settings.token.encode()):
        raise Unauthorized("writes need the header 'Authorization: Bearer <token>' with the server's token")


def _update(text: str, params) -> Response:
    _authorise()
    _state().update(
        text,
        using_graphs=iri_params(params, "using-graph-uri"),
        using_named_graphs=iri_params(params, "using-named-graph-uri"),
        base_iri=endpoint_url(),
    )
    return Response(status=204)


# --------------------------------------------------------------------------- service description


def _sd_triples(endpoint: str) -> list[ox.Triple]:
    state = _state()
    settings = state.settings
    N, L = ox.NamedNode, ox.Literal
    sd = lambda local: N(SD + local)  # noqa: E731
    a = N(RDF + "type")
    svc, ds, dg = ox.BlankNode("service"), ox.BlankNode("dataset"), ox.BlankNode("defaultGraph")
    t = [
        ox.Triple(svc, a, sd("Service")),
        ox.Triple(svc, sd("endpoint"), N(endpoint)),
        ox.Triple(svc, N(DCT + "title"), L("ittifoq: relations between Uzbekistan and Kazakhstan", language="en")),
        ox.Triple(svc, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(svc, sd("defaultEntailmentRegime"), N("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(svc, sd("defaultDataset"), ds),
        ox.Triple(ds, a, sd("Dataset")),
        ox.Triple(ds, sd("defaultGraph"), dg),
        ox.Triple(dg, a, sd("Graph")),
    ]
    for f in (*formats.RESULTS, *formats.RDF):
        t.append(ox.Triple(svc, sd("resultFormat"), N(f.w3c_iri)))
    if settings.service_allowlist:
        t.append(ox.Triple(svc, sd("feature"), sd("BasicFederatedQuery")))
    if settings.allow_update:
        t.append(ox.Triple(svc, sd("supportedLanguage"), sd("SPARQL11Update")))
        for f in formats.RDF:
            t.append(ox.Triple(svc, sd("inputFormat"), N(f.w3c_iri)))
    if any(r.rule == "/.well-known/void" for r in current_app.url_map.iter_rules()):
        t.append(ox.Triple(svc, N(RDFS + "seeAlso"), N(state.public_base() + ".well-known/void")))
    if _default_graph_is_the_union(state):
        t.append(ox.Triple(svc, sd("feature"), sd("UnionDefaultGraph")))
    else:
        t.append(ox.Triple(dg, N(DCT + "description"), L(
            "The consolidated view: one statement per fact where the source documents agree (the most precise "
            "date all allow, the most specific compatible types; itt:disputedProperty where they disagree; "
            "prov:wasDerivedFrom the document graphs), with the ontology, reference and corpus graphs. "
            "GRAPH ?g gives what each document says.", language="en")))
    union, counts, names = _graph_sizes(state)
    if union is not None:
        t.append(ox.Triple(dg, N(VOID + "triples"), L(str(union), datatype=N(XSD_INTEGER))))
    for i, name in enumerate(names):
        ng, gr = ox.BlankNode(f"ng{i}"), ox.BlankNode(f"g{i}")
        t += [
            ox.Triple(ds, sd("namedGraph"), ng),
            ox.Triple(ng, a, sd("NamedGraph")),
            ox.Triple(ng, sd("name"), N(name)),
            ox.Triple(ng, sd("graph"), gr),
            ox.Triple(gr, a, sd("Graph")),
        ]
        if name in counts:
            t.append(ox.Triple(gr, N(VOID + "triples"), L(str(counts[name]), datatype=N(XSD_INTEGER))))
    # Oxigraph's Turtle writer groups consecutive triples of one subject.
    order = {}
    for triple in t:
        order.setdefault(triple.subject, len(order))
    return sorted(t, key=lambda triple: order[triple.subject])


def _default_graph_is_the_union(state) -> bool:
    """Whether every triple of the default graph stands in a named graph: then it is the union
    (made a set at load), not a view of its own such as a build's consolidated statements. Only
    asked of data in memory: on a large store or a remote endpoint the answer would cost a scan."""
    if isinstance(state.source, (Remote, OnDisk)):
        return False
    return not state.query("ASK { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")


def _graph_sizes(state):
    """(distinct triples in the default graph, triples per named graph, graph names); sizes are left
    out (None/{}) for a remote endpoint or a store too large to count on a request."""
    names = sorted(r["g"].value for r in state.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"))
    if isinstance(state.source, (Remote, OnDisk)):
        return None, {}, names
    counts = {
        row["g"].value: int(row["n"].value)
        for row in state.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    }
    (row,) = state.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")  # the default graph is a set
    return int(row["n"].value), counts, names


_SD_PREFIXES = {"sd": SD, "void": VOID, "dct": DCT, "rdfs": RDFS, "formats": FORMATS_NS}


def service_description() -> Response:
    state = _state()
    offers = conneg.GRAPH_OFFERS + (conneg.HTML,)
    offer = conneg.choose(request.headers.get("Accept"), conneg.format_params(request.args), offers,
                          "the service description")
    if offer is conneg.HTML:
        if state.query_page is not None:
            return current_app.make_response(state.query_page())
        return Response(_minimal_page(endpoint_url()), mimetype="text/html")
    endpoint = endpoint_url()
    cache = state.__dict__.setdefault("_sd_cache", {})
    key = (endpoint, state.generation, offer.name)
    if key not in cache:
        triples = _sd_triples(endpoint)
        prefixes = _SD_PREFIXES if offer.takes_prefixes else None
        cache.clear() if len(cache) > 32 else None
        cache[key] = ox.serialize(triples, format=offer.ox_format, prefixes=prefixes)
    return Response(cache[key], content_type=offer.content_type)


def _minimal_page(endpoint: str) -> str:
    example = "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SPARQL endpoint</title></head>
<body>
<h1>SPARQL endpoint</h1>
<p>SPARQL 1.1 Protocol endpoint at <code>{escape(endpoint)}</code>.</p>
<form method="get" action="{escape(endpoint)}">
<p><textarea name="query" rows="12" cols="100">{escape(example)}</textarea></p>
<p><label>Format <select name="format">
<option value="json">JSON</option><option value="xml">XML</option><option value="csv">CSV</option>
<option value="tsv">TSV</option><option value="turtle">Turtle (CONSTRUCT/DESCRIBE)</option>
</select></label> <button type="submit">Run</button></p>
</form>
</body></html>
"""


# --------------------------------------------------------------------------- Graph Store Protocol

_GSP_METHODS = ["GET", "HEAD", "PUT", "POST", "DELETE"]


def _target(rest: str | None):
    """The graph a Graph Store request names: DefaultGraph, a NamedNode, or None (the service)."""
    has_default = "default" in request.args
    graph = single_param(request.args, "graph")
    if has_default and graph is not None:
        raise UsageError("name either ?default or ?graph=, not both")
    if has_default:
        return ox.DefaultGraph()
    if graph is not None:
        try:
            return ox.NamedNode(graph)
        except ValueError:
            raise UsageError(f"graph={graph!r} is not an absolute IRI") from None
    if rest:
        # Direct identification: the request's own URL is the graph's IRI.
        return ox.NamedNode(_state().public_base() + request.path.lstrip("/"))
    return None


def _body_parts() -> list:
    """(media type, bytes, name in errors, file name) of each RDF document in the body; they
    are parsed in the engine process."""
    if request.mimetype == "multipart/form-data":
        return [((f.mimetype or "").lower(), f.read(), f.filename or "a part", f.filename)
                for f in request.files.values()]
    require_utf8_charset("RDF bodies")
    return [(request.mimetype, request.get_data(cache=False), "the body", None)]


def _graph_iri(graph) -> str | None:
    return None if isinstance(graph, ox.DefaultGraph) else graph.value


@bp.route("/rdf-graph-store", methods=_GSP_METHODS, defaults={"rest": None})
@bp.route("/rdf-graph-store/<path:rest>", methods=_GSP_METHODS)
@bp.route("/store", methods=_GSP_METHODS, defaults={"rest": None}, endpoint="store_alias")
@bp.route("/store/<path:rest>", methods=_GSP_METHODS, endpoint="store_alias_path")
def graph_store(rest: str | None):
    state = _state()
    graph = _target(rest)
    if request.method in ("GET", "HEAD"):
        if graph is None:
            raise UsageError("name a graph: ?graph=IRI or ?default (the whole dataset is at the dumps)")
        # Read like any query: the same time limit and caps (stated in headers); the engine
        # answers 404 for a graph that is not there.
        if isinstance(graph, ox.DefaultGraph):
            query, store_default = "CONSTRUCT WHERE { ?s ?p ?o }", True
        else:
            query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}"
            store_default = False
        return state.run_query(
            query, accept=request.headers.get("Accept"), format=conneg.format_params(request.args),
            timeout=single_param(request.args, "timeout"), store_default_graph=store_default,
            graph=_graph_iri(graph),
        ).to_response()

    _authorise()
    if request.method == "DELETE":
        if graph is None:
            raise UsageError("name the graph to delete: ?graph=IRI or ?default")
        state.graph_delete(_graph_iri(graph))
        return Response(status=204)

    location = None
    if graph is None:
        if request.method != "POST":
            raise UsageError("name the graph to write: ?graph=IRI or ?default")
        # POST to the store itself makes a new graph (Graph Store Protocol §5.5).
        location = state.public_base() + "rdf-graph-store/" + uuid.uuid4().hex
        graph = ox.NamedNode(location)
    base = graph.value if isinstance(graph, ox.NamedNode) else endpoint_url()
    existed = state.graph_write(request.method, _graph_iri(graph), _body_parts(), base, created=location is not None)
    resp = Response(status=204 if existed else 201)
    if location:
        resp.headers["Location"] = location
    return resp


# --------------------------------------------------------------------------- headers on every answer


@bp.after_request
def _protocol_headers(resp: Response) -> Response:
    resp.vary.add("Accept")
    if not g.get("ittifoq_write"):
        # Reads are public: any web page may query the endpoint and read the answer (and its
        # errors). Writes get no CORS headers, so browsers refuse cross-site writes.
        resp.headers["Access-Control-Allow-Origin"] = "*"
        resp.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        if request.method == "OPTIONS":
            resp.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            resp.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            resp.headers["Access-Control-Max-Age"] = "86400"
    return resp
