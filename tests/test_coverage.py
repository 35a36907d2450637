"""Sentence cutting of the extracted texts, and the coverage figures built on it."""

from __future__ import annotations

from conftest import ROOT
from ittifoq.cli import main
from ittifoq.coverage import document_coverage, sentences


def text(name: str) -> str:
    return (ROOT / "data/sources" / name).read_text(encoding="utf-8")


def test_initials_and_page_breaks_do_not_cut_sentences():
    latin = [s.text for s in sentences(text("cis-cooperation-uzbekistan-kazakhstan.uz-Latn.txt"))]
    assert any(s.startswith("Xususan, 2018-yil 15 martda") and s.endswith("alohida ahamiyatga ega.")
               for s in latin), "Sh.M. Mirziyoyev is not a sentence end"
    concept = [s.text for s in sentences(text("interstate-relations-concept.uz-Latn.txt"))]
    # A sentence broken over blank lines by the PDF extraction stays whole.
    assert "Ushbu maqolada Markaziy Osiyo hududidagi ikki davlat O‘zbekiston va Qozog‘iston o‘rtasidagi " \
           "davlatlararo aloqalar tushunchasi yoritilgan." in concept
    cyrl = [s.text for s in sentences(text("khayrullaev-uzbekistan-kazakhstan-cooperation.uz-Cyrl.txt"))]
    assert any("узвий боғлиқлигига алоҳида эътибор қаратилмоқда." in s for s in cyrl)


def test_offsets_point_into_the_text():
    t = text("dunyo-strategic-partnership-new-era.kaa.txt")
    for s in sentences(t):
        assert " ".join(t[s.start:s.end].split()) == s.text


def test_diplomatic_relations_sentence_is_cited(kg):
    cov = {c.slug: c for c in document_coverage(kg)}["dunyo-strategic-partnership-new-era"]
    cited = [s.text for s, c in zip(cov.sentences, cov.cited, strict=True) if c]
    assert "Өзбекстан ҳәм Қазақстан арасында дипломатиялық қатнасықлар 1992-жыл 23-ноябрьде орнатылған." in cited
    assert cov.facts >= 1 and cov.evidences >= 1


def test_abstracts_and_keyword_lines_count_as_metadata(kg):
    cov = {c.slug: c for c in document_coverage(kg)}["interstate-relations-concept"]
    meta = [s.text for s, m in zip(cov.sentences, cov.metadata, strict=True) if m]
    assert any(s.startswith("Keywords: Uzbekistan, Kazakhstan, Central Asia") for s in meta)
    assert "В статье рассматривается концепция межгосударственных отношений между Узбекистаном и Казахстаном " \
           "в Центральной Азии." in meta
    assert all(not s.text.startswith("Keywords:") for s in cov.uncited)


def test_stats_coverage_cli(project_copy, monkeypatch, capsys):
    monkeypatch.chdir(project_copy.root)
    assert main(["stats", "--coverage"]) == 0
    out = capsys.readouterr().out
    assert "Evidence coverage per document" in out and "dunyo-strategic-partnership-new-era" in out
    assert "Uncited sentences of" in out
