"""The Flask application factory and the state the blueprints share.

Interface for other blueprints (``ittifoq.web.pages`` and friends)
=================================================================

``create_app(settings, kg=None, config=None)`` registers the protocol blueprints, then, if
``ittifoq.web.pages`` can be imported, calls ``pages.init_app(app)``. Inside a request the
shared state is ``current_app.extensions["ittifoq"]``, an :class:`Ittifoq` with:

``state.kg``
    The :class:`ittifoq.store.KnowledgeGraph`. Read-only (``KnowledgeGraph.deferred``) its data
    lives in the query process only and ``state.kg.store`` here is empty: read the data through
    ``state.query`` and ``state.export``, never ``kg.store``.
``state.settings``
    The :class:`ServerSettings` (``base_url``, ``timeout``, ``max_rows``, …).
``state.config``
    The :class:`ittifoq.config.Config` the data came from, or None when a graph was passed in.
``state.query(sparql, default_graphs=None, named_graphs=None)``
    The server's OWN fixed queries (pages, VoID, search): run in the query process like
    users' queries (so the store is read by one process only) with the configured time limit,
    but unchecked and uncapped; project prefixes predeclared, union default graph, like
    ``kg.query``, read to the end under the read lock (which keeps queries off the store while
    an update rewrites it and the query process is re-forked): a SELECT gives a ``Solutions`` (``.variables``,
    ``len()``, iterating gives pyoxigraph QuerySolution objects), a CONSTRUCT/DESCRIBE a list
    of pyoxigraph Triples, an ASK a bool. Use it, not ``kg.query``. Never pass user text.
``state.export(fmt)``
    The whole dataset as bytes in an ``ittifoq.export`` format, read in the query process.
``state.run_query(sparql, *, default_graphs=None, named_graphs=None, accept=None, format=None, timeout=None)``
    A USER query, the way ``/sparql`` runs it: guarded (size, nesting depth, SERVICE/LOAD),
    run in the killable query process with the time limit (``timeout`` may only lower the
    configured one), rows and bytes capped, serialised by Oxigraph in the format negotiated
    from ``accept`` (an Accept header value) or ``format`` (a short name: json, xml, csv, tsv,
    turtle, ntriples, nquads, trig, jsonld, rdfxml, or a media type). Returns a
    :class:`ittifoq.web.executor.QueryResponse`: ``.body`` (bytes), ``.media_type``,
    ``.content_type`` (with charset when textual), ``.form`` ("SELECT", "ASK", "CONSTRUCT",
    "DESCRIBE"), ``.rows`` (solutions or triples sent), ``.truncated`` (None, or why rows
    were left out, e.g. "max-rows=10000"), ``.headers`` (dict to add to a response) and
    ``.to_response()`` (a Flask Response).
    Raises :class:`ittifoq.errors.IttifoqError` subclasses: QuerySyntaxError and
    QueryRejected (400), QueryTimeout (503), ``ittifoq.web.conneg.NotAcceptable`` (406).
    Raising them from a view is fine: ``ittifoq.web.errors`` turns every IttifoqError into
    its HTTP status with a JSON, HTML (escaped) or text body chosen by Accept.
``state.public_base()``
    The server's public root URL with a trailing slash: ``settings.base_url`` if set, else the
    current request's root.
``state.generation``
    An int increased after every write (SPARQL Update, Graph Store PUT/POST/DELETE); cache keys
    for anything derived from the data should include it.
``state.query_page``
    None, or a view callable (no arguments, returns a response) that ``pages.init_app`` may set:
    ``GET /sparql`` without a query, asked for ``text/html``, then shows it instead of the
    built-in minimal page. Any other request for ``/sparql`` keeps the protocol behaviour.

The application is ``Flask("ittifoq.web")``: templates are looked up in
``server/ittifoq/web/templates/`` and ``server/ittifoq/web/static/`` is served at ``/static``.
Routes this module's blueprints own: ``/sparql`` (GET, POST, OPTIONS) and the Graph Store
Protocol at ``/rdf-graph-store`` and ``/store`` (and below them). Everything else is free for
pages. The common query requests to ``/sparql`` are answered in plain WSGI by
``ittifoq.web.fast_query`` (``app.wsgi_app``) before Flask sees them, the same way.
"""

from __future__ import annotations

import atexit
import logging
import threading
import weakref
from collections.abc import Sequence
from contextlib import contextmanager

import pyoxigraph as ox
from flask import Flask, request

from .. import query_guard as guard
from ..errors import QueryError, QuerySyntaxError, UsageError
from ..namespaces import PREFIXES
from . import conneg
from .executor import _OFFERS, QueryFailed, QueryResponse, WorkerPool, raise_for
from .settings import ServerSettings

log = logging.getLogger("ittifoq.web")


