"""Where queries run: the embedded Oxigraph store (:class:`ittifoq.store.KnowledgeGraph`) or a
remote SPARQL 1.1 Protocol endpoint (:class:`ittifoq.backends.remote.RemoteKnowledgeGraph`).

Both answer ``query(sparql, default_graphs=None, named_graphs=None)`` with pyoxigraph result
objects (QuerySolutions, QueryBoolean, QueryTriples) and ``named_graphs()``; only the
embedded one has ``.store`` and ``.dataset``. Their ``source`` (``ittifoq.store.Source``) says
which they are.
"""

from __future__ import annotations

from pathlib import Path


def open_backend(*, store: str | Path | None = None, backend: str | None = None, config=None, **remote_options):
    """The knowledge graph a server or command works on: a remote endpoint (``backend``), an
    on-disk store opened read-only (``store``), or the built seed dataset in memory."""
    if store and backend:
        from ..errors import UsageError

        raise UsageError("give either a store directory or a backend URL, not both")
    if backend:
        from .remote import RemoteKnowledgeGraph

        return RemoteKnowledgeGraph(backend, **remote_options)
    from ..store import KnowledgeGraph

    if store:
        return KnowledgeGraph.open_store(store)
    if config is None:
        from ..config import Config

        config = Config.discover()
    return KnowledgeGraph.open(config)


__all__ = ["open_backend"]
