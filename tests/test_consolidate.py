"""The consolidated default graph: one answer where the documents agree, a marked dispute
where they differ, and every document's own statements kept in its graph.

The built file is read by plain engines (pyoxigraph without a union flag, rdflib), so these
tests check what any engine loading ``build/ittifoq.nq`` sees as the default graph. Expected
values are read off the source texts in ../shared/seeds, not off the build."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from conftest import ROOT, SEEDS
from ittifoq import namespaces as ns
from ittifoq.build import build
from ittifoq.consolidate import SINGLE_VALUED, Ontology, agreed_value, resolve_types

ITT, XSD, PROV, RDF = ns.ITT, ns.XSD, ns.PROV, ns.RDF
RELATION = ns.ID + "relation/uz-kz-diplomatic-relations"
STATE_VISIT_2017 = ns.ID + "event/2017-03-mirziyoyev-state-visit-to-kazakhstan"
DUNYO = "dunyo-strategic-partnership-new-era"
KHAYRULLAEV = "khayrullaev-uzbekistan-kazakhstan-cooperation"
CIS = "cis-cooperation-uzbekistan-kazakhstan"
CONCEPT = "interstate-relations-concept"
SEED_OF = {KHAYRULLAEV: "000_6b3a61216deb2e2a.txt", CONCEPT: "001_6a944a7f1179f7d9.txt",
           CIS: "002_b5470bbc56767fed.txt", DUNYO: "004_e9981e5dfbf47917.txt"}


def seed_text(slug: str) -> str:
    path = SEEDS / SEED_OF[slug]
    if not path.is_file():  # outside the project's workspace: the byte-identical copy
        path = next((ROOT / "data" / "sources").glob(f"{slug}.*.txt"))
    return path.read_text(encoding="utf-8")


def plain_store(path: Path) -> ox.Store:
    """The file as any quad store loads it: its default graph is the file's default graph."""
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return store


def values(store: ox.Store, query: str) -> list[str]:
    return sorted(str(row[0]) for row in store.query(query, prefixes=ns.PREFIXES))


@pytest.fixture(scope="module")
def store(config) -> ox.Store:
    return plain_store(build(config).path)


def date(value: str) -> str:
    kind = {10: "date", 7: "gYearMonth", 4: "gYear"}[len(value)]
    return f'"{value}"^^<{XSD}{kind}>'


# ------------------------------------------------------------------ documents that agree


def test_texts_give_the_diplomatic_relations_at_two_precisions():
    # The premise of the next tests, read off the texts: a day in one, the month in the other.
    assert "дипломатиялық қатнасықлар 1992-жыл 23-ноябрьде орнатылған" in seed_text(DUNYO)
    assert "1992 йил ноябрь ойида дипломатик муносабатлар ўрнатилганидан" in seed_text(KHAYRULLAEV)


def test_default_graph_gives_the_most_precise_date_all_documents_allow(store):
    q = f"SELECT ?d WHERE {{ <{RELATION}> itt:startDate ?d }}"
    assert values(store, q) == [date("1992-11-23")]
    q = f"SELECT ?d WHERE {{ GRAPH ?g {{ <{RELATION}> itt:startDate ?d }} }}"
    assert values(store, q) == [date("1992-11"), date("1992-11-23")]


def test_graph_still_says_who_says_what(store):
    q = f"""SELECT ?slug ?d WHERE {{ GRAPH ?g {{ <{RELATION}> itt:startDate ?d }}
              ?doc itt:factsGraph ?g . BIND(STRAFTER(STR(?doc), "/document/") AS ?slug) }}"""
    rows = sorted((r["slug"].value, str(r["d"])) for r in store.query(q, prefixes=ns.PREFIXES))
    assert rows == [(DUNYO, date("1992-11-23")), (KHAYRULLAEV, date("1992-11"))]


