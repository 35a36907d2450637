"""Validate the dataset against the SHACL shapes in ``shapes/``.

``validate(config)`` builds the dataset if it is stale and validates the union of all its
graphs; ``validate(config, files=[…])`` validates the given RDF files (TriG, N-Quads, Turtle…)
together with the project's ontology. The result says, for every offending statement, which
document graph holds it and in which source file and line its focus node is defined.

How pySHACL is run. The shapes need the union of all graphs (one fact is spread over several
document graphs) and, for evidence and "documents disagree" rules, the graph each statement
is in; both come from validating a dataset whose default graph is the union. The ontology is
the dataset's graph/ontology, which gives class targets their rdfs:subClassOf triples (what
pySHACL's ``ont_graph`` would mix in) while shapes can still tell ontology terms from data.
pySHACL's core constraints are fast on an rdflib dataset but ~100× slower on an Oxigraph store,
and its SHACL-SPARQL constraints are the other way round (rdflib's SPARQL engine needs
minutes for the quote-at-offsets rule), so the shapes with an ``sh:sparql`` constraint run on
an Oxigraph copy of the data and the others on rdflib; the two reports are merged into one
standard SHACL validation report.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib import RDF, BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import SH

from . import namespaces as ns
from .config import Config
from .errors import IttifoqError, SourceError
from .formats import RDF as RDF_FORMATS

ITTS = "https://w3id.org/ittifoq/shapes/"
XSD_STRING = URIRef(ns.XSD + "string")
SEVERITIES = ("Violation", "Warning", "Info")
_SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
# File suffix → rdflib parser, from the project's format table (ittifoq.formats).
DATA_SUFFIXES = {f".{ext}": f.rdflib for f in RDF_FORMATS for ext in (f.extension, *f.names)
                 if ext.isalnum() and ext not in ("json", "xml", "n3")} | {".json": "json-ld"}
_QUAD_FORMATS = {f.rdflib for f in RDF_FORMATS if f.name in ("nquads", "trig")}
# SHACL-SHACL nests shapes deeply around sh:alternativePath lists; pySHACL's default of 15
# stops before reaching the bottom.
_META_DEPTH = 30


class ShapesError(IttifoqError):
    """The shapes cannot be read, or they are not valid SHACL (SHACL-for-SHACL)."""


@dataclass(frozen=True)
class Location:
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class ValidationResult:
    """One sh:ValidationResult, with where to find it."""

    focus_node: str
    severity: str  # Violation | Warning | Info
    message: str
    path: str | None  # the result path: an IRI, or a SPARQL property path for complex paths
    value: str | None  # the value node in N-Triples syntax
    shape: str | None  # the named shape (for a property shape, the node shape holding it)
    component: str | None
    graphs: tuple[str, ...] = ()  # named graphs holding the offending statement
    location: Location | None = None  # where the focus node is defined in the source files

    def to_json(self) -> dict:
        out: dict = {
            "@type": "sh:ValidationResult",
            "focusNode": self.focus_node,
            "resultSeverity": "sh:" + self.severity,
            "resultMessage": self.message,
            "sourceShape": self.shape,
            "sourceConstraintComponent": self.component,
        }
        if self.path is not None:
            if _is_iri(self.path):
                out["resultPath"] = self.path
            out["pathText"] = self.path
        if self.value is not None:
            out["value"] = _jsonld_value(self.value)
        out["graph"] = list(self.graphs)
        if self.location is not None:
            out["file"] = self.location.path
            out["line"] = self.location.line
        return out


@dataclass(frozen=True)
class FocusNodeResults:
    focus_node: str
    location: Location | None
    results: tuple[ValidationResult, ...]

    @property
    def severity(self) -> str:
        return min((r.severity for r in self.results), key=_SEVERITY_RANK.__getitem__)


@dataclass
class ValidationReport:
    conforms: bool  # no sh:Violation (warnings and infos never fail)
    results: list[ValidationResult]
    report_graph: rdflib.Graph
    elapsed: float
    source: str  # what was validated, for display
    triples: int
    shapes: int
    timings: dict[str, float] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        for r in self.results:
            counts[r.severity] += 1
        return counts

    def by_focus_node(self) -> list[FocusNodeResults]:
        """Results grouped by focus node: violations first, then in file order."""
        groups: dict[str, list[ValidationResult]] = {}
        for r in self.results:
            groups.setdefault(r.focus_node, []).append(r)
        out = []
        for focus, results in groups.items():
            results.sort(key=lambda r: (_SEVERITY_RANK[r.severity], r.shape or "", r.path or "", r.value or ""))
            location = next((r.location for r in results if r.location), None)
            out.append(FocusNodeResults(focus, location, tuple(results)))
        out.sort(key=lambda g: (
            _SEVERITY_RANK[g.severity],
            (g.location.path, g.location.line) if g.location else ("~", 0),
            g.focus_node,
        ))
        return out

    def turtle(self) -> bytes:
        return self.report_graph.serialize(format="turtle").encode("utf-8")

    def json(self) -> bytes:
        doc = {
            "@context": _JSONLD_CONTEXT,
            "@type": "sh:ValidationReport",
            "conforms": self.conforms,
            "elapsedSeconds": round(self.elapsed, 3),
            "counts": self.counts(),
            "result": [r.to_json() for r in sorted(self.results, key=_result_order)],
        }
        return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    def text(self, min_severity: str = "Info") -> str:
        return format_text(self, min_severity=min_severity)


_JSONLD_CONTEXT = {
    "sh": str(SH),
    "itts": ITTS,
    "xsd": ns.XSD,
    "conforms": "sh:conforms",
    "result": {"@id": "sh:result", "@container": "@set"},
    "focusNode": {"@id": "sh:focusNode", "@type": "@id"},
    "resultPath": {"@id": "sh:resultPath", "@type": "@id"},
    "value": "sh:value",
    "resultSeverity": {"@id": "sh:resultSeverity", "@type": "@id"},
    "resultMessage": "sh:resultMessage",
    "sourceShape": {"@id": "sh:sourceShape", "@type": "@id"},
    "sourceConstraintComponent": {"@id": "sh:sourceConstraintComponent", "@type": "@id"},
    "pathText": "itts:pathText",
    "graph": {"@id": "itts:graph", "@type": "@id", "@container": "@set"},
    "file": "itts:file",
    "line": {"@id": "itts:line", "@type": "xsd:integer"},
    "elapsedSeconds": {"@id": "itts:elapsedSeconds", "@type": "xsd:decimal"},
    "counts": "@nest",
    "Violation": {"@id": "itts:violations", "@type": "xsd:integer"},
    "Warning": {"@id": "itts:warnings", "@type": "xsd:integer"},
    "Info": {"@id": "itts:infos", "@type": "xsd:integer"},
}


def _result_order(r: ValidationResult):
    return (_SEVERITY_RANK[r.severity], r.focus_node, r.shape or "", r.path or "", r.value or "")


def _is_iri(text: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|^`\\]*$", text, re.I)) and not text.startswith("_:")


def _jsonld_value(nt: str):
    term = _term_from_nt(nt)
    if isinstance(term, URIRef):
        return {"@id": str(term)}
    if isinstance(term, BNode):
        return {"@id": "_:" + str(term)}
    if term.language:
        return {"@value": str(term), "@language": term.language}
    if term.datatype and str(term.datatype) != ns.XSD + "string":
        return {"@value": str(term), "@type": str(term.datatype)}
    return str(term)


def _term_from_nt(nt: str):
    g = rdflib.Graph()
    g.parse(data=f"<urn:s> <urn:p> {nt} .", format="nt")
    return next(iter(g.objects()))


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


def shape_files(config: Config) -> list[Path]:
    return sorted(config.shapes_dir.glob("*.ttl"))


def load_shapes(paths: Sequence[Path], config: Config) -> rdflib.Graph:
    if not paths:
        raise ShapesError(f"{_rel(config, config.shapes_dir)}: no shapes (*.ttl) found")
    graph = rdflib.Graph()
    for path in paths:
        try:
            graph.parse(path, format="turtle")
        except FileNotFoundError as e:
            raise ShapesError(f"{_rel(config, path)}: no such shapes file") from e
        except Exception as e:  # rdflib raises several unrelated exception types
            raise ShapesError(f"{_rel(config, path)}: cannot parse the shapes: {_one_line(e)}") from e
    return graph


def check_shapes(shapes: rdflib.Graph, config: Config | None = None, cache_key: str | None = None) -> None:
    """Validate the shapes against the SHACL-for-SHACL shapes shipped with pySHACL.

    Takes ~5 s, so a success is remembered in the build folder under the shapes' checksum."""
    import pyshacl
    from pyshacl.entrypoints import meta_validate

    cache = config.build_dir / "shapes-check.json" if config and cache_key else None
    stamp = {"shapes": cache_key, "pyshacl": pyshacl.__version__}
    if cache and cache.is_file():
        try:
            if json.loads(cache.read_text(encoding="utf-8")) == stamp:
                return
        except (OSError, ValueError):
            pass
    with _quiet_rdflib():
        try:
            conforms, _, text = meta_validate(shapes, inference="none", max_validation_depth=_META_DEPTH)
        except Exception as e:
            raise ShapesError(f"the shapes cannot be checked against SHACL-for-SHACL: {_one_line(e)}") from e
    if not conforms:
        raise ShapesError("the shapes are not valid SHACL (SHACL-for-SHACL):\n" + text)
    if cache:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_text(json.dumps(stamp), encoding="utf-8")
        except OSError:
            pass


