"""Pages answer errors the way every other part of the server does (``ittifoq.web.errors``):
the status, and a body in what the client reads: the site's own page, in the reader's
language, for a browser; plain text (``"404 Not Found: …"``) for a client that asks for
nothing in particular; JSON for one that asks for JSON. No page builds an error body of its own."""

from __future__ import annotations

import json

import pytest

from .test_linked_data import BROWSER_ACCEPT

NOBODY = "https://w3id.org/ittifoq/id/person/nobody"
# (path, Accept, status, words the message must hold)
ERRORS = [
    ("/page/person/nobody", None, 404, f"the dataset says nothing about {NOBODY}"),
    ("/id/person/nobody", None, 404, f"the dataset says nothing about {NOBODY}"),
    ("/data/person/nobody.ttl", None, 404, f"the dataset says nothing about {NOBODY}"),
    ("/describe?iri=not%20an%20iri", None, 404, "the dataset says nothing about not an iri"),
    ("/id/state/UZ", "image/png", 406, "this resource is offered as text/turtle"),
    ("/data/state/UZ", "image/png", 406, "this resource is offered as text/turtle"),
    ("/data?iri=https://w3id.org/ittifoq/id/state/UZ&format=bogus", None, 400,
     "format='bogus' is not offered here; use one of ttl"),
    ("/void?format=bogus", None, 400, "format='bogus' is not offered here; use one of html, ttl"),
    ("/void", "image/png", 406, "this resource is offered as text/turtle"),
    ("/dump.xyz", None, 404, "there is no dump /dump.xyz; the dumps are /dump.nq"),
    ("/page/planet/", None, 404, "there is no kind of resource called 'planet'"),
    ("/class/Planet", None, 404, "the dataset says nothing about https://w3id.org/ittifoq/ontology/Planet"),
]
TITLES = {400: "Bad Request", 404: "Not Found", 406: "Not Acceptable"}


@pytest.mark.parametrize("path, accept, status, words", ERRORS)
def test_a_client_asking_for_nothing_gets_the_error_in_plain_text(client, path, accept, status, words):
    r = client.get(path, headers={"Accept": accept} if accept else {})
    assert r.status_code == status
    assert r.mimetype == "text/plain"
    assert r.get_data(as_text=True) == f"{status} {TITLES[status]}: " + r.get_data(as_text=True).split(": ", 1)[1]
    assert r.get_data(as_text=True).startswith(f"{status} {TITLES[status]}: {words}")
    assert r.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path, accept, status, words", [e for e in ERRORS if e[2] != 406])
def test_a_client_asking_for_json_gets_the_error_in_json(client, path, accept, status, words):
    r = client.get(path, headers={"Accept": "application/json"})
    assert r.status_code == status and r.mimetype == "application/json"
    error = json.loads(r.data)["error"]
    assert error["status"] == status and error["title"] == TITLES[status]
    assert error["message"].startswith(words)


@pytest.mark.parametrize("path, accept, status, words", [e for e in ERRORS if e[2] != 406])
def test_a_browser_gets_the_site_s_error_page(client, path, accept, status, words):
    r = client.get(path, headers={"Accept": BROWSER_ACCEPT})
    assert r.status_code == status and r.mimetype == "text/html"
    page = r.get_data(as_text=True)
    assert '<html lang="en">' in page and 'class="skip-link"' in page  # the site's layout
    if status == 404:
        assert "<h1>Not found</h1>" in page
    else:
        assert f"<h1>{status} {TITLES[status]}</h1>" in page and words.replace("'", "&#39;") in page


def test_the_not_found_page_speaks_the_reader_s_language_and_names_the_iri(client):
    r = client.get("/page/person/nobody?lang=kaa", headers={"Accept": BROWSER_ACCEPT})
    page = r.get_data(as_text=True)
    assert r.status_code == 404 and '<html lang="kaa">' in page
    # The interface strings of kaa.json (web/messages), and the IRI asked for.
    assert "<h1>Табылмады</h1>" in page and f'<code class="iri">{NOBODY}</code>' in page


def test_a_406_names_what_is_offered_in_the_client_s_terms(client):
    # text/html refused and nothing else offered acceptable: the message lists the offers.
    r = client.get("/id/state/UZ", headers={"Accept": "image/png, text/html;q=0"})
    assert r.status_code == 406 and r.mimetype == "text/plain" and "Accept" in r.headers["Vary"]
    assert "application/ld+json" in r.get_data(as_text=True) and "text/html" in r.get_data(as_text=True)
