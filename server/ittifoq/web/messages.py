"""What the server and its engine process (``ittifoq.web.engine``) send each other over a
``multiprocessing`` connection: one request, then one answer or one exception object (an
:class:`ittifoq.errors.IttifoqError`, pickled)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Query:
    sparql: str
    # The protocol's dataset (default-graph-uri / named-graph-uri), replacing the query's own.
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None
    from_clause: bool = False  # the query has FROM / FROM NAMED
    base_iri: str | None = None
    max_rows: int = 1 << 62
    max_bytes: int = 1 << 62
    # Short names of the negotiated offers (ittifoq.web.conneg); None: not acceptable, and
    # not_acceptable[kind] says why ("results" or "graph").
    results_format: str | None = "json"
    graph_format: str | None = "ntriples"
    not_acceptable: dict = field(default_factory=dict)
    # Graph Store reads: the graph must exist (404 otherwise); "" is the default graph.
    graph: str | None = None
    writes = False


@dataclass
class Export:
    format: str
    writes = False


@dataclass
class Update:
    text: str
    base_iri: str | None = None
    writes = True


@dataclass
class GraphWrite:
    """A Graph Store PUT or POST: parsed in the engine process, where a parser crash cannot
    take the server down. ``graph`` None is the default graph."""

    method: str
    graph: str | None
    parts: list  # (media type, bytes, what it is called in errors, file name or None)
    base_iri: str
    created: bool = False  # the graph's IRI was just made up (POST to the store itself)
    writes = True


@dataclass
class GraphDelete:
    graph: str | None  # None: the default graph
    writes = True


@dataclass
class Answer:
    body: bytes
    format: str | None = None
    kind: str | None = None  # "solutions", "boolean" or "graph"
    rows: int | None = None
    truncated: str | None = None
    elapsed: float = 0.0
    existed: bool | None = None  # Graph Store writes: whether the graph was there before
    rss_kib: int = 0  # the engine process's resident memory after a big answer (0: not read)


@dataclass
class Ready:
    rss_kib: int
    seconds: float  # loading the data took this long
    union: bool  # the default graph is the union of the named graphs (no default graph of its own)
    started: str | None = None  # what the start-up hook reported (ittifoq.web.engine._engine_started)
