"""Reading the dataset for the pages: the server's fixed queries, values remembered per data
generation, the catalogue (class hierarchy, documents, ontology terms), and labels and types
looked up in batches.

Internal queries go through ``state.query`` (fixed text; the only values put in are IRIs
that pyoxigraph has validated, so no quote or bracket can break out of ``<…>``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import pyoxigraph as ox
from flask import current_app

from .. import namespaces as ns
from .class_hierarchy import DIRECT_SUBCLASS_QUERY, superclass_closure

RDF_TYPE = ns.RDF + "type"
SKOS_PREF = ns.SKOS + "prefLabel"
SKOS_ALT = ns.SKOS + "altLabel"
ITT_ACRONYM = ns.ITT + "acronym"
RDFS_LABEL = ns.RDFS + "label"
DCT_TITLE = ns.DCT + "title"
DCT_ALTERNATIVE = ns.DCT + "alternative"
ITT_EVIDENCE = ns.ITT + "evidence"
SCHEMA_TEXT = ns.SCHEMA + "text"
OA_HAS_BODY = ns.OA + "hasBody"
OA_HAS_SOURCE = ns.OA + "hasSource"
ITT_SOURCE_DOCUMENT = ns.ITT + "sourceDocument"

# Where a display name is looked for, best first. Acronyms only when there is nothing else.
LABEL_PRIORITY = {SKOS_PREF: 0, RDFS_LABEL: 1, DCT_TITLE: 2, DCT_ALTERNATIVE: 3, SKOS_ALT: 4, ITT_ACRONYM: 5}

# ---------------------------------------------------------------------------
# Shared state and internal queries
# ---------------------------------------------------------------------------


def state():
    return current_app.extensions["ittifoq"]


def iri_term(iri: str) -> str:
    """``<iri>`` for a query text; pyoxigraph refuses any IRI that could break out of it."""
    return str(ox.NamedNode(iri))


def run(sparql: str, **iris: str):
    """Run one of the pages' fixed queries; ``$name`` placeholders take validated IRIs."""
    for name, value in sorted(iris.items(), key=lambda kv: -len(kv[0])):
        sparql = sparql.replace("$" + name, iri_term(value))
    st = state()
    query = getattr(st, "query", None)
    return query(sparql) if query is not None else st.kg.query(sparql)


def rows(sparql: str, **iris: str) -> list[dict]:
    result = run(sparql, **iris)
    names = [v.value for v in result.variables]
    return [{n: sol[n] for n in names} for sol in result]


def cache_key() -> tuple:
    st = state()
    return (id(st.kg), getattr(st, "generation", 0))


class _Pending:
    """A value being computed: the others asking for it wait for it."""

    def __init__(self):
        self.done = threading.Event()
        self.failed = False
        self.value = None


class PerData:
    """Values derived from the data, computed once per dataset generation: the first request
    computes a value (a dump's export, say), the ones asking for it meanwhile wait for it. A
    computation that fails leaves nothing behind: the next request tries again."""

    def __init__(self):
        self._lock = threading.Lock()
        self._key = None
        self._values: dict[str, _Pending] = {}

    def get(self, name: str, compute):
        while True:
            key = cache_key()
            with self._lock:
                if self._key != key:
                    self._key, self._values = key, {}
                pending = self._values.get(name)
                mine = pending is None
                if mine:
                    pending = self._values[name] = _Pending()
            if not mine:
                pending.done.wait()
                if pending.failed:
                    continue  # its computation failed: try it here
                return pending.value
            try:
                pending.value = compute()
            except BaseException:
                pending.failed = True
                with self._lock:
                    if self._values.get(name) is pending:
                        del self._values[name]
                raise
            finally:
                pending.done.set()
            return pending.value


def per_data() -> PerData:
    return current_app.extensions.setdefault("ittifoq.pages", PerData())


