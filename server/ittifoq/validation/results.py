"""Reading pySHACL's report: each result with its named shape, path text, graphs and line."""

from __future__ import annotations

import rdflib
from rdflib import RDF, BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from .common import XSD_STRING
from .data import _Data
from .locate import SourceFinder
from .report import ValidationResult, _result_order


def collect_results(report: rdflib.Graph, shapes: rdflib.Graph, data: _Data) -> list[ValidationResult]:
    parents = _parent_shapes(shapes)
    finder = SourceFinder(data)
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


