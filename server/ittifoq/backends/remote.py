"""A remote SPARQL 1.1 Protocol endpoint (Fuseki, GraphDB, Virtuoso, QLever, Neptune, a remote
Oxigraph…) behind the same interface as the embedded store.

``RemoteKnowledgeGraph.query`` forwards the query text over HTTP and turns the answer into the
same pyoxigraph objects ``KnowledgeGraph.query`` returns, by Oxigraph's own parsers
(``parse_query_results`` for SELECT/ASK, ``parse`` for CONSTRUCT/DESCRIBE), so the web layer
serialises them the same way whatever runs the query. ``upload`` pushes RDF through the
Graph Store Protocol. Every request has a deadline: the whole exchange, not each socket read.

What differs between endpoints, and how it is handled:

- The default graph. ittifoq's is the data's own default graph when it has triples (a build's
  consolidated view), else the union of all graphs. Oxigraph keeps a separate default graph
  and unions on request (``union-default-graph``, asked only when that graph is empty);
  GraphDB, Virtuoso and Neptune answer over all graphs by default; Fuseki does when configured
  with ``unionDefaultGraph``.
  ``union_default_graph="auto"`` asks for the union with Oxigraph's parameter when the endpoint
  says it is Oxigraph (``Server`` header) and relies on the endpoint's own default otherwise;
  ``"explicit"`` names every graph as a ``default-graph-uri`` (standard, but long lists).
  An endpoint that keeps no separate default graph (Virtuoso, GraphDB) loads a dataset's
  default graph into a graph of its own; ``default_graph`` names it (``--backend-default-graph``,
  as DBpedia's endpoint is asked with ``default-graph-uri``): queries without a dataset then
  get it as their default graph and every other graph as a named graph (SPARQL 1.1 Protocol
  §2.1.4), so the consolidated view is not merged with the document graphs.
- Prefixes. The project's prefixes (``ittifoq.namespaces.PREFIXES``) are predeclared locally;
  here they are sent, on the query's first line so that error positions keep their line
  numbers, for the names the query does not declare itself.
- The Graph Store Protocol address. Oxigraph's is ``/store`` beside ``/query``; any other
  endpoint's is given as ``graph_store``.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import re
import ssl
import threading
import time
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .. import formats
from ..errors import IttifoqError, QuerySyntaxError, QueryTimeout, UsageError
from ..namespaces import PREFIXES


class BackendError(IttifoqError):
    """The remote endpoint could not be reached or failed (a gateway error to our clients)."""

    http_status = 502
    exit_code = 2


# Media types of answers, from the project's format table (ittifoq.formats); a type both
# tables list (application/json, application/xml) is read as SPARQL results.
RESULT_TYPES = {t: f.ox_format for f in formats.RESULTS if f.name in ("json", "xml")
                for t in (f.media_type, *f.aliases)}
GRAPH_TYPES = {t: f.ox_format for f in formats.RDF for t in (f.media_type, *f.aliases) if t not in RESULT_TYPES}
# One Accept for every query form: the endpoint picks a results format for SELECT/ASK and an
# RDF format for CONSTRUCT/DESCRIBE. The first of each is the fastest to parse.
ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
          "application/n-triples;q=0.9, text/turtle;q=0.8, application/rdf+xml;q=0.5")
USER_AGENT = "ittifoq (SPARQL client)"

_FIRST_LINE_POSITION = re.compile(r"(\bat (?:line )?)1:(\d+)\b")
_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)


def with_prefixes(sparql: str, prefixes: dict[str, str] = PREFIXES) -> str:
    """``sparql`` with the project's prefixes it does not declare, all on its first line."""
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(sparql)}
    head = " ".join(f"PREFIX {p}: <{iri}>" for p, iri in prefixes.items() if p not in declared)
    return f"{head} {sparql}" if head else sparql


def _checked_results(body: bytes, fmt: ox.QueryResultsFormat):
    result = ox.parse_query_results(body, format=fmt)
    if isinstance(result, ox.QuerySolutions):
        for _ in result:  # raises SyntaxError on a fault anywhere
            pass
        result = ox.parse_query_results(body, format=fmt)
    return result


