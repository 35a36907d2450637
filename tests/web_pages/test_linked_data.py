"""Linked data: /id/ IRIs answer 303 to an HTML page or an RDF document by Accept (as
DBpedia does), the data documents parse in every format, and resource pages show labels in
the reader's language, linked values, incoming links and evidence highlighted in context.

Expected facts come from the documents: dunyo-strategic-partnership-new-era (kaa) says
diplomatic relations were established "1992-жыл 23-ноябрьде", khayrullaev-… (uz-Cyrl) says
"1992 йил ноябрь ойида"; the evidence offsets are found in the texts here, by str.find."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parents[2]
ID = "https://w3id.org/ittifoq/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OA = "http://www.w3.org/ns/oa#"
ITT = "https://w3id.org/ittifoq/ontology/"
DUNYO = "dunyo-strategic-partnership-new-era"
KHAYRULLAEV = "khayrullaev-uzbekistan-kazakhstan-cooperation"
RELATION = "relation/uz-kz-diplomatic-relations"
DUNYO_QUOTE = "Өзбекстан ҳәм Қазақстан арасында дипломатиялық қатнасықлар 1992-жыл 23-ноябрьде орнатылған."
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def text_of(slug: str) -> str:
    path = next((ROOT / "data" / "sources").glob(f"{slug}.*.txt"))
    return path.read_text(encoding="utf-8")


def dunyo_span() -> tuple[int, int]:
    text = text_of(DUNYO)
    start = text.find(DUNYO_QUOTE)
    assert start >= 0 and text.count(DUNYO_QUOTE) == 1
    return start, start + len(DUNYO_QUOTE)


@pytest.mark.parametrize(
    "accept, location",
    [
        ("text/html", "/page/state/UZ"),
        (BROWSER_ACCEPT, "/page/state/UZ"),
        ("*/*", "/page/state/UZ"),
        ("text/turtle", "/data/state/UZ.ttl"),
        ("application/n-triples", "/data/state/UZ.nt"),
        ("application/ld+json", "/data/state/UZ.jsonld"),
        ("application/rdf+xml", "/data/state/UZ.rdf"),
        ("application/n-quads", "/data/state/UZ.nq"),
        ("application/trig", "/data/state/UZ.trig"),
        ("text/turtle;q=0.5, application/ld+json", "/data/state/UZ.jsonld"),
        ("text/html;q=0.1, text/turtle", "/data/state/UZ.ttl"),
        ("application/rdf+xml, text/html;q=0.9", "/data/state/UZ.rdf"),
    ],
)
def test_id_redirects_by_accept(client, accept, location):
    r = client.get("/id/state/UZ", headers={"Accept": accept})
    assert r.status_code == 303
    assert r.headers["Location"].endswith(location)
    assert "Accept" in r.headers["Vary"]


def test_id_without_accept_goes_to_the_page(client):
    r = client.get("/id/state/UZ")
    assert r.status_code == 303 and r.headers["Location"].endswith("/page/state/UZ")


def test_id_with_nothing_acceptable_is_406(client):
    r = client.get("/id/state/UZ", headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "text/turtle" in r.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/id/person/nobody", "/page/person/nobody", "/data/person/nobody.ttl",
                                  "/describe?iri=https://example.org/nothing", "/describe?iri=not%20an%20iri"])
def test_unknown_resources_are_404(client, path):
    assert client.get(path).status_code == 404


FORMATS = {
    "ttl": ("text/turtle", ox.RdfFormat.TURTLE),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "rdf": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    "nq": ("application/n-quads", ox.RdfFormat.N_QUADS),
    "trig": ("application/trig", ox.RdfFormat.TRIG),
}


@pytest.mark.parametrize("ext", FORMATS)
def test_data_documents_parse_in_every_format(client, ext):
    media, fmt = FORMATS[ext]
    r = client.get(f"/data/state/UZ.{ext}")
    assert r.status_code == 200
    assert r.content_type.split(";")[0] == media
    parsed = list(ox.parse(r.data, format=fmt))
    triples = {(q.subject.value, q.predicate.value, str(q.object)) for q in parsed}
    # data/reference/states.ttl: skos:prefLabel "Oʻzbekiston"@uz-Latn and the checked Wikidata link
    uz = ID + "state/UZ"
    assert (uz, SKOS + "prefLabel", '"Oʻzbekiston"@uz-latn') in {(s, p, o.replace("uz-Latn", "uz-latn"))
                                                                  for s, p, o in triples}
    assert (uz, "http://www.w3.org/2002/07/owl#sameAs", "<http://www.wikidata.org/entity/Q265>") in triples
    # and the statements pointing at it: the diplomatic relations name it as a party
    assert (ID + RELATION, ITT + "party", f"<{uz}>") in triples


def test_data_negotiates_without_extension(client):
    r = client.get("/data/state/UZ", headers={"Accept": "application/n-quads"})
    assert r.status_code == 200 and r.content_type.startswith("application/n-quads")
    assert "Accept" in r.headers["Vary"]
    quads = list(ox.parse(r.data, format=ox.RdfFormat.N_QUADS))
    # Quad formats keep the graph each statement is in: the kaa altLabel is the Karakalpak document's.
    assert any(q.predicate.value == SKOS + "altLabel" and q.object.value == "Өзбекстан"
               and q.graph_name.value.endswith("/graph/" + DUNYO) for q in quads)


def test_evidence_data_includes_its_selectors(client):
    start, end = dunyo_span()
    path = f"evidence/{DUNYO}/{start}-{end}"
    r = client.get(f"/data/{path}.ttl")
    assert r.status_code == 200
    triples = list(ox.parse(r.data, format=ox.RdfFormat.TURTLE))
    by_pred = {}
    for t in triples:
        by_pred.setdefault(t.predicate.value, set()).add(t.object.value)
    assert DUNYO_QUOTE in by_pred[OA + "exact"]
    assert str(start) in by_pred[OA + "start"] and str(end) in by_pred[OA + "end"]
    assert ID + RELATION in by_pred[OA + "hasBody"]


def test_fact_page_highlights_its_evidence_in_context(client):
    start, end = dunyo_span()
    page = client.get(f"/page/{RELATION}").get_data(as_text=True)
    marks = re.findall(r"<mark>(.*?)</mark>", page, flags=re.S)
    assert DUNYO_QUOTE in marks
    # the context around the quote is there too: the sentence before it in the document
    before = text_of(DUNYO)[:start].split(".")[-2].split()[-1]
    assert before in page
    # and a link to the quote's place in the document
    assert f'href="/page/document/{DUNYO}#ev-{start}-{end}"' in page
    # khayrullaev-… gives the month only; both dates are shown, each with its document
    assert "1992-11-23" in page and re.search(r">\s*1992-11\s*<", page)
    assert KHAYRULLAEV in page


def test_document_page_marks_every_evidence_span(client):
    start, end = dunyo_span()
    r = client.get(f"/page/document/{DUNYO}")
    page = r.get_data(as_text=True)
    assert f'id="ev-{start}-{end}"' in page
    # the whole text, exactly: the text block without its marks and note numbers is the document
    block = re.search(r'<div class="text"[^>]*>(.*?)</div>', page, flags=re.S).group(1)
    block = re.sub(r'<sup class="note">.*?</sup>', "", block, flags=re.S)
    assert html.unescape(re.sub(r"<[^>]+>", "", block)) == text_of(DUNYO)
    marked = re.findall(r'<mark data-ev="([^"]*)"[^>]*>(.*?)</mark>', page, flags=re.S)
    pieces = "".join(text for evs, text in marked if f"ev-{start}-{end}" in evs.split())
    assert " ".join(pieces.split()) == DUNYO_QUOTE


def test_labels_follow_the_readers_language(client):
    def h1(**kw):
        page = client.get("/page/state/UZ", **kw).get_data(as_text=True)
        return re.search(r"<h1[^>]*>(.*?)</h1>", page, flags=re.S).group(1).strip()

    assert h1() == "Uzbekistan"
    assert h1(query_string={"lang": "ru"}) == "Узбекистан"
    assert h1(query_string={"lang": "uz"}) == "Oʻzbekiston"  # bare uz: Latin, the official script
    assert h1(query_string={"lang": "uz-Cyrl"}) == "Ўзбекистон"  # khayrullaev-…'s surface form
    assert h1(query_string={"lang": "kaa"}) == "Өзбекстан"
    assert h1(headers={"Accept-Language": "kk, ru;q=0.8"}) == "Өзбекстан"
    assert h1(headers={"Accept-Language": "ru;q=0.5, uz-Latn"}) == "Oʻzbekiston"
    assert h1(query_string={"lang": "ru"}, headers={"Accept-Language": "kk"}) == "Узбекистан"
    assert h1(query_string={"lang": "xx"}) == "Uzbekistan"  # unknown: English, then uz-Latn


def test_page_links_values_types_and_incoming(client):
    page = client.get(f"/page/{RELATION}").get_data(as_text=True)
    assert 'href="/page/state/UZ"' in page and 'href="/page/state/KZ"' in page
    assert "diplomatic relations" in page  # the class label, from the ontology
    uz = client.get("/page/state/UZ").get_data(as_text=True)
    incoming = uz[uz.index('id="incoming"'):]
    assert f'href="/page/{RELATION}"' in incoming


def test_language_choice_is_kept_in_links(client):
    page = client.get(f"/page/{RELATION}?lang=ru").get_data(as_text=True)
    assert 'href="/page/state/UZ?lang=ru"' in page
    assert "Узбекистан" in page


def test_ontology_terms_and_graphs_are_described(client):
    r = client.get("/ontology/State", headers={"Accept": "text/html"})
    assert r.status_code == 303
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "A sovereign state." in page  # skos:definition in ontology/ittifoq.ttl
    r = client.get("/ontology/State", headers={"Accept": "text/turtle"})
    assert r.status_code == 303
    data = client.get(r.headers["Location"])
    assert data.content_type.startswith("text/turtle")
    assert any(t.object.value == "state" for t in ox.parse(data.data, format=ox.RdfFormat.TURTLE))
    r = client.get(f"/graph/{DUNYO}", headers={"Accept": "text/html"})
    assert r.status_code == 303


def test_no_active_links_from_data_values(app):
    from ittifoq.web import linked_data as ld

    with app.test_request_context("/"):
        assert ld.href("javascript:alert(1)") is None
        assert ld.href("data:text/html,<b>x</b>") is None
        assert ld.href("http://www.wikidata.org/entity/Q265") == "http://www.wikidata.org/entity/Q265"
        assert ld.href(ID + "state/UZ") == "/page/state/UZ"


def test_hostile_input_is_escaped(client):
    r = client.get("/describe", query_string={"iri": 'https://example.org/"><script>alert(1)</script>'},
                   headers={"Accept": BROWSER_ACCEPT})
    assert r.status_code == 404 and r.mimetype == "text/html"
    assert "<script>alert(1)" not in r.get_data(as_text=True)
    r = client.get("/page/state/UZ", query_string={"lang": '"><script>alert(1)</script>'})
    assert r.status_code == 200 and "<script>alert(1)" not in r.get_data(as_text=True)
