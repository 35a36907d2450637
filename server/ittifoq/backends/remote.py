"""A remote SPARQL 1.1 Protocol endpoint (Fuseki, GraphDB, Virtuoso, QLever, Neptune, a remote
Oxigraph…) behind the same interface as the embedded store.

``RemoteKnowledgeGraph.query`` forwards the query text over HTTP and turns the answer into the
same pyoxigraph objects ``KnowledgeGraph.query`` returns, by Oxigraph's own parsers
(``parse_query_results`` for SELECT/ASK, ``parse`` for CONSTRUCT/DESCRIBE), so the web layer
serialises them the same way whatever runs the query. ``upload`` pushes RDF through the
Graph Store Protocol (``ittifoq.backends.upload``). Every request has a deadline: the whole
exchange, not each socket read (``ittifoq.backends.http_client``).

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
import json
import os
import re
import urllib.parse
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from .. import formats
from ..errors import IttifoqError, QuerySyntaxError, QueryTimeout, UsageError
from ..namespaces import PREFIXES
from .errors import BackendError
from .http_client import HttpClient, Response
from .upload import UploadReport, upload_file

__all__ = ["BackendError", "RemoteKnowledgeGraph", "UploadReport", "with_prefixes"]


# Media types of answers, from the project's format table (ittifoq.formats); a type both
# tables list (application/json, application/xml) is read as SPARQL results.
RESULT_TYPES = {t: f.ox_format for f in formats.RESULTS if f.name in ("json", "xml")
                for t in (f.media_type, *f.aliases)}
GRAPH_TYPES = {t: f.ox_format for f in formats.RDF for t in (f.media_type, *f.aliases) if t not in RESULT_TYPES}
# One Accept for every query form: the endpoint picks a results format for SELECT/ASK and an
# RDF format for CONSTRUCT/DESCRIBE. The first of each is the fastest to parse.
ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
          "application/n-triples;q=0.9, text/turtle;q=0.8, application/rdf+xml;q=0.5")

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
        self._http = HttpClient(self.endpoint, self._auth)
        from ..store import Remote

        self.source = Remote(endpoint, {"graph_store": graph_store, "timeout": timeout,
                                        "union_default_graph": union_default_graph, "token": token,
                                        "default_graph": default_graph})

    def __repr__(self) -> str:
        return f"RemoteKnowledgeGraph({self.endpoint!r})"

    # ---------------------------------------------------------------------------------- HTTP

    def _request(self, method: str, url: str, body: bytes | None, headers: dict[str, str],
                 timeout: float | None = None) -> Response:
        resp = self._http.request(method, url, body, headers, self.timeout if timeout is None else timeout)
        if self._server is None:
            self._server = resp.headers.get("server", "")
        return resp

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

    def _result(self, resp: Response, shift: int = 0):
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

    def upload(self, path: str | Path, **options) -> UploadReport:
        """Push one RDF file through the Graph Store Protocol (``ittifoq.backends.upload``)."""
        return upload_file(self, path, **options)