def _json_results_members(body: bytes) -> bytes:

    doc = json.loads(body)
    if not isinstance(doc, dict):
        raise ValueError("not a JSON object")
    return json.dumps({k: doc[k] for k in ("head", "results", "boolean") if k in doc}).encode("utf-8")


@dataclass
class _Response:
    status: int
    reason: str
    headers: dict[str, str]
    body: bytes

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def text(self, limit: int = 600) -> str:
        text = self.body[:limit].decode("utf-8", "replace").strip()
        return text + ("…" if len(self.body) > limit else "")


@dataclass
class UploadReport:
    url: str
    triples: int = 0
    requests: int = 0
    graphs: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


class RemoteKnowledgeGraph:
    """A knowledge graph held by a SPARQL 1.1 Protocol endpoint."""

    def __init__(
        self,
        endpoint: str,
        *,
        graph_store: str | None = None,
        timeout: float = 30.0,
        union_default_graph: str = "auto",
        token: str | None = None,
        default_graph: str | None = None,
    ):
        parsed = urllib.parse.urlsplit(endpoint)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise UsageError(f"{endpoint}: a backend is an http(s) URL of a SPARQL endpoint")
        if union_default_graph not in ("auto", "param", "native", "explicit"):
            raise UsageError(f"union_default_graph={union_default_graph!r}: use auto, param, native or explicit")
        self._auth = None
        if parsed.username:
            user = urllib.parse.unquote(parsed.username)
            password = urllib.parse.unquote(parsed.password or "")
            self._auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        token = token or os.environ.get("ITTIFOQ_BACKEND_TOKEN")
        if token:
            self._auth = f"Bearer {token}"
        netloc = parsed.hostname if parsed.port is None else f"{parsed.hostname}:{parsed.port}"
        if ":" in (parsed.hostname or "") and parsed.port is None:
            netloc = f"[{parsed.hostname}]"
        elif ":" in (parsed.hostname or ""):
            netloc = f"[{parsed.hostname}]:{parsed.port}"
        path = parsed.path
        oxigraph_root = path in ("", "/")
        if oxigraph_root:
            path = "/query"  # an Oxigraph server given by its root address
        self.endpoint = urllib.parse.urlunsplit((parsed.scheme, netloc, path, parsed.query, ""))
        if graph_store is None and (oxigraph_root or path.endswith("/query")):
            graph_store = self.endpoint.rsplit("/", 1)[0] + "/store"
        self.graph_store = graph_store
        self.timeout = float(timeout)
        self.union_default_graph = union_default_graph
        self.default_graph = default_graph
        self._graphs: list[str] | None = None  # the endpoint's named graphs, once asked
        self._server: str | None = None
        # Whether the endpoint's own default graph holds triples (None: not asked yet).
        self._own_default: bool | None = None
        self._local = threading.local()
        from ..store import Remote

        self.source = Remote(endpoint, {"graph_store": graph_store, "timeout": timeout,
                                        "union_default_graph": union_default_graph, "token": token,
                                        "default_graph": default_graph})

    def __repr__(self) -> str:
        return f"RemoteKnowledgeGraph({self.endpoint!r})"

    # ---------------------------------------------------------------------------------- HTTP

    def _connection(self, scheme: str, netloc: str, timeout: float) -> http.client.HTTPConnection:
        pool = getattr(self._local, "pool", None)
        if pool is None or self._local.pid != os.getpid():
            # A forked process (the server's query workers) must not share its parent's sockets.
            pool = self._local.pool = {}
            self._local.pid = os.getpid()
        conn = pool.get((scheme, netloc))
        if conn is None:
            if scheme == "https":
                conn = http.client.HTTPSConnection(netloc, timeout=timeout, context=ssl.create_default_context())
            else:
                conn = http.client.HTTPConnection(netloc, timeout=timeout)
            pool[(scheme, netloc)] = conn
        return conn

    def _drop(self, scheme: str, netloc: str) -> None:
        conn = self._local.pool.pop((scheme, netloc), None)
        if conn is not None:
            conn.close()

    def _request(self, method: str, url: str, body: bytes | None, headers: dict[str, str],
                 timeout: float | None = None) -> _Response:
        """One HTTP exchange, finished within ``timeout`` seconds in all (connect, send, wait,
        read), on a kept-alive connection of this thread. Raises QueryTimeout or BackendError."""
        timeout = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        parts = urllib.parse.urlsplit(url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        headers = {"User-Agent": USER_AGENT, **headers}
        if self._auth:
            headers["Authorization"] = self._auth
        for attempt in (0, 1):
            conn = self._connection(parts.scheme, parts.netloc, timeout)
            reused = conn.sock is not None
            try:
                if conn.sock is not None:
                    conn.sock.settimeout(max(deadline - time.monotonic(), 0.001))
                else:
                    conn.timeout = max(deadline - time.monotonic(), 0.001)
                conn.request(method, target, body=body, headers=headers)
                sock = conn.sock  # the response keeps reading it even once conn lets it go
                resp = conn.getresponse()
                chunks = []
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise TimeoutError
                    try:
                        sock.settimeout(left)
                    except OSError:
                        pass
                    chunk = resp.read1(1 << 16) if hasattr(resp, "read1") else resp.read(1 << 16)
                    if not chunk:
                        break
                    chunks.append(chunk)
                resp.close()  # consumed to the end: the connection is free for the next request
                result = _Response(resp.status, resp.reason, {k.lower(): v for k, v in resp.getheaders()},
                                   b"".join(chunks))
                if resp.will_close:
                    self._drop(parts.scheme, parts.netloc)
                if self._server is None:
                    self._server = result.headers.get("server", "")
                return result
            except TimeoutError as e:
                self._drop(parts.scheme, parts.netloc)
                raise QueryTimeout(f"the SPARQL backend {self.endpoint} did not answer within {timeout:g} s") from e
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as e:
                self._drop(parts.scheme, parts.netloc)
                # A kept-alive connection the server closed meanwhile: one fresh try.
                if reused and attempt == 0:
                    continue
                raise BackendError(f"the SPARQL backend {parts.netloc} closed the connection: {e}") from e
            except (OSError, http.client.HTTPException) as e:
                self._drop(parts.scheme, parts.netloc)
                raise BackendError(f"cannot reach the SPARQL backend {parts.netloc}: {e}") from e
        raise AssertionError("unreachable")

    # --------------------------------------------------------------------------------- query

    def _is_oxigraph(self) -> bool:
        if self._server is None:
            try:
                self._request("GET", self.endpoint, None, {"Accept": ACCEPT}, timeout=min(self.timeout, 5.0))
            except IttifoqError:
                self._server = ""
        return (self._server or "").lower().startswith("oxigraph")

    def query(
        self,
        sparql: str,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        *,
        timeout: float | None = None,
    ):
        """Run SPARQL on the endpoint; the answer is a pyoxigraph QuerySolutions, QueryBoolean
        or QueryTriples. The default graph is the union of all graphs unless
        ``default_graphs`` names some. ``timeout`` may lower the configured one."""
        if not isinstance(sparql, str):
            raise TypeError("queries are passed as strings")
        return self._query(sparql, default_graphs, named_graphs, timeout, union=True)

    def _query(self, sparql, default_graphs, named_graphs, timeout, union: bool):
        timeout = self.timeout if timeout is None else min(timeout, self.timeout)
        text = with_prefixes(sparql)
        form = [("query", text)]
        url = self.endpoint
        if default_graphs:
            form += [("default-graph-uri", g) for g in default_graphs]
        elif union and self.default_graph:
            form += [("default-graph-uri", self.default_graph)]
            named_graphs = named_graphs or self.named_graphs()
        elif union:
            mode = self.union_default_graph
            if mode == "auto":
                mode = "param" if self._is_oxigraph() else "native"
            if mode in ("param", "explicit") and self.has_own_default_graph():
                mode = "own"  # the data's own default graph (a build's consolidated view)
            if mode == "param" and named_graphs:
                mode = "explicit"  # Oxigraph takes no union-default-graph beside named-graph-uri
            if mode == "param":
                url += ("&" if "?" in url else "?") + "union-default-graph"
            elif mode == "explicit":
                form += [("default-graph-uri", g) for g in self.named_graphs()]
        if named_graphs:
            form += [("named-graph-uri", g) for g in named_graphs]
        body = urllib.parse.urlencode(form).encode("ascii")
        resp = self._request("POST", url, body, {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": ACCEPT,
        }, timeout=timeout)
        return self._result(resp, len(text) - len(sparql))

    def _result(self, resp: _Response, shift: int = 0):
        if resp.status == 200:
            mt = resp.media_type
            if mt in RESULT_TYPES:
                return self._solutions(resp.body, RESULT_TYPES[mt], mt)
            if mt in GRAPH_TYPES:
                # A QueryTriples like the embedded store's: the triples are loaded into a
                # scratch in-memory store and read back by a CONSTRUCT.
                scratch = ox.Store()
                try:
                    scratch.load(resp.body, format=GRAPH_TYPES[mt])
                except SyntaxError as e:
                    raise BackendError(f"the SPARQL backend {self.endpoint} sent malformed {mt}: {e}") from e
                return scratch.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
            raise BackendError(f"the SPARQL backend {self.endpoint} answered with an unexpected type {mt or '(none)'}")
        if resp.status == 400:
            message = resp.text()
            if shift:
                # Positions on the first line counted the prefixes sent before the query's text.
                message = _FIRST_LINE_POSITION.sub(lambda m: f"{m.group(1)}1:{max(int(m.group(2)) - shift, 1)}",
                                                   message)
            raise QuerySyntaxError(f"the SPARQL backend refused the query: {message}")
        if resp.status in (408, 504):
            raise QueryTimeout(f"the SPARQL backend gave up on the query ({resp.status} {resp.reason})")
        err = BackendError(f"the SPARQL backend answered {resp.status} {resp.reason}: {resp.text(300)}")
        if resp.status == 503:
            err.http_status = 503
        raise err

    def has_own_default_graph(self) -> bool:
        if self._own_default is None:
            self._own_default = bool(self._query("ASK { ?s ?p ?o }", None, None, None, union=False))
        return self._own_default

    def _solutions(self, body: bytes, fmt: ox.QueryResultsFormat, mt: str):
        """The answer parsed, and checked to the end here: Oxigraph's parser is lazy, and a
        fault found while the rows are read would be taken for the client's (a 400) instead
        of the backend's (a 502)."""
        try:
            return _checked_results(body, fmt)
        except SyntaxError as e:
            if fmt == ox.QueryResultsFormat.JSON:
                # Members other than head, results and boolean are extensions (SPARQL 1.2's
                # "version", Comunica's metadata): ignored, as JSON readers ignore members they
                # do not know. Oxigraph's streaming parser accepts them before "results" only.
                try:
                    return _checked_results(_json_results_members(body), fmt)
                except (SyntaxError, ValueError):
                    pass
            raise BackendError(f"the SPARQL backend {self.endpoint} sent malformed {mt}: {e}") from e

    def named_graphs(self) -> list[str]:
        if self._graphs is None:
            result = self._query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", None, None, None, union=False)
            self._graphs = sorted(sol["g"].value for sol in result
                                  if isinstance(sol["g"], ox.NamedNode) and sol["g"].value != self.default_graph)
        return list(self._graphs)

    def count_quads(self) -> int:
        """Quads in the named graphs, plus the default graph's triples where the endpoint keeps
        it apart (Oxigraph)."""
        def one(sparql: str) -> int:
            return int(next(iter(self._query(sparql, None, None, None, union=False)))["n"].value)

        n = one("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        if self.union_default_graph in ("auto", "param") and self._is_oxigraph():
            n += one("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return n

    # -------------------------------------------------------------------------------- upload

    def post_graph(self, data: bytes, graph: str | None, media_type: str = "application/n-triples",
                   timeout: float | None = None) -> None:
        """Add triples to one graph (None: the default graph) by Graph Store Protocol POST."""
        if not self.graph_store:
            raise UsageError(
                f"{self.endpoint}: no Graph Store Protocol address is known for this endpoint; give it "
                "(--graph-store URL): Fuseki …/ds/data, GraphDB …/repositories/ID/rdf-graphs/service, "
                "Virtuoso …/sparql-graph-crud"
            )
        self._own_default = None  # asked again after the upload
        self._graphs = None
        param = "default" if graph is None else "graph=" + urllib.parse.quote(graph, safe="")
        url = self.graph_store + ("&" if "?" in self.graph_store else "?") + param
        resp = self._request("POST", url, data, {"Content-Type": media_type},
                             timeout=timeout if timeout is not None else max(self.timeout, 300.0))
        if resp.status not in (200, 201, 204):
            raise BackendError(f"the graph store {self.graph_store} answered {resp.status} {resp.reason}: "
                               f"{resp.text(300)}")

    def upload(
        self,
        path: str | Path,
        *,
        fmt: ox.RdfFormat | None = None,
        graph: str | None = None,
        base_iri: str | None = None,
        lenient: bool = False,
        batch: int = 100_000,
        progress=None,
    ) -> UploadReport:
        """Push one RDF file (compressed or not) through the Graph Store Protocol, one POST per
        graph and batch. Not atomic: when a request fails, the BackendError says exactly how
        many triples of which graphs the endpoint had accepted before."""
        from ..load import _CountingReader, rdf_format

        path = Path(path)
        fmt = fmt or rdf_format(path)
        if graph and fmt.supports_datasets:
            raise UsageError(f"{path}: {fmt.name} holds its own graphs; --graph applies to triple formats only")
        report = UploadReport(url=self.graph_store or self.endpoint)
        t0 = time.perf_counter()
        reader = _CountingReader(path, count_lines=False)
        buffers: dict[str | None, list] = {}
        # Triples with blank nodes wait until the end and go in one request per graph: split
        # over two requests, one blank node would become two.
        held: dict[str | None, list] = {}
        buffered = 0
        total = path.stat().st_size

        def send(g: str | None, triples: list) -> None:
            if not triples:
                return
            data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            try:
                self.post_graph(data, g)
            except IttifoqError as e:
                done = ", ".join(f"{n} in {k or 'the default graph'}" for k, n in report.graphs.items()) or "none"
                raise BackendError(f"{e} — triples the endpoint had accepted before from {path}: "
                                   f"{report.triples} ({done})") from e
            report.triples += len(triples)
            report.requests += 1
            key = g if g is not None else ""
            report.graphs[key] = report.graphs.get(key, 0) + len(triples)

        try:
            if progress is not None:
                progress.line(f"uploading {path} to {report.url} ({total / 1e6:,.1f} MB, {fmt.name})")
            for q in ox.parse(reader, format=fmt, base_iri=base_iri, lenient=lenient):
                g = graph
                if fmt.supports_datasets:
                    g = None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
                t = ox.Triple(q.subject, q.predicate, q.object)
                if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
                    held.setdefault(g, []).append(t)
                    continue
                buf = buffers.setdefault(g, [])
                buf.append(t)
                buffered += 1
                if len(buf) >= batch:
                    send(g, buf)
                    buffered -= len(buf)
                    buffers[g] = []
                    if progress is not None:
                        progress.update(path.name, reader.position, total, report.triples, time.perf_counter() - t0)
                elif buffered >= 4 * batch:
                    # Many graphs each below a batch: send them all rather than hold the file.
                    for k in list(buffers):
                        send(k, buffers.pop(k))
                    buffered = 0
            for k in list(buffers):
                send(k, buffers.pop(k))
            for k in list(held):
                send(k, held.pop(k))
        except SyntaxError as e:
            raise BackendError(f"{path}: {e} — triples the endpoint had accepted before: {report.triples}") from e
        except KeyboardInterrupt as e:
            e.upload_report = report  # what was sent before, for the message
            raise
        finally:
            reader.close()
        report.seconds = round(time.perf_counter() - t0, 3)
        if progress is not None:
            progress.line(f"uploaded {path}: {report.triples:,} triples in {report.requests} requests, "
                          f"{report.seconds:.1f} s")
        return report
