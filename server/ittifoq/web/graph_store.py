"""The SPARQL 1.1 Graph Store HTTP Protocol at ``/rdf-graph-store`` (also ``/store``):
GET/HEAD of a graph (``?graph=``, ``?default``, or a URL below the store) run in the engine
process like any query, with the same time limit and caps; PUT/POST/DELETE are refused with
403 unless the server runs with ``--allow-update``, and then need ``Authorization: Bearer
<token>``. Bodies (one RDF document, or several as ``multipart/form-data``) are parsed in the
engine process, all before anything is stored."""

from __future__ import annotations

import uuid

import pyoxigraph as ox
from flask import Blueprint, Response, request

from ..errors import UsageError
from . import conneg
from .protocol_request import authorise, endpoint_url, protocol_headers, require_utf8_charset, single_param
from .protocol_request import state as _state

bp = Blueprint("graph_store", __name__)
bp.after_request(protocol_headers)


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

    authorise()
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
