"""A user's query, the way ``/sparql`` and the Graph Store Protocol's reads run it: checked
(``ittifoq.query_guard``), its answer's format negotiated, run in the engine process within
its time limit, capped."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import query_guard as guard
from ..errors import UsageError
from ..query_hints import explain_syntax_errors
from . import cancel, conneg
from .answers import OFFERS
from .messages import Query

# A request may lower the time limit, but not below this (nor below how long the engine process
# took to start): killing the engine process at a time limit, and starting another, must cost
# the client at least as much as it costs the server.
MIN_TIMEOUT = 1.0

# Texts up to this long have their check remembered (see ``check_query``).
_REMEMBERED_LENGTH = 4096


@functools.lru_cache(maxsize=512)
def _check(sparql: str, max_length: int, max_depth: int, allowlist: tuple[str, ...]):
    return guard.check(sparql, kind="query", max_length=max_length, max_depth=max_depth, allowlist=allowlist)


def check_query(sparql: str, settings):
    """The query guard's verdict on a user's query. The check is a function of the text and the
    settings alone, and the lexer is the largest cost of a cheap query in this process (0.2 ms
    of 0.5 for a point lookup): the verdicts on short texts are remembered, since clients and
    pages send the same texts again and again. Refusals are not remembered (they raise), and
    the result is shared: read it, never change it."""
    args = (sparql, settings.max_query_length, settings.max_depth, tuple(settings.service_allowlist))
    if len(sparql) <= _REMEMBERED_LENGTH:
        return _check(*args)
    return _check.__wrapped__(*args)


@dataclass
class QueryResponse:
    body: bytes
    media_type: str
    content_type: str
    format: str
    form: str
    rows: int | None = None
    truncated: str | None = None
    elapsed: float = 0.0
    extra_headers: dict = field(default_factory=dict)

    @property
    def headers(self) -> dict:
        h = {"Content-Type": self.content_type, "X-Ittifoq-Query-Time": f"{self.elapsed:.6f}"}
        if self.rows is not None:
            h["X-Ittifoq-Rows"] = str(self.rows)
        if self.truncated:
            h["X-Ittifoq-Truncated"] = self.truncated
        h.update(self.extra_headers)
        return h

    def to_response(self):
        from flask import Response

        return Response(self.body, status=200, headers=self.headers)


def timeout_floor(state) -> float:
    """The shortest time limit a request may ask for; also how long a query runs, at least,
    before its client's Cancel stops it (``ittifoq.web.cancel``)."""
    return min(state.settings.timeout, max(MIN_TIMEOUT, state.engine.start_seconds))


def effective_timeout(state, requested: float | str | None) -> float:
    """The time limit of a request: the configured one, lowered by ``?timeout=`` down to a floor."""
    limit = state.settings.timeout
    if requested in (None, ""):
        return limit
    try:
        t = float(requested)
    except (TypeError, ValueError):
        raise UsageError(f"timeout={requested!r} is not a number of seconds") from None
    if not t > 0:
        raise UsageError("timeout must be a positive number of seconds")
    return min(max(t, timeout_floor(state)), limit)


def _offers(checked, accept, format):
    """(results offer, graph offer, why each kind is not acceptable)."""
    if checked.form in ("CONSTRUCT", "DESCRIBE"):
        return None, conneg.choose(accept, format, conneg.GRAPH_OFFERS, f"a {checked.form} query"), {}
    if checked.form in ("SELECT", "ASK"):
        what = "an ASK query" if checked.form == "ASK" else "a SELECT query"
        return conneg.choose(accept, format, conneg.RESULT_OFFERS, what), None, {}
    # Not recognisable (most likely a syntax error, which the parser will report).
    found, not_acceptable = {}, {}
    for kind, offers in (("results", conneg.RESULT_OFFERS), ("graph", conneg.GRAPH_OFFERS)):
        try:
            found[kind] = conneg.choose(accept, format, offers, "this query")
        except conneg.NotAcceptable as e:
            found[kind], not_acceptable[kind] = None, e.message
    return found["results"], found["graph"], not_acceptable


@explain_syntax_errors  # a syntax error's 400 in plain words (ittifoq.query_hints)
def run(
    state,
    sparql: str,
    *,
    default_graphs: Sequence[str] | None = None,
    named_graphs: Sequence[str] | None = None,
    accept: str | None = None,
    format: str | None = None,
    timeout: float | str | None = None,
    base_iri: str | None = None,
    graph: str | None = None,
    store_default_graph: bool = False,
) -> QueryResponse:
    """See ``state.run_query`` in ``ittifoq.web.app``. ``graph`` (a Graph Store read) must
    exist; ``store_default_graph`` makes the default graph the store's own instead of the
    union (the Graph Store Protocol's ``?default``)."""
    s = state.settings
    checked = check_query(sparql, s)
    results_offer, graph_offer, not_acceptable = _offers(checked, accept, format)
    answer = cancel.run(state.engine,
        Query(
            sparql,
            default_graphs=list(default_graphs) if default_graphs else None,
            named_graphs=list(named_graphs) if named_graphs else None,
            from_clause=checked.has_dataset_clause or store_default_graph,
            base_iri=base_iri,
            max_rows=s.max_rows,
            max_bytes=s.max_response_bytes,
            results_format=results_offer.name if results_offer else None,
            graph_format=graph_offer.name if graph_offer else None,
            not_acceptable=not_acceptable,
            graph=graph,
        ),
        effective_timeout(state, timeout),
    )
    offer = OFFERS[answer.format]
    form = checked.form or {"boolean": "ASK", "graph": "CONSTRUCT", "solutions": "SELECT"}[answer.kind]
    return QueryResponse(body=answer.body, media_type=offer.media_type, content_type=offer.content_type,
                         format=offer.name, form=form, rows=answer.rows, truncated=answer.truncated,
                         elapsed=answer.elapsed)
