"""Every term of the ontology has a label in each of the six interface languages
(ontology/ittifoq.ttl: en and uz-Latn; ontology/labels.ttl: ru, kk, kaa and uz-Cyrl); the
machine-made ones are marked for review; the uz-Cyrl ones are the uz-Latn ones by rule; the
ontology with its labels is still OWL 2 DL; and inverse headings have one source: declared
owl:inverseOf properties (no itt:inverseLabel anywhere)."""

from __future__ import annotations

import subprocess

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from conftest import ROOT
from ittifoq.text.uzbek_cyrillic import latin_to_cyrillic
from test_reasoner import PROFILE_CHECK, needs_owlapi, owlapi_classpath

ITT = "https://w3id.org/ittifoq/ontology/"
LANGUAGES = ("en", "uz-latn", "uz-cyrl", "kaa", "kk", "ru")
MACHINE_MADE = ("ru", "kk", "kaa")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDFS.Datatype)


@pytest.fixture(scope="module")
def core() -> rdflib.Graph:
    return rdflib.Graph().parse(ROOT / "ontology" / "ittifoq.ttl")


@pytest.fixture(scope="module")
def labels() -> rdflib.Graph:
    return rdflib.Graph().parse(ROOT / "ontology" / "labels.ttl")


@pytest.fixture(scope="module")
def whole(core, labels) -> rdflib.Graph:
    return core + labels


def named(core):
    """(term, label property): every declared term by rdfs:label, every concept by skos:prefLabel."""
    terms = {(s, RDFS.label) for t in TERM_TYPES for s in core.subjects(RDF.type, t) if isinstance(s, rdflib.URIRef)}
    terms |= {(s, SKOS.prefLabel) for s in core.subjects(SKOS.prefLabel, None) if isinstance(s, rdflib.URIRef)}
    assert len(terms) > 380
    return sorted(terms)


def test_every_term_has_one_label_in_each_interface_language(core, whole):
    missing, doubled = [], []
    for term, prop in named(core):
        langs = [lit.language.lower() for lit in whole.objects(term, prop) if getattr(lit, "language", None)]
        missing += [f"{term} {lang}" for lang in LANGUAGES if lang not in langs]
        doubled += [f"{term} {lang}" for lang in set(langs) if langs.count(lang) > 1]
    assert not missing, missing[:20]
    assert not doubled, doubled[:20]


def test_the_labels_file_only_adds_labels_in_the_other_languages(core, labels):
    for s, p, o in labels:
        if s == rdflib.URIRef(ITT):
            assert p == SKOS.editorialNote
            continue
        assert p in (RDFS.label, SKOS.prefLabel), (s, p)
        assert o.language in ("ru", "kk", "kaa", "uz-Cyrl"), (s, o)
        assert (s, p, None) in core, f"{s} has no {p} in ontology/ittifoq.ttl: a label for a term that does not exist"


def test_uz_cyrl_labels_are_the_uz_latn_ones_by_rule(core, labels):
    wrong = []
    for s, p, o in labels:
        if getattr(o, "language", None) == "uz-Cyrl":
            (latn,) = [lit for lit in core.objects(s, p) if lit.language == "uz-Latn"]
            if str(o) != latin_to_cyrillic(str(latn)):
                wrong.append(f"{s}: {o!s} but by rule {latin_to_cyrillic(str(latn))}")
    assert not wrong, wrong