class RWLock:
    """Many readers or one writer; a waiting writer keeps new readers out."""

    def __init__(self):
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._writers_waiting = 0

    @contextmanager
    def read(self):
        with self._cond:
            while self._writer or self._writers_waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextmanager
    def write(self):
        with self._cond:
            self._writers_waiting += 1
            while self._writer or self._readers:
                self._cond.wait()
            self._writers_waiting -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


class Solutions:
    """A SELECT result read to the end (so no store access outlives the read lock)."""

    def __init__(self, result: ox.QuerySolutions):
        self.variables = result.variables
        self.rows = list(result)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


class Ittifoq:
    """The state the blueprints share; see the module docstring."""

    def __init__(self, kg, settings: ServerSettings, config=None):
        self.kg = kg
        self.settings = settings
        self.config = config
        self.lock = RWLock()
        self.generation = 0
        self.query_page = None
        self._closed = False
        self.pool = WorkerPool(kg, threads=settings.query_threads, memory_mb=settings.worker_memory_mb)
        try:
            self.pool.prestart()
        except BaseException:
            self.pool.close()
            raise

    # -- trusted, in-process

    def query(
        self, sparql: str, default_graphs: Sequence[str] | None = None, named_graphs: Sequence[str] | None = None
    ):
        """The server's own queries, read to the end under the read lock: a SELECT gives a
        :class:`Solutions` (``.variables``, iterable of QuerySolution), a CONSTRUCT/DESCRIBE a
        list of Triples, an ASK a bool."""
        # They run in the query process like users' queries (within the same time limit, but
        # unchecked and uncapped): a read in this process would copy the store pages Oxigraph
        # writes to on reading, and the store is meant to be held once.
        checked = guard.check(sparql, max_length=10_000_000, max_depth=256)
        with self.lock.read():
            resp = self.pool.run(
                {
                    "internal": True,
                    "sparql": sparql,
                    "default_graphs": list(default_graphs) if default_graphs else None,
                    "named_graphs": list(named_graphs) if named_graphs else None,
                    "has_dataset_clause": checked.has_dataset_clause,
                    "max_rows": 1 << 62,
                    "max_bytes": 1 << 62,
                    "results_format": "json",
                    "graph_format": "ntriples",
                    "not_acceptable": {},
                },
                self.settings.timeout,
            )
        raise_for(resp)
        if resp["kind"] == "graph":
            return list(ox.parse(resp["body"], format=ox.RdfFormat.N_TRIPLES))
        result = ox.parse_query_results(resp["body"], format=ox.QueryResultsFormat.JSON)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        return Solutions(result)

    def export(self, fmt: str) -> bytes:
        """The whole dataset in an export format (``ittifoq.export``), read in the query process
        (with the configured time limit) for the reason given in :meth:`query`."""
        with self.lock.read():
            resp = self.pool.run({"internal": True, "export": fmt}, self.settings.timeout)
        raise_for(resp)
        return resp["body"]

    # -- user queries, in workers

    def effective_timeout(self, requested: float | str | None) -> float:
        limit = self.settings.timeout
        if requested in (None, ""):
            return limit
        try:
            t = float(requested)
        except (TypeError, ValueError):
            raise UsageError(f"timeout={requested!r} is not a number of seconds") from None
        if not t > 0:
            raise UsageError("timeout must be a positive number of seconds")
        return min(t, limit)

    def run_query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        accept: str | None = None,
        format: str | None = None,
        timeout: float | str | None = None,
        base_iri: str | None = None,
        store_default_graph: bool = False,
    ) -> QueryResponse:
        """See the module docstring. ``store_default_graph`` makes the default graph the store's
        own (for the Graph Store Protocol's ``?default``) instead of the union of all graphs."""
        s = self.settings
        checked = guard.check(
            sparql, kind="query", max_length=s.max_query_length, max_depth=s.max_depth,
            allowlist=s.service_allowlist,
        )
        results_offer = graph_offer = None
        not_acceptable = {}
        if checked.form in ("CONSTRUCT", "DESCRIBE"):
            graph_offer = conneg.choose(accept, format, conneg.GRAPH_OFFERS, f"a {checked.form} query")
        elif checked.form in ("SELECT", "ASK"):
            results_offer = conneg.choose(accept, format, conneg.RESULT_OFFERS, f"an {checked.form} query"
                                          if checked.form == "ASK" else "a SELECT query")
        else:
            # Not recognisable (most likely a syntax error, which the parser will report).
            for kind, offers in (("results", conneg.RESULT_OFFERS), ("graph", conneg.GRAPH_OFFERS)):
                try:
                    offer = conneg.choose(accept, format, offers, "this query")
                except conneg.NotAcceptable as e:
                    offer, not_acceptable[kind] = None, e.message
                if kind == "results":
                    results_offer = offer
                else:
                    graph_offer = offer
        seconds = self.effective_timeout(timeout)
        resp = self.pool.run(
            {
                "sparql": sparql,
                "default_graphs": list(default_graphs) if default_graphs is not None else None,
                "named_graphs": list(named_graphs) if named_graphs is not None else None,
                "has_dataset_clause": checked.has_dataset_clause or store_default_graph,
                "base_iri": base_iri,
                "max_rows": s.max_rows,
                "max_bytes": s.max_response_bytes,
                "results_format": results_offer.name if results_offer else None,
                "graph_format": graph_offer.name if graph_offer else None,
                "not_acceptable": not_acceptable,
            },
            seconds,
        )
        raise_for(resp)
        offer = _OFFERS[resp["format"]]
        form = checked.form or {"boolean": "ASK", "graph": "CONSTRUCT", "solutions": "SELECT"}[resp["kind"]]
        return QueryResponse(
            body=resp["body"],
            media_type=offer.media_type,
            content_type=offer.content_type,
            format=offer.name,
            form=form,
            rows=resp["rows"],
            truncated=resp["truncated"],
            elapsed=resp["elapsed"],
        )

    # -- writes (only with --allow-update; the blueprint checks the token)

    def update(
        self,
        text: str,
        *,
        using_graphs: Sequence[str] = (),
        using_named_graphs: Sequence[str] = (),
        base_iri: str | None = None,
    ) -> None:
        s = self.settings
        checked = guard.check(
            text, kind="update", max_length=s.max_query_length, max_depth=s.max_depth,
            allowlist=s.service_allowlist,
        )
        if using_graphs or using_named_graphs:
            if checked.has_using:
                raise QueryError(
                    "the update names its dataset with USING or WITH and the request with "
                    "using-graph-uri/using-named-graph-uri; use one or the other (SPARQL 1.1 Protocol §2.2.3)"
                )
            text = guard.with_using(checked, list(using_graphs), list(using_named_graphs))
        # Updates are trusted (bearer token) and run here, without a time limit: the workers
        # hold copies of the store, which are replaced by fresh ones afterwards.
        with self.write():
            try:
                self.kg.store.update(text, base_iri=base_iri, prefixes=PREFIXES)
            except SyntaxError as e:
                raise QuerySyntaxError(f"SPARQL syntax error: {e}") from e
            except (OSError, ValueError, TypeError) as e:
                raise QueryFailed(f"the update failed: {e}") from e

    @contextmanager
    def write(self):
        """Hold the write lock while changing the store; the worker pool then serves the new data."""
        with self.lock.write():
            try:
                yield self.kg.store
            finally:
                self.generation += 1
                self.pool.refresh()

    # -- misc

    def public_base(self) -> str:
        if self.settings.base_url:
            return self.settings.base_url.rstrip("/") + "/"
        return request.url_root

    def detach(self) -> None:
        """In a process that has forked the one serving this application (the HTTP server's
        supervisor, ``ittifoq.web.http_server``): let go of the query process and of the data,
        which that process never reads. A store loaded here for writes would otherwise stay,
        a stale copy, for the server's whole life."""
        import gc

        from .executor import _malloc_trim

        self.pool.detach()
        self.pool.kg = self.kg = None
        gc.collect()
        _malloc_trim()

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self.pool.close()


