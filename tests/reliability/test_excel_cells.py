"""What a person types into a worksheet is what is stored, and Excel's ``_xHHHH_`` escapes
round-trip exactly (issue 13, item 10). Typed with LibreOffice Calc (a macro entering text as
typing does, see calc_typing), saved by Calc, merged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.exports.rendering import require_renderer
from tests.reliability.calc_typing import type_into
from tests.workflow.conftest import SheetCycle
from tests.workflow.test_merge import master_value
from tests.workflow.test_worksheet_libreoffice import save_with_libreoffice
from welfareplan.exports.worksheet_xlsx import MAIN_SHEET
from welfareplan.workflow.returns.merge_types import FileOutcome

pytestmark = pytest.mark.render

DEPT = "介護福祉課"  # projects 9, 10, 12, 15, 39, 40
#: the input columns of Koganei's form in its worksheet: F, G, H
RESULT_COL, RATING_COL, OUTLOOK_COL = 6, 7, 8


def _rows(sheet: Path) -> dict[int, int]:
    from openpyxl import load_workbook

    from tests.helpers.worksheet_edits import rows_by_number

    ws = load_workbook(sheet)[MAIN_SHEET]
    return {int(k): v for k, v in rows_by_number(ws).items() if k.isdigit()}


def test_input_cells_are_text_so_typing_is_stored_as_typed(
    sheet_cycle: SheetCycle, tmp_path: Path
) -> None:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    require_renderer()
    sheet = Path(shutil.copy(sheet_cycle.sheet(DEPT), tmp_path / "R7_介護福祉課_評価シート.xlsx"))
    ws = load_workbook(sheet)[MAIN_SHEET]
    rows = _rows(sheet)
    for r in rows.values():
        for col in (RESULT_COL, RATING_COL, OUTLOOK_COL):
            assert ws.cell(r, col).number_format == "@"
    col = {c: get_column_letter(c) for c in (RESULT_COL, RATING_COL, OUTLOOK_COL)}
    typed = {
        f"{col[RESULT_COL]}{rows[9]}": "50%",
        f"{col[RATING_COL]}{rows[9]}": "A",
        f"{col[OUTLOOK_COL]}{rows[9]}": "2025-04-01",
        f"{col[RESULT_COL]}{rows[10]}": "1/2",
        f"{col[OUTLOOK_COL]}{rows[10]}": "0012",
        f"{col[RESULT_COL]}{rows[12]}": "Excel の書き方 _x000D_ と _x005F_ と _x0041_",
    }
    type_into(sheet, MAIN_SHEET, typed, tmp_path)
    preview, _ = sheet_cycle.merge(sheet)
    (f,) = preview.files
    assert f.outcome is FileOutcome.APPLY, f.reason
    assert master_value(sheet_cycle, DEPT, 9, "result") == "50%"
    assert master_value(sheet_cycle, DEPT, 9, "rating") == "A"
    assert master_value(sheet_cycle, DEPT, 9, "outlook") == "2025-04-01"
    assert master_value(sheet_cycle, DEPT, 10, "result") == "1/2"
    assert master_value(sheet_cycle, DEPT, 10, "outlook") == "0012"
    assert (
        master_value(sheet_cycle, DEPT, 12, "result")
        == "Excel の書き方 _x000D_ と _x005F_ と _x0041_"
    )


def test_stored_escape_like_text_comes_back_exactly_through_calc(
    sheet_cycle: SheetCycle, tmp_path: Path
) -> None:
    """Text that looks like Excel's escapes, stored in the master, issued in a worksheet,
    saved by Calc untouched and merged back: not a line break, not an 'A', no change."""
    from tests.helpers.department_edits import raw_sql
    from welfareplan.workflow.issuing.worksheets import issue_worksheets

    require_renderer()
    # (not a chain such as _x005F_x0041_, whose escapes overlap: Calc itself does not give
    # those back as it shows them)
    text = "改行ではない _x000D_、下線の _x005F_、_x4E00_ と _x0041_"
    raw_sql(
        sheet_cycle.master,
        "INSERT OR REPLACE INTO entry_value (entry_id, field, value) "
        "SELECT id, 'result', ? FROM entry WHERE department_id = "
        "(SELECT id FROM department WHERE name = ?)",
        params=(text, DEPT),
    )
    out = tmp_path / "再配布"
    out.mkdir()
    with sheet_cycle.open() as wb:
        (issued,) = issue_worksheets(wb, 2025, out, departments=[DEPT]).files
    saved = save_with_libreoffice(issued.path, tmp_path / "保存")
    preview, _ = sheet_cycle.merge(saved)
    (f,) = preview.files
    assert f.outcome is FileOutcome.UNCHANGED, (f.outcome, f.reason, f.changes)
    assert master_value(sheet_cycle, DEPT, 9, "result") == text