# ---------------------------------------------------------------------------
# The catalogue: labels, types, documents
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    value: str
    lang: str  # lower-case BCP 47 tag, "" when untagged
    predicate: str

    @property
    def priority(self) -> int:
        return LABEL_PRIORITY.get(self.predicate, 9)


@dataclass
class Catalogue:
    """Whole-dataset facts that stay small however large the data grows: the class
    hierarchy, the documents and their graphs, and the terms the ontology describes."""

    superclasses: dict[str, set[str]] = field(default_factory=dict)
    graph_document: dict[str, str] = field(default_factory=dict)
    document_graph: dict[str, str] = field(default_factory=dict)
    ontology_terms: set[str] = field(default_factory=set)


DOCUMENTS_QUERY = "SELECT ?doc ?g WHERE { ?doc itt:factsGraph ?g }"
ONTOLOGY_TERMS_QUERY = "SELECT DISTINCT ?s WHERE { GRAPH graph:ontology { ?s ?p ?o } FILTER isIRI(?s) }"
LABEL_VALUES = "skos:prefLabel skos:altLabel itt:acronym rdfs:label dct:title dct:alternative"
LABELS_FOR_QUERY = f"""
SELECT DISTINCT ?s ?p ?o WHERE {{
  VALUES ?s {{ $subjects }} VALUES ?p {{ {LABEL_VALUES} }}
  ?s ?p ?o FILTER isLITERAL(?o)
}}"""
OUTGOING_QUERY = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { $this ?p ?o } BIND($this AS ?s) }"
TYPES_FOR_QUERY = "SELECT DISTINCT ?s ?t WHERE { VALUES ?s { $subjects } ?s a ?t FILTER isIRI(?t) }"
BATCH = 200
TERM_CACHE_LIMIT = 50_000


def _build_catalogue() -> Catalogue:
    cat = Catalogue()
    cat.superclasses = superclass_closure((r["c"].value, r["super"].value) for r in rows(DIRECT_SUBCLASS_QUERY))
    for r in rows(DOCUMENTS_QUERY):
        cat.graph_document[r["g"].value] = r["doc"].value
        cat.document_graph[r["doc"].value] = r["g"].value
    cat.ontology_terms = {r["s"].value for r in rows(ONTOLOGY_TERMS_QUERY)}
    return cat


def catalogue() -> Catalogue:
    return per_data().get("catalogue", _build_catalogue)


def fetch(query: str, iris, cache_name: str, add) -> dict:
    """Look up many IRIs at once (VALUES, in batches) and remember the answers; a store of
    millions of statements is never read whole for a page."""
    cache = per_data().get(cache_name, dict)
    wanted = [i for i in dict.fromkeys(iris) if i not in cache]
    if wanted:
        if len(cache) + len(wanted) > TERM_CACHE_LIMIT:
            cache.clear()
        found: dict[str, list] = {}
        for k in range(0, len(wanted), BATCH):
            chunk = []
            for iri in wanted[k:k + BATCH]:
                try:
                    chunk.append(iri_term(iri))
                except ValueError:
                    continue
            if not chunk:
                continue
            for r in rows(query.replace("$subjects", " ".join(chunk))):
                add(found.setdefault(r["s"].value, []), r)
        for iri in wanted:
            cache[iri] = found.get(iri, [])
    return cache


def labels_for(iris) -> dict[str, list[Label]]:
    def add(acc, r):
        lit = r["o"]
        acc.append(Label(lit.value, (lit.language or "").lower(), r["p"].value))

    return fetch(LABELS_FOR_QUERY, iris, "labels", add)


def types_for(iris) -> dict[str, list[str]]:
    return fetch(TYPES_FOR_QUERY, iris, "types", lambda acc, r: acc.append(r["t"].value))


def labels_of(iri: str) -> list[Label]:
    return labels_for([iri]).get(iri, [])


def types_of(iri: str) -> list[str]:
    return types_for([iri]).get(iri, [])


def is_a(iri: str, cls: str) -> bool:
    supers = catalogue().superclasses
    return any(cls in supers.get(t, {t}) for t in types_of(iri))
