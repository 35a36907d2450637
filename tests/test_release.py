"""ittifoq release: reproducible gzipped dumps with their sums, a VoID/DCAT record that
agrees with them, and a changelog that shows exactly what changed since a previous release."""

from __future__ import annotations

import gzip
import hashlib
import os
import subprocess
import sys

import pyoxigraph as ox
import pytest

from ittifoq.catalog import DCAT, LICENSE, SPDX
from ittifoq.errors import UsageError
from ittifoq.export import export
from ittifoq.namespaces import DCT, OWL, RDF, XSD
from ittifoq.provenance import graph_version
from ittifoq.release import write_release
from ittifoq.store import KnowledgeGraph

DUMPS = {"ittifoq.nq.gz", "ittifoq.trig.gz", "ittifoq.jsonld.gz", "ittifoq.ttl.gz", "ittifoq.nt.gz",
         "ittifoq.rdf.gz"}
RELATION = "https://w3id.org/ittifoq/id/relation/uz-kz-diplomatic-relations"
DUNYO_GRAPH = "https://w3id.org/ittifoq/graph/dunyo-strategic-partnership-new-era"
FACTS = "data/facts/dunyo-strategic-partnership-new-era.ttl"


@pytest.fixture(scope="module")
def first(kg, config, tmp_path_factory):
    return write_release(kg, graph_version(config), tmp_path_factory.mktemp("r") / "first")


def test_release_holds_every_dump_gzipped_with_sums(first, kg):
    names = {p.name for p in first.path.iterdir()}
    assert names == DUMPS | {"void.ttl", "CHANGES.md", "SHA256SUMS"}
    sums = dict(reversed(line.split("  ")) for line in (first.path / "SHA256SUMS").read_text().splitlines())
    assert set(sums) == names - {"SHA256SUMS"}
    for name, digest in sums.items():
        assert hashlib.sha256((first.path / name).read_bytes()).hexdigest() == digest, name
    # The N-Quads dump is exactly the export; gzip records no time and no file name.
    raw = (first.path / "ittifoq.nq.gz").read_bytes()
    assert gzip.decompress(raw) == export(kg, "nquads")
    assert raw[4:8] == b"\0\0\0\0" and not raw[3] & 0x08


def test_void_and_dcat_describe_each_dump_with_its_sum(first, config):
    void = list(ox.parse(path=str(first.path / "void.ttl"), format=ox.RdfFormat.TURTLE))

    def objects(s, p):
        return [t.object for t in void if t.subject == s and t.predicate == ox.NamedNode(p)]

    ds = next(t.subject for t in void if t.object == ox.NamedNode(DCAT + "Dataset"))
    assert ox.NamedNode("http://rdfs.org/ns/void#Dataset") in objects(ds, RDF + "type")
    assert objects(ds, DCT + "license") == [ox.NamedNode(LICENSE)]
    label = graph_version(config).label
    assert objects(ds, OWL + "versionInfo") == objects(ds, DCAT + "version") == [ox.Literal(label)]
    assert objects(ds, DCT + "issued")[0].datatype == ox.NamedNode(XSD + "date")
    sums = dict(reversed(line.split("  ")) for line in (first.path / "SHA256SUMS").read_text().splitlines())
    dists = objects(ds, DCAT + "distribution")
    assert len(dists) == len(DUMPS)
    for d in dists:
        name = objects(d, DCAT + "downloadURL")[0].value.rsplit("/", 1)[1]
        checksum = objects(d, SPDX + "checksum")[0]
        assert objects(checksum, SPDX + "algorithm") == [ox.NamedNode(SPDX + "checksumAlgorithm_sha256")]
        assert objects(checksum, SPDX + "checksumValue")[0].value == sums[name]
        assert int(objects(d, DCAT + "byteSize")[0].value) == (first.path / name).stat().st_size
        assert objects(d, DCAT + "mediaType")[0].value.startswith("http://www.iana.org/assignments/media-types/")


def test_against_the_previous_state_the_changelog_is_empty_and_the_bytes_the_same(first, kg, config, tmp_path):
    again = write_release(kg, graph_version(config), tmp_path / "again", previous=first.path)
    assert again.changes.empty
    assert "No changes." in (again.path / "CHANGES.md").read_text()
    for name in DUMPS | {"void.ttl"}:
        assert (again.path / name).read_bytes() == (first.path / name).read_bytes(), name


