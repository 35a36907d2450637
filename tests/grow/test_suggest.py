"""``ittifoq suggest``: mentions linked in every language, dates never invented, every quote
locating where the build locates it, decisions kept across runs, candidates that fit the shape."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from ittifoq.config import Config
from ittifoq.evidence import locate
from ittifoq.grow.check import shape_violations
from ittifoq.grow.gazetteer import Gazetteer, Label, load
from ittifoq.grow.ingest import ingest
from ittifoq.grow.mentions import find_mentions
from ittifoq.grow.suggest import DocumentInfo, document, run, suggest

FIXTURES = ROOT / "tests/grow/fixtures"
ID = "https://w3id.org/ittifoq/id/"
SEED_SLUGS = ["khayrullaev-uzbekistan-kazakhstan-cooperation", "interstate-relations-concept",
              "cis-cooperation-uzbekistan-kazakhstan", "president-uz-allied-relations-briefing",
              "dunyo-strategic-partnership-new-era"]

# What each fixture names, read off the texts we wrote (not off the suggester's output).
EXPECTED = {
    "ru-visit.txt": {"state/KZ", "state/UZ", "place/tashkent", "person/kassym-jomart-tokayev",
                     "office/president-of-kazakhstan",
                     "person/shavkat-mirziyoyev", "organization/commonwealth-of-independent-states",
                     "organization/shanghai-cooperation-organisation"},  # ШОС
    "kk-meeting.txt": {"state/KZ", "state/UZ", "place/astana", "person/kassym-jomart-tokayev",
                       "person/shavkat-mirziyoyev",
                       "organization/supreme-interstate-council"},  # "Жоғары мемлекетаралық кеңестің": a calque
    # The states stand only inside the office names here ("Ўзбекистон Президенти"): the longest name wins.
    "uz-Cyrl-call.txt": {"office/president-of-uzbekistan", "office/president-of-kazakhstan",
                         "person/shavkat-mirziyoyev", "person/kassym-jomart-tokayev", "place/tashkent",
                         "organization/supreme-interstate-council",
                         "organization/commonwealth-of-independent-states"},
    "uz-Latn-commission.txt": {"state/UZ", "state/KZ", "place/samarkand", "organization/intergovernmental-commission",
                               "person/kassym-jomart-tokayev", "person/shavkat-mirziyoyev"},
}


@pytest.fixture(scope="module")
def gazetteer():
    return load(Config(root=ROOT))


def _doc(name: str, published: str | None = None) -> DocumentInfo:
    return DocumentInfo(name, (FIXTURES / name).read_text(encoding="utf-8"), (), published)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_mentions_in_each_language(name, gazetteer):
    found = {c.body_iri[len(ID) :] for c in suggest(_doc(name), gazetteer) if c.kind == "Mention"}
    expected = EXPECTED[name]
    # Recall on what the reference data can know; every link made must be right.
    assert found <= expected, f"wrong links: {found - expected}"
    missing = expected - found
    assert len(missing) <= 1, f"missed {missing}"


def test_case_endings_are_scoped_to_the_labels_language():
    g = Gazetteer()
    g.add(Label(ID + "state/CN", "China", "en", "pref", "test"))
    g.add(Label(ID + "state/CN", "Xitoy", "uz-Latn", "alt", "test"))
    g.add(Label(ID + "state/KZ", "Казахстан", "ru", "alt", "test"))
    # An English label takes no Uzbek ending: "чинакам" / "Chinaga" are not China.
    assert find_mentions("Бу чинакам дўстлик.", g) == []
    assert find_mentions("Chinaga bordi.", g) == []
    assert [m.text for m in find_mentions("Xitoyga bordi, Chinada emas.", g)] == ["Xitoyga"]
    # A Russian label takes Russian endings, not Uzbek ones.
    assert [m.text for m in find_mentions("с Казахстаном", g)] == ["Казахстаном"]
    assert find_mentions("Казахстаннинг", g) == []


def test_acronyms_only_as_written():
    g = Gazetteer()
    g.add(Label(ID + "organization/un", "ВА", "uz-Cyrl", "acronym", "test"))
    assert find_mentions("Ўзбекистон ва Қозоғистон", g) == []
    assert [m.text for m in find_mentions("ВА қарори", g)] == ["ВА"]


@pytest.mark.parametrize("slug", SEED_SLUGS)
def test_every_quote_locates_and_no_date_is_invented(slug, gazetteer):
    doc = document(Config(root=ROOT), slug)
    candidates = suggest(doc, gazetteer)
    assert candidates
    # Every candidate has its own identity, even in a passage the text repeats word for word.
    assert len({c.identity(slug) for c in candidates}) == len(candidates)
    for c in candidates:
        span = locate(doc.text, c.exact, c.prefix, c.suffix)
        assert (span.start, span.end) == (c.start, c.end)
        assert doc.text[c.start : c.end] == c.exact
        if c.kind == "Date":
            for value in filter(None, (c.start_date, c.end_date)):
                year = re.match(r"^(\d{4})", value[0])
                # A year is either written in the quote or derived (and said to be).
                assert year is None or year.group(1) in c.exact or c.derivation, c


def test_a_year_missing_from_the_text_comes_only_from_the_publication_date(gazetteer):
    found = [c for c in suggest(_doc("uz-Cyrl-call.txt"), gazetteer) if c.kind == "Date"]
    assert [(c.exact, c.start_date) for c in found] == [("14-ноябрь", ("--11-14", "gMonthDay"))]
    found = [c for c in suggest(_doc("uz-Cyrl-call.txt", "2025-11-14"), gazetteer) if c.kind == "Date"]
    assert [(c.start_date, bool(c.derivation)) for c in found] == [(("2025-11-14", "date"), True)]


def test_decisions_survive_a_rerun_and_the_file_fits_the_shapes(project_copy):
    ingest(project_copy, FIXTURES / "ru-visit.txt", "ru-visit", published="2022-12-23")
    path, candidates, carried = run(project_copy, "ru-visit")
    assert carried == 0 and shape_violations(project_copy, path) == []
    victim = next(c for c in candidates if c.kind == "Mention")
    iri = victim.iri("ru-visit")
    text = path.read_text(encoding="utf-8")
    block_end = text.index("review:status review:Pending .", text.index(f"<{iri}>"))
    text = text[:block_end] + 'review:reason "test" ;\n        review:status review:Rejected .' + text[
        block_end + len("review:status review:Pending .") :]
    path.write_text(text, encoding="utf-8")
    _, again, carried = run(project_copy, "ru-visit")
    assert carried == 1
    assert [(c.status, c.reason) for c in again if c.iri("ru-visit") == iri] == [("Rejected", "test")]
    assert f'<{iri}>' in path.read_text(encoding="utf-8") and "review:Rejected" in path.read_text(encoding="utf-8")


def test_the_shapes_catch_a_rejection_without_reason_and_an_unmarked_year(project_copy):
    ingest(project_copy, FIXTURES / "uz-Cyrl-call.txt", "uz-cyrl-call", published="2025-11-14")
    path, _, _ = run(project_copy, "uz-cyrl-call")
    text = path.read_text(encoding="utf-8")
    assert "itt:derivation" in text
    broken = re.sub(r"\s*itt:derivation \"[^\"]*\"@en ;", "", text)
    broken = broken.replace("review:status review:Pending .", "review:status review:Rejected .", 1)
    path.write_text(broken, encoding="utf-8")
    messages = shape_violations(project_copy, path)
    assert any("says why" in m for m in messages)
    assert any("publication date carries itt:derivation" in m for m in messages)


def test_a_visit_already_in_the_graph_is_corroborated_not_duplicated(gazetteer):
    from ittifoq.grow.events import known_events

    known = known_events(Config(root=ROOT))
    events = [c for c in suggest(_doc("ru-visit.txt"), gazetteer, known) if c.kind == "Event"]
    assert [(c.event_class, c.start_date, c.end_date, c.corroborates) for c in events] == [
        ("StateVisit", ("2022-12-21", "date"), ("2022-12-22", "date"),
         ID + "event/2022-12-tokayev-state-visit-to-uzbekistan")]
    assert events[0].roles["visitor"] == ID + "person/kassym-jomart-tokayev"
    assert "21–22 декабря 2022 года" in events[0].exact and "государственным визитом" in events[0].exact


def test_an_event_with_a_contradicting_visitor_is_not_corroborated(gazetteer):
    from ittifoq.grow.events import known_events

    known = known_events(Config(root=ROOT))
    text = "2022 йил 21-22 декабрь кунлари Шавкат Мирзиёев Қозоғистонга давлат ташрифи билан борди."
    events = [c for c in suggest(DocumentInfo("x", text, (), None), gazetteer, known) if c.kind == "Event"]
    assert len(events) == 1 and events[0].corroborates is None
    assert events[0].roles == {"visitor": ID + "person/shavkat-mirziyoyev", "hostState": ID + "state/KZ"}


def test_a_meeting_of_another_body_is_not_corroborated_and_a_known_treaty_is(gazetteer):
    from ittifoq.grow.agreements import known_agreements
    from ittifoq.grow.events import known_events

    config = Config(root=ROOT)
    found = suggest(_doc("uz-Latn-commission.txt"), gazetteer, known_events(config), known_agreements(config))
    meeting = [c for c in found if c.kind == "Event"]
    assert [(c.event_class, c.start_date, c.corroborates) for c in meeting] == [
        ("Meeting", ("2023-03-15", "date"), None)]
    assert meeting[0].roles["ofBody"] == ID + "organization/intergovernmental-commission"
    treaty = [c for c in found if c.kind == "Agreement"]
    assert [(c.event_class, c.start_date, c.corroborates) for c in treaty] == [
        ("Treaty", ("2022-12", "gYearMonth"), ID + "agreement/treaty-on-allied-relations")]


def test_figures_keep_value_qualifier_and_the_year_written_before_them(gazetteer):
    text = ("2017 йилда савдо ҳажми қарийб 2,5 миллиард долларни ташкил этди. "
            "Товар айирбошлаш 2023 йилда 5 milliard dollardan ortiq bo‘ldi. Инвестициялар 300 миллион доллар.")
    figures = [c for c in suggest(DocumentInfo("x", text, (), None), gazetteer) if c.kind == "Figure"]
    assert [(c.figure, c.start_date) for c in figures] == [
        ((2500000000, "USDollar", "Approximately"), ("2017", "gYear")),
        ((5000000000, "USDollar", "MoreThan"), ("2023", "gYear")),
        ((300000000, "USDollar", "Exactly"), None),  # no year in its sentence: none invented
    ]
