"""The engine process: where the data is held and every query and write runs.

pyoxigraph cannot interrupt a running query, and a thread cannot be stopped, so the data
lives in a process of its own that the server (``ittifoq.web.supervisor``) can kill when a
time limit passes. It is started with ``multiprocessing``'s *spawn* method: a fresh
interpreter that inherits nothing from the server but the connections it is given, opens
the data source itself (:class:`ittifoq.store.Source`) and is the only process that holds
the data. Each connection is served by a thread of its own, one request at a time
(pyoxigraph releases the GIL while it evaluates and serialises). The process ends when its
*lifeline* closes: the server closes it to retire the process, and the kernel closes it when
the server dies.

A request's answer, or the exception it raised, is sent back as an object: an
:class:`ittifoq.errors.IttifoqError` says what was wrong with the request; anything else is
a bug, logged here with its traceback and sent as :class:`EngineFailure` (no detail).
"""

from __future__ import annotations

import ctypes
import faulthandler
import logging
import os
import resource
import signal
import threading
import time

import pyoxigraph as ox

from .. import sandbox
from ..errors import (
    EngineFailure,
    IttifoqError,
    NotFound,
    QueryFailed,
    QuerySyntaxError,
    ServiceUnavailable,
    UnsupportedMediaType,
    UsageError,
)
from ..namespaces import PREFIXES
from ..store import Files, Remote, dataset_options, has_default_graph, materialise_union
from .answers import serialise
from .messages import Answer, Export, GraphDelete, GraphWrite, Query, Ready, Update

log = logging.getLogger("ittifoq.engine")

# A large answer or a long evaluation leaves buffers freed but held by the allocator in this
# long-lived process: they are given back after it.
_TRIM_AFTER_BYTES = 1 << 20
_TRIM_AFTER_SECONDS = 0.02
_RSS_EVERY = 64  # reading /proc costs a third of a cheap query: sampled, except after big ones


def _engine_started(settings, source) -> str:
    """Called first in the engine process, before it opens its data or starts a thread (a
    Landlock ruleset binds the calling thread and the threads it starts later); what it
    returns is printed at start-up (``ittifoq serve``: the "engine" line). The engine may then
    connect only to the ports of the ``--allow-service`` endpoints and of a remote backend
    (``source``), whatever a query says: a second wall behind the query guard."""
    endpoints = list(settings.service_allowlist)
    if isinstance(source, Remote):
        endpoints.append(source.endpoint)
        if source.options.get("graph_store"):
            endpoints.append(source.options["graph_store"])
    return sandbox.block_outbound_network(sandbox.ports_of(endpoints))


def rss_kib() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except OSError:
        return 0


def malloc_trim() -> None:
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def main(source, settings, lifeline, channels) -> None:
    """The engine process's entry point (``multiprocessing.Process`` target)."""
    # Ctrl-C reaches every process of the terminal's group: the server decides when this ends.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    t0 = time.perf_counter()
    try:
        started = _engine_started(settings, source)
        engine = Engine(source)
    except IttifoqError as e:
        channels[0].send(e)
        os._exit(1)
    except BaseException:
        log.exception("the engine could not open %s", source)
        channels[0].send(EngineFailure(f"the server could not open its data ({source}); see its log"))
        os._exit(1)
    # A query over the memory cap aborts this process on purpose (Rust aborts on a failed
    # allocation); the server logs that death with its signal, a traceback would mislead.
    faulthandler.disable()
    for conn in channels:
        threading.Thread(target=engine.serve, args=(conn,), daemon=True).start()
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if settings.worker_memory_mb > 0:
            # Measured after the load and the threads, so neither is charged to the queries.
            with open("/proc/self/statm") as f:
                size = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
            limit = size + settings.worker_memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError):
        pass
    channels[0].send(Ready(rss_kib=rss_kib(), seconds=time.perf_counter() - t0, union=engine.union,
                           started=started))
    try:
        lifeline.recv()  # the server never writes to it
    except (EOFError, OSError):
        pass
    os._exit(0)