@dataclass
class _Data:
    dataset: rdflib.Dataset
    store: ox.Store
    sources: list[tuple[Path, set[str]]]  # source file → graphs it feeds
    description: str
    root: Path  # file names are shown relative to it when inside it


def _load_build(config: Config) -> _Data:
    from .build import ensure_built
    from .sources import input_files

    path = ensure_built(config)
    ds = rdflib.Dataset(default_union=True)
    try:
        ds.parse(path, format="nquads")
    except Exception as e:
        raise SourceError(f"{_rel(config, path)}: cannot parse: {_one_line(e)}") from e
    _drop_restated_defaults(ds)
    sources = [(f.path, {f.graph}) for f in input_files(config)]
    return _Data(ds, _to_oxigraph(ds), sources, _rel(config, path), config.root)


def _drop_restated_defaults(ds: rdflib.Dataset) -> None:
    """The default graph of a build is the consolidated view (ittifoq/consolidate.py): it restates
    triples of the named graphs, which are validated there (with the graph each is in), and adds
    its own (prov:wasDerivedFrom, itt:disputedProperty, between IRIs). Only the additions are kept,
    so that the union holds each triple once: a repeated triple multiplies the matches of SPARQL
    constraints (the default graph's blank nodes are copies of the ontology's lists)."""
    default = ds.graph(DATASET_DEFAULT_GRAPH_ID)
    restated = [t for t in default if any(isinstance(x, BNode) for x in t)
                or any(getattr(c, "identifier", c) != DATASET_DEFAULT_GRAPH_ID for c in ds.store.contexts(t))]
    for t in restated:
        default.remove(t)


