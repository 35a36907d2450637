"""``/timeline``: the dated events, agreements and other facts on a time axis, drawn as inline
SVG (no script, nothing from another site), each mark linking to its page.

Dates keep the precision the documents give (xsd:date, xsd:gYearMonth, xsd:gYear): a day is
drawn as a dot (or a bar from start day to end day), a month as a bar over the month, a year
as a hatched bar over the year. Where documents give one fact different dates (a month in
one, the day in another), the most precise is drawn and all are listed in its tooltip.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

import pyoxigraph as ox
from flask import Blueprint, render_template, request, url_for

from .. import namespaces as ns
from . import linked_data as ld
from .dates import date_words
from .i18n import translate

bp = Blueprint("timeline", __name__)

DATES_QUERY = """
SELECT DISTINCT ?s ?p ?d ?g WHERE {
  VALUES ?p { itt:date itt:signingDate itt:startDate itt:endDate }
  GRAPH ?g { ?s ?p ?d }
  FILTER(isIRI(?s) && isLITERAL(?d))
}"""
START_PREDICATES = (ns.ITT + "startDate", ns.ITT + "date", ns.ITT + "signingDate")
END_PREDICATE = ns.ITT + "endDate"
LANES = (("event", "timeline.events", ns.ITT + "Event"), ("agreement", "timeline.agreements", ns.ITT + "Agreement"),
         ("other", "timeline.other", None))

# Drawing, in SVG user units.
WIDTH = 1000
MARGIN_LEFT, MARGIN_RIGHT = 20, 20
ROW_HEIGHT = 22
LANE_GAP = 34
AXIS_HEIGHT = 30
CHAR_WIDTH = 6.6  # average advance of the 12px label font, for packing labels into rows
LABEL_CHARS = 70
MAX_ITEMS = 500
_DATE_RE = re.compile(r"^(-?\d{4,})(?:-(\d{2}))?(?:-(\d{2}))?")

PRECISION = {ns.XSD + "date": "day", ns.XSD + "dateTime": "day", ns.XSD + "gYearMonth": "month",
             ns.XSD + "gYear": "year"}
RANK = {"day": 3, "month": 2, "year": 1}


@dataclass(frozen=True)
class PDate:
    """A date at the precision a document states it."""

    year: int
    month: int | None
    day: int | None
    text: str

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day:
            return date(self.year, self.month, self.day)
        if self.month:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)


def parse_date(literal: ox.Literal) -> PDate | None:
    """A date literal at its stated precision (by datatype; by shape for plain strings)."""
    m = _DATE_RE.match(literal.value.strip())
    if not m:
        return None
    precision = PRECISION.get(literal.datatype.value if literal.datatype else "")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) and precision in (None, "month", "day") else None
    day = int(m.group(3)) if m.group(3) and month and precision in (None, "day") else None
    try:
        pd = PDate(year, month, day, literal.value.strip())
        pd.first_day()
    except ValueError:
        return None
    if not 1 <= year <= 9999:
        return None
    return pd


def year_fraction(d: date, end_of_day: bool = False) -> float:
    days = 366 if calendar.isleap(d.year) else 365
    return d.year + (d.timetuple().tm_yday - (0 if end_of_day else 1)) / days


@dataclass
class Item:
    iri: str
    lane: str
    start: PDate
    end: PDate | None
    statements: list[tuple[str, str, str]] = field(default_factory=list)  # (predicate, date, graph)

    @property
    def t0(self) -> float:
        return year_fraction(self.start.first_day())

    @property
    def t1(self) -> float:
        last = self.end.last_day() if self.end else self.start.last_day()
        return max(year_fraction(last, end_of_day=True), self.t0)


def _most_precise(dates: list[PDate]) -> PDate | None:
    if not dates:
        return None
    return max(dates, key=lambda d: (RANK[d.precision], -d.first_day().toordinal()))


def collect_items() -> list[Item]:
    found: dict[str, dict] = {}
    for r in ld.rows(DATES_QUERY):
        s = r["s"].value
        if not s.startswith(ns.ID):
            continue
        pd = parse_date(r["d"])
        if pd is None:
            continue
        entry = found.setdefault(s, {"starts": [], "ends": [], "statements": []})
        (entry["ends"] if r["p"].value == END_PREDICATE else entry["starts"]).append(pd)
        entry["statements"].append((r["p"].value, pd.text, r["g"].value))
    items = []
    ld.types_for(found)
    for s, entry in found.items():
        start = _most_precise(entry["starts"]) or _most_precise(entry["ends"])
        end = _most_precise(entry["ends"]) if entry["starts"] else None
        if end is not None and end.last_day() < start.first_day():
            end = None
        lane = next((key for key, _, cls in LANES if cls and ld.is_a(s, cls)), "other")
        items.append(Item(s, lane, start, end, sorted(set(entry["statements"]))))
    items.sort(key=lambda it: (it.t0, it.t1, it.iri))
    return items


def _ticks(y0: int, y1: int) -> list[int]:
    span = y1 - y0
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 1000) if span / s <= 16)
    first = -(-y0 // step) * step
    return list(range(first, y1 + 1, step))


def layout(items: list[Item], langs: list[str], start: int | None = None, end: int | None = None) -> dict:
    """Positions of the marks and labels: x by date, lanes by kind, and within a lane labels
    packed into as few rows as do not overlap. ``start``/``end`` (years) fix the axis."""
    if not items:
        return {"lanes": [], "ticks": [], "width": WIDTH, "height": AXIS_HEIGHT, "items": []}
    y0 = min(int(it.t0) for it in items)
    y1 = max(int(it.t1) for it in items) + 1
    y0 = max(y0, start) if start is not None else y0
    y1 = min(y1, end + 1) if end is not None else y1
    if y1 - y0 < 2:
        y0, y1 = y0 - 1, y1 + 1
    plot = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    ld.labels_for([it.iri for it in items])

    def x(t: float) -> float:
        return round(MARGIN_LEFT + (t - y0) / (y1 - y0) * plot, 2)

    lanes, views = [], []
    top = AXIS_HEIGHT + 10
    for key, title, _ in LANES:
        lane_items = [it for it in items if it.lane == key]
        if not lane_items:
            continue
        rows_end: list[float] = []
        lane_top = top + 18
        for it in lane_items:
            name, lang = ld.label_of(it.iri, langs)
            x0, x1 = x(max(it.t0, y0)), x(min(it.t1, y1))
            w = max(x1 - x0, 0.0)
            # Labels go right of the mark, or left of it where there is more room, cut to fit.
            room_right, room_left = WIDTH - x1 - 8, x0 - 8
            right = room_right >= min(len(name), LABEL_CHARS) * CHAR_WIDTH or room_right >= room_left
            fits = int((room_right if right else room_left) // CHAR_WIDTH)
            limit = max(8, min(LABEL_CHARS, fits))
            shown = name if len(name) <= limit else name[: limit - 1] + "…"
            text_w = len(shown) * CHAR_WIDTH
            occupied = (x0, x1 + 8 + text_w) if right else (x0 - 8 - text_w, x1)
            row = next((i for i, end in enumerate(rows_end) if end + 6 <= occupied[0]), None)
            if row is None:
                rows_end.append(occupied[1])
                row = len(rows_end) - 1
            else:
                rows_end[row] = occupied[1]
            cy = lane_top + row * ROW_HEIGHT + ROW_HEIGHT / 2
            precision = it.start.precision if not it.end else min(
                (it.start.precision, it.end.precision), key=lambda p: RANK[p])
            point = precision == "day" and it.end is None
            dates = date_words(it.start.text, it.end.text if it.end else "")
            sources = sorted({(ld.short_name(p), d, ld.graph_name(g)) for p, d, g in it.statements})
            views.append({
                "iri": it.iri, "href": ld.href(it.iri), "label": shown, "full_label": name, "lang": lang,
                "lane": key, "x": x0, "w": round(max(w, 3.0), 2), "cx": round((x0 + x1) / 2, 2), "cy": cy,
                "point": point, "precision": precision, "dates": dates,
                "text_x": round(x1 + 8, 2) if right else round(x0 - 8, 2),
                "anchor": "start" if right else "end", "sources": sources,
                "start": it.start.text, "end": it.end.text if it.end else "",
            })
        height = max(1, len(rows_end)) * ROW_HEIGHT
        lanes.append({"key": key, "title": translate(title), "y": top, "height": height + 22, "count": len(lane_items)})
        top = lane_top + height + LANE_GAP
    ticks = [{"year": y, "x": x(y)} for y in _ticks(y0, y1)]
    return {"lanes": lanes, "ticks": ticks, "width": WIDTH, "height": top, "items": views,
            "plot_left": MARGIN_LEFT, "plot_right": WIDTH - MARGIN_RIGHT}


def _year_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if re.fullmatch(r"\d{4}", value) else None


def periods(items: list[Item]) -> list[dict]:
    """Decades that hold something, for zooming in: a few early facts (CIS membership in
    1991) would otherwise squeeze the recent years into a corner."""
    if not items:
        return []
    first, last = min(it.start.year for it in items), max(int(it.t1) for it in items)
    out = []
    for decade in range(first - first % 10, last + 1, 10):
        n = sum(1 for it in items if it.t0 < decade + 10 and it.t1 >= decade)
        if n:
            out.append({"from": decade, "to": decade + 9, "count": n})
    return out


DENSE_SHARE = 0.8


def dense_range(items: list[Item]) -> tuple[int, int] | None:
    """From the first year of the shortest span holding four fifths of the facts to the last year of
    all, when that leaves early facts out."""
    if len(items) < 10:
        return None
    years = sorted(it.start.year for it in items)
    keep = int(len(years) * DENSE_SHARE + 0.999)
    best = min((years[i + keep - 1] - years[i], i) for i in range(len(years) - keep + 1))
    lo, hi = years[best[1]], max(int(it.t1) for it in items)
    if lo <= years[0]:
        return None
    return lo, hi


@bp.route("/timeline")
def timeline():
    langs = ld.reader_languages()
    items = ld.per_data().get("timeline-items", collect_items)
    start, end = _year_arg("from"), _year_arg("to")
    dense = None
    if start is None and end is None and "all" not in request.args:
        # Open on the years where the events are: a few early facts (independence, 1991)
        # would squeeze the rest into a corner. The page offers all years in one click.
        dense = dense_range(items)
        if dense:
            start, end = dense
    shown = [it for it in items if (start is None or it.t1 >= start) and (end is None or it.t0 < end + 1)]
    # A drawing of thousands of marks helps nobody (and a large store has them): the latest
    # are drawn, and the page says so and offers the decades.
    left_out = max(0, len(shown) - MAX_ITEMS)
    drawing = layout(shown[left_out:], langs, start, end)
    listing = sorted(drawing["items"], key=lambda v: (v["start"], v["iri"]))
    lang = {"lang": request.args["lang"]} if request.args.get("lang") else {}
    spans = [{**p, "href": url_for("timeline.timeline", **{"from": p["from"], "to": p["to"]}, **lang)}
             for p in periods(items)]
    earlier = sum(1 for it in items if start is not None and it.t1 < start)
    lane_titles = {key: translate(title) for key, title, _ in LANES}
    return render_template("timeline.html", lane_titles=lane_titles, drawing=drawing, listing=listing, periods=spans,
                           all_href=url_for("timeline.timeline", all=1, **lang), start=start, end=end,
                           total=len(items), left_out=left_out, dense=dense, earlier=earlier)