class Engine:
    """The data source, opened, and the requests run on it."""

    def __init__(self, source):
        kg = source.open()
        self.remote = kg if isinstance(source, Remote) else None
        self.store: ox.Store | None = None if self.remote else kg.store
        self.derived_default = False
        if self.store is None:
            self.union = True  # the endpoint applies its own rules (ittifoq.backends.remote)
        elif isinstance(source, Files):
            had_default = has_default_graph(self.store)
            self.union = not materialise_union(self.store)
            self.derived_default = not had_default and not self.union
        else:
            self.union = not has_default_graph(self.store)
            self.derived_default = bool((kg.manifest or {}).get("derived_default"))

    def serve(self, conn) -> None:
        served = 0
        while True:
            try:
                req = conn.recv()
            except (EOFError, OSError):
                return
            try:
                resp = self.handle(req)
            except IttifoqError as e:
                resp = e
            except MemoryError:
                resp = ServiceUnavailable("the query needed more memory than a query may use")
            except Exception:
                log.exception("unexpected error on %s", type(req).__name__)
                resp = EngineFailure("the server failed to answer this request; the error has been logged")
            served += 1
            big = isinstance(resp, Answer) and (
                len(resp.body) > _TRIM_AFTER_BYTES or resp.elapsed > _TRIM_AFTER_SECONDS)
            if isinstance(resp, Answer) and (big or served % _RSS_EVERY == 0):
                resp.rss_kib = rss_kib()
            try:
                conn.send(resp)
            except OSError:
                return
            del resp
            if big:
                malloc_trim()

    def handle(self, req):
        if isinstance(req, Query):
            return self.query(req)
        if isinstance(req, Export):
            return self.export(req)
        if isinstance(req, Update):
            return self.update(req)
        if isinstance(req, GraphWrite):
            return self.graph_write(req)
        if isinstance(req, GraphDelete):
            return self.graph_delete(req)
        raise TypeError(f"not a request: {req!r}")

    # -- reads

    def query(self, req: Query) -> Answer:
        t0 = time.perf_counter()
        try:
            if self.remote is not None:
                result = self.remote.query(req.sparql, default_graphs=req.default_graphs,
                                           named_graphs=req.named_graphs)
            else:
                if req.graph and not self.store.contains_named_graph(ox.NamedNode(req.graph)):
                    raise NotFound(f"there is no graph <{req.graph}> in this store")
                kwargs = dataset_options(union=self.union, default_graphs=req.default_graphs,
                                         named_graphs=req.named_graphs, from_clause=req.from_clause)
                if req.base_iri:
                    kwargs["base_iri"] = req.base_iri
                result = self.store.query(req.sparql, prefixes=PREFIXES, **kwargs)
            return serialise(result, req, t0)
        except SyntaxError as e:
            raise QuerySyntaxError(f"SPARQL syntax error: {e}") from None
        except (OSError, ValueError) as e:  # evaluation errors: the query's (a SERVICE failing…)
            raise QueryFailed(f"the query failed: {e}") from None

    def _quads(self):
        if self.remote is not None:
            from ..export import all_quads

            return all_quads(self.remote)
        quads = self.store.quads_for_pattern(None, None, None)
        if self.derived_default:  # made here from the named graphs: not part of the data
            return [q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)]
        return quads

    def export(self, req: Export) -> Answer:
        from ..export import export_quads

        t0 = time.perf_counter()
        return Answer(body=export_quads(self._quads(), req.format), elapsed=time.perf_counter() - t0)

    # -- writes (the server checks the token; a writable source is an on-disk store)

    def _writable(self) -> ox.Store:
        if self.store is None:
            raise UsageError("this server's data is a remote endpoint: it takes no writes")
        return self.store

    def update(self, req: Update) -> Answer:
        store = self._writable()
        try:
            store.update(req.text, base_iri=req.base_iri, prefixes=PREFIXES)
        except SyntaxError as e:
            raise QuerySyntaxError(f"SPARQL syntax error: {e}") from None
        except (OSError, ValueError, TypeError) as e:
            raise QueryFailed(f"the update failed: {e}") from None
        finally:
            self.union = not has_default_graph(store)
        return Answer(body=b"")

    def _exists(self, graph: str | None) -> bool:
        return graph is None or self.store.contains_named_graph(ox.NamedNode(graph))

    def graph_write(self, req: GraphWrite) -> Answer:
        store = self._writable()
        target = ox.DefaultGraph() if req.graph is None else ox.NamedNode(req.graph)
        quads = []  # every part parsed before anything is stored
        for media_type, data, what, filename in req.parts:
            fmt = ox.RdfFormat.from_media_type(media_type) if media_type else None
            if media_type in ("", "application/octet-stream") and filename and "." in filename:
                fmt = ox.RdfFormat.from_extension(filename.rsplit(".", 1)[1].lower())
            if fmt is None:
                raise UnsupportedMediaType(
                    f"{what} is {media_type or 'without a Content-Type'}; send Turtle, N-Triples, RDF/XML, "
                    "JSON-LD, N3, N-Quads or TriG")
            try:
                for q in ox.parse(data, format=fmt, base_iri=req.base_iri, without_named_graphs=True):
                    quads.append(ox.Quad(q.subject, q.predicate, q.object, target))
            except SyntaxError as e:
                raise UsageError(f"{what} is not valid {media_type}: {e}") from None
        existed = not req.created and self._exists(req.graph)
        if req.method == "PUT" and existed:
            store.clear_graph(target)
        if req.graph is not None:
            store.add_graph(target)  # an empty PUT still makes the graph exist
        store.extend(quads)
        self.union = not has_default_graph(store)
        return Answer(body=b"", existed=existed)

    def graph_delete(self, req: GraphDelete) -> Answer:
        store = self._writable()
        if not self._exists(req.graph):
            raise NotFound(f"there is no graph <{req.graph}> in this store")
        if req.graph is None:
            store.clear_graph(ox.DefaultGraph())
        else:
            store.remove_graph(ox.NamedNode(req.graph))
        self.union = not has_default_graph(store)
        return Answer(body=b"")
