"""The knowledge graph held in Oxigraph, and where its data comes from.

``KnowledgeGraph`` keeps an rdflib ``Dataset`` backed by oxrdflib's Oxigraph store (for
users of the rdflib API) and runs SPARQL directly on the pyoxigraph store underneath, so a
query can never fall back to rdflib's Python engine: oxrdflib refuses prepared queries and
rdflib then silently evaluates them itself, 10–100× slower.

A :class:`Source` says where the data comes from: RDF files loaded in memory
(:class:`Files`, the built dataset or ``--data``), an on-disk Oxigraph store
(:class:`OnDisk`), or a remote SPARQL endpoint (:class:`Remote`). A source is small and
picklable: the server hands it to its engine process, which opens it there.

The dataset rules (which graphs a query sees) are :func:`dataset_options`, used by every
query the project runs on Oxigraph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .build import ensure_built
from .config import Config
from .errors import QuerySyntaxError
from .namespaces import PREFIXES
from .query_guard import check
from .query_hints import explain_syntax_errors


class Source:
    """Where a knowledge graph's data comes from."""

    writable = False

    def open(self):
        """The knowledge graph, opened in this process."""
        raise NotImplementedError


@dataclass(frozen=True)
class Files(Source):
    """RDF files (any format Oxigraph reads, gzip/bz2/xz too) loaded into memory."""

    paths: tuple[Path, ...]
    format: str | None = None

    def open(self) -> KnowledgeGraph:
        kg = KnowledgeGraph.from_files(self.paths, self.format)
        kg.source = self
        return kg

    def __str__(self) -> str:
        return ", ".join(map(str, self.paths)) + " (in memory)"


@dataclass(frozen=True)
class OnDisk(Source):
    """An Oxigraph store directory (written by ``ittifoq load``, or any): read-only unless
    ``writable``."""

    path: Path
    writable: bool = False

    def open(self) -> KnowledgeGraph:
        return KnowledgeGraph.open_store(self.path, writable=self.writable)

    def __str__(self) -> str:
        return f"{self.path} (on disk, {'read-write' if self.writable else 'read-only'})"


@dataclass(frozen=True)
class Remote(Source):
    """A SPARQL 1.1 Protocol endpoint (``ittifoq.backends.remote``)."""

    endpoint: str
    options: dict = field(default_factory=dict, hash=False)

    def open(self):
        from .backends.remote import RemoteKnowledgeGraph

        return RemoteKnowledgeGraph(self.endpoint, **self.options)

    def __str__(self) -> str:
        return f"{self.endpoint} (remote endpoint)"


@dataclass(frozen=True)
class ScratchStore(Source):
    """An on-disk store made for a server that takes writes without ``--store``: ``data``
    (a :class:`Files`) is loaded into ``path`` when the store is first opened there; writes
    last until the server stops and removes ``path``."""

    path: Path
    data: Files
    writable = True

    def open(self) -> KnowledgeGraph:
        from .rdf_files import CountingReader, rdf_format

        self.path.mkdir(parents=True, exist_ok=True)
        store = ox.Store(str(self.path))
        if not len(store):  # first opened: a replacement after a restart finds the writes made
            for p in map(Path, self.data.paths):
                reader = CountingReader(p, count_lines=False)
                try:
                    store.bulk_load(reader, format=rdf_format(p, self.data.format))
                finally:
                    reader.close()
        kg = KnowledgeGraph(store=store)
        kg.source = self
        return kg

    def __str__(self) -> str:
        return f"{self.data}, copied to {self.path} for writes"


def dataset_options(
    *,
    union: bool,
    default_graphs: Sequence[str] | None = None,
    named_graphs: Sequence[str] | None = None,
    from_clause: bool = False,
) -> dict:
    """The keyword arguments of ``ox.Store.query`` that give a query its dataset.

    * Graphs named by the caller (the protocol's ``default-graph-uri``/``named-graph-uri``)
      replace the query's dataset, FROM clauses included (SPARQL 1.1 Protocol §2.1.4): when
      either is given, the dataset is exactly what they name.
    * Otherwise a query with FROM/FROM NAMED gets exactly the dataset it names.
    * Otherwise the default graph is the store's default graph when the data has one
      (``union`` False), or else the union of the named graphs (``union`` True). Loaded
      through this project, the union is a set (see :func:`materialise_union`).
    """
    if default_graphs or named_graphs:
        return {
            "default_graph": [ox.NamedNode(g) for g in default_graphs or ()],
            "named_graphs": [ox.NamedNode(g) for g in named_graphs or ()],
        }
    if from_clause or not union:
        return {}
    # Oxigraph's union flag would override a FROM clause, so it is only set without one.
    return {"use_default_graph_as_union": True}


