"""The date grammar: precision kept, ranges kept, no year ever invented (all corpus languages)."""

from __future__ import annotations

import pytest

from ittifoq.grow.dates import find_dates


def one(text, published=None):
    found = find_dates(text, published)
    assert len(found) == 1, found
    d = found[0]
    assert text[d.start : d.end] == d.text
    return d


@pytest.mark.parametrize(
    ("text", "begin", "end", "datatype"),
    [
        ("Давлат ташрифи 2022 йил 21-22 декабрь кунлари бўлди.", "2022-12-21", "2022-12-22", "date"),  # uz-Cyrl
        ("2022-yil 21-dekabr kuni imzolandi.", "2022-12-21", None, "date"),  # uz-Latn
        ("2024-yil 7–9-avgust kunlari tashrif buyurdi.", "2024-08-07", "2024-08-09", "date"),  # uz-Latn
        ("Қатнасықлар 1992-жыл 23-ноябрьде орнатылған.", "1992-11-23", None, "date"),  # kaa
        ("Визит состоялся 21–22 декабря 2022 года в Ташкенте.", "2022-12-21", "2022-12-22", "date"),  # ru
        ("Келісім 23 қараша 1992 ж. жасалды.", "1992-11-23", None, "date"),  # kk
        ("Сапар 2024 жылғы 8 тамызда өтті.", "2024-08-08", None, "date"),  # kk
        ("The treaty was signed on December 22, 2022 in Tashkent.", "2022-12-22", None, "date"),  # en
        ("Signed on 22 December 2022.", "2022-12-22", None, "date"),  # en
        ("Кеңес 2024 йил август ойида ўтди.", "2024-08", None, "gYearMonth"),  # uz-Cyrl month-year
        ("Заседание прошло в августе 2024 года.", "2024-08", None, "gYearMonth"),  # ru month-year
        ("Komissiya 1997-yilda tuzilgan.", "1997", None, "gYear"),  # uz-Latn year
        ("Комиссия создана в 1997 году.", "1997", None, "gYear"),  # ru year
        ("Дастур 2024-2034 йилларга мўлжалланган.", "2024", "2034", "gYear"),  # year range
    ],
)
def test_precision_and_ranges(text, begin, end, datatype):
    d = one(text)
    assert d.begin.lexical == begin and d.begin.datatype == datatype
    assert (d.finish.lexical if d.finish else None) == end
    assert d.derivation is None


@pytest.mark.parametrize("text", ["Бүгин, 14-ноябрь күни келеди.", "5-6 декабрь кунлари", "14 ноября прибыл",
                                  "21-dekabr kuni", "8 тамызда келді"])
def test_a_date_without_a_year_gets_none(text):
    d = one(text)
    assert d.begin.datatype == "gMonthDay"
    assert d.derivation is None
    assert not d.begin.lexical[:4].isdigit()


def test_a_year_from_the_publication_date_says_so():
    d = one("Бүгин, 14-ноябрь күни Тоқаев келеди.", published="2025-11-14")
    assert d.begin.lexical == "2025-11-14" and d.begin.datatype == "date"
    assert "2025" in d.derivation and "14-ноябрь" in d.derivation


def test_this_year_needs_the_publication_date():
    assert find_dates("Жорий йил август ойида биринчи мажлис бўлди.") == []
    d = one("Жорий йил август ойида биринчи мажлис бўлди.", published="2024")
    assert d.begin.lexical == "2024-08" and d.begin.datatype == "gYearMonth" and d.derivation


@pytest.mark.parametrize("text", ["майдонда 12 киши", "Maydon 2024 metr", "the mayor of 12 cities", "Марказий Осиё",
                                  "2000 нафар", "12 марта", "ISBN 978-5-2022-1234"])
def test_no_false_dates(text):
    found = find_dates(text)
    # "12 марта" is a real date (12 March), everything else is not.
    if text == "12 марта":
        assert [d.begin.lexical for d in found] == ["--03-12"]
    else:
        assert found == [], found


def test_invalid_days_are_not_dates():
    # Only the year stands; no day 41 and no range that ends before it starts.
    for text in ("2022 йил 41 декабрь", "2022 йил 22-21 декабрь"):
        assert [(d.begin.lexical, d.finish) for d in find_dates(text)] == [("2022", None)]


@pytest.mark.parametrize(
    ("text", "offset"),
    [("Жорий йилда мамлакатларимиз", 0), ("joriy yilda", 0), ("усы жылы", 0), ("в этом году", 0),
     ("Келгуси йилда", 1), ("next year", 1), ("в прошлом году", -1), ("o‘tgan yili", -1)],
)
def test_relative_years_only_from_the_publication_date(text, offset):
    assert find_dates(text) == []
    d = one(text, published="2022-12")
    assert d.begin == d.begin.__class__(str(2022 + offset), "gYear") and "2022" in d.derivation


@pytest.mark.parametrize("text", ["Октябрь ойида кўргазма", "ноябрда Остонада", "в октябре прошла", "oktabr oyida",
                                  "in October the"])
def test_a_month_alone_gets_a_year_only_with_the_publication_date(text):
    d = one(text)
    assert d.begin.datatype == "gMonth" and d.derivation is None
    d = one(text, published="2022-12")
    assert d.begin.datatype == "gYearMonth" and d.begin.lexical.startswith("2022-") and d.derivation


def test_a_bare_month_name_without_ending_is_not_a_date():
    assert find_dates("Март келди, Май кетди.", published="2022") == []
