"""The twenty competency questions give the same answers on a second SPARQL engine, Apache Jena
ARQ (Debian's ``libapache-jena-java``), as on Oxigraph: the same rows, in the same order where
the query orders them. SPARQL 1.1 leaves some orders undefined (dates of mixed precision, the
order of GROUP_CONCAT's pieces): the queries avoid the first, and the comparison ignores the
second."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

import debian_java
import jena
from conftest import ROOT
from ittifoq.namespaces import sparql_prefixes

QUERIES = sorted((ROOT / "data" / "queries").glob("*.rq"))
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(jena.classpath() is None and not debian_java.REQUIRED, reason=jena.MISSING)]


@pytest.fixture(scope="module")
def jena_dataset(kg, tmp_path_factory) -> Path:
    """The project's dataset for Jena: every named graph as built, and as default graph the one
    the project's queries see (Jena reads a file's default graph as it is written)."""
    path = tmp_path_factory.mktemp("jena") / "dataset.nq"
    default = kg.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    quads = [q for q in kg.store.quads_for_pattern(None, None, None, None)
             if not isinstance(q.graph_name, ox.DefaultGraph)]
    quads += [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in default]
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return path


def _oxigraph_term(term) -> tuple | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode",)
    if term.language:
        return ("literal", term.value, RDF_LANG_STRING, term.language.lower())
    return ("literal", term.value, term.datatype.value, None)


def _jena_term(term: dict | None) -> tuple | None:
    if term is None:
        return None
    if term["type"] == "uri":
        return ("uri", term["value"])
    if term["type"] == "bnode":
        return ("bnode",)
    if "xml:lang" in term:
        return ("literal", term["value"], RDF_LANG_STRING, term["xml:lang"].lower())
    return ("literal", term["value"], term.get("datatype", XSD_STRING), None)


def _unordered_pieces(query: str) -> dict[str, str]:
    """Variables bound by GROUP_CONCAT, with their separator: SPARQL leaves the pieces' order open."""
    return {m.group(2): m.group(1) for m in re.finditer(
        r'GROUP_CONCAT\s*\(.*?separator\s*=\s*"([^"]*)"\s*\)\s*AS\s*\?(\w+)', query, re.S | re.I)}


def _normalise(rows: list[list[tuple | None]], names: list[str], pieces: dict[str, str]) -> list[tuple]:
    out = []
    for row in rows:
        cells = []
        for name, cell in zip(names, row, strict=True):
            if cell is not None and name in pieces and cell[0] == "literal":
                cell = (cell[0], pieces[name].join(sorted(cell[1].split(pieces[name]))), *cell[2:])
            cells.append(cell)
        out.append(tuple(cells))
    # Oxigraph's union default graph can give a row once per named graph holding a triple: compare
    # distinct rows, in the order of their first appearance.
    return list(dict.fromkeys(out))


def ordered(query: str) -> bool:
    # ORDER BY of the outer query (a subquery's ORDER BY … LIMIT picks rows, it does not order them).
    tail = query[query.rfind("}"):]
    return "ORDER BY" in tail.upper()


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_jena_gives_the_same_answers(kg, jena_dataset, path, tmp_path):
    text = path.read_text(encoding="utf-8")
    query_file = tmp_path / path.name
    query_file.write_text(sparql_prefixes() + text, encoding="utf-8")

    result = kg.query(text)
    names = [v.value for v in result.variables]
    ours = [[_oxigraph_term(sol[n]) for n in names] for sol in result]
    answer = json.loads(jena.sparql(jena_dataset, query_file))
    assert answer["head"]["vars"] == names
    theirs = [[_jena_term(b.get(n)) for n in names] for b in answer["results"]["bindings"]]

    pieces = _unordered_pieces(text)
    ours_n, theirs_n = _normalise(ours, names, pieces), _normalise(theirs, names, pieces)
    assert ours_n, f"{path.name} has no answer to compare"
    if ordered(text):
        assert theirs_n == ours_n
    else:
        assert sorted(theirs_n, key=repr) == sorted(ours_n, key=repr)