def test_the_quotes_behind_one_statement_are_found_in_the_default_graph_and_per_document(store):
    # Every document stating the start date has an evidence naming it, in its graph and, with the
    # same quote, in the default graph; each quote gives the year (1992, read off the texts above).
    q = f"""SELECT ?slug ?exact WHERE {{ <{RELATION}> itt:evidence ?ev . ?ev itt:supports itt:startDate ;
              itt:sourceDocument ?doc ; oa:hasTarget/oa:hasSelector/oa:exact ?exact .
              BIND(STRAFTER(STR(?doc), "/document/") AS ?slug) }}"""
    default = {(r["slug"].value, r["exact"].value) for r in store.query(q, prefixes=ns.PREFIXES)}
    q = f"""SELECT ?slug ?exact WHERE {{ GRAPH ?g {{ <{RELATION}> itt:evidence ?ev . ?ev itt:supports itt:startDate ;
              oa:hasTarget/oa:hasSelector/oa:exact ?exact }} ?doc itt:factsGraph ?g .
              BIND(STRAFTER(STR(?doc), "/document/") AS ?slug) }}"""
    per_graph = {(r["slug"].value, r["exact"].value) for r in store.query(q, prefixes=ns.PREFIXES)}
    assert default == per_graph
    assert {slug for slug, _ in default} == {DUNYO, KHAYRULLAEV}
    assert all("1992" in exact for _, exact in default), default


def test_rdflib_reads_the_same_default_graph(config):
    ds = rdflib.Dataset()  # default_union=False: the file's own default graph
    ds.parse(build(config).path, format="nquads")
    dates = set(ds.default_graph.objects(rdflib.URIRef(RELATION), rdflib.URIRef(ITT + "startDate")))
    assert dates == {rdflib.Literal("1992-11-23", datatype=rdflib.XSD.date)}


def test_a_type_whose_subclass_is_stated_is_dropped(store):
    # Two texts call the March 2017 visit a state visit, a third only a visit.
    assert "Қозоғистонга давлат ташрифлари" in seed_text(KHAYRULLAEV)
    assert "Қазақстанға мәмлекетлик сапары" in seed_text(DUNYO)
    assert "Qozog‘istonga qilgan tashrifini" in seed_text(CIS)
    q = f"SELECT ?t WHERE {{ <{STATE_VISIT_2017}> a ?t }}"
    assert values(store, q) == [f"<{ITT}StateVisit>"]
    q = f"SELECT DISTINCT ?t WHERE {{ GRAPH ?g {{ <{STATE_VISIT_2017}> a ?t }} }}"
    assert f"<{ITT}StateVisit>" in values(store, q)


def test_one_value_per_fact_for_every_single_valued_property(store):
    in_list = ", ".join(f"<{p.value}>" for p in SINGLE_VALUED)
    several = """SELECT ?s ?p WHERE { %s } GROUP BY ?s ?p HAVING (COUNT(DISTINCT ?o) > 1)"""
    pattern = f"?s ?p ?o FILTER(?p IN ({in_list}))"
    assert values(store, several % pattern) == []
    # The document graphs together do give several values (what the default graph used to be).
    assert values(store, several % f"GRAPH ?g {{ {pattern} }}")


def test_derived_from_the_document_graphs_that_describe_the_fact(store):
    q = f"SELECT ?g WHERE {{ <{RELATION}> prov:wasDerivedFrom ?g }}"
    # Three texts speak of the diplomatic relations; the concept gives no date.
    assert "diplomatik aloqalar oʻrnatgan kundan" in seed_text(CONCEPT)
    assert values(store, q) == sorted(f"<{ns.document_graph(s)}>" for s in (CONCEPT, DUNYO, KHAYRULLAEV))
    # Every described resource of a document graph has its derivation, and only from document graphs.
    q = """SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } ?doc itt:factsGraph ?g .
             FILTER(STRSTARTS(STR(?s), STR(id:)) && !STRSTARTS(STR(?s), STR(evidence:)))
             FILTER NOT EXISTS { ?s prov:wasDerivedFrom ?g } }"""
    assert values(store, q) == []
    q = "SELECT ?g WHERE { ?s prov:wasDerivedFrom ?g FILTER NOT EXISTS { ?doc itt:factsGraph ?g } }"
    assert values(store, q) == []


