"""Text safety: formula-looking text stays text, control characters go, long text fits."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.exports import docx_reading as dr
from tests.exports.samples import (
    CONTROL_CLEAN,
    CONTROL_TEXT,
    FORMULA_TEXTS,
    LONG_TEXT,
    tricky_report,
)
from welfareplan.core.reportdata import ReportData, report_columns
from welfareplan.exports.docx_report import write_report_docx
from welfareplan.exports.textsafe import (
    EXCEL_CELL_LIMIT,
    clean_text,
    display_width,
    excel_text,
    looks_like_formula,
    wrapped_lines,
)
from welfareplan.exports.worksheet_keys import WorksheetKeys
from welfareplan.exports.worksheet_xlsx import (
    MAIN_SHEET,
    write_department_worksheet_xlsx,
)
from welfareplan.exports.xlsx_report import write_report_xlsx
from welfareplan.workflow.returns.worksheet_cells import read_department_worksheet_xlsx

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_clean_text() -> None:
    assert clean_text(CONTROL_TEXT) == CONTROL_CLEAN
    assert clean_text(None) == "" and clean_text("") == ""
    assert clean_text("a\u2028b\u2029c") == "a\nb\nc"
    assert clean_text("絵文字😀と\ufffeも\ud800") == "絵文字😀とも"
    assert clean_text("=SUM(A1)") == "=SUM(A1)"  # cleaning never changes visible text


def test_formula_detection_and_excel_limit() -> None:
    assert all(looks_like_formula(t) for t in FORMULA_TEXTS)
    assert not any(looks_like_formula(t) for t in ("A", "　=", "１＋１", "※注"))
    long = "あ" * 40_000
    cut = excel_text(long)
    assert len(cut) == EXCEL_CELL_LIMIT and cut.endswith("…（以下省略）")
    assert excel_text(LONG_TEXT) == LONG_TEXT


def test_width_and_wrapping() -> None:
    assert display_width("abcd") == 2.0 and display_width("日本") == 2.0
    assert display_width("ｱｲ") == 1.0
    assert wrapped_lines("", 10) == 1
    assert wrapped_lines("あ" * 20, 10) == 2 and wrapped_lines("あ" * 21, 10) == 3
    assert wrapped_lines("あ\n\nい", 10) == 3


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=60))
def test_any_text_survives_an_excel_round_trip(text: str) -> None:
    from openpyxl import Workbook, load_workbook

    from welfareplan.exports.xlsx_layout import set_text

    wb = Workbook()
    set_text(wb.active["A1"], text)
    buf = io.BytesIO()
    wb.save(buf)
    cell = load_workbook(io.BytesIO(buf.getvalue())).active["A1"]
    expected = clean_text(text)
    assert (cell.value or "") == expected
    assert cell.data_type != "f"
    assert not FORBIDDEN.search(cell.value or "")


@pytest.fixture(scope="module")
def tricky(demo_report: ReportData) -> ReportData:
    return tricky_report(demo_report)


def all_cells(path: Path) -> list[Any]:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]


def test_report_xlsx_never_writes_formulas(tricky: ReportData, tmp_path: Path) -> None:
    path = write_report_xlsx(tricky, tmp_path / "t.xlsx")
    cells = all_cells(path)
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    by_value = {c.value: c for c in cells if isinstance(c.value, str)}
    for text in FORMULA_TEXTS:
        assert by_value[text].data_type == "s" and by_value[text].quotePrefix
    assert by_value["=地域福祉課"].quotePrefix
    assert CONTROL_CLEAN in by_value
    assert LONG_TEXT in by_value
    assert not any(FORBIDDEN.search(v) for v in by_value)


def test_long_text_row_is_capped(tricky: ReportData, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    ws = load_workbook(write_report_xlsx(tricky, tmp_path / "t.xlsx"))["基本目標1"]
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 8).value == LONG_TEXT)
    assert ws.row_dimensions[row].height == 409
    assert all(ws.row_dimensions[r].height < 409 for r in range(4, ws.max_row + 1) if r != row)


def test_worksheet_xlsx_keeps_text_as_text(tricky: ReportData, tmp_path: Path) -> None:
    keys = WorksheetKeys("wb", "", tricky.round_id, 2024, "d", "地域福祉課")
    path = write_department_worksheet_xlsx(tricky, tmp_path / "w.xlsx", keys=keys)
    assert not [c.coordinate for c in all_cells(path) if c.data_type == "f"]
    content = read_department_worksheet_xlsx(path)
    results = [r.result for r in content.rows]
    assert results[: len(FORMULA_TEXTS)] == list(FORMULA_TEXTS)
    assert results[len(FORMULA_TEXTS)] == CONTROL_CLEAN
    assert content.rows[len(FORMULA_TEXTS) + 1].outlook == LONG_TEXT
    assert all(r.locked_intact for r in content.rows)
    from openpyxl import load_workbook

    ws = load_workbook(path)[MAIN_SHEET]
    assert max(ws.row_dimensions[r].height for r in range(7, ws.max_row + 1)) == 409


def test_docx_with_tricky_texts(tricky: ReportData, tmp_path: Path) -> None:
    doc = dr.open_docx(write_report_docx(tricky, tmp_path / "t.docx"))
    rows = [
        row
        for tbl in dr.tables_with_header(doc, report_columns(tricky.result_column))
        for row in dr.rows(tbl)[1:]
    ]
    results = [r[5].text for r in rows]
    assert results[: len(FORMULA_TEXTS)] == list(FORMULA_TEXTS)
    assert results[len(FORMULA_TEXTS)] == CONTROL_CLEAN
    long_row = rows[len(FORMULA_TEXTS) + 1]
    assert long_row[7].text == LONG_TEXT
    # A row taller than a page may split; every other row is kept whole.
    trs = [
        tr
        for tbl in dr.tables_with_header(doc, report_columns(tricky.result_column))
        for tr in tbl.findall(f"{dr.W}tr")[1:]
    ]
    splittable = [i for i, tr in enumerate(trs) if "cantSplit" not in dr.row_flags(tr)]
    assert splittable == [len(FORMULA_TEXTS) + 1]
