"""Property: any order (and any batching) of valid, non-conflicting worksheet returns — two
saves per department, identical copies, an older save arriving late — gives the same master,
because returns are ordered by the save time the file records, not by arrival."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests.helpers.department_edits import entry_values
from tests.helpers.worksheet_edits import at, fill_sheet, rows_by_number
from tests.workflow.orderings import Returns, fresh_master, merge_in_drawn_order
from welfareplan.core.storage import Workbook
from welfareplan.exports.worksheet_xlsx import MAIN_SHEET
from welfareplan.workflow.issuing.worksheets import issue_worksheets
from welfareplan.workflow.rounds.lifecycle import create_round

YEAR = 2025
DEPARTMENTS = ("健康課", "介護福祉課", "交通対策課")
TRICKY = '改行\r\nと絵文字😀、全角ＡＢＣ、=HYPERLINK("x")、\t'


@pytest.fixture(scope="module")
def returns(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Returns:
    root = tmp_path_factory.mktemp("sheet-property")
    master = fresh_master(demo_master, root)
    out = root / "issued"
    out.mkdir()
    with Workbook.open(master) as wb:
        create_round(wb, YEAR)
        issued = issue_worksheets(wb, YEAR, out, departments=list(DEPARTMENTS)).files
        expected = dict(entry_values(wb, YEAR))
    files: list[Path] = []
    for k, f in enumerate(issued):
        numbers = sorted(rows_by_number(load_workbook(f.path)[MAIN_SHEET]), key=int)
        first = fill_sheet(
            f.path,
            root / f"{k}-1.xlsx",
            {n: {"result": f"第1版 {n} {TRICKY}", "rating": "ｂ"} for n in numbers},
            saved_at=at(9),
        )
        second = fill_sheet(
            first,
            root / f"{k}-2.xlsx",
            {numbers[0]: {"result": f"第2版 {numbers[0]}", "rating": "", "outlook": "展望"}},
            saved_at=at(10),
        )
        files += [first, second]
        if k % 2 == 0:  # an identical copy of the newest file
            files.append(Path(shutil.copy(second, root / f"{k}-2-copy.xlsx")))
        for n in numbers:
            text = f"第1版 {n} {TRICKY}".replace("\r\n", "\n")
            expected[(int(n), f.department_id)] = (text, "B", "")
        expected[(int(numbers[0]), f.department_id)] = (f"第2版 {numbers[0]}", "", "展望")
    return Returns(master, tuple(files), expected)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_order_of_worksheet_returns_gives_the_same_master(
    returns: Returns, data: st.DataObject
) -> None:
    merge_in_drawn_order(returns, data, YEAR)
