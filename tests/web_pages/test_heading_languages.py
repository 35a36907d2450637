"""A page's statement headings (its properties, and the links read backwards) are in the
interface language, in each of the six; the fallback mark shows exactly where the ontology
(ontology/*.ttl, read here with rdflib, not through the pages' code) really has no label in that
language."""

from __future__ import annotations

import html
import re

import pytest
import rdflib
from rdflib.namespace import OWL, RDFS

from conftest import ROOT

LANGUAGES = ("en", "uz-Latn", "uz-Cyrl", "kaa", "kk", "ru")
PAGES = ["/page/person/shavkat-mirziyoyev", "/page/agreement/treaty-on-allied-relations", "/page/state/KZ",
         "/page/relation/uz-kz-diplomatic-relations", "/page/document/dunyo-strategic-partnership-new-era"]
HEADING = re.compile(r'<th scope="row"(?: lang="([^"]*)")?>(.*?)</th>', re.S)
TITLE = re.compile(r'<a [^>]*title="([^"]+)"')
FALLBACK = re.compile(r'<span class="tag fallback"[^>]*>([^<]*)</span>')


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    g = rdflib.Graph()
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        g.parse(path)
    return g


def has_label(g: rdflib.Graph, prop: str, lang: str, backwards: bool) -> bool:
    p = rdflib.URIRef(prop)
    props = ({q for q in g.subjects(OWL.inverseOf, p)} | {q for q in g.objects(p, OWL.inverseOf)}) if backwards else {p}
    return any(lit.language and lit.language.lower() == lang.lower() for q in props for lit in g.objects(q, RDFS.label))


def headings(page: str) -> list[tuple[str, str, bool, bool]]:
    """(property IRI, lang attribute, marked as fallback, read backwards) of each heading."""
    out = []
    for lang, cell in HEADING.findall(page):
        backwards = "← " in cell
        (iri,) = TITLE.findall(cell)
        out.append((html.unescape(iri), lang, bool(FALLBACK.search(cell)), backwards))
    return out


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_headings_are_in_the_interface_language_and_marked_only_when_missing(client, ontology, path, lang):
    r = client.get(path, query_string={"lang": lang})
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert f'<html lang="{lang}"' in page
    found = headings(page)
    assert len(found) >= 3
    wrong = []
    for iri, attr, marked, backwards in found:
        labelled = has_label(ontology, iri, lang, backwards)
        if labelled and (marked or attr.lower() != lang.lower()):
            wrong.append(f"{iri}: labelled in {lang} but shown as {attr!r}{' marked' if marked else ''}")
        if not labelled and not marked:
            wrong.append(f"{iri}: no {lang} label, yet no fallback mark")
    assert not wrong, wrong


def test_a_russian_page_reads_in_russian(client):
    # Spot checks against ontology/labels.ttl: itt:party is "сторона", its inverse "сторона соглашений".
    page = client.get("/page/agreement/treaty-on-allied-relations", query_string={"lang": "ru"}).get_data(as_text=True)
    assert re.search(r'<th scope="row" lang="ru"><a [^>]*>сторона</a>', page)
    kz = client.get("/page/state/KZ", query_string={"lang": "ru"}).get_data(as_text=True)
    assert re.search(r'<th scope="row" lang="ru">сторона соглашений <span class="count">', kz)


def test_the_mark_shows_where_a_label_is_missing(client):
    # owl:sameAs is OWL's own term: the ontology gives it no label in any language.
    page = client.get("/page/state/UZ", query_string={"lang": "kk"}).get_data(as_text=True)
    same = [h for h in headings(page) if h[0] == str(OWL.sameAs)]
    assert same and all(marked for _, _, marked, _ in same)

