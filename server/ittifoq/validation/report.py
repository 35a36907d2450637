"""The validation report: results with where to find them, as text, Turtle or JSON-LD."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import rdflib
from rdflib import BNode, URIRef
from rdflib.namespace import SH

from .. import namespaces as ns
from .common import ITTS, SEVERITIES
from .common import SEVERITY_RANK as _SEVERITY_RANK


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
    # No sh:Violation: what ittifoq validate's exit code follows (warnings and infos never fail).
    # SHACL 1.0's sh:conforms, in the report graph, is stricter: no result at all (shacl_conforms).
    conforms: bool
    results: list[ValidationResult]
    report_graph: rdflib.Graph
    elapsed: float
    source: str  # what was validated, for display
    triples: int
    shapes: int
    timings: dict[str, float] = field(default_factory=dict)
    # Shapes left out because the input has no named graphs (they need to know a statement's graph).
    skipped_shapes: list[str] = field(default_factory=list)

    @property
    def shacl_conforms(self) -> bool:
        return not self.results

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
            "conforms": self.shacl_conforms,
            "passes": self.conforms,
            "skippedShapes": self.skipped_shapes,
            "elapsedSeconds": round(self.elapsed, 3),
            "counts": self.counts(),
            "result": [r.to_json() for r in sorted(self.results, key=_result_order)],
        }
        return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    def text(self, min_severity: str = "Info") -> str:
        from .text import format_text

        return format_text(self, min_severity=min_severity)


_JSONLD_CONTEXT = {
    "sh": str(SH),
    "itts": ITTS,
    "xsd": ns.XSD,
    "conforms": "sh:conforms",
    "passes": {"@id": "itts:passes", "@type": "xsd:boolean"},
    "skippedShapes": {"@id": "itts:skippedShape", "@type": "@id", "@container": "@set"},
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


