import datetime as dt

import pytest

from welfareplan.core.errors import DataError
from welfareplan.core.wareki import (
    date_label,
    fiscal_year_label,
    fiscal_year_of,
    month_label,
    parse_date,
    parse_fiscal_year,
    results_label,
    short_fiscal_year,
)


@pytest.mark.parametrize(
    ("year", "label"),
    [
        (2024, "令和6年度"),
        (2025, "令和7年度"),
        (2019, "令和元年度"),
        (2020, "令和2年度"),
        (2018, "平成30年度"),
        (1989, "平成元年度"),
        (1988, "昭和63年度"),
    ],
)
def test_fiscal_year_label(year: int, label: str) -> None:
    assert fiscal_year_label(year) == label


def test_results_and_short_labels() -> None:
    assert results_label(2024) == "令和6年度実績"
    assert short_fiscal_year(2024) == "R6"
    assert short_fiscal_year(2018) == "H30"


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (dt.date(2026, 3, 1), "令和8年3月"),
        (dt.date(2019, 4, 30), "平成31年4月"),
        (dt.date(2019, 5, 1), "令和元年5月"),
        (dt.date(1989, 1, 7), "昭和64年1月"),
        (dt.date(1989, 1, 8), "平成元年1月"),
    ],
)
def test_month_label(day: dt.date, label: str) -> None:
    assert month_label(day) == label


def test_date_label() -> None:
    assert date_label(dt.date(2026, 5, 31)) == "令和8年5月31日"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2024", 2024),
        ("R6", 2024),
        ("r6", 2024),
        ("R6年度", 2024),
        ("令和6年度", 2024),
        ("令和６年度", 2024),
        ("令和6", 2024),
        ("令和6年度実績", 2024),
        ("令和元年度", 2019),
        ("R1", 2019),
        ("H30", 2018),
        ("平成30年度", 2018),
        (" ２０２５ ", 2025),
        ("FY2025", 2025),
    ],
)
def test_parse_fiscal_year(text: str, year: int) -> None:
    assert parse_fiscal_year(text) == year


@pytest.mark.parametrize(
    "text", ["", "令和", "R", "abc", "令和0年度", "平成31年度", "2024-25", "99999"]
)
def test_parse_fiscal_year_rejects_with_japanese_message(text: str) -> None:
    with pytest.raises(DataError) as info:
        parse_fiscal_year(text)
    assert "年度" in info.value.message


def test_roundtrip_label_parse() -> None:
    for year in range(1990, 2060):
        assert parse_fiscal_year(fiscal_year_label(year)) == year
        assert parse_fiscal_year(short_fiscal_year(year)) == year


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-05-31", dt.date(2026, 5, 31)),
        ("2026/5/31", dt.date(2026, 5, 31)),
        ("令和8年5月31日", dt.date(2026, 5, 31)),
        ("R8.5.31", dt.date(2026, 5, 31)),
        ("２０２６－０５－３１".replace("－", "-"), dt.date(2026, 5, 31)),
    ],
)
def test_parse_date(text: str, day: dt.date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["2026-02-30", "明日", "5/31"])
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(DataError):
        parse_date(text)


def test_fiscal_year_of() -> None:
    assert fiscal_year_of(dt.date(2026, 3, 31)) == 2025
    assert fiscal_year_of(dt.date(2026, 4, 1)) == 2026
