"""The data to validate: the built dataset or the given files, as an rdflib dataset (core
shapes) and as Oxigraph stores (SPARQL shapes; locating the graph of a statement)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib import BNode, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .. import namespaces as ns
from ..config import Config
from ..errors import SourceError
from ..formats import RDF as RDF_FORMATS
from .common import one_line as _one_line
from .common import rel as _rel

# File suffix → rdflib parser, from the project's format table (ittifoq.formats).
DATA_SUFFIXES = {f".{ext}": f.rdflib for f in RDF_FORMATS for ext in (f.extension, *f.names)
                 if ext.isalnum() and ext not in ("json", "xml", "n3")} | {".json": "json-ld"}
_QUAD_FORMATS = {f.rdflib for f in RDF_FORMATS if f.name in ("nquads", "trig")}


@dataclass
class _Data:
    dataset: rdflib.Dataset
    store: ox.Store
    sources: list[tuple[Path, set[str]]]  # source file → graphs it feeds
    description: str
    root: Path  # file names are shown relative to it when inside it
    # False when every input holds triples only (Turtle, N-Triples…): no statement is in a
    # document graph, so the shapes that need to know a statement's graph cannot run.
    has_graphs: bool = True


def _load_build(config: Config) -> _Data:
    from ..build import ensure_built
    from ..sources import input_files

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
    so that the statement view holds each statement once: the default graph's blank nodes are
    copies of the ontology's lists, which would multiply the matches of SPARQL constraints."""
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
            # Statements outside any graph stay in the default graph: a file of triples says
            # nothing about the document graph of a statement.
            if ident is None or ident == DATASET_DEFAULT_GRAPH_ID or ident == own_graph:
                ds.add((s, p, o))
                continue
            ds.add((s, p, o, ident))
            graphs.add(str(ident))
        sources.append((path, graphs or {""}))
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
    has_graphs = any(g for _, graphs in sources[: len(files)] for g in graphs)
    return _Data(ds, _to_oxigraph(ds), sources, description, config.root, has_graphs)


def _to_ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    datatype = term.datatype or URIRef(ns.XSD + "string")
    return ox.Literal(str(term), datatype=ox.NamedNode(str(datatype)))


RDF_SUBJECT = ox.NamedNode(ns.RDF + "subject")
RDF_PREDICATE = ox.NamedNode(ns.RDF + "predicate")
RDF_OBJECT = ox.NamedNode(ns.RDF + "object")
IS_PART_OF = ox.NamedNode(ns.DCT + "isPartOf")
IS_DEFINED_BY = ox.NamedNode(ns.RDFS + "isDefinedBy")
RDF_TYPE = ox.NamedNode(ns.RDF + "type")


def statement_view(store: ox.Store) -> list[ox.Triple]:
    """The dataset as one graph that any SHACL engine can validate: every statement once (the
    union of all graphs), and for each statement of a named graph an RDF reification of it
    that is ``dct:isPartOf`` that graph; and every term the ontology graph types is
    ``rdfs:isDefinedBy`` the ontology (a lookup where a reification would need a four-way
    join per node). Shapes that need to know which document states what read these; no
    ``GRAPH`` pattern is needed (Jena SHACL, for one, validates a single graph and never
    matches ``GRAPH ?g``)."""
    triples: dict[ox.Triple, None] = {}
    ontology_graph, ontology = ox.NamedNode(ns.ONTOLOGY_GRAPH), ox.NamedNode(ns.ITT)
    for q in store:
        triples[ox.Triple(q.subject, q.predicate, q.object)] = None
        if q.graph_name == ontology_graph and q.predicate == RDF_TYPE and isinstance(q.subject, ox.NamedNode):
            triples[ox.Triple(q.subject, IS_DEFINED_BY, ontology)] = None
        if not isinstance(q.graph_name, ox.DefaultGraph):
            statement = ox.BlankNode()
            for p, o in ((RDF_SUBJECT, q.subject), (RDF_PREDICATE, q.predicate), (RDF_OBJECT, q.object),
                         (IS_PART_OF, q.graph_name)):
                triples[ox.Triple(statement, p, o)] = None
    return list(triples)


def view_store(store: ox.Store) -> ox.Store:
    view = ox.Store()
    view.extend([ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in statement_view(store)])
    return view


def _to_oxigraph(ds: rdflib.Dataset) -> ox.Store:
    store = ox.Store()
    quads = []
    for s, p, o, g in ds.quads((None, None, None, None)):
        ident = getattr(g, "identifier", g)
        graph = ox.DefaultGraph() if ident is None or ident == DATASET_DEFAULT_GRAPH_ID else _to_ox(ident)
        quads.append(ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), graph))
    store.extend(quads)
    return store


