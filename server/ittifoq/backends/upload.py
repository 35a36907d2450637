"""Uploading an RDF file to a remote endpoint through the Graph Store Protocol
(``RemoteKnowledgeGraph.upload``): one POST per graph and batch, with progress, and on a
failure a message saying how much the endpoint had accepted before."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..errors import IttifoqError, UsageError
from ..rdf_files import CountingReader, rdf_format
from .errors import BackendError

if TYPE_CHECKING:
    from .remote import RemoteKnowledgeGraph


@dataclass
class UploadReport:
    url: str
    triples: int = 0
    requests: int = 0
    graphs: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def upload_file(
kg: RemoteKnowledgeGraph,
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
    path = Path(path)
    fmt = fmt or rdf_format(path)
    if graph and fmt.supports_datasets:
        raise UsageError(f"{path}: {fmt.name} holds its own graphs; --graph applies to triple formats only")
    report = UploadReport(url=kg.graph_store or kg.endpoint)
    t0 = time.perf_counter()
    reader = CountingReader(path, count_lines=False)
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
            kg.post_graph(data, g)
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
