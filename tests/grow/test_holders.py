"""An office named without its holder, resolved through the graph's office holdings
(grow/holders.py), on sentences of our own."""

from __future__ import annotations

import pytest

from conftest import ROOT
from ittifoq.config import Config
from ittifoq.grow import holders
from ittifoq.grow.compose import add_office_names
from ittifoq.grow.dates import find_dates
from ittifoq.grow.gazetteer import Gazetteer, Label, load
from ittifoq.grow.holders import Holding
from ittifoq.grow.mentions import find_mentions
from ittifoq.grow.suggest import DocumentInfo, suggest

from .offices_kit import ID, offices_gazetteer

KZ = ID + "office/president-of-kazakhstan"
TOKAYEV, NAZARBAYEV = ID + "person/kassym-jomart-tokayev", ID + "person/nursultan-nazarbayev"
HOLDINGS = [
    Holding(ID + "holding/n", NAZARBAYEV, KZ, "2010-05-01", "2018-03-15", "test"),
    Holding(ID + "holding/t", TOKAYEV, KZ, "2019-04-14", "2025-11-14", "test"),
]


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    g = offices_gazetteer(Label(TOKAYEV, "Қасим-Жомарт Тоқаев", "uz-Cyrl", "alt", "test"))
    add_office_names(g)
    return g


def _holders(text: str, g: Gazetteer, published: str | None, holdings=HOLDINGS) -> list[tuple[str, str]]:
    found = holders.inferred(text, find_mentions(text, g), find_dates(text, published), published, holdings)
    return [(m.text, m.iri[len(ID) :]) for m in found]


def test_the_one_holder_at_the_publication_date(g):
    text = "Қозоғистон Президенти Тошкентга ташриф буюрди."
    assert _holders(text, g, "2023-05") == [("Қозоғистон Президенти", "person/kassym-jomart-tokayev")]
    m = holders.inferred(text, find_mentions(text, g), [], "2023-05", HOLDINGS)[0]
    assert {"inferred", f"holding:{ID}holding/t", "date:2023-05", "date-from:publication-date"} <= set(m.features)


def test_the_sentence_date_wins_over_the_publication_date(g):
    text = "2015 йил 10 июнда Қозоғистон Президенти Тошкентга келди."
    assert _holders(text, g, "2023-05") == [("Қозоғистон Президенти", "person/nursultan-nazarbayev")]


@pytest.mark.parametrize("text, published, holdings", [
    # A date outside every holding.
    ("2005 йил 10 июнда Қозоғистон Президенти Тошкентга келди.", "2023-05", HOLDINGS),
    # Between the two holdings the graph knows: nobody is attested then.
    ("2018 йил 10 июнда Қозоғистон Президенти Тошкентга келди.", None, HOLDINGS),
    # No date at all.
    ("Қозоғистон Президенти Тошкентга келди.", None, HOLDINGS),
    # The President of a third state: no holding.
    ("Қирғизистон Президенти Тошкентга келди.", "2023-05", HOLDINGS),
    # Two persons fit the date.
    ("Қозоғистон Президенти Тошкентга келди.", "2023-05",
     [*HOLDINGS, Holding(ID + "holding/x", ID + "person/someone", KZ, "2022-01-01", "2024-01-01", "test")]),
    # A holding of another person with no date may cover any date.
    ("Қозоғистон Президенти Тошкентга келди.", "2023-05",
     [*HOLDINGS, Holding(ID + "holding/x", ID + "person/someone", KZ, None, None, "test")]),
    # The text names the holder itself.
    ("Қозоғистон Президенти Қасим-Жомарт Тоқаев Тошкентга келди.", "2023-05", HOLDINGS),
])
def test_no_link_when_the_graph_does_not_say_who(text, published, holdings, g):
    assert _holders(text, g, published, holdings) == []


def test_the_holdings_come_from_the_other_documents_only():
    config = Config(root=ROOT)
    held_out = "dunyo-strategic-partnership-new-era"
    loo = holders.load(config, exclude=held_out)
    assert all(h.source != f"facts/{held_out}" for h in loo)
    assert any(h.source == f"facts/{held_out}" for h in holders.load(config))
    # The Speaker of the Oliy Majlis is held only in that document: without it, no holder.
    speaker = ID + "office/speaker-of-the-oliy-majlis"
    assert holders.holder_at(holders.load(config), speaker, "2022") is not None
    assert holders.holder_at(loo, speaker, "2022") is None


def test_suggest_proposes_the_holder_as_a_separate_mention_candidate():
    config = Config(root=ROOT)
    g = load(config, exclude="president-uz-allied-relations-briefing")
    doc = DocumentInfo("own", "Қозоғистон Президенти Тошкентга ташриф буюрди.", ("uz-Cyrl",), "2023-05")
    links = {(c.exact, c.body_iri[len(ID) :]) for c in suggest(doc, g) if c.kind == "Mention"}
    assert {("Қозоғистон Президенти", "office/president-of-kazakhstan"),
            ("Қозоғистон Президенти", "person/kassym-jomart-tokayev")} <= links


def test_the_candidate_names_its_rule_and_accepting_it_writes_no_label():
    from ittifoq.grow.accept import mention_turtle

    config = Config(root=ROOT)
    g = load(config, exclude="president-uz-allied-relations-briefing")
    text = "Қозоғистон Президенти Тошкентга ташриф буюрди."
    doc = DocumentInfo("own", text, ("uz-Cyrl",), "2023-05")
    by_iri = {c.body_iri[len(ID) :]: c for c in suggest(doc, g) if c.kind == "Mention"}
    inferred, office = by_iri["person/kassym-jomart-tokayev"], by_iri["office/president-of-kazakhstan"]
    assert (inferred.rule, office.rule) == ("office-holder", "gazetteer-mention")
    # "Қозоғистон Президенти" is a name of the office, not of the person who holds it.
    assert mention_turtle(inferred, text, ("uz-Cyrl",)) == ""
    assert mention_turtle(office, text, ("uz-Cyrl",)) == (
        'office:president-of-kazakhstan skos:altLabel "Қозоғистон Президенти"@uz-Cyrl .\n')