def test_default_graph_holds_reference_corpus_ontology_and_invents_nothing(store):
    default = ox.DefaultGraph()
    blank = 0
    for g in (ns.ONTOLOGY_GRAPH, ns.REFERENCE_GRAPH, ns.CORPUS_GRAPH):
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g)):
            if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
                blank += 1  # the ontology's lists: copied with blank nodes of the default graph's own
            else:
                assert ox.Quad(q.subject, q.predicate, q.object, default) in store, q
    q = "SELECT ?s WHERE { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }"
    assert blank and len(values(store, q)) == blank
    q = "SELECT ?s WHERE { ?s ?p ?o FILTER isBlank(?s) FILTER EXISTS { GRAPH ?g { ?s ?p2 ?o2 } } }"
    assert values(store, q) == []
    # Apart from its own provenance and dispute marks, the default graph states nothing no graph states.
    q = """SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(?p NOT IN (prov:wasDerivedFrom, itt:disputedProperty))
             FILTER(!isBlank(?s) && !isBlank(?o)) FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"""
    assert values(store, q) == []


def test_every_predicate_of_the_consolidated_statements_is_declared(store):
    q = """SELECT DISTINCT ?p WHERE { ?s prov:wasDerivedFrom ?g ; ?p ?o
             FILTER NOT EXISTS { GRAPH graph:ontology { ?p a ?kind } } }"""
    # rdf:type and owl:sameAs are built into RDF and OWL (OWL 2 DL forbids declaring them).
    assert sorted(values(store, q)) == sorted([f"<{RDF}type>", "<http://www.w3.org/2002/07/owl#sameAs>"])


# ------------------------------------------------------------------ documents that differ


def _append(path: Path, turtle: str) -> None:
    prefixes = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in ns.PREFIXES.items())
    path.write_text(path.read_text(encoding="utf-8") + "\n" + prefixes + turtle, encoding="utf-8")


def _quote_of(store: ox.Store, fact: str, slug: str) -> str:
    """An evidence bracket repeating a quote the document's graph already gives for the fact
    (with the context the build recorded, so that it stands in one place)."""
    row = next(iter(store.query(f"""SELECT ?exact ?prefix WHERE {{ GRAPH <{ns.document_graph(slug)}> {{
        <{fact}> itt:evidence ?ev . ?ev oa:hasTarget/oa:hasSelector ?q . ?q oa:exact ?exact ; oa:prefix ?prefix }} }}
        ORDER BY ?exact LIMIT 1""", prefixes=ns.PREFIXES)))
    exact, prefix = (row[v].value.replace("\\", "\\\\").replace('"', '\\"') for v in ("exact", "prefix"))
    return f'[ oa:exact """{exact}""" ; oa:prefix """{prefix}""" ; itt:supports itt:startDate ]'


def test_conflicting_dates_are_left_out_and_marked(project_copy, store):
    # The concept states the relations without a date; give it one that conflicts with both,
    # supported by a quote the concept already gives for the relations.
    _append(project_copy.facts_dir / f"{CONCEPT}.ttl", f'<{RELATION}> itt:startDate "1992-12"^^xsd:gYearMonth ;\n'
            f'    itt:evidence {_quote_of(store, RELATION, CONCEPT)} .\n')
    store = plain_store(build(project_copy).path)
    assert values(store, f"SELECT ?d WHERE {{ <{RELATION}> itt:startDate ?d }}") == []
    assert values(store, f"SELECT ?p WHERE {{ <{RELATION}> itt:disputedProperty ?p }}") == [f"<{ITT}startDate>"]
    # Each document keeps its own value.
    q = f"SELECT ?d WHERE {{ GRAPH ?g {{ <{RELATION}> itt:startDate ?d }} }}"
    assert values(store, q) == [date("1992-11"), date("1992-11-23"), date("1992-12")]
    # Other properties of the fact are unaffected.
    assert values(store, f"SELECT ?p WHERE {{ <{RELATION}> itt:party ?p }}") == [
        f"<{ns.ID}state/KZ>", f"<{ns.ID}state/UZ>"]


def test_disjoint_types_keep_what_every_document_entails(project_copy):
    _append(project_copy.ontology_dir / "ittifoq.ttl", "itt:StateVisit owl:disjointWith itt:WorkingVisit .\n")
    _append(project_copy.facts_dir / f"{CIS}.ttl", f"<{STATE_VISIT_2017}> a itt:WorkingVisit .\n")
    store = plain_store(build(project_copy).path)
    assert values(store, f"SELECT ?t WHERE {{ <{STATE_VISIT_2017}> a ?t }}") == [f"<{ITT}Visit>"]
    assert values(store, f"SELECT ?p WHERE {{ <{STATE_VISIT_2017}> itt:disputedProperty ?p }}") == [f"<{RDF}type>"]