def _load_files(config: Config, files: Sequence[Path]) -> _Data:
    ds = rdflib.Dataset(default_union=True)
    sources: list[tuple[Path, set[str]]] = []
    for path in files:
        fmt = DATA_SUFFIXES.get(path.suffix.lower())
        if fmt is None:
            raise SourceError(f"{path}: unsupported file type {path.suffix!r} (use {', '.join(sorted(DATA_SUFFIXES))})")
        if not path.is_file():
            raise SourceError(f"{path}: no such file")
        own_graph = URIRef(path.resolve().as_uri())
        probe = rdflib.Dataset()
        try:
            if fmt in _QUAD_FORMATS:
                probe.parse(path, format=fmt)
            else:
                probe.graph(own_graph).parse(path, format=fmt)
        except Exception as e:  # rdflib raises several unrelated exception types
            raise SourceError(f"{path}: cannot parse: {_one_line(e)}") from e
        if fmt in _QUAD_FORMATS:
            _drop_restated_defaults(probe)
        graphs: set[str] = set()
        for s, p, o, g in probe.quads((None, None, None, None)):
            ident = getattr(g, "identifier", g)
            # Statements outside any graph are the file's own, in a named graph so that the
            # GRAPH-based rules see them too.
            if ident is None or ident == DATASET_DEFAULT_GRAPH_ID:
                ident = own_graph
            ds.add((s, p, o, ident))
            graphs.add(str(ident))
        sources.append((path, graphs))
    # The ontology comes with the data, as in a build, unless a file already holds it.
    onto = ds.graph(URIRef(ns.ONTOLOGY_GRAPH))
    if not len(onto):
        for path in sorted(config.ontology_dir.glob("*.ttl")):
            try:
                onto.parse(path, format="turtle")
            except Exception as e:
                raise SourceError(f"{_rel(config, path)}: cannot parse: {_one_line(e)}") from e
            sources.append((path, {ns.ONTOLOGY_GRAPH}))
    description = ", ".join(_rel(config, p) for p in files)
    return _Data(ds, _to_oxigraph(ds), sources, description, config.root)


