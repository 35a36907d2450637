"""Language of a paragraph from letters and function words (fixtures written for this project)."""

from __future__ import annotations

import pytest

from conftest import ROOT
from ittifoq.grow.langid import detect, languages

FIXTURES = ROOT / "tests/grow/fixtures"


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("Ўзбекистон ва Қозоғистон ўртасидаги ҳамкорлик йил сайин мустаҳкамланмоқда.", "uz-Cyrl"),
        ("Oʻzbekiston va Qozogʻiston oʻrtasidagi hamkorlik yil sayin mustahkamlanmoqda.", "uz-Latn"),
        ("Өзбекстан ҳәм Қазақстан арасындағы байланыслар жыл сайын беккемленбекте.", "kaa"),
        ("Өзбекстан мен Қазақстан арасындағы ынтымақтастық жыл сайын нығайып келеді.", "kk"),
        ("Сотрудничество между Узбекистаном и Казахстаном с каждым годом укрепляется.", "ru"),
        ("Cooperation between Uzbekistan and Kazakhstan is growing stronger every year.", "en"),
    ],
)
def test_each_language(text, tag):
    assert detect(text).tag == tag


def test_karakalpak_is_not_kazakh_by_letters():
    # ў and ҳ are Karakalpak; ұ and і are Kazakh.
    assert detect("Ҳүкиметлер ўақыя ҳаққында келисти.").tag == "kaa"
    assert detect("Үкіметтер оқиға туралы келісті.").tag == "kk"


def test_a_document_with_an_abstract_has_two_languages():
    text = (FIXTURES / "ru-visit.txt").read_text(encoding="utf-8")
    assert [tag for tag, _ in languages(text)][:1] == ["ru"]
