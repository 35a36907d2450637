"""The corpus: five documents, byte for byte as delivered, with checked metadata."""

from __future__ import annotations

import hashlib

import pytest
import rdflib

from conftest import ROOT, SEEDS
from ittifoq.build import build
from ittifoq.errors import ChecksumError

DCT = rdflib.Namespace("http://purl.org/dc/terms/")
ITT = rdflib.Namespace("https://w3id.org/ittifoq/ontology/")
DOC = rdflib.Namespace("https://w3id.org/ittifoq/id/document/")

# seed file → (slug, language tags the text is written in), read off the texts themselves.
EXPECTED = {
    "000_6b3a61216deb2e2a.txt": ("khayrullaev-uzbekistan-kazakhstan-cooperation", {"uz-Cyrl"}),
    "001_6a944a7f1179f7d9.txt": ("interstate-relations-concept", {"uz-Latn", "ru", "en"}),
    "002_b5470bbc56767fed.txt": ("cis-cooperation-uzbekistan-kazakhstan", {"uz-Latn", "ru", "en"}),
    "003_4c5393814d6df0af.txt": ("president-uz-allied-relations-briefing", {"uz-Cyrl"}),
    "004_e9981e5dfbf47917.txt": ("dunyo-strategic-partnership-new-era", {"kaa"}),
}


@pytest.fixture(scope="module")
def meta() -> rdflib.Graph:
    return rdflib.Graph().parse(ROOT / "data/sources/documents.ttl")


def test_every_seed_has_metadata_and_a_byte_identical_copy(meta):
    for seed, (slug, _) in EXPECTED.items():
        doc = DOC[slug]
        assert (doc, ITT.seedFile, rdflib.Literal(seed)) in meta
        path = ROOT / str(meta.value(doc, ITT.textFile))
        data = path.read_bytes()
        assert hashlib.sha256(data).hexdigest() == str(meta.value(doc, ITT.sha256))
        if SEEDS.is_dir():
            assert data == (SEEDS / seed).read_bytes(), f"{path.name} differs from seed {seed}"


def test_no_stray_texts(meta):
    listed = {str(o) for o in meta.objects(None, ITT.textFile)}
    on_disk = {f"data/sources/{p.name}" for p in (ROOT / "data/sources").glob("*.txt")}
    assert on_disk == listed


def test_languages_titles_and_dates(meta):
    for slug, langs in EXPECTED.values():
        doc = DOC[slug]
        assert {str(x) for x in meta.objects(doc, DCT.language)} == langs
        assert meta.value(doc, DCT.alternative) is not None, f"{slug} has no English title"
        # Every document has a date or an earliest date, and says how it was derived.
        assert meta.value(doc, DCT.date) is not None or meta.value(doc, ITT.earliestDate) is not None
        assert meta.value(doc, ITT.dateDerivation) is not None


def test_dates_have_the_precision_the_texts_allow(meta):
    # 003: "December" + the 30th anniversary of relations established in 1992 → a month;
    # 004: "Бүгин, 14-ноябрь күни" → a day. Neither text gives more.
    assert meta.value(DOC["president-uz-allied-relations-briefing"], DCT.date) == rdflib.Literal(
        "2022-12", datatype=rdflib.XSD.gYearMonth
    )
    assert meta.value(DOC["dunyo-strategic-partnership-new-era"], DCT.date) == rdflib.Literal(
        "2025-11-14", datatype=rdflib.XSD.date
    )
    # 001 and 002 carry no date at all: only an earliest possible year.
    for slug in ("interstate-relations-concept", "cis-cooperation-uzbekistan-kazakhstan"):
        assert meta.value(DOC[slug], DCT.date) is None


def test_titles_as_written(meta):
    text = (ROOT / "data/sources/dunyo-strategic-partnership-new-era.kaa.txt").read_text(encoding="utf-8")
    title = meta.value(DOC["dunyo-strategic-partnership-new-era"], DCT.title)
    assert title.language == "kaa" and text.startswith(str(title))
    assert str(meta.value(DOC["president-uz-allied-relations-briefing"], DCT.source)) == (
        "https://president.uz/uz/lists/view/5782"
    )


def test_a_changed_text_fails_the_build(project_copy):
    path = project_copy.sources_dir / "interstate-relations-concept.uz-Latn.txt"
    path.write_bytes(path.read_bytes().replace("Oʻzbekiston".encode(), b"O'zbekiston", 1))
    with pytest.raises(ChecksumError) as err:
        build(project_copy)
    assert "interstate-relations-concept.uz-Latn.txt" in str(err.value)
    assert not project_copy.dataset_path.exists(), "nothing half-written"
