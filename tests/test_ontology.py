"""The OWL ontology: parses, carries its metadata, labels and defines every term, and
defines every term the data uses."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from conftest import ROOT

ITT = "https://w3id.org/ittifoq/ontology/"
VANN = rdflib.Namespace("http://purl.org/vocab/vann/")
ONTOLOGY = rdflib.URIRef(ITT)
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDFS.Datatype)


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    return rdflib.Graph().parse(ROOT / "ontology/ittifoq.ttl")


def test_ontology_metadata(onto):
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in onto
    for prop in (DCTERMS.title, DCTERMS.description, OWL.versionIRI, DCTERMS.license, DCTERMS.creator,
                 VANN.preferredNamespacePrefix, VANN.preferredNamespaceUri):
        assert onto.value(ONTOLOGY, prop) is not None, f"ontology lacks {prop}"
    assert str(onto.value(ONTOLOGY, VANN.preferredNamespaceUri)) == ITT
    assert str(onto.value(ONTOLOGY, VANN.preferredNamespacePrefix)) == "itt"


def declared_terms(onto):
    return {s for t in TERM_TYPES for s in onto.subjects(RDF.type, t) if isinstance(s, rdflib.URIRef)}


def test_every_term_has_en_and_uz_latn_labels_and_a_definition(onto):
    missing = []
    for term in sorted(declared_terms(onto)):
        langs = {lit.language.lower() for lit in onto.objects(term, RDFS.label) if lit.language}
        if not {"en", "uz-latn"} <= langs:
            missing.append(f"{term}: labels {sorted(langs)}")
        if onto.value(term, SKOS.definition) is None:
            missing.append(f"{term}: no skos:definition")
    assert not missing, "\n".join(missing)


def test_every_itt_term_used_in_the_ontology_is_declared(onto):
    declared = declared_terms(onto) | set(onto.subjects(RDF.type, SKOS.Concept)) | set(
        onto.subjects(RDF.type, SKOS.ConceptScheme)) | {ONTOLOGY, onto.value(ONTOLOGY, OWL.versionIRI)}
    used = {t for triple in onto for t in triple if isinstance(t, rdflib.URIRef) and str(t).startswith(ITT)}
    assert used <= declared, sorted(used - declared)


def test_uzbek_labels_use_the_preferred_apostrophes(onto):
    # Preferred labels write oʻ/gʻ with U+02BB and the tutuq belgisi with U+2019 (or U+02BC),
    # never the ASCII quote or the left single quotation mark.
    bad = [f"{s} {o}" for s, o in onto.subject_objects(RDFS.label)
           if getattr(o, "language", None) == "uz-Latn" and ("'" in o or "‘" in o)]
    assert not bad, bad


def test_every_term_the_data_uses_is_defined(kg, onto):
    """Predicates and classes in every graph but the ontology's are declared by the ontology."""
    # rdf:type and owl:sameAs are built into RDF and OWL (OWL 2 DL forbids declaring owl:sameAs).
    declared = {str(t) for t in declared_terms(onto)} | {str(RDF.type), str(OWL.sameAs)}
    concepts = {str(c) for c in onto.subjects(RDF.type, SKOS.Concept)}
    rows = kg.query("""
        SELECT DISTINCT ?p WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != graph:ontology) }""")
    predicates = {r["p"].value for r in rows}
    assert predicates <= declared, sorted(predicates - declared)
    rows = kg.query("""
        SELECT DISTINCT ?c WHERE { GRAPH ?g { ?s a ?c } FILTER(?g != graph:ontology) }""")
    classes = {r["c"].value for r in rows}
    assert classes <= declared, sorted(classes - declared)
    rows = kg.query("""
        SELECT DISTINCT ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != graph:ontology && ?p != rdf:type
          && isIRI(?o) && STRSTARTS(STR(?o), STR(itt:))) }""")
    values = {r["o"].value for r in rows}
    assert values <= declared | concepts, sorted(values - declared - concepts)


def test_wikidata_and_dbpedia_links_are_only_checked_identifiers(kg):
    tsv = (ROOT / "data/reference/external-ids.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in tsv if line and not line.startswith("#")][1:]
    allowed = {f"http://www.wikidata.org/entity/{r[2]}" for r in rows if r[2] != "-"}
    allowed |= {f"http://dbpedia.org/resource/{r[3]}" for r in rows if r[3] != "-"}
    linked = {r["o"].value for r in kg.query("""
        SELECT DISTINCT ?o WHERE { ?s ?p ?o FILTER(isIRI(?o) && (STRSTARTS(STR(?o), "http://www.wikidata.org/")
          || STRSTARTS(STR(?o), "http://dbpedia.org/"))) }""")}
    # Wikidata property IRIs (wdt:P…) are the checked ones listed in shared/reference/README.md.
    checked_properties = {f"http://www.wikidata.org/prop/direct/P{n}" for n in
                          (31, 35, 6, 39, 463, 1891, 6193, 585, 276, 710, 248, 1683)}
    assert linked <= allowed | checked_properties, sorted(linked - allowed - checked_properties)


def test_shared_reference_copy_is_current():
    shared = ROOT.parent / "shared/reference/external-ids.tsv"
    if not shared.is_file():
        pytest.skip("../shared is not beside this checkout")
    assert shared.read_bytes() == (ROOT / "data/reference/external-ids.tsv").read_bytes()
