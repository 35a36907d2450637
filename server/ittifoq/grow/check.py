"""Checking a candidates file against ``shapes/candidates/*.ttl`` (pySHACL, on the union of
the file's graphs) and every quote against the document's text."""

from __future__ import annotations

from pathlib import Path

from ..config import Config
from ..errors import SourceError


def shape_violations(config: Config, path: Path) -> list[str]:
    """Messages of the violations, each naming the candidate; empty when the file conforms."""
    import pyshacl
    import rdflib

    data = rdflib.Graph()
    ds = rdflib.Dataset()
    try:
        ds.parse(path, format="trig")
    except Exception as e:  # noqa: BLE001 - rdflib raises many kinds
        raise SourceError(f"{path}: does not parse as TriG: {e}") from e
    for quad in ds.quads((None, None, None, None)):
        data.add(quad[:3])
    shapes = rdflib.Graph()
    for p in sorted((config.root / "shapes" / "candidates").glob("*.ttl")):
        shapes.parse(p, format="turtle")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, advanced=True, allow_warnings=True)
    if conforms:
        return []
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    out = []
    for r in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        out.append(f"{report.value(r, sh.focusNode)}: {report.value(r, sh.resultMessage)}")
    return sorted(out)
