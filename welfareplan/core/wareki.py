"""Japanese era (和暦) labels for fiscal years and dates.

A Japanese fiscal year (年度) runs from April to March and is named after the era year in which
it starts. 令和 began on 2019-05-01, but the fiscal year starting in April 2019 is called
令和元年度 (the first year of an era is 元年), and FY2018 is 平成30年度.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from welfareplan.core.errors import DataError


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    start: dt.date

    def year_of(self, gregorian_year: int) -> int:
        return gregorian_year - self.start.year + 1


# Newest first.
ERAS: tuple[Era, ...] = (
    Era("令和", "R", dt.date(2019, 5, 1)),
    Era("平成", "H", dt.date(1989, 1, 8)),
    Era("昭和", "S", dt.date(1926, 12, 25)),
)


def _era_year_text(n: int) -> str:
    return "元" if n == 1 else str(n)


def era_for_date(day: dt.date) -> Era:
    for era in ERAS:
        if day >= era.start:
            return era
    raise DataError(f"{day.isoformat()} は対応していない年代の日付です。")


def era_for_fiscal_year(fiscal_year: int) -> Era:
    """The era a fiscal year is named in.

    FY2019 (April 2019 – March 2020) is 令和元年度 although April 2019 was still 平成, while
    FY1988 is 昭和63年度: the era in force in May of the fiscal year names it.
    """
    return era_for_date(dt.date(fiscal_year, 5, 1))


def fiscal_year_label(fiscal_year: int) -> str:
    """2024 → '令和6年度', 2019 → '令和元年度', 2018 → '平成30年度'."""
    era = era_for_fiscal_year(fiscal_year)
    return f"{era.name}{_era_year_text(era.year_of(fiscal_year))}年度"


def results_label(fiscal_year: int) -> str:
    """2024 → '令和6年度実績'."""
    return f"{fiscal_year_label(fiscal_year)}実績"


def short_fiscal_year(fiscal_year: int) -> str:
    """2024 → 'R6'."""
    era = era_for_fiscal_year(fiscal_year)
    return f"{era.letter}{era.year_of(fiscal_year)}"


def month_label(day: dt.date) -> str:
    """2026-03-01 → '令和8年3月'."""
    era = era_for_date(day)
    return f"{era.name}{_era_year_text(era.year_of(day.year))}年{day.month}月"


def date_label(day: dt.date) -> str:
    """2026-05-31 → '令和8年5月31日'."""
    return f"{month_label(day)}{day.day}日"


def previous_word(fiscal_year: int, previous_year: int | None) -> str:
    """How "last time" is named: '前年度' when the previous round is the year before,
    '前回' after a gap (its year is then printed beside it)."""
    return "前年度" if previous_year is None or previous_year == fiscal_year - 1 else "前回"


def previous_name(fiscal_year: int, previous_year: int | None) -> str:
    """'前年度', or '前回（平成30年度）' when the previous round is not the year before."""
    word = previous_word(fiscal_year, previous_year)
    if word == "前年度" or previous_year is None:
        return word
    return f"{word}（{fiscal_year_label(previous_year)}）"


def fiscal_year_of(day: dt.date) -> int:
    """The fiscal year a date falls in: 2026-03-31 → 2025, 2026-04-01 → 2026."""
    return day.year if day.month >= 4 else day.year - 1


_ERA_BY_TOKEN = {era.name: era for era in ERAS} | {era.letter: era for era in ERAS}
_FY_PATTERN = re.compile(
    r"^(?:(?P<era>令和|平成|昭和|R|H|S)(?P<n>元|\d{1,2})|(?P<year>\d{4}))(?:年度?)?(?:実績)?$"
)


def parse_fiscal_year(text: str) -> int:
    """Parse a fiscal year given as '2024', 'R6', 'r6', '令和6年度', '令和６年度', '令和元年度', 'H30'.

    Raises :class:`DataError` with a Japanese message for anything else.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip().upper().replace(" ", "")
    cleaned = cleaned.replace("FY", "")
    match = _FY_PATTERN.match(cleaned)
    if match is None:
        raise DataError(
            f"年度「{text}」を読み取れません。2024、R6、令和6年度 のように指定してください。",
            code="bad-year",
        )
    if match.group("year"):
        year = int(match.group("year"))
        if not 1900 <= year <= 2200:
            raise DataError(f"年度「{text}」は範囲外です。", code="bad-year")
        return year
    era = _ERA_BY_TOKEN[match.group("era")]
    n_text = match.group("n")
    n = 1 if n_text == "元" else int(n_text)
    if n < 1:
        raise DataError(f"年度「{text}」は範囲外です。", code="bad-year")
    year = era.start.year + n - 1
    # The fiscal year must be named in that era: e.g. 平成31年度 does not exist (it is 令和元年度).
    if era_for_fiscal_year(year) is not era:
        raise DataError(
            f"年度「{text}」は存在しません（{fiscal_year_label(year)}のことですか）。",
            code="bad-year",
        )
    return year


def parse_date(text: str) -> dt.date:
    """Parse '2026-05-31', '2026/5/31' or '令和8年5月31日' (also with full-width digits)."""
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", cleaned)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = re.fullmatch(
            r"(令和|平成|昭和|R|H|S)(元|\d{1,2})[年.](\d{1,2})[月.](\d{1,2})日?", cleaned
        )
        if m is None:
            raise DataError(
                f"日付「{text}」を読み取れません。2026-05-31 または 令和8年5月31日 の形で指定してください。",
                code="bad-date",
            )
        era = _ERA_BY_TOKEN[m.group(1)]
        n = 1 if m.group(2) == "元" else int(m.group(2))
        y, mo, d = era.start.year + n - 1, int(m.group(3)), int(m.group(4))
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise DataError(f"日付「{text}」は存在しない日付です。", code="bad-date") from None


def parse_month(text: str) -> dt.date:
    """Parse a publication month: '2026-03', '2026/3', '令和8年3月' (or a whole date); the
    first day of that month."""
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})月?", cleaned)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
    else:
        m = re.fullmatch(r"(令和|平成|昭和|R|H|S)(元|\d{1,2})[年.](\d{1,2})月?", cleaned)
        if m is None:
            return parse_date(text).replace(day=1)
        era = _ERA_BY_TOKEN[m.group(1)]
        y = era.start.year + (1 if m.group(2) == "元" else int(m.group(2))) - 1
        mo = int(m.group(3))
    if not 1 <= mo <= 12:
        raise DataError(f"月「{text}」は存在しない月です。", code="bad-date")
    return dt.date(y, mo, 1)