def has_default_graph(store: ox.Store) -> bool:
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None


def materialise_union(store: ox.Store) -> bool:
    """Give a store without a default graph one: the distinct triples of its named graphs,
    when some triple is in more than one of them. Oxigraph's union default graph counts such
    a triple once per graph (oxigraph issue 1919), the default graph holds it once. True if
    the store now has a default graph (then queries use it instead of the union flag)."""
    if has_default_graph(store):
        return True
    overlap = store.query("ASK { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?s ?p ?o } FILTER(?a != ?b) }")
    if not overlap:
        return False  # the union is already a set: no copy needed
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return True


class KnowledgeGraph:
    # What the data came from (None: built here from a Dataset, e.g. by a test).
    source: Source | None = None
    # ittifoq load's manifest of an on-disk store (or None).
    manifest: dict | None = None

    def __init__(self, dataset=None, *, store: ox.Store | None = None):
        # Either an rdflib Dataset over oxrdflib's store, or a pyoxigraph store whose Dataset
        # is made when first asked for (rdflib takes a quarter of a second to import, and the
        # engine process never needs it).
        self._dataset = dataset
        self._store = store

    @property
    def dataset(self):
        if self._dataset is None:
            from oxrdflib import OxigraphStore
            from rdflib import Dataset

            self._dataset = Dataset(store=OxigraphStore(store=self._store), default_union=True)
        return self._dataset

    @classmethod
    def from_nquads(cls, path: Path) -> KnowledgeGraph:
        return cls.from_files([path])

    @classmethod
    def from_files(cls, paths: Sequence[str | Path], format: str | None = None) -> KnowledgeGraph:
        """An in-memory graph of RDF files (any format Oxigraph reads, gzip/bz2/xz too), loaded
        by Oxigraph's parser; triple formats go to the default graph."""
        from .errors import SourceError
        from .rdf_files import CountingReader, rdf_format

        kg = cls(store=ox.Store())
        for p in map(Path, paths):
            reader = CountingReader(p, count_lines=False)
            try:
                # load, not bulk_load: in memory it is as fast, and bulk_load's batches
                # take half as much memory again at their peak (measured at 1 M triples:
                # 630 against 404 MB).
                kg.store.load(reader, format=rdf_format(p, format))
            except SyntaxError as e:
                raise SourceError(f"{p}: {e}") from e
            finally:
                reader.close()
        kg.source = Files(tuple(Path(p) for p in paths), format)
        return kg

    @classmethod
    def open(cls, config: Config) -> KnowledgeGraph:
        return cls.from_nquads(ensure_built(config))

    @classmethod
    def open_store(cls, path: str | Path, writable: bool = False) -> KnowledgeGraph:
        """Open an on-disk store: a directory written by ``ittifoq load`` (its active
        generation) or any Oxigraph store directory. Read-only (the default), opening reads no
        data, so it takes about as long at 10 M triples as at 10 k, and writes raise."""
        from .errors import ConfigError
        from .load import read_manifest, resolve_store_dir

        location = resolve_store_dir(Path(path))
        try:
            inner = ox.Store(str(location)) if writable else ox.Store.read_only(str(location))
        except OSError as e:
            raise ConfigError(f"{path}: cannot open the Oxigraph store: {e}") from e
        kg = cls(store=inner)
        kg.source = OnDisk(Path(path), writable)
        kg.manifest = read_manifest(Path(path))
        return kg

    @property
    def store(self) -> ox.Store:
        return self._store if self._store is not None else self._dataset.store._inner

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    @explain_syntax_errors  # the same plain words as the endpoint's 400 (ittifoq.query_hints)
    def query(
        self,
        sparql: str,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ):
        """Run SPARQL in Oxigraph, with the dataset of :func:`dataset_options` (the data's own
        default graph if it has triples, else the union of all graphs). Syntax errors become
        QuerySyntaxError."""
        if not isinstance(sparql, str):
            raise TypeError("queries are passed as strings, so that they run in Oxigraph's engine")
        # Like the Wikidata Query Service, the project's prefixes are predeclared.
        kwargs: dict = {"prefixes": PREFIXES}
        from_clause = check(sparql, max_length=10_000_000, max_depth=256).has_dataset_clause
        kwargs.update(dataset_options(union=not has_default_graph(self.store), default_graphs=default_graphs,
                                      named_graphs=named_graphs, from_clause=from_clause))
        try:
            return self.store.query(sparql, **kwargs)
        except SyntaxError as e:
            raise QuerySyntaxError(f"SPARQL syntax error: {e}") from e

    def count_quads(self) -> int:
        return len(self.store)

