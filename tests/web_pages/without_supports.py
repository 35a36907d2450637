"""The built data with the quotes of some facts naming no statement (no ``itt:supports``), as
data written before statements were told apart, or loaded with ``--data``, may be."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

ITT = "https://w3id.org/ittifoq/ontology/"
RELATIONS = "https://w3id.org/ittifoq/id/relation/uz-kz-diplomatic-relations"
REMOVE = f"""
DELETE {{ GRAPH ?g {{ ?ev <{ITT}supports> ?p }} }}
WHERE {{ GRAPH ?g {{ $fact <{ITT}evidence> ?ev . ?ev <{ITT}supports> ?p }} }}"""


def write(built: Path, dest: Path, facts: tuple[str, ...]) -> Path:
    """``built`` with no ``itt:supports`` on the evidence of ``facts``, as N-Quads at ``dest``."""
    store = ox.Store()
    store.load(path=str(built), format=ox.RdfFormat.N_QUADS)
    before = len(store)
    for fact in facts:
        store.update(REMOVE.replace("$fact", f"<{fact}>"))
    assert len(store) < before, "the built data records no itt:supports for these facts"
    store.dump(output=str(dest), format=ox.RdfFormat.N_QUADS)
    return dest
