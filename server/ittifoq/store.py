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


class KnowledgeGraph:
    def __init__(self, dataset: Dataset):
        self.dataset = dataset

    @classmethod
    def from_nquads(cls, path: Path, store_dir: Path | None = None) -> KnowledgeGraph:
        ds = Dataset(store="Oxigraph", default_union=True)
        if store_dir is not None:
            ds.open(str(store_dir), create=not Path(store_dir).exists())
        # ox-nquads: Oxigraph's own parser loads straight into the store (rdflib's is ~12× slower).
        ds.parse(str(path), format="ox-nquads")
        return cls(ds)

    @classmethod
    def open(cls, config: Config) -> KnowledgeGraph:
        return cls.from_nquads(ensure_built(config))

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
        """Run SPARQL in Oxigraph. The default graph is the union of all graphs unless
        ``default_graphs`` names some. Syntax errors become QuerySyntaxError."""
        if not isinstance(sparql, str):
            raise TypeError("queries are passed as strings, so that they run in Oxigraph's engine")
        # Like the Wikidata Query Service, the project's prefixes are predeclared.
        kwargs: dict = {"prefixes": PREFIXES}
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            return self.store.query(sparql, **kwargs)
        except SyntaxError as e:
            raise QuerySyntaxError(f"SPARQL syntax error: {e}") from e

    def count_quads(self) -> int:
        return len(self.store)
