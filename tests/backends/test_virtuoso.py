"""``ittifoq serve --backend`` in front of a real Virtuoso holding the built dataset: the
endpoint, pages, search, /void and / all answer through it.

Expected values come from the documents: five source documents (data/sources/), Uzbekistan's
English label "Uzbekistan" and ISO code "UZ" (data/reference/states.ttl), and Shavkat
Mirziyoyev found by the Cyrillic spelling of his name."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest

from ittifoq.build import ensure_built
from web.live import ittifoq_serve

from . import virtuoso as virt

pytestmark = pytest.mark.slow

if virt.missing() and not os.environ.get("CI"):
    pytest.skip(virt.missing(), allow_module_level=True)


@pytest.fixture(scope="module")
def through_virtuoso(config, tmp_path_factory):
    assert not virt.missing(), virt.missing() + "; .ci/run installs it"
    with virt.virtuoso(tmp_path_factory.mktemp("virtuoso"), ensure_built(config)) as endpoint, \
            ittifoq_serve("--backend", endpoint, "--backend-default-graph", virt.DEFAULT_GRAPH,
                          "--query-threads", "2", "--timeout", "30") as url:
        yield {"virtuoso": endpoint, "url": url}


def _get(url: str, accept: str = "text/html"):
    req = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def test_virtuoso_itself_holds_the_dataset(through_virtuoso):
    q = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <https://w3id.org/ittifoq/ontology/SourceDocument> }"
    status, _, body = _get(through_virtuoso["virtuoso"] + "?query=" + urllib.parse.quote(q),
                           "application/sparql-results+json")
    assert status == 200
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "5"


def test_sparql_through_virtuoso(through_virtuoso):
    q = "SELECT ?code WHERE { state:UZ itt:isoCode ?code }"  # the project's prefixes, predeclared
    status, _, body = _get(through_virtuoso["url"] + "sparql?query=" + urllib.parse.quote(q),
                           "application/sparql-results+json")
    assert status == 200, body
    assert [b["code"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["UZ"]


@pytest.mark.parametrize("path,expected", [
    ("", "Uzbekistan"),
    ("page/state/UZ", "Uzbekistan"),
    ("search?q=" + urllib.parse.quote("Мирзиёев"), "/page/person/shavkat-mirziyoyev"),
    ("page/document/dunyo-strategic-partnership-new-era", "1992"),
    ("void", "dump.nq"),
])
def test_pages_through_virtuoso(through_virtuoso, path, expected):
    status, headers, body = _get(through_virtuoso["url"] + path)
    assert status == 200, body[:500]
    assert headers["Content-Type"].startswith("text/html")
    assert expected in body.decode("utf-8")


def test_void_as_rdf_through_virtuoso(through_virtuoso):
    status, _, body = _get(through_virtuoso["url"] + "void", "text/turtle")
    assert status == 200, body[:500]
    triples = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
    endpoints = {t.object.value for t in triples if t.predicate.value == "http://rdfs.org/ns/void#sparqlEndpoint"}
    assert endpoints == {through_virtuoso["url"] + "sparql"}
    graphs = {t.object.value for t in triples
              if t.predicate.value == "http://www.w3.org/ns/sparql-service-description#name"}
    assert "https://w3id.org/ittifoq/graph/reference" in graphs
