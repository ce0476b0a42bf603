"""Reading the sheets of an Excel plan template (either version): cells as cleaned text,
numbers as typed or printed, the items of sheet 計画 and the rows of a table sheet found by
their header, each with its row number for messages."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from welfareplan.core.errors import DataError
from welfareplan.core.plan_levels import parse_number
from welfareplan.core.planspec import Problem
from welfareplan.core.textclean import clean_text
from welfareplan.core.wareki import parse_fiscal_year
from welfareplan.exports.worksheet_keys import cell_text
from welfareplan.workflow.plans import plan_template as t


def cell_value_text(value: Any) -> str:
    """A cell's text as typed (Excel's escapes decoded), cleaned by the one rule for all text
    that enters (:func:`welfareplan.core.textclean.clean_text`)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(cell_text(value)).strip()


def digits_number(value: Any) -> int | None:
    """A cell's whole number in digits, also printed ('(3)', '③' — NFKC makes it 3): how
    the template of version 1 reads numbers."""

    def digits(text: str) -> int | None:
        folded = unicodedata.normalize("NFKC", text).strip().strip("()[]")
        return int(folded) if folded.isdigit() else None

    return _whole_number(value, digits)


def cell_number(value: Any) -> int | None:
    """A cell's whole number, typed (3, '３') or printed in a numbering style ('(3)', '③',
    'ウ', '三'); None for anything else."""
    return _whole_number(value, parse_number)


def _whole_number(value: Any, from_text: Callable[[str], int | None]) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return from_text(cell_value_text(value))


class Sheet:
    """Rows of one sheet as {column: value} with their row numbers."""

    def __init__(
        self,
        book: Any,
        name: str,
        columns: tuple[str, ...],
        optional: tuple[str, ...],
        problems: list[Problem],
        *,
        numbers: Callable[[Any], int | None] = cell_number,
    ) -> None:
        self.name = name
        self.numbers = numbers
        self.rows: list[tuple[int, dict[str, Any]]] = []
        #: the header texts of row 1 that are none of ``columns``
        self.other_headers: list[str] = []
        if name not in book.sheetnames:
            problems.append(Problem(f"シート「{name}」", "シートがありません。"))
            return
        rows = book[name].iter_rows(values_only=True)
        header = next(rows, None) or ()
        index = {t.header_key(h): i for i, h in enumerate(header) if h is not None}
        cols: dict[str, int] = {}
        for col in columns:
            if t.header_key(col) in index:
                cols[col] = index[t.header_key(col)]
            elif col not in optional:
                problems.append(Problem(t.where(name, 1), f"列「{col}」がありません。"))
        known = {t.header_key(c) for c in columns}
        self.other_headers = [
            cell_value_text(h) for h in header if h is not None and t.header_key(h) not in known
        ]
        self.other_headers = [h for h in self.other_headers if h]
        for number, row in enumerate(rows, start=2):
            values = {c: row[i] if i < len(row) else None for c, i in cols.items()}
            if all(cell_value_text(v) == "" for v in values.values()):
                continue
            self.rows.append((number, values))

    def number(
        self,
        row: int,
        values: dict[str, Any],
        col: str,
        problems: list[Problem],
        *,
        required: bool = True,
    ) -> int | None:
        raw = values.get(col)
        if cell_value_text(raw) == "":
            if required:
                problems.append(Problem(t.where(self.name, row), f"「{col}」が空です。"))
            return None
        n = self.numbers(raw)
        if n is None or n < 1:
            problems.append(
                Problem(
                    t.where(self.name, row),
                    f"「{col}」の「{cell_value_text(raw)}」は1以上の整数ではありません。",
                )
            )
            return None
        return n


def read_items(
    book: Any, labels: dict[str, str], problems: list[Problem]
) -> tuple[dict[str, Any], dict[str, int]]:
    """The 項目 / 値 rows of sheet 計画 whose 項目 is a key of ``labels`` (label → field):
    {field: value} and {field: row}. A missing sheet is a problem."""
    items: dict[str, Any] = {}
    rows_of: dict[str, int] = {}
    if t.SHEET_PLAN not in book.sheetnames:
        problems.append(Problem(f"シート「{t.SHEET_PLAN}」", "シートがありません。"))
        return items, rows_of
    by_key = {t.header_key(label): field for label, field in labels.items()}
    for number, row in enumerate(book[t.SHEET_PLAN].iter_rows(values_only=True), start=1):
        if not row:
            continue
        field = by_key.get(t.header_key(row[0]))
        if field is not None:
            items[field] = row[1] if len(row) > 1 else None
            rows_of[field] = number
    return items, rows_of


def read_period(
    items: dict[str, Any], rows_of: dict[str, int], labels: dict[str, str], problems: list[Problem]
) -> None:
    """Replace 開始年度 / 終了年度 in ``items`` by the fiscal years they name (西暦 or 和暦),
    0 when empty or not a year (a problem either way)."""
    for field in ("period_start", "period_end"):
        raw = cell_value_text(items.get(field))
        if not raw:
            problems.append(Problem(f"シート「{t.SHEET_PLAN}」", f"「{labels[field]}」が空です。"))
            items[field] = 0
            continue
        try:
            items[field] = parse_fiscal_year(raw)
        except DataError as exc:
            problems.append(Problem(t.where(t.SHEET_PLAN, rows_of[field]), exc.message))
            items[field] = 0


def template_version(book: Any) -> tuple[int, list[Problem]]:
    """The version of the template: 2 when sheet 計画 says so, 1 when it has no
    テンプレートの版 row (the files written before version 2); any other value is a problem."""
    items, rows_of = read_items(book, {t.VERSION_LABEL: "version"}, [])
    if "version" not in items:
        return 1, []
    raw = items["version"]
    number = cell_number(raw)
    if number in (1, t.VERSION):
        return number, []
    return 0, [
        Problem(
            t.where(t.SHEET_PLAN, rows_of["version"]),
            f"「{t.VERSION_LABEL}」の「{cell_value_text(raw)}」は読めません"
            f"（このプログラムが読めるのは 1 と {t.VERSION} です）。",
        )
    ]
