"""The Flask application factory and the state the blueprints share.

Interface for other blueprints (``ittifoq.web.pages`` and friends)
=================================================================

``create_app(settings, kg=None, config=None, source=None)`` registers the protocol
blueprints, then, if ``ittifoq.web.pages`` can be imported, calls ``pages.init_app(app)``.
Inside a request the shared state is ``current_app.extensions["ittifoq"]``, an
:class:`Ittifoq` with:

``state.settings``
    The :class:`ServerSettings` (``base_url``, ``timeout``, ``max_rows``, …).
``state.config``
    The :class:`ittifoq.config.Config` the data came from, or None.
``state.source``
    The :class:`ittifoq.store.Source` the engine process opened (files in memory, an on-disk
    store, a remote endpoint). The data itself is only in the engine process: read it through
    ``state.query`` and ``state.export``.
``state.kg``
    An object standing for this application's data (for cache keys); never read from it.
``state.query(sparql)``
    The server's OWN fixed queries (pages, VoID, search): run in the engine process like
    users' queries, with the configured time limit, but unchecked and uncapped; project
    prefixes predeclared, the default graph as for any query. A SELECT gives a
    ``Solutions`` (``.variables``, ``len()``, iterating gives pyoxigraph QuerySolution
    objects), a CONSTRUCT/DESCRIBE a list of pyoxigraph Triples, an ASK a bool. Never pass
    user text.
``state.export(fmt)``
    The whole dataset as bytes in an ``ittifoq.export`` format, read in the engine process.
``state.run_query(sparql, *, default_graphs, named_graphs, accept, format, timeout, base_iri)``
    A USER query, the way ``/sparql`` runs it (``ittifoq.web.user_query``): checked, run
    within the time limit, rows and bytes capped, serialised in the negotiated format.
    Returns a :class:`ittifoq.web.user_query.QueryResponse` (``.body``, ``.media_type``,
    ``.content_type``, ``.form``, ``.rows``, ``.truncated``, ``.headers``,
    ``.to_response()``). Raises :class:`ittifoq.errors.IttifoqError` subclasses, which
    ``ittifoq.web.errors`` turns into their HTTP status: raise them from views too.
``state.public_base()``
    The server's public root URL with a trailing slash.
``state.generation``
    An int increased after every write; cache keys for anything derived from the data
    should include it.
``state.query_page``
    None, or a view callable that ``pages.init_app`` may set: ``GET /sparql`` without a
    query, asked for ``text/html``, then shows it.

The application is ``Flask("ittifoq.web")``. Routes this module's blueprints own:
``/sparql`` (GET, POST, OPTIONS; ``ittifoq.web.sparql``) and the Graph Store Protocol at
``/rdf-graph-store`` and ``/store`` and below them (``ittifoq.web.graph_store``). Everything else is free for pages.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import weakref
from pathlib import Path

import pyoxigraph as ox
from flask import Flask, request

from .. import query_guard as guard
from ..errors import QueryError, UsageError
from ..store import Files, OnDisk, Remote, ScratchStore, Source
from . import user_query
from .messages import Export, GraphDelete, GraphWrite, Query, Update
from .settings import ServerSettings
from .supervisor import Supervisor


class Solutions:
    """A SELECT result read to the end."""

    def __init__(self, result: ox.QuerySolutions):
        self.variables = result.variables
        self.rows = list(result)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


class Ittifoq:
    """The state the blueprints share; see the module docstring."""

    def __init__(self, source: Source, settings: ServerSettings, config=None, kg=None, scratch: Path | None = None):
        self.source = source
        self.kg = kg if kg is not None else source
        self.settings = settings
        self.config = config
        self.generation = 0
        self.query_page = None
        self._scratch = scratch
        self.engine = Supervisor(source, settings)
        try:
            self.engine.start()
        except BaseException:
            self.close()
            raise

    # -- the server's own reads

    def query(self, sparql: str):
        """The server's own queries; see the module docstring."""
        checked = guard.check(sparql, max_length=10_000_000, max_depth=256)
        answer = self.engine.run(Query(sparql, from_clause=checked.has_dataset_clause), self.settings.timeout,
                                 internal=True)
        if answer.kind == "graph":
            return list(ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES))
        result = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.JSON)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        return Solutions(result)

    def export(self, fmt: str) -> bytes:
        return self.engine.run(Export(fmt), self.settings.timeout, internal=True).body

    # -- users' requests

    def run_query(self, sparql: str, **kwargs) -> user_query.QueryResponse:
        return user_query.run(self, sparql, **kwargs)

    def write(self, request_) -> object:
        """Run a write (``messages.Update``, ``GraphWrite``, ``GraphDelete``) in the engine
        process; the blueprint has checked the token."""
        try:
            return self.engine.run(request_, self.settings.timeout)
        finally:
            self.generation += 1

    def update(self, text: str, *, using_graphs=(), using_named_graphs=(), base_iri: str | None = None) -> None:
        s = self.settings
        checked = guard.check(text, kind="update", max_length=s.max_query_length, max_depth=s.max_depth,
                              allowlist=s.service_allowlist)
        if using_graphs or using_named_graphs:
            if checked.has_using:
                raise QueryError(
                    "the update names its dataset with USING or WITH and the request with "
                    "using-graph-uri/using-named-graph-uri; use one or the other (SPARQL 1.1 Protocol §2.2.3)"
                )
            text = guard.with_using(checked, list(using_graphs), list(using_named_graphs))
        self.write(Update(text, base_iri))

    def graph_write(self, method: str, graph: str | None, parts: list, base_iri: str, created: bool) -> bool:
        """Whether the graph existed before."""
        return self.write(GraphWrite(method, graph, parts, base_iri, created)).existed

    def graph_delete(self, graph: str | None) -> None:
        self.write(GraphDelete(graph))

    def reload(self) -> None:
        """The source's files were rebuilt (a curator accepted candidates): serve them, and
        let every cached page, dump and ETag go with the old data."""
        self.engine.reload()
        self.generation += 1

    # -- misc

    def public_base(self) -> str:
        if self.settings.base_url:
            return self.settings.base_url.rstrip("/") + "/"
        return request.url_root

    def close(self) -> None:
        engine = getattr(self, "engine", None)
        if engine is not None:
            engine.close()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None