def test_document_graphs_hold_exactly_what_their_files_say(config, store):
    """Every statement of a facts file is in its document's graph, and the graph adds only the
    evidence annotations the build writes for the file's quotes."""
    for path in sorted(config.facts_dir.glob("*.ttl")):
        graph = ox.NamedNode(ns.document_graph(path.stem))
        authored = {
            ox.Triple(t.subject, t.predicate, t.object)
            for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=ns.BASE)
            if not isinstance(t.subject, ox.BlankNode) and not isinstance(t.object, ox.BlankNode)
        }
        held = {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, graph)
                if not q.subject.value.startswith(ns.ID + "evidence/") and q.predicate.value != ITT + "evidence"}
        assert held == authored, path.name


# ------------------------------------------------------------------ the rules, one by one


def lit(value: str, kind: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + kind))


@pytest.mark.parametrize(("given", "expected"), [
    ([("1992-11-23", "date"), ("1992-11", "gYearMonth")], ("1992-11-23", "date")),
    ([("1992", "gYear"), ("1992-11", "gYearMonth"), ("1992-11-23", "date")], ("1992-11-23", "date")),
    ([("1992-11-23", "date"), ("1992-12", "gYearMonth")], None),
    ([("1992-11-23", "date"), ("1992-11-24", "date")], None),
    ([("1992-11", "gYearMonth"), ("1993", "gYear")], None),
    ([("2000000000", "integer"), ("2000000000.0", "decimal")], ("2000000000", "integer")),
    ([("31.2", "decimal"), ("31.3", "decimal")], None),
])
def test_agreed_value(given, expected):
    result = agreed_value({lit(v, k) for v, k in given})
    assert result == (lit(*expected) if expected else None)


def test_agreed_value_of_terms():
    kz, uz = ox.NamedNode(ns.ID + "state/KZ"), ox.NamedNode(ns.ID + "state/UZ")
    assert agreed_value({kz}) == kz
    assert agreed_value({kz, uz}) is None


def _onto(turtle: str) -> Ontology:
    prefixes = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in ns.PREFIXES.items())
    return Ontology(ox.parse(prefixes + turtle, format=ox.RdfFormat.TURTLE))


def test_types_union_without_superclasses_and_disjointness():
    onto = _onto("""itt:Visit rdfs:subClassOf itt:Event . itt:StateVisit rdfs:subClassOf itt:Visit .
        itt:WorkingVisit rdfs:subClassOf itt:Visit . itt:Summit rdfs:subClassOf itt:Event .
        [] a owl:AllDisjointClasses ; owl:members ( itt:StateVisit itt:WorkingVisit ) .""")
    t = {n: ox.NamedNode(ITT + n) for n in ("Event", "Visit", "StateVisit", "WorkingVisit", "Summit")}
    g1, g2 = ox.NamedNode(ns.GRAPH + "a"), ox.NamedNode(ns.GRAPH + "b")
    assert resolve_types({g1: {t["Visit"]}, g2: {t["StateVisit"]}}, onto) == ({t["StateVisit"]}, False)
    # Not declared disjoint: both kept.
    assert resolve_types({g1: {t["Visit"]}, g2: {t["Summit"]}}, onto) == ({t["Visit"], t["Summit"]}, False)
    assert resolve_types({g1: {t["StateVisit"]}, g2: {t["WorkingVisit"]}}, onto) == ({t["Visit"]}, True)


def test_single_valued_properties_are_those_the_shapes_allow_once_per_document():
    shapes = rdflib.Graph().parse(ROOT / "shapes" / "ittifoq-shapes.ttl")
    shape = rdflib.URIRef("https://w3id.org/ittifoq/shapes/OneValuePerDocumentShape")
    targets = {str(t) for t in shapes.objects(shape, rdflib.SH.targetSubjectsOf)}
    assert targets == {p.value for p in SINGLE_VALUED}


def test_library_queries_see_the_file_s_default_graph(kg):
    # KnowledgeGraph.query (ittifoq query, stats, the library) on the built dataset.
    rows = kg.query(f"SELECT ?d WHERE {{ <{RELATION}> itt:startDate ?d }}")
    assert [r["d"].value for r in rows] == ["1992-11-23"]
