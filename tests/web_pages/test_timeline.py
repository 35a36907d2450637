"""The timeline: every dated event and agreement on the time axis, linked to its page, drawn
at the precision its documents give (XSD: xsd:date a day, xsd:gYearMonth a month, xsd:gYear
a year)."""

from __future__ import annotations

import re
from datetime import date

import pyoxigraph as ox
import pytest

from ittifoq.web.timeline import Item, PDate, layout, parse_date, year_fraction

XSD = "http://www.w3.org/2001/XMLSchema#"
ID = "https://w3id.org/ittifoq/id/"


def lit(value, dt):
    return ox.Literal(value, datatype=ox.NamedNode(XSD + dt))


@pytest.mark.parametrize("value, dt, precision, first, last", [
    ("2017-03-22", "date", "day", date(2017, 3, 22), date(2017, 3, 22)),
    ("2024-08", "gYearMonth", "month", date(2024, 8, 1), date(2024, 8, 31)),
    ("2024-02", "gYearMonth", "month", date(2024, 2, 1), date(2024, 2, 29)),  # leap year
    ("2023-02", "gYearMonth", "month", date(2023, 2, 1), date(2023, 2, 28)),
    ("1997", "gYear", "year", date(1997, 1, 1), date(1997, 12, 31)),
    ("2017-03-22Z", "date", "day", date(2017, 3, 22), date(2017, 3, 22)),  # timezoned
])
def test_dates_keep_their_precision(value, dt, precision, first, last):
    d = parse_date(lit(value, dt))
    assert d.precision == precision and d.first_day() == first and d.last_day() == last


def test_malformed_dates_are_left_out():
    assert parse_date(lit("2017-13-40", "date")) is None
    assert parse_date(lit("soon", "gYear")) is None


def test_year_month_day_widths(app):
    items = [
        Item(ID + "event/a-year", "event", PDate(2020, None, None, "2020"), None),
        Item(ID + "event/b-month", "event", PDate(2021, 6, None, "2021-06"), None),
        Item(ID + "event/c-day", "event", PDate(2022, 3, 1, "2022-03-01"), None),
        Item(ID + "event/d-span", "event", PDate(2022, 3, 1, "2022-03-01"), PDate(2022, 3, 31, "2022-03-31")),
    ]
    with app.test_request_context("/timeline"):
        drawing = layout(items, ["en"])
    by = {v["iri"].rsplit("/", 1)[1]: v for v in drawing["items"]}
    ticks = {t["year"]: t["x"] for t in drawing["ticks"]}
    year_width = ticks[2021] - ticks[2020]
    assert by["a-year"]["w"] == pytest.approx(year_width, rel=0.01)
    assert by["a-year"]["x"] == pytest.approx(ticks[2020], abs=0.01)
    assert by["b-month"]["w"] == pytest.approx(year_width * 30 / 365, rel=0.02)
    assert by["b-month"]["x"] == pytest.approx(ticks[2021] + year_width * (31 + 28 + 31 + 30 + 31) / 365, abs=0.5)
    assert by["c-day"]["point"] and not by["b-month"]["point"] and not by["d-span"]["point"]
    assert by["d-span"]["w"] == pytest.approx(year_width * 31 / 365, rel=0.02)
    assert by["a-year"]["precision"] == "year" and by["b-month"]["precision"] == "month"
    assert year_fraction(date(2022, 3, 1)) < year_fraction(date(2022, 3, 31), end_of_day=True)


def dated(kg, cls):
    rows = kg.query(f"""
        SELECT DISTINCT ?s WHERE {{
          ?s a/rdfs:subClassOf* {cls} ; itt:date|itt:startDate|itt:signingDate|itt:endDate ?d
          FILTER(STRSTARTS(STR(?s), "{ID}"))
        }}""")
    return sorted(r["s"].value for r in rows)


def test_every_dated_event_and_agreement_is_drawn_and_linked(client, kg):
    page = client.get("/timeline?all=1").get_data(as_text=True)
    svg = page[page.index("<svg class=\"timeline\""):page.index("</svg>", page.index("<svg class=\"timeline\""))]
    links = set(re.findall(r'<a href="([^"]+)" class="item lane-(\w+)"', svg))
    events, agreements = dated(kg, "itt:Event"), dated(kg, "itt:Agreement")
    assert events and agreements
    for iri in events:
        assert ("/page/" + iri[len(ID):], "event") in links, iri
    for iri in agreements:
        assert ("/page/" + iri[len(ID):], "agreement") in links, iri


def test_sources_that_differ_in_precision(client):
    # Diplomatic relations: "1992-11-23" (dunyo-…, kaa) and "1992-11" (khayrullaev-…, uz-Cyrl).
    page = client.get("/timeline?all=1").get_data(as_text=True)
    block = re.search(r'<a href="/page/relation/uz-kz-diplomatic-relations"[^>]*>(.*?)</a>', page, flags=re.S).group(1)
    assert "<circle" in block  # drawn at the most precise date given: a day
    title = re.search(r"<title>(.*?)</title>", block, flags=re.S).group(1)
    assert "1992-11-23" in title and "dunyo-strategic-partnership-new-era" in title
    assert "1992-11 (khayrullaev-uzbekistan-kazakhstan-cooperation)" in title


def test_zoom_to_a_decade(client):
    page = client.get("/timeline?from=2020&to=2029").get_data(as_text=True)
    years = [int(y) for y in re.findall(r'<text x="[\d.]+" y="14" text-anchor="middle">(\d{4})</text>', page)]
    assert years and min(years) >= 2020 and max(years) <= 2030
    assert 'href="/page/relation/uz-kz-diplomatic-relations"' not in page.split("<h2>In order</h2>")[0]


def test_page_is_self_contained(client):
    page = client.get("/timeline?all=1").get_data(as_text=True)
    assert not re.search(r'(src|href)="(https?:)?//', page.split("<footer")[0].replace(
        'href="https://creativecommons.org/licenses/by/4.0/"', ""))


def test_timeline_opens_where_the_events_are_and_names_start_and_end(client):
    import re

    page = client.get("/timeline").get_data(as_text=True)
    # Most dated facts are from 2017 on; independence-era ones (1991–1992) are one click away.
    ticks = [int(y) for y in re.findall(r'<text x="[\d.]+" y="14" text-anchor="middle">(\d{4})</text>', page)]
    assert ticks and min(ticks) >= 2016
    assert 'id="dense-note"' in page and "all=1" in page
    everything = client.get("/timeline?all=1").get_data(as_text=True)
    ticks = [int(y) for y in re.findall(r'<text x="[\d.]+" y="14" text-anchor="middle">(\d{4})</text>', everything)]
    assert min(ticks) <= 1995
    # the table names start and end; a range is written once
    assert ">Start</th>" in page and ">End</th>" in page
    assert not re.search(r"\b(\d{4}) – \1\b", page)
