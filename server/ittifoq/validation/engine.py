"""Running pySHACL on the data and merging its reports into one."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import rdflib
from rdflib import RDF, BNode, Literal
from rdflib.namespace import SH

from .. import namespaces as ns
from ..config import Config
from ..errors import IttifoqError
from .common import ITTS, ShapesError, quiet_rdflib
from .common import one_line as _one_line
from .data import _load_build, _load_files, view_store
from .report import ValidationReport
from .results import collect_results
from .shapes import check_shapes, graph_aware_shapes, load_shapes, shape_files, split_shapes


def _run_pyshacl(data, shapes: rdflib.Graph, use_shapes: list[str]) -> rdflib.Graph:
    from pyshacl import validate as pyshacl_validate

    if not use_shapes:
        return rdflib.Graph()
    try:
        _, graph, _ = pyshacl_validate(
            data, shacl_graph=shapes, inference="none", advanced=True, inplace=True,
            allow_warnings=True, use_shapes=use_shapes,
        )
    except IttifoqError:
        raise
    except Exception as e:  # pySHACL reports malformed shapes as several exception types
        raise ShapesError(f"pySHACL cannot run the shapes: {_one_line(e)}") from e
    return graph


def validate(
    config: Config | None = None,
    files: Sequence[str | Path] | None = None,
    shapes: Sequence[str | Path] | None = None,
    check: bool = True,
) -> ValidationReport:
    """Validate the built dataset (``files`` empty) or the given RDF files.

    ``shapes`` defaults to ``shapes/*.ttl``; ``check`` validates them against SHACL-for-SHACL
    first (remembered per checksum). Raises ShapesError or SourceError (exit code 2) when
    validation cannot run."""
    t0 = time.perf_counter()
    config = config or Config.discover()
    shape_paths = [Path(p) for p in shapes] if shapes else shape_files(config)
    shapes_graph = load_shapes(shape_paths, config)
    timings: dict[str, float] = {}
    if check:
        digest = hashlib.sha256(b"".join(p.read_bytes() for p in shape_paths)).hexdigest()
        check_shapes(shapes_graph, config, digest)
        timings["check shapes"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    data = _load_files(config, [Path(f) for f in files]) if files else _load_build(config)
    timings["load"] = time.perf_counter() - t1
    core, sparql = split_shapes(shapes_graph)
    skipped: list[str] = []
    if not data.has_graphs:
        # Without named graphs nothing says which document states what: the shapes that need it
        # would misfire on every statement, so they are left out and the report says so.
        skipped = graph_aware_shapes(shapes_graph, core + sparql)
        core = [s for s in core if s not in skipped]
        sparql = [s for s in sparql if s not in skipped]
    with quiet_rdflib():
        t2 = time.perf_counter()
        core_report = _run_pyshacl(data.dataset, shapes_graph, core)
        timings["core shapes"] = time.perf_counter() - t2
        t3 = time.perf_counter()
        # The SPARQL shapes read statements' graphs from the one-graph view any engine can validate.
        sparql_report = _run_pyshacl(view_store(data.store), shapes_graph, sparql)
        timings["SPARQL shapes"] = time.perf_counter() - t3
    report_graph = _merge_reports([core_report, sparql_report])
    t4 = time.perf_counter()
    results = collect_results(report_graph, shapes_graph, data)
    timings["locate"] = time.perf_counter() - t4
    # The report graph follows SHACL 1.0: sh:conforms is true only when there is no result at
    # all. ittifoq validate fails only on violations (warnings and infos never fail).
    report_graph.set((next(report_graph.subjects(RDF.type, SH.ValidationReport)), SH.conforms,
                      Literal(not results)))
    return ValidationReport(
        conforms=not any(r.severity == "Violation" for r in results),
        results=results,
        report_graph=report_graph,
        elapsed=time.perf_counter() - t0,
        source=data.description,
        triples=len(data.store),
        shapes=len(core) + len(sparql),
        timings=timings,
        skipped_shapes=skipped,
    )


def _merge_reports(graphs: Iterable[rdflib.Graph]) -> rdflib.Graph:
    out = rdflib.Graph()
    for prefix, iri in {**ns.PREFIXES, "sh": str(SH), "itts": ITTS}.items():
        out.bind(prefix, iri)
    report = BNode()
    out.add((report, RDF.type, SH.ValidationReport))
    for g in graphs:
        for t in g:
            if t[1] == RDF.type and t[2] == SH.ValidationReport or t[1] == SH.conforms:
                continue
            if t[1] == SH.result:
                out.add((report, SH.result, t[2]))
                continue
            out.add(t)
    return out


