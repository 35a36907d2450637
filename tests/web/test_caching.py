"""Conditional requests (ittifoq.web.caching): ETag, Cache-Control and Vary on reads, 304 for
If-None-Match (also on HEAD) without running the query, a new tag after a write."""

from __future__ import annotations

import pytest

from ittifoq.store import Files, KnowledgeGraph, Remote
from ittifoq.web.caching import data_version

from .conftest import TOKEN, ask

QUERY = "/sparql?query=" + "SELECT%20%3Fl%20WHERE%20%7B%20state%3AUZ%20skos%3AprefLabel%20%3Fl%20%7D"
READS = ["/", "/page/state/UZ", "/void", "/search?q=Mirziyoyev", "/timeline", QUERY,
         "/sparql?query=DESCRIBE%20state%3AUZ"]


@pytest.mark.parametrize("path", READS)
def test_reads_carry_an_etag_and_if_none_match_gets_304(client, path):
    r = client.get(path)
    assert r.status_code == 200
    etag = r.headers["ETag"]
    assert etag.startswith('W/"')
    assert r.headers["Cache-Control"] == "public, no-cache"
    assert "Accept" in r.headers["Vary"]
    for method in ("GET", "HEAD"):
        again = client.open(path, method=method, headers={"If-None-Match": f'"other", {etag}'})
        assert again.status_code == 304, method
        assert again.data == b"" and again.headers["ETag"] == etag
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


def test_the_tag_follows_the_representation(client):
    tags = {client.get(QUERY, headers={"Accept": a}).headers["ETag"] for a in
            ("application/sparql-results+json", "text/csv", "application/sparql-results+xml")}
    assert len(tags) == 3
    en = client.get("/page/state/UZ", headers={"Accept-Language": "en"}).headers["ETag"]
    ru = client.get("/page/state/UZ", headers={"Accept-Language": "ru"}).headers["ETag"]
    assert en != ru


def test_a_304_runs_no_query(client, web_app, monkeypatch):
    etag = client.get(QUERY).headers["ETag"]

    def refuse(*a, **k):
        raise AssertionError("the query ran")

    monkeypatch.setattr(web_app.extensions["ittifoq"], "run_query", refuse)
    assert client.get(QUERY, headers={"If-None-Match": etag}).status_code == 304


def test_dumps_keep_their_own_tag(client):
    r = client.get("/dump.nq")
    assert r.status_code == 200 and not r.headers["ETag"].startswith("W/")
    assert r.headers["Cache-Control"] == "public, no-cache"
    assert client.get("/dump.nq", headers={"If-None-Match": r.headers["ETag"]}).status_code == 304


def test_errors_and_posts_carry_no_etag(client):
    assert "ETag" not in client.get("/sparql?query=SELECT").headers
    assert "ETag" not in client.get("/no/such/page").headers
    r = client.post("/sparql", data="ASK {}", content_type="application/sparql-query")
    assert r.status_code == 200 and "ETag" not in r.headers


def test_a_write_changes_the_tag(make_app, tmp_path):
    data = tmp_path / "one.nq"
    data.write_text("<http://e/s> <http://e/p> <http://e/o> <http://e/g> .\n", encoding="utf-8")
    app = make_app(KnowledgeGraph.from_files([data]), allow_update=True, token=TOKEN, query_threads=1)
    c = app.test_client()
    q = "/sparql?query=ASK%20%7B%20%3Chttp%3A%2F%2Fe%2Fs%3E%20%3Chttp%3A%2F%2Fe%2Fq%3E%20%3Fo%20%7D"
    before = c.get(q)
    assert ask(before) is False
    r = c.post("/sparql", data="INSERT DATA { <http://e/s> <http://e/q> 1 }", content_type="application/sparql-update",
               headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 204
    after = c.get(q, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and ask(after) is True
    assert after.headers["ETag"] != before.headers["ETag"]


def test_the_data_version_follows_the_files(tmp_path):
    data = tmp_path / "one.nq"
    data.write_text("<http://e/s> <http://e/p> <http://e/o> .\n", encoding="utf-8")
    source = Files((data,))
    v1 = data_version(source)
    assert v1 == data_version(Files((data,))), "computed from the files, the same on every start"
    data.write_text("<http://e/s> <http://e/p> <http://e/other> .\n", encoding="utf-8")
    assert data_version(source) != v1


def test_a_remote_backend_has_no_version():
    assert data_version(Remote("http://127.0.0.1:9/sparql")) is None
