"""Writing query results: the standard SPARQL result formats through Oxigraph's own
serialisers, and a readable text table for terminals."""

from __future__ import annotations

import pyoxigraph as ox

from . import formats
from .errors import UsageError
from .namespaces import shorten

RESULT_FORMATS = {f.name: f.ox_format for f in formats.RESULTS}
GRAPH_FORMATS = {f.name: f.ox_format for f in formats.RDF}


def short(term) -> str:
    """A compact rendering of a term for humans (prefixed names where possible)."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value) or f"<{term.value}>"
    if isinstance(term, ox.Literal):
        text = term.value.replace("\n", " ")
        if term.language:
            return f'"{text}"@{term.language}'
        return text
    return str(term)


def table(result, max_width: int = 60) -> str:
    if isinstance(result, ox.QueryBoolean):
        return "true" if bool(result) else "false"
    if isinstance(result, ox.QueryTriples):
        return ox.serialize(list(result), format=ox.RdfFormat.TURTLE).decode("utf-8")
    names = [v.value for v in result.variables]
    rows = [[short(sol[v]) for v in names] for sol in result]

    def clip(s: str) -> str:
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    rows = [[clip(c) for c in r] for r in rows]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    line = "+".join("-" * (w + 2) for w in widths)
    out = [" | ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)), line]
    out += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def serialize(result, fmt: str) -> bytes:
    """Serialise a query result in a named format (table, json, xml, csv, tsv, or an RDF
    format for CONSTRUCT/DESCRIBE)."""
    if fmt == "table":
        return (table(result) + "\n").encode("utf-8")
    if isinstance(result, ox.QueryTriples):
        if fmt not in GRAPH_FORMATS:
            raise UsageError(f"format {fmt!r} does not hold a graph; use one of {', '.join(GRAPH_FORMATS)}")
        return ox.serialize(list(result), format=GRAPH_FORMATS[fmt])
    if fmt not in RESULT_FORMATS:
        raise UsageError(f"format {fmt!r} is not a result format; use table, {', '.join(RESULT_FORMATS)}")
    return result.serialize(format=RESULT_FORMATS[fmt])