def _to_ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    datatype = term.datatype or URIRef(ns.XSD + "string")
    return ox.Literal(str(term), datatype=ox.NamedNode(str(datatype)))


def _to_oxigraph(ds: rdflib.Dataset) -> ox.Store:
    store = ox.Store()
    quads = []
    for s, p, o, g in ds.quads((None, None, None, None)):
        ident = getattr(g, "identifier", g)
        graph = ox.DefaultGraph() if ident is None or ident == DATASET_DEFAULT_GRAPH_ID else _to_ox(ident)
        quads.append(ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), graph))
    store.extend(quads)
    return store


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


@contextmanager
def _quiet_rdflib():
    # rdflib logs a traceback for every ill-typed literal ("2017-13-45"^^xsd:date); the shapes
    # report those as results already.
    loggers = [logging.getLogger(n) for n in ("rdflib.term", "rdflib", "pyshacl")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


def _split_shapes(shapes: rdflib.Graph) -> tuple[list[str], list[str]]:
    named = sorted(
        {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
        | {s for s in shapes.subjects(RDF.type, SH.PropertyShape) if isinstance(s, URIRef)}
    )
    sparql = [str(s) for s in named if (s, SH.sparql, None) in shapes]
    core = [str(s) for s in named if (s, SH.sparql, None) not in shapes]
    return core, sparql


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
    core, sparql = _split_shapes(shapes_graph)
    with _quiet_rdflib():
        t2 = time.perf_counter()
        core_report = _run_pyshacl(data.dataset, shapes_graph, core)
        timings["core shapes"] = time.perf_counter() - t2
        t3 = time.perf_counter()
        sparql_report = _run_pyshacl(data.store, shapes_graph, sparql)
        timings["SPARQL shapes"] = time.perf_counter() - t3
    report_graph = _merge_reports([core_report, sparql_report])
    t4 = time.perf_counter()
    results = _collect_results(report_graph, shapes_graph, data)
    timings["locate"] = time.perf_counter() - t4
    conforms = not any(r.severity == "Violation" for r in results)
    report_graph.set((next(report_graph.subjects(RDF.type, SH.ValidationReport)), SH.conforms, Literal(conforms)))
    return ValidationReport(
        conforms=conforms,
        results=results,
        report_graph=report_graph,
        elapsed=time.perf_counter() - t0,
        source=data.description,
        triples=len(data.store),
        shapes=len(core) + len(sparql),
        timings=timings,
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


# ---------------------------------------------------------------------------
# Reading the report: graphs and source lines
# ---------------------------------------------------------------------------


def _collect_results(report: rdflib.Graph, shapes: rdflib.Graph, data: _Data) -> list[ValidationResult]:
    parents = _parent_shapes(shapes)
    finder = _SourceFinder(data)
    results = []
    for node in report.objects(None, SH.result):
        focus = report.value(node, SH.focusNode)
        severity = str(report.value(node, SH.resultSeverity) or SH.Violation).rsplit("#", 1)[-1]
        path_node = report.value(node, SH.resultPath)
        value = report.value(node, SH.value)
        shape = report.value(node, SH.sourceShape)
        component = report.value(node, SH.sourceConstraintComponent)
        messages = list(report.objects(node, SH.resultMessage))
        message = _english(messages) or f"{str(component).rsplit('#', 1)[-1]} failed"
        named_shape = shape if isinstance(shape, URIRef) else parents.get(shape)
        path_text = _path_text(report, path_node) if path_node is not None else None
        if isinstance(value, Literal) and value.datatype == XSD_STRING:
            value = Literal(str(value))  # a simple literal is an xsd:string (RDF 1.1)
        graphs = finder.graphs(focus, path_node, value)
        results.append(ValidationResult(
            focus_node=_node_text(focus),
            severity=severity,
            message=message,
            path=path_text,
            value=value.n3() if value is not None else None,
            shape=str(named_shape) if named_shape is not None else None,
            component=str(component) if component is not None else None,
            graphs=tuple(graphs),
            location=finder.location(focus, graphs),
        ))
    results.sort(key=_result_order)
    return results


def _node_text(node) -> str:
    return "_:" + str(node) if isinstance(node, BNode) else str(node)


def _english(messages: list) -> str:
    for m in messages:
        if isinstance(m, Literal) and (m.language or "").lower().startswith("en"):
            return str(m)
    return str(messages[0]) if messages else ""


def _parent_shapes(shapes: rdflib.Graph) -> dict:
    """Property shape (blank node) → the named shape it belongs to."""
    parents = {}
    for parent, child in shapes.subject_objects(SH.property):
        top = parent
        seen = set()
        while isinstance(top, BNode) and top not in seen:
            seen.add(top)
            up = next(shapes.subjects(SH.property, top), None)
            if up is None:
                break
            top = up
        parents[child] = top
    return parents


def _path_text(graph: rdflib.Graph, path) -> str:
    """A SHACL path as a SPARQL property path (full IRIs, shortened for display later)."""
    if isinstance(path, URIRef):
        return str(path)
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + " | ".join(_path_text(graph, p) for p in Collection(graph, alternatives)) + ")"
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path_text(graph, inverse)
    for prop, op in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = graph.value(path, prop)
        if inner is not None:
            return _path_text(graph, inner) + op
    if (path, RDF.first, None) in graph:
        return "(" + " / ".join(_path_text(graph, p) for p in Collection(graph, path)) + ")"
    return str(path)


class _SourceFinder:
    """Which graphs hold a statement, and which source file and line defines a node."""

    def __init__(self, data: _Data):
        self.data = data
        self.files_of_graph: dict[str, list[Path]] = {}
        for path, graphs in data.sources:
            for g in graphs:
                self.files_of_graph.setdefault(g, []).append(path)
        self._texts: dict[Path, tuple[list[str], dict[str, str]]] = {}

    # -- graphs ------------------------------------------------------------

    def graphs(self, focus, path, value) -> list[str]:
        store = self.data.store
        if not isinstance(focus, (URIRef, BNode)):
            return []
        s = _to_ox(focus)
        found: set[str] = set()
        if isinstance(path, URIRef) and value is not None:
            try:
                for q in store.quads_for_pattern(s, _to_ox(path), _to_ox(value), None):
                    found.add(_graph_name(q.graph_name))
            except (TypeError, ValueError):
                pass
            if not found and isinstance(value, (URIRef, BNode)):
                # an inverse statement (value → focus)
                for q in store.quads_for_pattern(_to_ox(value), _to_ox(path), s, None):
                    found.add(_graph_name(q.graph_name))
        if not found:
            # The offending statement is missing (sh:minCount…) or derived: name the graphs
            # that describe the focus node.
            for q in store.quads_for_pattern(s, None, None, None):
                found.add(_graph_name(q.graph_name))
        found.discard("")
        if len(found) > 1:
            found.discard(ns.ONTOLOGY_GRAPH)
        return sorted(found)

    # -- lines ---------------------------------------------------------------

    def location(self, focus, graphs: Sequence[str]) -> Location | None:
        if not isinstance(focus, URIRef):
            return None
        iri = str(focus)
        found = self._locate_iri(focus, iri, graphs)
        if found is None:
            # Evidence annotations are written by the build, so their IRIs are in no source
            # file: point at the quote in the facts file instead.
            evidence = re.match(re.escape(ns.ID) + r"evidence/([a-z0-9-]+)/(\d+)-(\d+)(?:#\w+)?$", iri)
            if evidence:
                found = self._locate_evidence(evidence)
        return found

    def _locate_iri(self, focus, iri: str, graphs: Sequence[str]) -> Location | None:
        preferred = [p for g in graphs for p in self.files_of_graph.get(g, [])]
        store = self.data.store
        describing = {_graph_name(q.graph_name) for q in store.quads_for_pattern(_to_ox(focus), None, None, None)}
        preferred += [p for g in sorted(describing) for p in self.files_of_graph.get(g, [])]
        everything = [p for p, _ in self.data.sources]
        seen: set[tuple[Path, bool]] = set()
        for subject_only in (True, False):
            for path in [*preferred, *everything]:
                if (path, subject_only) in seen:
                    continue
                seen.add((path, subject_only))
                line = self._find_iri(path, iri, subject_only)
                if line:
                    return Location(self._display(path), line)
        return None

    def _locate_evidence(self, m: re.Match) -> Location | None:
        """Evidence nodes are written by the build: point at the quote in the facts file."""
        slug = m.group(1)
        base = ns.ID + f"evidence/{slug}/{m.group(2)}-{m.group(3)}"
        exact = next(
            (q.object.value for q in self.data.store.quads_for_pattern(
                ox.NamedNode(base + "#quote"), ox.NamedNode(ns.OA + "exact"), None, None)),
            None,
        )
        for path in self.files_of_graph.get(ns.document_graph(slug), []):
            lines, _ = self._text(path)
            if exact:
                # The author's quote may break lines differently and escape quotation marks.
                words = [re.escape(w).replace('"', r'\\?"') for w in exact.split()[:6]]
                text = "\n".join(lines)
                hit = re.search(r'oa:exact\s+(?:"""|")\s*' + r"\s+".join(words), text)
                if hit:
                    return Location(self._display(path), text.count("\n", 0, hit.start()) + 1)
            body = next(
                (q.object for q in self.data.store.quads_for_pattern(
                    ox.NamedNode(base), ox.NamedNode(ns.OA + "hasBody"), None, None)),
                None,
            )
            if isinstance(body, ox.NamedNode):
                line = self._find_iri(path, body.value, True)
                if line:
                    return Location(self._display(path), line)
        return None

    def _text(self, path: Path) -> tuple[list[str], dict[str, str]]:
        if path not in self._texts:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            prefixes = {
                m.group(1): m.group(2)
                for m in re.finditer(r"(?im)^\s*@?prefix\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", text)
            }
            prefixes = {k or "": v for k, v in prefixes.items()}
            self._texts[path] = (text.split("\n"), prefixes)
        return self._texts[path]

    def _find_iri(self, path: Path, iri: str, subject_only: bool) -> int | None:
        lines, prefixes = self._text(path)
        tokens = ["<" + iri + ">"]
        for prefix, namespace in prefixes.items():
            local = iri[len(namespace):] if iri.startswith(namespace) else None
            if local is not None and re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(?<!\.)", local):
                tokens.append(f"{prefix}:{local}")
        end = r"(?=[\s;,)\]]|\.(?:\s|$)|$)"
        patterns = [
            re.compile((r"^\s*" if subject_only else r"(?:^|[\s(\[,])") + re.escape(t) + end) for t in tokens
        ]
        for number, line in enumerate(lines, 1):
            stripped = line.lstrip()
            if stripped.startswith("#") or stripped.lower().startswith(("@prefix", "prefix")):
                continue
            if any(p.search(line) for p in patterns):
                return number
        return None

    def _display(self, path: Path) -> str:
        for base in (self.data.root, Path.cwd()):
            try:
                return str(path.resolve().relative_to(base.resolve()))
            except ValueError:
                continue
        return str(path)


def _graph_name(g) -> str:
    return "" if isinstance(g, ox.DefaultGraph) else g.value


def _rel(config: Config, path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(config.root))
    except ValueError:
        return str(path)


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split())
    return text[:500] + ("…" if len(text) > 500 else "")


# ---------------------------------------------------------------------------
# Text report
# ---------------------------------------------------------------------------

_DISPLAY_PREFIXES = {**ns.PREFIXES, "itts": ITTS, "sh": str(SH), "graph": ns.GRAPH}


def shorten(iri: str) -> str:
    """A prefixed name for an IRI under a project prefix, else <iri>."""
    short = ns.shorten(iri, _DISPLAY_PREFIXES, slashes=True)
    if short and short.startswith("id:") and "/" in short:
        short = None  # a kind the project does not have (id:country/UZ): the whole IRI says so
    return short or f"<{iri}>"


_IRI_IN_TEXT = re.compile(r"https?://[^\s,;()«»\"<>]+")


def shorten_text(text: str) -> str:
    def repl(m: re.Match) -> str:
        iri = m.group(0)
        tail = ""
        while iri and iri[-1] in ".:":
            tail = iri[-1] + tail
            iri = iri[:-1]
        short = shorten(iri)
        return (short if not short.startswith("<") else iri) + tail

    return _IRI_IN_TEXT.sub(repl, text)


def short_term(nt: str) -> str:
    if nt.startswith("<") and nt.endswith(">"):
        return shorten(nt[1:-1])
    m = re.match(r'^(".*")\^\^<([^>]+)>$', nt, re.S)
    if m:
        return m.group(1) + "^^" + shorten(m.group(2))
    return nt


def _short_graph(g: str) -> str:
    return g[len(ns.GRAPH):] if g.startswith(ns.GRAPH) else g


def format_text(report: ValidationReport, min_severity: str = "Info") -> str:
    limit = _SEVERITY_RANK[min_severity]
    lines = []
    shown = 0
    for group in report.by_focus_node():
        results = [r for r in group.results if _SEVERITY_RANK[r.severity] <= limit]
        if not results:
            continue
        where = f"  ({group.location})" if group.location else ""
        lines.append(f"{shorten(group.focus_node) if _is_iri(group.focus_node) else group.focus_node}{where}")
        for r in results:
            shown += 1
            lines.append(f"  {r.severity.upper()}: {shorten_text(r.message)}")
            details = []
            if r.path:
                details.append("path " + shorten_text(r.path))
            if r.value is not None and r.value != f"<{r.focus_node}>":
                details.append("value " + short_term(r.value))
            if details:
                lines.append("      " + "   ".join(details))
            where = []
            if r.graphs:
                where.append("graph " + ", ".join(_short_graph(g) for g in r.graphs))
            if r.shape:
                where.append("shape " + shorten(r.shape))
            if where:
                lines.append("      " + "   ".join(where))
        lines.append("")
    counts = report.counts()
    nodes = len({r.focus_node for r in report.results})
    verdict = "Conforms" if report.conforms else "Does not conform"
    summary = (
        f"{verdict}: {counts['Violation']} violation(s), {counts['Warning']} warning(s), "
        f"{counts['Info']} info(s) on {nodes} focus node(s); {report.triples} triples of "
        f"{report.source} against {report.shapes} shapes in {report.elapsed:.2f} s."
    )
    if shown < len(report.results):
        summary += f" ({len(report.results) - shown} result(s) below {min_severity.lower()} not shown.)"
    lines.append(summary)
    return "\n".join(lines) + "\n"
