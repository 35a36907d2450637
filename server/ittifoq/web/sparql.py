"""The SPARQL 1.1 Protocol at ``/sparql``: queries and updates (the Graph Store Protocol is
in ``graph_store``, the service description in ``service_description``, reading a request's
parameters and body in ``protocol_request``).

Queries: GET ``?query=``, POST ``application/x-www-form-urlencoded`` (``query=``), POST
``application/sparql-query``; ``default-graph-uri``/``named-graph-uri`` replace the query's
dataset, otherwise the default graph is the data's own default graph when it has triples (a
build's consolidated view), else the union of all graphs (or what FROM names). GET
without a query answers with a SPARQL Service Description, or the query page for browsers.
Updates (POST ``application/sparql-update`` or ``update=``) are refused with 403 unless the
server runs with ``--allow-update``, and then need ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import logging

from flask import Blueprint, Response, request

from ..errors import UnsupportedMediaType, UsageError
from . import conneg
from .protocol_request import (
    authorise,
    body_text,
    check_encoded_utf8,
    endpoint_url,
    iri_params,
    protocol_headers,
    require_utf8_charset,
    single_param,
)
from .protocol_request import state as _state
from .service_description import service_description

log = logging.getLogger("ittifoq.web")

bp = Blueprint("sparql", __name__)
bp.after_request(protocol_headers)

SLOW_QUERY_SECONDS = 1.0
ACCEPTED_BODIES = "application/sparql-query, application/sparql-update or application/x-www-form-urlencoded"


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint():
    check_encoded_utf8(request.query_string, "the URL's parameters")
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
        check_encoded_utf8(request.get_data(cache=True), "the form's parameters")
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
        return _run(body_text(), request.args)
    if mimetype == "application/sparql-update":
        return _update(body_text(), request.args)
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
    # (debug level) cost a tenth of a cheap query's time in this process.
    level = logging.INFO if result.truncated or result.elapsed >= SLOW_QUERY_SECONDS else logging.DEBUG
    log.log(level, "%s %s rows=%s %.3fs%s", result.form, result.format, result.rows, result.elapsed,
            f" truncated {result.truncated}" if result.truncated else "")
    return result.to_response()


def _update(text: str, params) -> Response:
    authorise()
    _state().update(
        text,
        using_graphs=iri_params(params, "using-graph-uri"),
        using_named_graphs=iri_params(params, "using-named-graph-uri"),
        base_iri=endpoint_url(),
    )
    return Response(status=204)
