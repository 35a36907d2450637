"""Security headers (ittifoq.web.headers) on every answer: pages, results, dumps, errors, 304s.
That the pages still work under the policy is checked in a real browser by
tests/web_pages/test_browser.py, whose pages fail on any console error (a CSP violation is one)."""

from __future__ import annotations

import pytest

from ittifoq.web.headers import content_security_policy

ANSWERS = [
    ("GET", "/", {}, 200),
    ("GET", "/page/state/UZ", {}, 200),
    ("GET", "/query", {}, 200),
    ("GET", "/sparql?query=ASK%20%7B%7D", {}, 200),
    ("POST", "/sparql?query=ASK%20%7B%7D", {}, 415),
    ("GET", "/sparql?query=SELECT", {}, 400),
    ("GET", "/sparql?query=ASK%20%7B%7D&format=bogus", {}, 406),
    ("DELETE", "/sparql", {}, 405),
    ("GET", "/no/such/page", {"Accept": "text/html"}, 404),
    ("GET", "/dump.nq", {}, 200),
    ("GET", "/void", {"Accept": "text/html"}, 200),
    ("GET", "/static/style.css", {}, 200),
]


@pytest.mark.parametrize("method,path,headers,status", ANSWERS)
def test_every_answer_carries_the_security_headers(client, method, path, headers, status):
    r = client.open(path, method=method, headers=headers)
    assert r.status_code == status
    csp = r.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "DENY"
    assert r.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert r.headers.getlist("Content-Security-Policy") == [csp], "one policy, not two"


def test_a_304_carries_them_too(client):
    first = client.get("/page/state/UZ")
    r = client.get("/page/state/UZ", headers={"If-None-Match": first.headers["ETag"]})
    assert r.status_code == 304
    assert r.headers["X-Content-Type-Options"] == "nosniff" and "Content-Security-Policy" in r.headers


def test_templates_hold_no_inline_script_or_style():
    """The policy forbids inline code; a template that adds some must move it to /static."""
    from pathlib import Path

    import ittifoq.web

    templates = Path(ittifoq.web.__file__).parent / "templates"
    for t in templates.glob("*.html"):
        text = t.read_text(encoding="utf-8").lower()
        assert "<style" not in text and " style=" not in text, t.name
        assert "<script>" not in text and "javascript:" not in text, t.name
        assert not any(f" on{e}=" in text for e in ("click", "load", "submit", "change", "input")), t.name


def test_a_base_url_on_another_origin_may_receive_the_query_page_s_requests():
    csp = content_security_policy("https://data.example.org/ittifoq/")
    assert "connect-src 'self' https://data.example.org;" in csp
    assert "form-action 'self' https://data.example.org;" in csp
