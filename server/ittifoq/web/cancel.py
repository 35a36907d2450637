"""Cancel: a client stops its own query on the server, not just its wait for the answer.

A client that may want to cancel sends its query with a random id of its own making in the
``X-Ittifoq-Query-Id`` header (the query page sends a UUID). ``POST /sparql/cancel`` with the
same id (the header, or a form field ``id``) stops that query the way a time limit does: the
engine process running it is killed and replaced, and the queries running beside it are sent
again. Only a client that knows the id can cancel, so the id must be hard to guess (22 to 128
letters, digits, ``-`` or ``_``: a UUID, or 128 random bits in base64url). A query is stopped
no sooner than the floor of ``?timeout=`` after it was sent (``user_query.timeout_floor``),
so that cancelling cannot force restarts more cheaply than a short time limit could.

Answers: 202 when the query will be stopped, 404 when no query with that id is running (it
has finished, or never came), 400 for a missing or malformed id.
"""

from __future__ import annotations

import re

from flask import Blueprint, Response, current_app, has_request_context, request

from ..errors import NotFound, UsageError
from . import user_query

HEADER = "X-Ittifoq-Query-Id"
_ID = re.compile(r"[A-Za-z0-9_-]{22,128}")

bp = Blueprint("cancel", __name__)


def _valid(value: str) -> str:
    if not _ID.fullmatch(value):
        raise UsageError(f"a query id is 22 to 128 letters, digits, '-' or '_' (a UUID will do); got {value[:40]!r}")
    return value


def query_id() -> str | None:
    """The id the current request's query may be cancelled by, if its client gave one."""
    if not has_request_context():
        return None
    value = request.headers.get(HEADER)
    return _valid(value.strip()) if value is not None else None


@bp.route("/sparql/cancel", methods=["POST"])
def cancel():
    value = request.headers.get(HEADER) or request.form.get("id")
    if not value:
        raise UsageError(f"say which query to cancel: its id in the {HEADER} header or an 'id' form field")
    state = current_app.extensions["ittifoq"]
    if not state.engine.cancel(_valid(value.strip()), not_before=user_query.timeout_floor(state)):
        raise NotFound("no query with this id is running (it may have finished)")
    resp = Response("the query will be stopped\n", status=202, content_type="text/plain; charset=utf-8")
    resp.headers["Cache-Control"] = "no-store"
    return resp
