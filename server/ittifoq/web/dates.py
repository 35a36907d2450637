"""Dates in words, at the precision the documents give, in the interface language:
``1992-11-23`` → "23 November 1992", ``2022-12-21``–``2022-12-22`` → "21–22 December 2022",
``2023``–``2023`` → "2023" (a range is written once when both ends say the same)."""

from __future__ import annotations

import re

from .i18n import interface_language

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "uz-Latn": "yanvar fevral mart aprel may iyun iyul avgust sentabr oktabr noyabr dekabr",
    "uz-Cyrl": "январ феврал март апрел май июн июл август сентябр октябр ноябр декабр",
    "kk": "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан",
    "kaa": "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
}
# The month alone (nominative), where it differs from the form after a day number.
MONTHS_ALONE = {"ru": "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь"}
_DATE = re.compile(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _parts(text: str) -> tuple[str, int | None, int | None] | None:
    m = _DATE.match(text or "")
    if not m:
        return None
    return m.group(1), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None


def _month(n: int, lang: str, alone: bool) -> str:
    names = (MONTHS_ALONE.get(lang) if alone else None) or MONTHS.get(lang) or MONTHS["en"]
    return names.split()[n - 1]


def _year_suffix(lang: str) -> str:
    return {"ru": " г.", "uz-Latn": "-yil", "uz-Cyrl": "-йил", "kk": " ж.", "kaa": "-жыл"}.get(lang, "")


def one_date(text: str, lang: str | None = None) -> str:
    lang = lang or interface_language()
    p = _parts(text)
    if p is None:
        return text
    year, month, day = p
    if lang in ("uz-Latn", "uz-Cyrl", "kk", "kaa"):
        # Turkic order: year, then day and month ("2022-yil 21 dekabr").
        y = year + _year_suffix(lang)
        if month and day:
            return f"{y} {day} {_month(month, lang, False)}"
        return f"{y} {_month(month, lang, True)}" if month else y
    if month and day:
        return f"{day} {_month(month, lang, False)} {year}"
    if month:
        return f"{_month(month, lang, True)} {year}"
    return year


def date_words(start: str, end: str = "", lang: str | None = None) -> str:
    """One date or a range, each end at its own precision; shared parts are written once."""
    lang = lang or interface_language()
    a, b = _parts(start), _parts(end) if end else None
    if a is None:
        return start
    if b is None or a == b:
        return one_date(start, lang)
    if lang in ("en", "ru") and a[0] == b[0] and a[1] and a[1] == b[1] and a[2] and b[2]:
        return f"{a[2]}–{b[2]} {_month(a[1], lang, False)} {a[0]}"
    if lang in ("en", "ru") and a[0] == b[0] and a[1] and b[1] and a[2] and b[2]:
        return f"{a[2]} {_month(a[1], lang, False)} – {b[2]} {_month(b[1], lang, False)} {a[0]}"
    if a[0] == b[0] and not a[1] and not b[1]:
        return one_date(start, lang)
    return f"{one_date(start, lang)} – {one_date(end, lang)}"
