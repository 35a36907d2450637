"""The knowledge graph held in Oxigraph, through oxrdflib.

``KnowledgeGraph`` keeps an rdflib ``Dataset`` backed by oxrdflib's Oxigraph store (for
users of the rdflib API) and runs SPARQL directly on the pyoxigraph store underneath, so a
query can never fall back to rdflib's Python engine: oxrdflib refuses prepared queries and
rdflib then silently evaluates them itself, 10–100× slower.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from .build import ensure_built
from .config import Config
from .errors import QuerySyntaxError
from .namespaces import PREFIXES
from .query_guard import check


class KnowledgeGraph:
    is_remote = False
    # Set by open_store: the Oxigraph directory read, and ittifoq load's manifest (or None).
    location: Path | None = None
    manifest: dict | None = None
    # Set by deferred: what loads the data in the process that will hold it.
    loader = None

    def __init__(self, dataset: Dataset):
        self.dataset = dataset

    @classmethod
    def from_nquads(cls, path: Path) -> KnowledgeGraph:
        # On-disk stores are written by ittifoq load and opened read-only by open_store.
        ds = Dataset(store="Oxigraph", default_union=True)
        # ox-nquads: Oxigraph's own parser loads straight into the store (rdflib's is ~12× slower).
        ds.parse(str(path), format="ox-nquads")
        return cls(ds)

    @classmethod
    def from_files(cls, paths: Sequence[str | Path], format: str | None = None) -> KnowledgeGraph:
        """An in-memory graph of RDF files (any format Oxigraph reads, gzip/bz2/xz too), loaded
        by Oxigraph's parser; triple formats go to the default graph."""
        from .errors import SourceError
        from .load import _CountingReader, rdf_format

        ds = Dataset(store="Oxigraph", default_union=True)
        kg = cls(ds)
        for p in map(Path, paths):
            reader = _CountingReader(p, count_lines=False)
            try:
                # load, not bulk_load: in memory it is as fast, and bulk_load's batches
                # take half as much memory again at their peak (measured at 1 M triples:
                # 630 against 404 MB).
                kg.store.load(reader, format=rdf_format(p, format))
            except SyntaxError as e:
                raise SourceError(f"{p}: {e}") from e
            finally:
                reader.close()
        return kg

    @classmethod
    def deferred(cls, loader) -> KnowledgeGraph:
        """An empty graph standing for the one ``loader()`` returns: the server's query process
        (``ittifoq.web.executor``) loads that itself, so the store is held by one process
        only; this one (the web server) never holds or reads it."""
        kg = cls(Dataset(store="Oxigraph", default_union=True))
        kg.loader = loader
        return kg

    @classmethod
    def open(cls, config: Config) -> KnowledgeGraph:
        return cls.from_nquads(ensure_built(config))

    @classmethod
    def open_store(cls, path: str | Path) -> KnowledgeGraph:
        """Open an on-disk store read-only: a directory written by ``ittifoq load`` (its active
        generation) or any Oxigraph store directory. Opening reads no data, so it takes about
        as long at 10 M triples as at 10 k; writes raise."""
        from oxrdflib import OxigraphStore

        from .errors import ConfigError
        from .load import read_manifest, resolve_store_dir

        location = resolve_store_dir(Path(path))
        try:
            inner = ox.Store.read_only(str(location))
        except OSError as e:
            raise ConfigError(f"{path}: cannot open the Oxigraph store: {e}") from e
        kg = cls(Dataset(store=OxigraphStore(store=inner), default_union=True))
        kg.location = location
        kg.manifest = read_manifest(Path(path))
        return kg

    @property
    def store(self) -> ox.Store:
        return self.dataset.store._inner

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def query(
        self,
        sparql: str,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ):
        """Run SPARQL in Oxigraph. The default graph is the data's own default graph if it has
        triples, else the union of all graphs, unless ``default_graphs`` names some. Syntax
        errors become QuerySyntaxError."""
        if not isinstance(sparql, str):
            raise TypeError("queries are passed as strings, so that they run in Oxigraph's engine")
        # Like the Wikidata Query Service, the project's prefixes are predeclared.
        kwargs: dict = {"prefixes": PREFIXES}
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        elif not check(sparql, max_length=10_000_000, max_depth=256).has_dataset_clause and self._no_default_graph():
            # The data's own default graph (a build's consolidated view) when it has one, else
            # the union; the union would also override a FROM clause, so only without one.
            kwargs["use_default_graph_as_union"] = True
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            return self.store.query(sparql, **kwargs)
        except SyntaxError as e:
            raise QuerySyntaxError(f"SPARQL syntax error: {e}") from e

    def _no_default_graph(self) -> bool:
        return next(iter(self.store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None

    def count_quads(self) -> int:
        return len(self.store)