def _source(settings: ServerSettings, kg, config, source: Source | None) -> tuple[Source, Path | None]:
    """The source the engine process opens, and a scratch folder to remove at the end."""
    scratch = None
    if source is None and kg is not None:
        source = kg.source
        if source is None:
            # A graph built in this process (tests): handed over as an N-Quads file.
            scratch = Path(tempfile.mkdtemp(prefix="ittifoq-data-"))
            path = scratch / "data.nq"
            kg.store.dump(output=str(path), format=ox.RdfFormat.N_QUADS)
            source = Files((path,))
    if source is None:
        from ..build import ensure_built
        from ..config import Config

        source = Files((ensure_built(config or Config.discover()),))
    if settings.allow_update:
        if isinstance(source, Remote):
            raise UsageError("--allow-update needs the data here: a remote endpoint takes its own writes")
        if isinstance(source, OnDisk):
            source = OnDisk(source.path, writable=True)
        elif isinstance(source, Files):
            # Writes are made in an on-disk store, so that they outlive a restart of the engine
            # process (after a time limit); without --store it is a scratch copy of the data.
            scratch = scratch or Path(tempfile.mkdtemp(prefix="ittifoq-data-"))
            source = ScratchStore(scratch / "store", source)
    return source, scratch


def create_app(settings: ServerSettings | None = None, kg=None, config=None, source: Source | None = None) -> Flask:
    """The Flask application serving ``source`` (or ``kg``'s source, or the built dataset of
    ``config``). Starts the engine process; ``app.extensions["ittifoq"].close()`` stops it
    (also done at exit)."""
    settings = settings or ServerSettings()
    if settings.allow_update and not settings.token:
        raise UsageError("--allow-update needs --token: writes are only accepted with a bearer token")
    source, scratch = _source(settings, kg, config, source)

    app = Flask("ittifoq.web")
    # Bodies are limited by the HTTP server too, whatever their framing (ittifoq.web.http_server).
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.config["MAX_FORM_MEMORY_SIZE"] = settings.max_body_bytes
    app.config["DEBUG"] = settings.debug
    app.json.ensure_ascii = False

    try:
        state = Ittifoq(source, settings, config, kg=kg, scratch=scratch)
    except BaseException:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        raise
    app.extensions["ittifoq"] = state
    ref = weakref.ref(state)
    atexit.register(lambda: ref() and ref().close())

    from . import cancel, errors, graph_store, sparql

    errors.register(app)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(graph_store.bp)
    app.register_blueprint(cancel.bp)
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
