"""``ittifoq ingest``: bytes unchanged, metadata the build accepts, debris flagged, atomic."""

from __future__ import annotations

import hashlib

import pytest
import rdflib

from conftest import ROOT
from ittifoq.build import build
from ittifoq.cli import main
from ittifoq.errors import SourceError, UsageError
from ittifoq.grow.ingest import ingest

FIXTURES = ROOT / "tests/grow/fixtures"
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
ITT = rdflib.Namespace("https://w3id.org/ittifoq/ontology/")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
DOC = rdflib.Namespace("https://w3id.org/ittifoq/id/document/")


def test_ingest_registers_a_document_the_build_accepts(project_copy):
    src = FIXTURES / "ru-visit.txt"
    r = ingest(project_copy, src, "ru-visit", published="2022-12-23", url="https://example.org/news/1")
    assert r.text_path.read_bytes() == src.read_bytes()
    meta = rdflib.Graph().parse(project_copy.sources_dir / "documents.ttl")
    doc = DOC["ru-visit"]
    assert str(meta.value(doc, ITT.sha256)) == hashlib.sha256(src.read_bytes()).hexdigest()
    assert str(meta.value(doc, ITT.textFile)) == "data/sources/ru-visit.ru.txt"
    assert {str(x) for x in meta.objects(doc, DCT.language)} == {"ru"}  # detected, not given
    date = meta.value(doc, DCT.date)
    assert str(date) == "2022-12-23" and date.datatype == rdflib.XSD.date
    # The headline, not the menu above it.
    assert meta.value(doc, DCT.title) == rdflib.Literal("Президент Казахстана посетил Ташкент", lang="ru")
    note = str(meta.value(doc, SKOS.editorialNote))
    assert "navigation menu at line 1" in note and "calendar widget at lines 9–11" in note
    result = build(project_copy, force=True)
    assert result.quads > 0
    nq = result.path.read_text(encoding="utf-8")
    assert "<https://w3id.org/ittifoq/id/document/ru-visit> <http://schema.org/text>" in nq


def test_precision_of_the_publication_date_is_kept(project_copy):
    ingest(project_copy, FIXTURES / "kk-meeting.txt", "kk-meeting", lang="kk", title="Кездесу", published="2024-08")
    meta = rdflib.Graph().parse(project_copy.sources_dir / "documents.ttl")
    date = meta.value(DOC["kk-meeting"], DCT.date)
    assert str(date) == "2024-08" and date.datatype == rdflib.XSD.gYearMonth
    assert str(meta.value(DOC["kk-meeting"], DCT.title)) == "Кездесу"


def test_hyphenated_line_breaks_are_flagged(project_copy):
    r = ingest(project_copy, FIXTURES / "uz-Latn-commission.txt", "uz-latn-commission", published="2023-03-16")
    assert [(d.kind, d.line) for d in r.debris] == [("hyphenation", 3)]
    assert r.languages == ["uz-Latn"]


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"slug": "Bad Slug", "published": "2024"}, UsageError, "--slug"),
        ({"slug": "x", "published": "2024-13-01"}, UsageError, "not a calendar date"),
        ({"slug": "x", "published": "14.11.2025"}, UsageError, "YYYY-MM-DD"),
        ({"slug": "x"}, UsageError, "--published"),
        ({"slug": "x", "lang": "uz", "published": "2024"}, UsageError, "--lang"),
        ({"slug": "dunyo-strategic-partnership-new-era", "published": "2024"}, UsageError, "already"),
    ],
)
def test_bad_input_changes_nothing(project_copy, kwargs, error, words):
    before = {p.name: p.read_bytes() for p in project_copy.sources_dir.iterdir()}
    with pytest.raises(error, match=words):
        ingest(project_copy, FIXTURES / "uz-Cyrl-call.txt", **kwargs)
    assert {p.name: p.read_bytes() for p in project_copy.sources_dir.iterdir()} == before


def test_a_text_that_is_not_utf8_is_refused_with_its_line(project_copy, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Бир\nИкки\n".encode() + "Уч".encode("cp1251"))
    before = sorted(p.name for p in project_copy.sources_dir.iterdir())
    with pytest.raises(SourceError, match=r"bad.txt:3: .*not UTF-8"):
        ingest(project_copy, bad, "bad", published="2024")
    assert sorted(p.name for p in project_copy.sources_dir.iterdir()) == before


def test_cli_ingest(project_copy, capsys):
    code = main(["--root", str(project_copy.root), "ingest", str(FIXTURES / "uz-Cyrl-call.txt"),
                 "--slug", "uz-cyrl-call", "--published", "2025-11-10"])
    out = capsys.readouterr().out
    assert code == 0 and "ingested uz-cyrl-call" in out and "uz-Cyrl" in out
    assert (project_copy.sources_dir / "uz-cyrl-call.uz-Cyrl.txt").is_file()
    code = main(["--root", str(project_copy.root), "ingest", str(FIXTURES / "uz-Cyrl-call.txt"),
                 "--slug", "uz-cyrl-call", "--published", "2025-11-10"])
    assert code == 2 and "already" in capsys.readouterr().err
