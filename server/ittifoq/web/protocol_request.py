"""Reading a request of the SPARQL 1.1 Protocol or the Graph Store Protocol: its parameters
(one value at most, IRIs), its body (UTF-8 only, also when percent-encoded in a URL or a
form), the endpoint's own address, the bearer token a write needs, and the headers every
answer of these protocols carries (CORS for reads). Errors are raised, as
:class:`ittifoq.errors.IttifoqError` subclasses (``ittifoq.web.errors`` answers them)."""

from __future__ import annotations

import functools
import hmac
import re
from urllib.parse import unquote_to_bytes

import pyoxigraph as ox
from flask import Response, current_app, g, request
from werkzeug.sansio.utils import get_current_url

from ..errors import Forbidden, Unauthorized, UnsupportedMediaType, UsageError

EXPOSED_HEADERS = "X-Ittifoq-Truncated, X-Ittifoq-Rows, X-Ittifoq-Query-Time"


def state():
    return current_app.extensions["ittifoq"]


def endpoint_url() -> str:
    """The endpoint's address as clients reach it (the configured base, else this request's)."""
    base = state().settings.base_url
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


def check_encoded_utf8(raw: bytes, what: str) -> None:
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


def body_text() -> str:
    require_utf8_charset("the body (SPARQL 1.1 Protocol)")
    return _utf8(request.get_data(cache=False), "the body")


def authorise() -> None:
    settings = state().settings
    g.ittifoq_write = True
    if not settings.allow_update:
        raise Forbidden(
            "this endpoint is read-only: SPARQL Update and Graph Store writes are refused "
            "(the server runs without --allow-update)"
        )
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), settings.token.encode()):
        raise Unauthorized("writes need the header 'Authorization: Bearer <token>' with the server's token")


def protocol_headers(resp: Response) -> Response:
    """Registered after every request of these protocols' blueprints."""
    resp.vary.add("Accept")
    if not g.get("ittifoq_write"):
        # Reads are public: any web page may query the endpoint and read the answer (and its
        # errors). Writes get no CORS headers, so browsers refuse cross-site writes.
        resp.headers["Access-Control-Allow-Origin"] = "*"
        resp.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        if request.method == "OPTIONS":
            resp.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            # The query id lets a page on another site cancel the query it started (web/cancel.py).
            resp.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type, X-Ittifoq-Query-Id"
            resp.headers["Access-Control-Max-Age"] = "86400"
    return resp
