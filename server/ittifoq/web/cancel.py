"""Cancel: a client stops its own query on the server, not just its wait for the answer.

A client that may want to cancel sends its query with a random id of its own making in the
``X-Ittifoq-Query-Id`` header (the query page sends 128 random bits). ``POST /sparql/cancel``
with the same id (the header, or a form field ``id``) stops that query the way a time limit
does: the engine process it was sent to is killed (the supervisor then replaces it and sends
the queries running beside it again, ``ittifoq.web.supervisor``). Only a client that knows
the id can cancel, so the id must be hard to guess: 22 to 128 letters, digits, ``-`` or
``_``. A query is stopped no sooner than the floor of ``?timeout=`` after it was sent
(``user_query.timeout_floor``), so that cancelling cannot force restarts more cheaply than a
short time limit could. A query cancelled before it was sent (waiting for a thread) is never
sent.

Answers: 202 when the query will be stopped, 404 when no query with that id is running (it
has finished, or has not arrived), 400 for a missing or malformed id, or an id already in use.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time

from flask import Blueprint, Response, current_app, has_request_context, request

from ..errors import NotFound, UsageError
from . import user_query

HEADER = "X-Ittifoq-Query-Id"
_ID = re.compile(r"[A-Za-z0-9_-]{22,128}")
REASON = "its client cancelled a query"

bp = Blueprint("cancel", __name__)


class Ticket:
    """A user's query its client may cancel; the supervisor says where it sends it."""

    def __init__(self):
        self._lock = threading.Lock()
        self.engine = None  # the supervisor's EngineProcess the query was last sent to
        self.sent: float | None = None  # when it was first sent
        self.cancelled = False
        self.finished = False

    def sending(self, engine) -> bool:
        """The supervisor is about to send the query to ``engine``: False when it was
        cancelled meanwhile (it is then not sent)."""
        with self._lock:
            self.engine = engine
            self.sent = self.sent or time.monotonic()
            return not self.cancelled

    def stop(self, not_before: float) -> None:
        """Cancel: kill the engine process running the query, once it has run ``not_before``
        seconds."""
        with self._lock:
            self.cancelled = True
            if self.sent is None:
                return  # not sent: ``sending`` refuses it
            wait = self.sent + not_before - time.monotonic()
        if wait > 0:
            timer = threading.Timer(wait, self._kill)
            timer.daemon = True
            timer.start()
        else:
            self._kill()

    def _kill(self) -> None:
        with self._lock:
            engine = None if self.finished else self.engine
        if engine is not None:
            # The request waiting for the answer meets end-of-file and reports the cancellation.
            engine.kill(REASON)


class Registry:
    """The queries of one application that may be cancelled, by id."""

    def __init__(self):
        self._lock = threading.Lock()
        self._running: dict[str, Ticket] = {}

    @contextlib.contextmanager
    def ticket(self, query_id: str):
        ticket = Ticket()
        with self._lock:
            if query_id in self._running:
                raise UsageError("a query with this id is already running; give each query its own id")
            self._running[query_id] = ticket
        try:
            yield ticket
        finally:
            with ticket._lock:
                ticket.finished = True
            with self._lock:
                del self._running[query_id]

    def get(self, query_id: str) -> Ticket | None:
        with self._lock:
            return self._running.get(query_id)

    def tickets(self) -> list[Ticket]:
        with self._lock:
            return list(self._running.values())


def registry(app=None) -> Registry:
    app = app or current_app
    return app.extensions.setdefault("ittifoq.cancel", Registry())


def _valid(value: str) -> str:
    if not _ID.fullmatch(value):
        raise UsageError(f"a query id is 22 to 128 letters, digits, '-' or '_' (a UUID will do); got {value[:40]!r}")
    return value


def run(engine, query, timeout: float):
    """``engine.run(query, timeout)`` (the supervisor), cancellable by the id the current
    request's client sent with it, if any."""
    given = request.headers.get(HEADER) if has_request_context() else None
    if given is None:
        return engine.run(query, timeout)
    with registry().ticket(_valid(given.strip())) as ticket:
        return engine.run(query, timeout, cancel=ticket)


@bp.route("/sparql/cancel", methods=["POST"])
def cancel():
    value = request.headers.get(HEADER) or request.form.get("id")
    if not value:
        raise UsageError(f"say which query to cancel: its id in the {HEADER} header or an 'id' form field")
    found = registry().get(_valid(value.strip()))
    if found is None or found.finished:
        raise NotFound("no query with this id is running (it may have finished)")
    found.stop(not_before=user_query.timeout_floor(current_app.extensions["ittifoq"]))
    resp = Response("the query will be stopped\n", status=202, content_type="text/plain; charset=utf-8")
    resp.headers["Cache-Control"] = "no-store"
    return resp
