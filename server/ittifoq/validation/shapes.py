"""Reading the shapes and checking them against SHACL-for-SHACL."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import rdflib
from rdflib import RDF, URIRef
from rdflib.namespace import SH

from ..config import Config
from .common import ShapesError, quiet_rdflib
from .common import one_line as _one_line
from .common import rel as _rel

# SHACL-SHACL nests shapes deeply around sh:alternativePath lists; pySHACL's default of 15
# stops before reaching the bottom.
_META_DEPTH = 30


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
    with quiet_rdflib():
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




def split_shapes(shapes: rdflib.Graph) -> tuple[list[str], list[str]]:
    """The named shapes in two lists: core shapes, and shapes with SPARQL (a SPARQL constraint or
    a SPARQL-based target), which need the one-graph view of the data (data.statement_view)."""
    named = sorted(
        {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
        | {s for s in shapes.subjects(RDF.type, SH.PropertyShape) if isinstance(s, URIRef)}
    )

    def uses_sparql(s) -> bool:
        return (s, SH.sparql, None) in shapes or (s, SH.target, None) in shapes

    return [str(s) for s in named if not uses_sparql(s)], [str(s) for s in named if uses_sparql(s)]


def graph_aware_shapes(shapes: rdflib.Graph, named: list[str]) -> list[str]:
    """The shapes whose SPARQL reads which graph a statement is in (``dct:isPartOf`` of the
    statements' reifications, see ``data.statement_view``): they need named graphs."""
    out = []
    for shape in named:
        nodes = [URIRef(shape)]
        seen = set()
        texts = []
        while nodes:
            node = nodes.pop()
            if node in seen:
                continue
            seen.add(node)
            for p, o in shapes.predicate_objects(node):
                if p == SH.select:
                    texts.append(str(o))
                elif p in (SH.sparql, SH.target) or (p == SH.property):
                    nodes.append(o)
        if any("dct:isPartOf" in t or "purl.org/dc/terms/isPartOf" in t for t in texts):
            out.append(shape)
    return out