def test_one_changed_fact_is_exactly_what_the_changelog_shows(first, project_copy, tmp_path):
    facts = project_copy.root / FACTS
    text = facts.read_text(encoding="utf-8")
    assert text.count('itt:startDate "1992-11-23"^^xsd:date') == 1
    facts.write_text(text.replace('itt:startDate "1992-11-23"', 'itt:startDate "1992-11-24"'), encoding="utf-8")
    kg = KnowledgeGraph.open(project_copy)
    release = write_release(kg, graph_version(project_copy), tmp_path / "next", previous=first.path / "ittifoq.nq.gz")
    c = release.changes
    assert not c.added and not c.removed
    date = ox.NamedNode(XSD + "date")
    start = ox.NamedNode("https://w3id.org/ittifoq/ontology/startDate")
    # The document's statement changes, and with it the consolidated default graph's (the
    # other document gives the month only, which the new day still refines).
    old, new = (ox.Literal(d, datatype=date) for d in ("1992-11-23", "1992-11-24"))
    rel = ox.NamedNode(RELATION)
    assert {k: (set(a), set(b)) for k, (a, b) in c.changed.items()} == {RELATION: (
        {ox.Quad(rel, start, old, ox.NamedNode(DUNYO_GRAPH)), ox.Quad(rel, start, old, ox.DefaultGraph())},
        {ox.Quad(rel, start, new, ox.NamedNode(DUNYO_GRAPH)), ox.Quad(rel, start, new, ox.DefaultGraph())},
    )}
    md = (release.path / "CHANGES.md").read_text()
    assert '- itt:startDate "1992-11-23"^^xsd:date' in md and '+ itt:startDate "1992-11-24"^^xsd:date' in md
    assert "0 resources added, 1 changed, 0 removed (4 statements)" in md


def test_added_and_removed_resources(first, config, project_copy, tmp_path):
    ref = project_copy.root / "data/reference/places.ttl"
    text = ref.read_text(encoding="utf-8")
    ref.write_text(text + '\nplace:test-town a itt:Place ; skos:prefLabel "Test town"@en .\n', encoding="utf-8")
    release = write_release(KnowledgeGraph.open(project_copy), graph_version(project_copy), tmp_path / "next",
                            previous=first.path)
    town = "https://w3id.org/ittifoq/id/place/test-town"
    assert set(release.changes.added) == {town} and not release.changes.changed and not release.changes.removed
    # From that release back to the first one's data: the town is removed.
    original = KnowledgeGraph.from_files([first.path / "ittifoq.nq.gz"])
    back = write_release(original, graph_version(config), tmp_path / "back", previous=release.path)
    assert set(back.changes.removed) == {town} and not back.changes.added and not back.changes.changed


def test_a_release_never_overwrites_a_folder(first, kg, config, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("x")
    with pytest.raises(UsageError, match="not an empty folder"):
        write_release(kg, graph_version(config), tmp_path / "full")
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["keep.txt"]
    with pytest.raises(UsageError, match="not a release folder"):
        write_release(kg, graph_version(config), tmp_path / "new", previous=tmp_path / "full")
    assert not (tmp_path / "new").exists()


@pytest.mark.slow
def test_release_command_on_a_changed_copy_with_ittifoq_root(first, project_copy, tmp_path):
    facts = project_copy.root / FACTS
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace('itt:startDate "1992-11-23"', 'itt:startDate "1992-11-24"'), encoding="utf-8")
    env = {**os.environ, "ITTIFOQ_ROOT": str(project_copy.root)}
    r = subprocess.run([sys.executable, "-m", "ittifoq", "release", str(tmp_path / "rel"), "--previous",
                        str(first.path)], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "0 added, 1 changed, 0 removed" in r.stderr
    md = (tmp_path / "rel" / "CHANGES.md").read_text()
    # One statement in the document's graph, and the consolidated one in the default graph.
    assert "relation:uz-kz-diplomatic-relations" in md and md.count("\n- ") == 2 and md.count("\n+ ") == 2
    r = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path / "rel", capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