@pytest.mark.parametrize(("latin", "cyrillic"), [
    # Words both scripts of the documents write (data/sources/*.uz-Cyrl.txt and *.uz-Latn.txt).
    ("Oʻzbekiston", "Ўзбекистон"), ("Qozogʻiston", "Қозоғистон"), ("Mirziyoyev", "Мирзиёев"),
    ("Toshkent", "Тошкент"), ("hamkorlik", "ҳамкорлик"), ("shartnoma", "шартнома"), ("o‘zaro", "ўзаро"),
    ("ratifikatsiya", "ратификация"), ("tashrif", "ташриф"), ("Oliy", "Олий"), ("ittifoqchilik", "иттифоқчилик"),
    ("strategik", "стратегик"),
    # The rule's other cases: the tutuq belgisi, e at a word's start, ye, names and acronyms kept.
    ("aʼzo", "аъзо"), ("elchi", "элчи"), ("Yevropa", "Европа"), ("joy (schema.org)", "жой (schema.org)"),
    ("muallifi (PROV)", "муаллифи (PROV)"), ("CAMEO kodi", "CAMEO коди"),
    # y before oʻ is й, not the ё of "yo": "temir yoʻli" (railway).
    ("temir yoʻli", "темир йўли"), ("Yoʻldosh", "Йўлдош"),
])
def test_the_transliteration_rule(latin, cyrillic):
    assert latin_to_cyrillic(latin) == cyrillic


def test_machine_made_labels_are_marked_for_review(labels):
    notes = [str(o) for o in labels.objects(rdflib.URIRef(ITT), SKOS.editorialNote)]
    for lang in MACHINE_MADE:
        assert any(n.startswith(f"review {lang}:") for n in notes), lang
    assert any(n.startswith("by rule uz-Cyrl:") for n in notes)
    text = (ROOT / "ontology" / "labels.ttl").read_text(encoding="utf-8")
    assert "machine-made" in text.split("@prefix", 1)[0]  # said in the file's header too


OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
# Links that a page never lists backwards: types (a class's page lists its members), the
# annotations' inner parts and their source (the document page shows its quotes), identity.
NOT_READ_BACKWARDS = {RDF.type, OWL.sameAs, OA.hasSelector, OA.hasTarget, OA.hasSource}
# dct:creator is an annotation property (the ontology's own header names its author as text),
# and OWL 2 DL gives annotation properties no inverses: its heading is the generic one, marked.
NO_INVERSE_IN_OWL2_DL = {rdflib.URIRef("http://purl.org/dc/terms/creator")}


def test_inverse_headings_have_one_source(whole, kg):
    assert not list(whole.subjects(rdflib.URIRef(ITT + "inverseLabel"), None))
    assert not (ROOT / "ontology" / "inverse-labels.ttl").exists()
    # Every property linking two of the dataset's resources has a declared inverse (either way
    # round), with labels in all six languages.
    inverses: dict = {}
    for a, b in whole.subject_objects(OWL.inverseOf):
        inverses.setdefault(a, set()).add(b)
        inverses.setdefault(b, set()).add(a)
    used = {rdflib.URIRef(r["p"].value) for r in kg.query(
        "SELECT DISTINCT ?p WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != graph:ontology && isIRI(?o) "
        "&& STRSTARTS(STR(?o), 'https://w3id.org/ittifoq/')) "
        # a link to a property (an evidence naming the statements it supports) is read on no page
        "FILTER NOT EXISTS { VALUES ?t { owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty } ?o a ?t } }"
    )} - NOT_READ_BACKWARDS
    assert len(used) > 40
    missing = []
    for prop in sorted(used):
        if prop not in inverses and prop not in NO_INVERSE_IN_OWL2_DL:
            missing.append(f"{prop}: no declared inverse")
        for inv in inverses.get(prop, ()):
            langs = {lit.language.lower() for lit in whole.objects(inv, RDFS.label)}
            if not set(LANGUAGES) <= langs:
                missing.append(f"{inv}: labels in {sorted(langs)}")
    assert not missing, missing


@pytest.mark.slow
@needs_owlapi
def test_the_ontology_with_its_labels_is_owl2_dl(whole, tmp_path):
    merged = tmp_path / "ontology-with-labels.ttl"
    whole.serialize(merged, format="turtle")
    proc = subprocess.run(["java", "-cp", owlapi_classpath(), str(PROFILE_CHECK), str(merged)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
