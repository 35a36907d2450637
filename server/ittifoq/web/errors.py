"""Every error answer of the server, in one place.

An :class:`ittifoq.errors.IttifoqError` becomes its ``http_status`` with its one-line
message; an HTTP error raised by Flask/Werkzeug (404, 405, 413, …) keeps its status; anything
else is logged with its traceback on the server and answered 500 with a generic message:
no stack trace, path or exception text reaches a client. The body is JSON, HTML (every value
escaped) or plain text, chosen by the request's Accept header. The HTML is the site's own page
(``templates/error.html``, in the reader's language) when the pages are installed.

Views raise; none builds an error answer of its own.
"""

from __future__ import annotations

import json
import logging
from html import escape

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException

from ..errors import IttifoqError, NotFound
from .conneg import Offer, negotiate

log = logging.getLogger("ittifoq.web")

_JSON = Offer("json", "application/json", ("application/sparql-results+json", "application/problem+json"))
_TEXT = Offer("text", "text/plain")
_HTML = Offer("html", "text/html", ("application/xhtml+xml",))

_TITLES = {
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
    405: "Method Not Allowed", 406: "Not Acceptable", 413: "Content Too Large",
    414: "URI Too Long", 415: "Unsupported Media Type", 500: "Internal Server Error",
    503: "Service Unavailable",
}


class UnknownResource(NotFound):
    """An IRI the dataset says nothing about; the HTML answer names it in the reader's language."""

    def __init__(self, iri: str | None = None):
        super().__init__(f"the dataset says nothing about {iri}" if iri else "there is no such page")
        self.iri = iri


def _html(status: int, title: str, message: str, iri: str | None) -> str:
    try:
        return render_template("error.html", status=status, title=title, message=message, iri=iri)
    except Exception:  # the pages are not installed, or failed: the plain page says it all
        if status >= 500:
            log.exception("the error page could not be rendered")
        return (
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{status} {escape(title)}</title></head>"
            f"<body><h1>{status} {escape(title)}</h1><p>{escape(message)}</p></body></html>\n"
        )


def error_response(status: int, message: str, headers: dict | None = None, iri: str | None = None) -> Response:
    title = _TITLES.get(status, "Error")
    offer = negotiate(request.headers.get("Accept"), (_TEXT, _JSON, _HTML)) or _TEXT
    if offer is _JSON:
        body = json.dumps({"error": {"status": status, "title": title, "message": message}}, ensure_ascii=False)
        mimetype = "application/json"
    elif offer is _HTML:
        body = _html(status, title, message, iri)
        mimetype = "text/html"
    else:
        body = f"{status} {title}: {message}\n"
        mimetype = "text/plain"
    resp = Response(body, status=status, mimetype=mimetype)
    resp.headers["Vary"] = "Accept"
    resp.headers["Cache-Control"] = "no-store"
    for k, v in (headers or {}).items():
        resp.headers[k] = v
    return resp


def _http_message(e: HTTPException) -> str:
    if e.code == 413:
        limit = request.max_content_length
        if limit:
            return f"the request body is larger than this server accepts ({limit:,} bytes)"
        return "the request body is too large"
    if e.code == 405:
        allowed = ", ".join(sorted(e.valid_methods or ())) if getattr(e, "valid_methods", None) else ""
        return f"{request.method} is not allowed here" + (f"; use {allowed}" if allowed else "")
    if e.code == 404:
        return f"nothing at {request.path}"
    # Werkzeug's descriptions are generic and contain no request data.
    return (e.description or e.name).strip()


def register(app: Flask) -> None:
    @app.errorhandler(IttifoqError)
    def _ittifoq_error(e: IttifoqError):
        headers = dict(getattr(e, "headers", None) or {})
        if e.http_status >= 500 and e.http_status != 503:
            log.error("%s: %s", type(e).__name__, e.message)
        return error_response(e.http_status, e.message, headers, iri=getattr(e, "iri", None))

    @app.errorhandler(HTTPException)
    def _http_error(e: HTTPException):
        headers = {}
        if e.code == 405 and getattr(e, "valid_methods", None):
            headers["Allow"] = ", ".join(e.valid_methods)
        return error_response(e.code or 500, _http_message(e), headers)

    @app.errorhandler(Exception)
    def _unexpected(e: Exception):
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "the server failed to answer this request; the error has been logged")
