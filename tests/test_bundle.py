"""The graph a wheel carries (ittifoq.bundle), built from the sources into a folder with a
checkout's layout: every command works on it without rebuilding and without the texts."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from ittifoq.build import build, is_stale
from ittifoq.config import Config
from ittifoq.provenance import file_sha256, graph_version
from ittifoq.store import KnowledgeGraph


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    from ittifoq.bundle import make_bundle

    dest = tmp_path_factory.mktemp("wheel") / "ittifoq" / "dataset"
    info = make_bundle(ROOT, dest)
    return dest, info


def test_bundle_holds_what_the_commands_need_and_not_the_texts(bundle):
    dest, _ = bundle
    names = {p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()}
    assert "build/ittifoq.nq" in names and "ontology/ittifoq.ttl" in names
    assert "data/sources/documents.ttl" in names
    assert {p.name for p in (ROOT / "data/queries").glob("*.rq")} == {p.name for p in (dest / "data/queries").glob("*")}
    assert {p.name for p in (ROOT / "shapes").glob("*.ttl")} == {p.name for p in (dest / "shapes").glob("*")}
    assert not any(n.endswith(".txt") for n in names)


def test_packaged_graph_is_the_checkouts_build_and_never_rebuilt(bundle, config):
    dest, info = bundle
    packaged = Config(root=dest)
    assert packaged.packaged and not config.packaged
    assert not is_stale(packaged)
    result = build(packaged)
    assert not result.rebuilt and result.path == dest / "build" / "ittifoq.nq"
    # The same bytes as a build of the checkout, and graph.json says so.
    assert result.path.read_bytes() == build(config).path.read_bytes()
    assert info["sha256"] == file_sha256(result.path)
    assert json.loads((dest / "graph.json").read_text())["quads"] == result.quads
    assert result.quads == result.path.read_bytes().count(b"\n")


def test_packaged_graph_answers_queries(bundle):
    kg = KnowledgeGraph.open(Config(root=bundle[0]))
    rows = list(kg.query("SELECT ?iso WHERE { state:UZ itt:isoCode ?iso }"))
    assert [r["iso"].value for r in rows] == ["UZ"]
    # The texts are in the dataset, so evidence can still be shown in context.
    texts = list(kg.query("SELECT ?t WHERE { ?d schema:text ?t }"))
    assert len(texts) == 5


def test_packaged_version_is_recorded_and_caches_go_elsewhere(bundle, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    dest, info = bundle
    packaged = Config(root=dest)
    assert packaged.build_dir == tmp_path / "ittifoq"
    v = graph_version(packaged)
    assert v.origin == "packaged" and v.sha256 == info["sha256"]
    assert info["sha256"][:12] in v.describe() and "packaged" in v.describe()


def test_editing_a_packaged_file_is_noticed(tmp_path):
    from ittifoq.bundle import make_bundle

    dest = tmp_path / "dataset"
    make_bundle(ROOT, dest)
    facts = next((dest / "data/facts").glob("*.ttl"))
    facts.write_text(facts.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert is_stale(Config(root=dest))
