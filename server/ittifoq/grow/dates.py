"""A small date grammar for the corpus languages (uz-Cyrl, uz-Latn, kaa, kk, ru, en).

What it keeps that general date parsers lose: the precision the text gives (a day is an
``xsd:date``, a month an ``xsd:gYearMonth``, a year an ``xsd:gYear``), ranges as ranges
("21-22 декабрь" is a start and an end), and the absence of a year. A day and month without a
year is an ``xsd:gMonthDay``; a year is only ever added from the document's publication date,
and then the mention carries a ``derivation`` saying so. Relative years ("жорий йил", "усы
жыл", "this year", "в этом году") are resolved the same way, or left out.

Month names are written from the calendars of each language; case endings ("ноябрьде",
"декабрда", "августе", "қарашада") are allowed from a closed list of suffixes, so "май" never
matches "майдон".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# stem → month number. Stems are the part every inflected form shares.
_MONTHS = {
    # Uzbek/Karakalpak/Russian Cyrillic (Karakalpak uses the Russian names)
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "май": 5, "мая": 5, "мае": 5, "июн": 6, "июл": 7,
    "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
    # Kazakh
    "қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6, "шілде": 7,
    "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12,
    # Uzbek Latin
    "yanvar": 1, "fevral": 2, "mart": 3, "aprel": 4, "may": 5, "iyun": 6, "iyul": 7, "avgust": 8,
    "sentabr": 9, "sentyabr": 9, "oktabr": 10, "oktyabr": 10, "noyabr": 11, "dekabr": 12,
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# Endings a month name takes in the corpus languages (Russian genitive/prepositional, Uzbek,
# Kazakh and Karakalpak locative/ablative/dative/genitive, with or without the soft sign).
_SUFFIXES = sorted({
    "", "ь", "я", "е", "а", "ю", "ем",
    *(s + t for s in ("", "ь", "и", "ы") for t in (
        "да", "де", "та", "те", "дан", "ден", "тан", "тен", "нан", "нен", "га", "ге", "ға", "ка", "ке", "қа",
        "ни", "ди", "нинг", "ның", "нің", "даги", "дағы", "деги", "дағи", "ида", "идан", "ига")),
    "da", "dan", "ga", "ning", "dagi", "ni", "idan", "ida", "ya", "a", ".",
}, key=len, reverse=True)

_MONTH_ALTERNATIVES = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_MONTH_RE = "(?P<{name}>" + _MONTH_ALTERNATIVES + r")(?P<{name}_sfx>[\w.]*)"
_YEAR = r"(?P<{name}>(?:1[89]|20)\d\d)"
_DASH = r"\s*[-–—]\s*"
# What follows a year: "йил", "yil", "жыл", "ж.", "г.", "года", "й.", with case endings.
_YEAR_WORD = r"(?:[-–]?\s*(?:йил|yil|жыл|жил|год|г\.|гг\.|ж\.|й\.|y\.)\w*\.?)"
_DAY = r"(?P<{name}>[0-3]?\d)"
_ORD = r"(?:\s*[-–]\s*(?:сан|чи|chi|inchi|инчи|ші|шы|ый|е|го|th|st|nd|rd)\b)?"


def _month(name: str) -> str:
    return _MONTH_RE.replace("{name}", name)


def _year(name: str) -> str:
    return _YEAR.replace("{name}", name)


def _day(name: str) -> str:
    return _DAY.replace("{name}", name)


# Day range "21-22", "21–22", "5 - 6"; "22-23-март" puts a dash before the month too.
_DAYS = _day("d1") + _ORD + "(?:" + _DASH + _day("d2") + _ORD + ")?"
_PATTERNS = [
    # 2022 йил 21-22 декабрь / 2022-yil 21-dekabr / 1992-жыл 23-ноябрьде / 2017-жыл 22-23-март
    re.compile(_year("y") + r"(?:" + _YEAR_WORD + r")?[\s,]*" + _DAYS + r"\s*[-–]?\s*" + _month("m"), re.I),
    # 21–22 декабря 2022 года / 23 қараша 1992 ж. / 22 March 2017
    re.compile(_DAYS + r"\s*[-–]?\s*" + _month("m") + r"[\s,]+" + _year("y") + _YEAR_WORD + "?", re.I),
    # March 22, 2017 / March 22–23, 2017
    re.compile(_month("m") + r"\s+" + _DAYS + r",?\s+" + _year("y"), re.I),
    # 2024 йил август / 2024-yil avgust / 2024 жылғы тамыз
    re.compile(_year("y") + _YEAR_WORD + r"?[\s,]+" + _month("m"), re.I),
    # август 2024 / в августе 2024 года / August 2024
    re.compile(_month("m") + r"[\s,]+" + _year("y") + _YEAR_WORD + "?", re.I),
    # 14-ноябрь / 5-6 декабрь / 21 декабря / 14 November (no year)
    re.compile(_DAYS + r"\s*[-–]?\s*" + _month("m"), re.I),
    # 2024-2034 йиллар / 2017–2022 yillar (year range, with a year word)
    re.compile(_year("y") + _DASH + _year("y2") + _YEAR_WORD, re.I),
    # 1997 йил / 1997-yilda / 1992 жылы / в 1997 году / 1997 г. / in 1997
    re.compile(_year("y") + _YEAR_WORD, re.I),
    re.compile(r"\b(?:in|since|until|by)\s+" + _year("y") + r"\b", re.I),
]
# "this year" in each language: resolved from the publication date only.
_THIS_YEAR_MONTH = re.compile(
    r"(?:жорий|шу|усы|осы|бу|joriy|shu|bu|this|этого|текущего)\s+(?:йил|жыл|yil|year|года)\w*[\s,]+"
    + _month("m"), re.I)


# Relative years, by offset from the publication year.
_RELATIVE_YEARS = [
    (0, r"жорий\s+йил|joriy\s+yil|шу\s+йил|shu\s+yil|усы\s+жыл|осы\s+жыл|биыл|в\s+этом\s+году|текущего\s+года"
        r"|this\s+year"),
    (1, r"келгуси\s+йил|kelgusi\s+yil|келаси\s+йил|kelasi\s+yil|кейинги\s+йил|keyingi\s+yil|келеси\s+жыл"
        r"|в\s+следующем\s+году|next\s+year"),
    (-1, r"ўтган\s+йил|o.tgan\s+yil|өткен\s+жыл|в\s+прошлом\s+году|last\s+year"),
]
_RELATIVE_RE = [(k, re.compile(r"\b(?:" + p + r")\w*", re.I)) for k, p in _RELATIVE_YEARS]
# A month named alone, as the time of something ("Октябрь ойида", "ноябрда", "в октябре",
# "in October"): its year is the publication year only if the curator accepts that reading.
_MONTH_WORD = r"\s+(?:ойида|ойи|oyida|oyi|айында|айы|айда)"
_BARE_MONTH = re.compile(r"(?:\b(?:in|в|во)\s+)?" + _month("m") + f"(?:{_MONTH_WORD})?", re.I)
_MONTH_WORD_AFTER = re.compile(_MONTH_WORD + r"\b", re.I)


@dataclass(frozen=True)
class DateValue:
    lexical: str  # e.g. "2022-12-21", "2024-08", "1997", "--11-14"
    datatype: str  # date | gYearMonth | gYear | gMonthDay | gMonth (XML Schema local names)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    begin: DateValue
    finish: DateValue | None  # the end of a range, else None
    derivation: str | None = None  # set when a year was taken from the publication date


def _month_of(match: re.Match, name: str) -> int | None:
    stem = match.group(name).lower()
    sfx = match.group(name + "_sfx").lower()
    if sfx not in _SUFFIXES:
        return None
    if len(stem) <= 3 and stem.isascii() and sfx not in ("", "."):
        return None  # "mar", "may", "dec" take no endings: "marketing", "mayor" are not months
    return _MONTHS[stem]


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None and not 1 <= day <= 31:
        return False
    return True


def _value(year: int | None, month: int | None, day: int | None) -> DateValue:
    if year is not None and month is not None and day is not None:
        return DateValue(f"{year:04d}-{month:02d}-{day:02d}", "date")
    if year is not None and month is not None:
        return DateValue(f"{year:04d}-{month:02d}", "gYearMonth")
    if year is not None:
        return DateValue(f"{year:04d}", "gYear")
    return DateValue(f"--{month:02d}-{day:02d}", "gMonthDay")


def _publication_year(published: str | None) -> int | None:
    if published and re.match(r"^\d{4}", published):
        return int(published[:4])
    return None


def find_dates(text: str, published: str | None = None) -> list[DateMention]:
    """Every date in ``text``, longest match first and never overlapping; ``published`` is the
    document's date (xsd lexical form), the only source of a year the text does not write."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    pub_year = _publication_year(published)

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def boundary(s: int, e: int) -> bool:
        before = text[s - 1] if s > 0 else " "
        after = text[e] if e < len(text) else " "
        return not (before.isalnum() or (after.isalnum() and not text[e - 1] == "."))

    for m in _THIS_YEAR_MONTH.finditer(text):
        month = _month_of(m, "m")
        if month is None or not free(m.start(), m.end()):
            continue
        taken.append((m.start(), m.end()))
        if pub_year is None:
            continue  # "this year" with no publication date: no year can be given
        found.append(DateMention(m.start(), m.end(), m.group(0), _value(pub_year, month, None), None,
                                 f"Year from the document's date ({pub_year}): the text says '{m.group(0)}'."))
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.start(), m.end()
            if not free(s, e) or not boundary(s, e):
                continue
            groups = m.groupdict()
            month = _month_of(m, "m") if groups.get("m") else None
            if groups.get("m") and month is None:
                continue
            year = int(groups["y"]) if groups.get("y") else None
            d1 = int(groups["d1"]) if groups.get("d1") else None
            d2 = int(groups["d2"]) if groups.get("d2") else None
            if not _valid(year, month, d1) or not _valid(year, month, d2) or (d2 is not None and d2 <= d1):
                continue
            derivation = None
            if year is None and groups.get("y2") is None and month is not None:
                begin_y = None
                if pub_year is not None:
                    begin_y = pub_year
                    derivation = (f"Year from the document's date ({pub_year}): the text says "
                                  f"'{m.group(0)}' without a year.")
                begin = _value(begin_y, month, d1)
                finish = _value(begin_y, month, d2) if d2 is not None else None
            elif groups.get("y2"):
                y2 = int(groups["y2"])
                if y2 <= year:
                    continue
                begin, finish = _value(year, None, None), _value(y2, None, None)
            else:
                begin = _value(year, month, d1)
                finish = _value(year, month, d2) if d2 is not None else None
            taken.append((s, e))
            found.append(DateMention(s, e, m.group(0), begin, finish, derivation))
    for offset, pattern in _RELATIVE_RE:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            taken.append((m.start(), m.end()))
            if pub_year is None:
                continue
            year = pub_year + offset
            found.append(DateMention(m.start(), m.end(), m.group(0), _value(year, None, None), None,
                                     f"Year from the document's date ({pub_year}): the text says '{m.group(0)}'."))
    for m in _BARE_MONTH.finditer(text):
        s, e = m.start(), m.end()
        month = _month_of(m, "m")
        if month is None or not free(s, e) or not boundary(s, e):
            continue
        # A month alone is a time only with a month word ("ойида") or a case ending ("ноябрда",
        # "в октябре"); a capitalised bare "Март" may be a name.
        has_word = bool(_MONTH_WORD_AFTER.search(m.group(0)))
        has_ending = m.group("m_sfx").lower() not in ("", "ь", "я", ".")
        if not (has_word or has_ending or m.group(0).lower().startswith(("in ", "в ", "во "))):
            continue
        taken.append((s, e))
        if pub_year is None:
            found.append(DateMention(s, e, m.group(0), DateValue(f"--{month:02d}", "gMonth"), None))
        else:
            found.append(DateMention(s, e, m.group(0), _value(pub_year, month, None), None,
                                     f"Year from the document's date ({pub_year}): the text says '{m.group(0)}' "
                                     "without a year; the curator must confirm it is the year of the document."))
    return sorted(found, key=lambda d: d.start)
