"""A second SHACL engine, Apache Jena SHACL (Debian's ``libapache-jena-java``), gives the same
results as pySHACL (``ittifoq validate``) on the data and on every shape fixture: the same
(focus node, path, severity, source shape) for every result.

Both validate the same single graph, ``statement_view``: the union of all graphs plus the
reifications that say which graph states what (the shapes use no ``GRAPH``)."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import RDF, BNode, URIRef
from rdflib.namespace import SH

import debian_java
import jena
from conftest import ROOT
from ittifoq.config import Config
from ittifoq.validation import load_shapes, shape_files, validate
from ittifoq.validation.data import _load_build, _load_files, statement_view
from ittifoq.validation.results import _path_text

FIXTURES = ROOT / "tests" / "shapes"
BASE = FIXTURES / "base.trig"
CONFIG = Config(ROOT)

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(jena.classpath() is None and not debian_java.REQUIRED, reason=jena.MISSING)]


SKOLEM = "urn:ittifoq:test:shape:"


@pytest.fixture(scope="module")
def shapes(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The shapes for Jena, their blank nodes named (so that a result's sh:sourceShape can be
    traced back), and the named shape each stands in."""
    graph = load_shapes(shape_files(CONFIG), CONFIG)
    names = {o: URIRef(f"{SKOLEM}{i}") for i, o in enumerate(graph.objects(None, SH.property)) if isinstance(o, BNode)}
    skolem = rdflib.Graph()
    for t in graph:
        skolem.add(tuple(names.get(n, n) for n in t))
    up = {o: s for s, o in skolem.subject_objects() if isinstance(o, URIRef) and str(o).startswith(SKOLEM)}
    owner = {}
    for node in names.values():
        top = node
        while str(top).startswith(SKOLEM) and top in up:
            top = up[top]
        owner[str(node)] = str(top)
    path = tmp_path_factory.mktemp("shapes") / "shapes.ttl"
    skolem.serialize(path, format="turtle")
    return path, owner


def _path(text: str | None) -> str | None:
    """Jena writes an alternative of n paths as nested alternatives of two: flatten both sides."""
    if text is None or "|" not in text:
        return text
    return " | ".join(sorted(p.strip() for p in re.sub(r"[()]", "", text).split("|")))


def _focus(node) -> str:
    return "_:" if isinstance(node, BNode) else str(node)


def ours(files: list[Path] | None) -> set[tuple]:
    report = validate(CONFIG, files=files, check=False)
    return {("_:" if r.focus_node.startswith("_:") else r.focus_node, _path(r.path), r.severity, r.shape)
            for r in report.results}


def theirs(files: list[Path] | None, shapes: tuple[Path, dict[str, str]], tmp_path: Path) -> set[tuple]:
    shapes_file, owner = shapes
    data = _load_files(CONFIG, files) if files else _load_build(CONFIG)
    path = tmp_path / "view.nt"
    path.write_bytes(ox.serialize(statement_view(data.store), format=ox.RdfFormat.N_TRIPLES))
    report = rdflib.Graph().parse(data=jena.shacl(path, shapes_file), format="turtle")
    assert (None, RDF.type, SH.ValidationReport) in report
    out = set()
    for result in report.objects(None, SH.result):
        # SHACL fills the {?var}s of a SPARQL constraint's sh:message (templates on the shape are
        # left as written).
        for message in report.objects(result, SH.resultMessage):
            assert not re.search(r"\{[?$]\w+\}", str(message)), message
        shape = str(report.value(result, SH.sourceShape))
        path_node = report.value(result, SH.resultPath)
        out.add((_focus(report.value(result, SH.focusNode)),
                 _path(_path_text(report, path_node)) if path_node is not None else None,
                 str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[1],
                 owner.get(shape, shape)))
    return out


def test_jena_agrees_on_the_data(shapes, tmp_path):
    expected = ours(None)
    assert expected, "the data gives warnings and infos to compare"
    assert theirs(None, shapes, tmp_path) == expected


@pytest.mark.parametrize("fixture", sorted(p for p in FIXTURES.glob("*.trig") if p != BASE), ids=lambda p: p.stem)
def test_jena_agrees_on_every_fixture(fixture, shapes, tmp_path):
    files = [BASE, fixture]
    assert theirs(files, shapes, tmp_path) == ours(files)
