"""SPARQL queries to ``/sparql`` answered in plain WSGI, beside the Flask application.

For a cheap query (a point lookup, a DESCRIBE) Flask's machinery (request and application
contexts, routing, hooks, the Response object) costs more than Oxigraph's evaluation
(measured: about 0.12 ms of a 0.9 ms request). So the requests that make up nearly all the
endpoint's traffic are recognised here and run through the same :meth:`Ittifoq.run_query`,
with the same checks, limits, negotiation, headers and log line:

* ``GET /sparql?query=…``
* ``POST /sparql`` with ``application/sparql-query``, or a form with ``query=``

Anything else (no query, an update, HEAD, OPTIONS, a body over the limit or not UTF-8…) goes
to Flask untouched. The parameters are read by the protocol blueprint's own helpers, and an
error found here (a repeated parameter, a relative IRI, a syntax error, a time limit, 406…)
is also answered by Flask: the request is handed on with the exception, which
the ``/sparql`` view raises first thing, so the error's status, body and headers come from
``ittifoq.web.errors`` as for any other request, and the query is not run twice.
"""

from __future__ import annotations

import functools
import io
import logging
from urllib.parse import parse_qsl

from werkzeug.http import parse_options_header
from werkzeug.wsgi import get_host

from . import conneg
from .sparql import ERROR_KEY, EXPOSED_HEADERS, iri_params, single_param

log = logging.getLogger("ittifoq.web")



class _NotMine(Exception):
    """The request is left to Flask as it is."""


class _Params(dict):
    """Parameters as lists of values, read like Werkzeug's MultiDict by the protocol
    blueprint's helpers (whose errors are then answered by Flask, as for any request)."""

    def getlist(self, name: str) -> list[str]:
        return self.get(name, [])


def _parse(text: str) -> _Params:
    out = _Params()
    try:
        pairs = parse_qsl(text, keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise _NotMine from None  # Flask's own decoding rules decide
    for k, v in pairs:
        out.setdefault(k, []).append(v)
    return out


class QueryFastPath:
    """WSGI middleware: answers the common query requests, passes the rest to ``wrapped``
    (the Flask application's own ``wsgi_app``)."""

    def __init__(self, flask_app, wrapped):
        self.wrapped = wrapped
        self.state = flask_app.extensions["ittifoq"]
        self.url_map = flask_app.url_map
        self.max_body = flask_app.config.get("MAX_CONTENT_LENGTH")

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        if environ.get("PATH_INFO") == "/sparql" and method in ("GET", "POST"):
            body = None
            try:
                mimetype = None
                if method == "POST":
                    mimetype = self._post_type(environ)
                    body = self._body(environ)
                query, params = self._request(environ, mimetype, body)
                return self._answer(environ, start_response, query, params)
            except _NotMine:
                pass
            except Exception as e:  # answered by Flask: errors.py, with logging for the unexpected
                environ[ERROR_KEY] = e
            if body is not None:
                # The body was read here; Flask reads it again.
                environ["wsgi.input"] = io.BytesIO(body)
        return self.wrapped(environ, start_response)

    # -- recognising the request

    @staticmethod
    def _post_type(environ) -> str:
        mimetype, options = parse_options_header(environ.get("CONTENT_TYPE", ""))
        if mimetype not in ("application/sparql-query", "application/x-www-form-urlencoded"):
            raise _NotMine
        charset = options.get("charset")
        if charset and charset.strip().lower().replace("_", "-") not in ("utf-8", "utf8"):
            raise _NotMine
        return mimetype

    @staticmethod
    def _request(environ, mimetype: str | None, body: bytes | None):
        qs = environ.get("QUERY_STRING", "")
        try:
            args = _parse(qs.encode("latin-1").decode("utf-8")) if qs else _Params()
        except UnicodeError:
            raise _NotMine from None
        if mimetype is None:  # GET
            if "update" in args:
                raise _NotMine
            query = single_param(args, "query")
            if query is None:
                raise _NotMine  # the service description, or the query page
            return query, args
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise _NotMine from None  # Flask names the byte
        if mimetype == "application/sparql-query":
            if "query" in args:
                raise _NotMine
            return text, args
        form = _parse(text) if text else _Params()
        values = _Params({k: args.getlist(k) + form.getlist(k) for k in {*args, *form}})
        query = single_param(values, "query")
        if query is None or "update" in values:
            raise _NotMine
        return query, values

    def _body(self, environ) -> bytes:
        if environ.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked":
            raise _NotMine
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            raise _NotMine from None
        if length < 0 or (self.max_body is not None and length > self.max_body):
            raise _NotMine  # 413 from Flask, with its message
        return environ["wsgi.input"].read(length) if length else b""

    # -- answering

    @functools.lru_cache(maxsize=64)  # noqa: B019 - one per (scheme, host, root); lives with the app
    def _endpoint_for(self, scheme: str, host: str, script_name: str) -> str:
        # Built by Flask's own URL map, so it is the address url_for gives on the Flask path.
        return self.url_map.bind(host, script_name, url_scheme=scheme).build(
            "sparql.endpoint", force_external=True)

    def _endpoint(self, environ) -> str:
        base = self.state.settings.base_url
        if base:
            return base.rstrip("/") + "/sparql"
        return self._endpoint_for(environ["wsgi.url_scheme"], get_host(environ), environ.get("SCRIPT_NAME", ""))

    def _answer(self, environ, start_response, query, params):
        default_graphs = iri_params(params, "default-graph-uri")
        named_graphs = iri_params(params, "named-graph-uri")
        protocol_dataset = bool(default_graphs or named_graphs)
        result = self.state.run_query(
            query,
            default_graphs=default_graphs if protocol_dataset else None,
            named_graphs=named_graphs if protocol_dataset else None,
            accept=environ.get("HTTP_ACCEPT"),
            format=conneg.format_params(params),
            timeout=single_param(params, "timeout"),
            base_iri=self._endpoint(environ),
        )
        log.info("%s %s rows=%s %.3fs%s", result.form, result.format, result.rows, result.elapsed,
                 f" truncated {result.truncated}" if result.truncated else "")
        headers = result.headers
        content_type = headers.pop("Content-Type")
        start_response("200 OK", [
            ("Content-Type", content_type),
            ("Content-Length", str(len(result.body))),
            *headers.items(),
            ("Vary", "Accept"),
            ("Access-Control-Allow-Origin", "*"),
            ("Access-Control-Expose-Headers", EXPOSED_HEADERS),
        ])
        return [result.body]
