"""Figures: a value in US dollars (or a percentage) with its scale word, qualifier and year.

Scale words and qualifiers of each corpus language: "миллиард/milliard/млрд/billion",
"миллион/million/млн"; "қарийб/qariyb/деярли/почти/около/шамамен/almost/about"
(approximately), "дан ортиқ/dan ortiq/зиёд/более/свыше/астам/аслам/over/more than" (more than).
The year is the one the sentence names (never invented; from the publication date only with a
derivation, as for dates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import DateMention
from .events import sentences

RULE, VERSION = "figure-words", "1"

_NUMBER = r"(?P<num>\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:[.,]\d+)?)"
_SCALE = {"миллиард": 10**9, "milliard": 10**9, "млрд": 10**9, "billion": 10**9, "миллион": 10**6,
          "million": 10**6, "млн": 10**6, "минг": 10**3, "ming": 10**3, "мың": 10**3, "тысяч": 10**3,
          "thousand": 10**3}
_CURRENCY = r"(?:АҚШ\s+)?(?:доллар|dollar|долл|USD|\$)|(?:AQSH|AQSh|АҚШ)\s+dollar"
_FIGURE = re.compile(
    _NUMBER + r"\s*(?P<scale>" + "|".join(_SCALE) + r")\w*\.?\s+(?P<cur>" + _CURRENCY + r")\w*", re.I)
_APPROX = re.compile(r"(?:қарийб|qariyb|деярли|deyarli|тахминан|taxminan|почти|около|порядка|шамамен|шама|almost"
                     r"|about|approximately)\s*$", re.I)
_MORE = re.compile(r"^\s*(?:дан|dan|дән|тан|нан)?\s*(?:ортиқ|ortiq|зиёд|ziyod|астам|аслам|артық|ziyoda)", re.I)
_MORE_BEFORE = re.compile(r"(?:более|свыше|over|more\s+than)\s*$", re.I)


@dataclass
class FigureGuess:
    start: int
    end: int
    value: int
    unit: str  # itt:Unit local name
    qualifier: str  # itt:ValueQualifier local name
    period: tuple[str, str] | None
    derivation: str | None


def find_figures(text: str, dates: list[DateMention]) -> list[FigureGuess]:
    out = []
    for s, e in sentences(text):
        for m in _FIGURE.finditer(text, s, e):
            raw = m.group("num").replace(" ", "").replace("\u00a0", "").replace(",", ".")
            value = round(float(raw) * _SCALE[m.group("scale").lower()])
            before, after = text[max(s, m.start() - 30) : m.start()], text[m.end() : min(e, m.end() + 20)]
            qualifier = "Exactly"
            if _APPROX.search(before):
                qualifier = "Approximately"
            elif _MORE_BEFORE.search(before) or _MORE.search(after):
                qualifier = "MoreThan"
            years = [d for d in dates if s <= d.start < e and d.begin.datatype == "gYear"]
            # The year written before the figure ("2017 йилда 10 миллион…"), else the next one after it.
            earlier = [d for d in years if d.start < m.start()]
            d = earlier[-1] if earlier else (years[0] if years else None)
            start = min(m.start(), d.start) if d else m.start()
            end = max(m.end(), d.end) if d else m.end()
            out.append(FigureGuess(start, end, value, "USDollar", qualifier,
                                   (d.begin.lexical, d.begin.datatype) if d else None, d.derivation if d else None))
    return out
