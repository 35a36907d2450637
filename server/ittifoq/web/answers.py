"""Query results written in the negotiated format by Oxigraph's own serialisers, within the
row and byte caps (run in the engine process)."""

from __future__ import annotations

import time

import pyoxigraph as ox

from ..errors import QuerySyntaxError, ResponseTooLarge
from ..namespaces import PREFIXES
from .conneg import GRAPH_OFFERS, RESULT_OFFERS, NotAcceptable
from .messages import Answer, Query

OFFERS = {o.name: o for o in RESULT_OFFERS + GRAPH_OFFERS}


class _Enough(Exception):
    pass


class _CappedBuffer:
    """A binary file for Oxigraph's serialiser that stops it (by raising) once it has written
    more lines or bytes than needed, so a huge result is never fully evaluated."""

    def __init__(self, max_lines: int, max_bytes: int):
        self.buf = bytearray()
        self.lines = 0
        self.max_lines = max_lines
        self.max_bytes = max_bytes
        self.stopped = False

    def write(self, b) -> int:
        self.buf += b
        self.lines += b.count(b"\n")
        if self.lines > self.max_lines or len(self.buf) > self.max_bytes:
            self.stopped = True
            raise _Enough
        return len(b)

    def flush(self) -> None:
        pass


def _within_bytes(render, n: int, max_bytes: int, truncated: str | None) -> tuple[bytes, int, str | None]:
    """(body, items kept, truncation reason): all n items if they fit in max_bytes, else as many
    as fit (the largest k found by bisection: size grows with k)."""
    body = render(n)
    if len(body) <= max_bytes:
        return body, n, truncated
    lo, hi, best = 0, n, render(0)
    if len(best) > max_bytes:
        raise ResponseTooLarge(
            f"even with no rows the answer takes {len(best)} bytes (its variables or prefixes), more "
            f"than the {max_bytes} bytes an answer may hold here; select fewer or shorter variables"
        )
    while lo < hi:
        mid = (lo + hi + 1) // 2
        out = render(mid)
        if len(out) <= max_bytes:
            lo, best = mid, out
        else:
            hi = mid - 1
    return best, lo, f"max-response-bytes={max_bytes}"


def _used_prefixes(triples) -> dict[str, str]:
    by_ns = {iri: p for p, iri in PREFIXES.items()}
    used = {}
    for t in triples:
        for term in (t.subject, t.predicate, t.object):
            if isinstance(term, ox.NamedNode):
                v = term.value
                cut = max(v.rfind("/"), v.rfind("#")) + 1
                p = by_ns.get(v[:cut])
                if p is not None:
                    used[p] = v[:cut]
    return used


def _solutions(result, offer, max_rows: int, max_bytes: int):
    # Oxigraph's serialisers take a whole result and cannot be told to stop at a row, so the
    # rows are first written as TSV (one solution per line, every term in full N-Triples
    # syntax, lossless), stopping after max_rows + 1; the kept lines are parsed back by
    # Oxigraph and written in the requested format. Everything stays in Oxigraph terms.
    capped = _CappedBuffer(max_lines=max_rows + 1, max_bytes=max(2 * max_bytes, 1 << 20))
    try:
        result.serialize(capped, format=ox.QueryResultsFormat.TSV)
    except Exception:
        if not capped.stopped:
            raise
    lines = bytes(capped.buf).split(b"\n")
    header = lines[0]
    # Every TSV line ends in a newline, so the last piece is empty, or cut short when stopped.
    rows = lines[1:-1]
    truncated = None
    if capped.stopped:
        if len(rows) > max_rows:
            rows, truncated = rows[:max_rows], f"max-rows={max_rows}"
        else:
            truncated = f"max-response-bytes={max_bytes}"

    def render(k: int) -> bytes:
        tsv = header + b"\n" + b"".join(r + b"\n" for r in rows[:k])
        if offer.name == "tsv":
            return tsv
        return ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV).serialize(format=offer.ox_format)

    return _within_bytes(render, len(rows), max_bytes, truncated)


def _graph(result, offer, max_rows: int, max_bytes: int):
    triples = []
    truncated = None
    for t in result:
        if len(triples) == max_rows:
            truncated = f"max-rows={max_rows}"
            break
        triples.append(t)
    prefixes = _used_prefixes(triples) if offer.name in ("turtle", "trig", "rdfxml") else None

    def render(k: int) -> bytes:
        return ox.serialize(triples[:k], format=offer.ox_format, prefixes=prefixes)

    return _within_bytes(render, len(triples), max_bytes, truncated)


def _offer(name: str | None, req: Query, kind: str):
    offer = OFFERS.get(name or "")
    if offer is None:
        raise NotAcceptable(req.not_acceptable.get(kind) or "no acceptable format for this answer")
    return offer


def serialise(result, req: Query, t0: float) -> Answer:
    """The answer to ``req`` from Oxigraph's ``result``, capped."""
    rows = truncated = None
    try:
        if isinstance(result, ox.QueryBoolean):
            offer, kind = _offer(req.results_format, req, "results"), "boolean"
            body = result.serialize(format=offer.ox_format)
        elif isinstance(result, ox.QueryTriples):
            offer, kind = _offer(req.graph_format, req, "graph"), "graph"
            body, rows, truncated = _graph(result, offer, req.max_rows, req.max_bytes)
        else:
            offer, kind = _offer(req.results_format, req, "results"), "solutions"
            body, rows, truncated = _solutions(result, offer, req.max_rows, req.max_bytes)
    except SyntaxError as e:  # some checks (e.g. unbound variables in GROUP BY) happen lazily
        raise QuerySyntaxError(f"SPARQL syntax error: {e}") from None
    return Answer(body=body, format=offer.name, kind=kind, rows=rows, truncated=truncated,
                  elapsed=time.perf_counter() - t0)
