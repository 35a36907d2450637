"""The landing page and the query page, through the Flask test client."""

from __future__ import annotations

import html
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUERIES = sorted((ROOT / "data" / "queries").glob("*.rq"))
SLUGS = ["khayrullaev-uzbekistan-kazakhstan-cooperation", "interstate-relations-concept",
         "cis-cooperation-uzbekistan-kazakhstan", "president-uz-allied-relations-briefing",
         "dunyo-strategic-partnership-new-era"]


def question(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0].lstrip("#").strip()


def test_landing_page_counts_documents_examples_downloads(client, kg):
    page = client.get("/").get_data(as_text=True)
    for slug in SLUGS:
        assert f'href="/page/document/{slug}"' in page
    states = len(list(kg.query("SELECT DISTINCT ?s WHERE { ?s a itt:State }")))
    row = re.search(r'title="https://w3id.org/ittifoq/ontology/State"[^>]*>[^<]*</a></td><td class="num">(\d+)<', page)
    assert row and int(row.group(1)) == states
    assert QUERIES
    for q in QUERIES:
        assert question(q) in html.unescape(page)
        assert f"/query?example={q.stem}" in page
    for ext in ("nq", "trig", "ttl", "jsonld"):
        assert f'href="/dump.{ext}"' in page
    assert 'action="/search"' in page


def test_query_page_offers_every_competency_question(client):
    page = client.get("/query").get_data(as_text=True)
    buttons = re.findall(r'<button type="button" class="example" data-name="([^"]+)" data-query="([^"]*)"', page)
    assert [name for name, _ in buttons] == [q.stem for q in QUERIES]
    for (_, text), q in zip(buttons, QUERIES, strict=True):
        assert html.unescape(text) == q.read_text(encoding="utf-8")
    assert 'data-endpoint="/sparql"' in page


def test_query_page_opens_an_example_or_a_given_query(client):
    q = QUERIES[0]
    page = client.get(f"/query?example={q.stem}").get_data(as_text=True)
    editor = re.search(r'<textarea id="query-text"[^>]*>(.*?)</textarea>', page, flags=re.S).group(1)
    assert html.unescape(editor) == q.read_text(encoding="utf-8")
    hostile = "</textarea><script>alert(1)</script>"
    page = client.get("/query", query_string={"query": hostile}).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    editor = re.search(r'<textarea id="query-text"[^>]*>(.*?)</textarea>', page, flags=re.S).group(1)
    assert html.unescape(editor) == hostile


def test_sparql_endpoint_shows_the_query_page_to_browsers(client):
    r = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 200 and 'id="query-app"' in r.get_data(as_text=True)


def test_static_files_are_local(client):
    page = client.get("/").get_data(as_text=True)
    for src in re.findall(r'(?:src|href)="([^"]+\.(?:css|js))"', page):
        assert src.startswith("/"), src
        assert client.get(src).status_code == 200
