"""The server describes and serves the same dataset as a release: the same version and licence
in /void, the same bytes in /dump.nq; and its pages work with no example queries at hand."""

from __future__ import annotations

import gzip

import pyoxigraph as ox
import pytest

from ittifoq.catalog import DCAT, LICENSE
from ittifoq.namespaces import DCT, OWL
from ittifoq.provenance import graph_version
from ittifoq.release import write_release

from .conftest import make_app


def _void(client) -> list[ox.Triple]:
    r = client.get("/void", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    return list(ox.parse(r.data, format=ox.RdfFormat.TURTLE))


def _values(triples, pred: str) -> list[str]:
    return sorted(t.object.value for t in triples if t.predicate == ox.NamedNode(pred))


def test_void_says_the_release_version_and_licence(client, kg, config, tmp_path):
    release = write_release(kg, graph_version(config), tmp_path / "rel")
    released = list(ox.parse(path=str(release.path / "void.ttl"), format=ox.RdfFormat.TURTLE))
    served = _void(client)
    for pred in (OWL + "versionInfo", DCAT + "version", DCT + "issued", DCT + "identifier"):
        assert _values(served, pred) == _values(released, pred) != [], pred
    assert LICENSE in _values(served, DCT + "license")
    assert graph_version(config).sha256[:12] in _values(served, OWL + "versionInfo")[0]
    # Every dump the server offers is a DCAT distribution with its media type.
    dumps = _values(served, "http://rdfs.org/ns/void#dataDump")
    assert len(dumps) == 4 and set(dumps) == set(_values(served, DCAT + "distribution"))
    # The served N-Quads dump is the released one, byte for byte.
    r = client.get("/dump.nq", headers={"Accept-Encoding": "identity"})
    assert r.data == gzip.decompress((release.path / "ittifoq.nq.gz").read_bytes())


@pytest.mark.slow
def test_pages_work_without_example_queries(kg, monkeypatch, tmp_path):
    """As `serve --data FILE` outside a checkout: no project, no examples, no error."""
    import ittifoq.config as cfg

    monkeypatch.setattr(cfg, "_checkout_root", lambda start=None: None)
    monkeypatch.setattr(cfg, "PACKAGED_ROOT", tmp_path / "no-packaged-graph")
    app = make_app(kg, None)
    try:
        client = app.test_client()
        for path in ("/", "/query", "/void"):
            r = client.get(path, headers={"Accept": "text/html"})
            assert r.status_code == 200, path
        served = list(ox.parse(client.get("/void", headers={"Accept": "text/turtle"}).data,
                               format=ox.RdfFormat.TURTLE))
        from ittifoq import __version__

        # Data ittifoq did not build: the package version, no hash claimed.
        assert _values(served, OWL + "versionInfo") == [__version__]
    finally:
        app.extensions["ittifoq"].close()