def create_app(settings: ServerSettings | None = None, kg=None, config=None) -> Flask:
    """The Flask application serving ``kg`` (loaded from ``config``, or the discovered project,
    when not given). Starts the query worker pool, so call it before any server threads start;
    ``app.extensions["ittifoq"].close()`` stops the pool (also done at exit)."""
    settings = settings or ServerSettings()
    if settings.allow_update and getattr(kg, "loader", None) is not None:
        raise UsageError("a graph loaded by the query process cannot take writes; open it in this process")
    if settings.allow_update and not settings.token:
        raise UsageError("--allow-update needs --token: writes are only accepted with a bearer token")
    if kg is None:
        from ..config import Config
        from ..store import KnowledgeGraph

        config = config or Config.discover()
        kg = KnowledgeGraph.open(config)

    app = Flask("ittifoq.web")
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.config["MAX_FORM_MEMORY_SIZE"] = settings.max_body_bytes
    app.config["DEBUG"] = settings.debug
    app.json.ensure_ascii = False

    state = Ittifoq(kg, settings, config)
    app.extensions["ittifoq"] = state
    ref = weakref.ref(state)
    atexit.register(lambda: ref() and ref().close())

    from . import errors, fast_query, sparql

    errors.register(app)
    app.register_blueprint(sparql.bp)
    app.wsgi_app = fast_query.QueryFastPath(app, app.wsgi_app)
    try:
        from . import pages
    except ModuleNotFoundError as e:
        if e.name != f"{__package__}.pages":
            raise
    else:
        pages.init_app(app)
    from . import caching, headers

    caching.install(app)  # ETag and 304 on reads
    headers.install(app)  # security headers on every answer, 304s and errors too
    return app
