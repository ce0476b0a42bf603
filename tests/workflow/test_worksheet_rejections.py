"""Every bad returned worksheet is rejected whole, with a precise Japanese reason; the master's
bytes stay exactly as they were (and so do the worksheet's)."""

from __future__ import annotations

import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import sha256
from tests.helpers.worksheet_edits import fill_sheet, rows_by_number, set_key
from tests.workflow.conftest import YEAR, SheetCycle
from tests.workflow.test_merge import dept_id
from welfareplan.core.storage import Workbook
from welfareplan.exports.worksheet_keys import cell_text
from welfareplan.exports.worksheet_xlsx import KEYS_SHEET, MAIN_SHEET
from welfareplan.workflow.returns.merge_types import FileOutcome
from welfareplan.workflow.returns.rejections import Rejection, rejections_of
from welfareplan.workflow.status import DepartmentState, round_status

#: The id column of a worksheet of Koganei's plan (M, as before schema 3).
ID_COL = 13

DEPT = "介護福祉課"  # projects 9, 10, 12, 15, 39, 40


def _filled(cycle: SheetCycle, tmp: Path, change: Callable[[Any], None] | None = None) -> Path:
    return fill_sheet(
        cycle.sheet(DEPT),
        tmp / "R7_介護福祉課_評価シート（記入済）.xlsx",
        {9: {"result": "正しい記入", "rating": "A"}},
        change=change,
    )


def unregistered(cycle: SheetCycle, tmp: Path) -> Path:
    from welfareplan.exports.round_export import export_worksheets

    with cycle.open() as wb:
        (item,) = export_worksheets(wb, YEAR, tmp / "確認用", department=DEPT)
    return fill_sheet(item.xlsx, values={9: {"result": "記入"}})


def forged_mac(cycle: SheetCycle, tmp: Path) -> Path:
    return _filled(cycle, tmp, lambda wb: set_key(wb, "mac", "0" * 64))


def mac_removed(cycle: SheetCycle, tmp: Path) -> Path:
    return _filled(cycle, tmp, lambda wb: set_key(wb, "mac", ""))


def tampered_department(cycle: SheetCycle, tmp: Path) -> Path:
    other = dept_id(cycle, "地域福祉課")
    return _filled(cycle, tmp, lambda wb: set_key(wb, "department_id", other))


def tampered_file_id(cycle: SheetCycle, tmp: Path) -> Path:
    from welfareplan.workflow.returns.worksheet_cells import read_department_worksheet_xlsx

    other = read_department_worksheet_xlsx(cycle.sheet("健康課")).keys.file_uuid
    return _filled(cycle, tmp, lambda wb: set_key(wb, "file_uuid", other))


def tampered_digest(cycle: SheetCycle, tmp: Path) -> Path:
    """Edit a locked cell and 'fix' its stored digest: the MAC no longer verifies."""

    def change(wb: Any) -> None:
        ws = wb[MAIN_SHEET]
        row = rows_by_number(ws)["12"]
        ws.cell(row, 4).value = "内容を書き換えた"
        entry_id = ws.cell(row, ID_COL).value
        for r in wb[KEYS_SHEET].iter_rows(max_col=3):
            if r[0].value == entry_id:
                r[2].value = "0" * 64

    return _filled(cycle, tmp, change)


def foreign_workbook(cycle: SheetCycle, tmp: Path) -> Path:
    from welfareplan.core.shipped import create_demo_workbook
    from welfareplan.workflow.issuing.worksheets import issue_worksheets
    from welfareplan.workflow.rounds.lifecycle import create_round

    other = create_demo_workbook(tmp / "よその.wpdb")
    (tmp / "よそ").mkdir()
    with Workbook.open(other) as wb:
        create_round(wb, YEAR)
        (f,) = issue_worksheets(wb, YEAR, tmp / "よそ", departments=[DEPT]).files
    return fill_sheet(f.path, values={9: {"result": "よその記入"}})


def locked_cell_edited(cycle: SheetCycle, tmp: Path) -> Path:
    def change(wb: Any) -> None:
        ws = wb[MAIN_SHEET]
        ws.cell(rows_by_number(ws)["9"], 4).value = "内容を書き換えた"

    return fill_sheet(
        cycle.sheet("地域福祉課"), tmp / "R7_地域福祉課_評価シート.xlsx", change=change
    )


def rating_e(cycle: SheetCycle, tmp: Path) -> Path:
    return fill_sheet(cycle.sheet(DEPT), tmp / "e.xlsx", {9: {"rating": "E"}, 12: {"rating": "A"}})


def rating_two_letters(cycle: SheetCycle, tmp: Path) -> Path:
    return fill_sheet(cycle.sheet(DEPT), tmp / "ab.xlsx", {10: {"rating": "AB"}})


def rating_formula(cycle: SheetCycle, tmp: Path) -> Path:
    return fill_sheet(cycle.sheet(DEPT), tmp / "f.xlsx", {10: {"rating": '=IF(1,"A","B")'}})


def row_deleted(cycle: SheetCycle, tmp: Path) -> Path:
    def change(wb: Any) -> None:
        ws = wb[MAIN_SHEET]
        ws.delete_rows(rows_by_number(ws)["10"])

    return _filled(cycle, tmp, change)


def row_copied(cycle: SheetCycle, tmp: Path) -> Path:
    def change(wb: Any) -> None:
        ws = wb[MAIN_SHEET]
        src, dest = rows_by_number(ws)["9"], ws.max_row + 1
        for col in range(1, ID_COL + 1):
            ws.cell(dest, col).value = ws.cell(src, col).value
        ws.cell(dest, 6).value = "2つ目の記入"

    return _filled(cycle, tmp, change)


def id_cleared(cycle: SheetCycle, tmp: Path) -> Path:
    def change(wb: Any) -> None:
        ws = wb[MAIN_SHEET]
        ws.cell(rows_by_number(ws)["15"], ID_COL).value = None

    return _filled(cycle, tmp, change)


def not_a_worksheet(cycle: SheetCycle, tmp: Path) -> Path:
    import openpyxl

    path = tmp / "R7_介護福祉課.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "事業実績"
    book.save(path)
    return path


def corrupt_zip(cycle: SheetCycle, tmp: Path) -> Path:
    path = tmp / "壊れた.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    return path


def truncated(cycle: SheetCycle, tmp: Path) -> Path:
    data = _filled(cycle, tmp).read_bytes()
    path = tmp / "途中まで.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def damaged_part(cycle: SheetCycle, tmp: Path) -> Path:
    """A readable ZIP whose worksheet XML is garbage."""
    src = _filled(cycle, tmp)
    path = tmp / "中身が壊れた.xlsx"
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(path, "w") as b:
        for info in a.infolist():
            data = a.read(info.filename)
            b.writestr(info, b"<worksheet><<" if info.filename.endswith("sheet1.xml") else data)
    return path


def encrypted_member(cycle: SheetCycle, tmp: Path) -> Path:
    """A ZIP whose core properties are flagged encrypted (zipfile refuses to read them)."""
    data = bytearray(_filled(cycle, tmp).read_bytes())
    start = 0
    while (start := data.find(b"PK\x01\x02", start + 1)) > 0:  # central directory entries
        name_len = int.from_bytes(data[start + 28 : start + 30], "little")
        if bytes(data[start + 46 : start + 46 + name_len]) == b"docProps/core.xml":
            data[start + 8] |= 0x1
    path = tmp / "暗号化.xlsx"
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as check:
        assert check.getinfo("docProps/core.xml").flag_bits & 0x1
    return path


def unknown_file_id(cycle: SheetCycle, tmp: Path) -> Path:
    return _filled(cycle, tmp, lambda wb: set_key(wb, "file_uuid", str(uuid.uuid4())))


def word_document(cycle: SheetCycle, tmp: Path) -> Path:
    from welfareplan.exports.round_export import export_worksheets

    with cycle.open() as wb:
        (item,) = export_worksheets(wb, YEAR, tmp / "印刷用", department=DEPT)
    return item.docx


def saved_as_xls(cycle: SheetCycle, tmp: Path) -> Path:
    """What Excel writes for 'Excel 97-2003 ブック' or a password: an OLE compound file."""
    path = tmp / "R7_介護福祉課_評価シート.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    return path


def newer_format(cycle: SheetCycle, tmp: Path) -> Path:
    return _filled(cycle, tmp, lambda wb: set_key(wb, "format", "welfareplan-worksheet/3"))


def damaged_key(key: str, value: str) -> Callable[[SheetCycle, Path], Path]:
    """One value of the hidden keys sheet damaged (the layout of the plan's form, …)."""

    def make(cycle: SheetCycle, tmp: Path) -> Path:
        return _filled(cycle, tmp, lambda wb: set_key(wb, key, value))

    return make


def entry_row_damaged(cycle: SheetCycle, tmp: Path) -> Path:
    def change(wb: Any) -> None:
        keys = wb[KEYS_SHEET]
        row = next(r for r in range(1, keys.max_row + 1) if keys.cell(r, 1).value == "entries")
        keys.cell(row + 1, 2).value = "行"

    return _filled(cycle, tmp, change)


def keys_sheet_removed(cycle: SheetCycle, tmp: Path) -> Path:
    def change(wb: Any) -> None:
        del wb[KEYS_SHEET]

    return _filled(cycle, tmp, change)


CASES: dict[str, tuple[Callable[[SheetCycle, Path], Path], str, tuple[str, ...]]] = {
    # name: (make the bad worksheet, code, words the reason must contain)
    "unregistered": (
        unregistered,
        "worksheet-unregistered",
        ("配布の記録がない", "「状況」タブの「Excel様式を配布」"),  # a service: the window's words
    ),
    "forged-mac": (forged_mac, "bad-mac", ("署名（MAC）が一致しません", "書き換えられて")),
    "mac-removed": (mac_removed, "bad-mac", ("MAC",)),
    "tampered-department": (tampered_department, "bad-mac", ("担当課",)),
    "tampered-file-id": (tampered_file_id, "bad-mac", ("MAC",)),
    "tampered-digest": (tampered_digest, "bad-mac", ("MAC",)),
    "foreign-workbook": (foreign_workbook, "foreign-workbook", ("別のマスターワークブック",)),
    "locked-cell-edited": (
        locked_cell_edited,
        "locked-cell-edited",
        ("事業9 地域福祉課（関係各課）の行（", "行目）で、入力欄以外のセルが変更されています"),
    ),
    "rating-E": (
        rating_e,
        "bad-rating",
        ("事業9 介護福祉課の行（", "行目）の事業評価「E」は A・B・C・D のどれでもありません"),
    ),
    "rating-AB": (rating_two_letters, "bad-rating", ("事業10 介護福祉課", "「AB」")),
    "rating-formula": (rating_formula, "bad-rating", ('「=IF(1,"A","B")」',)),
    "row-deleted": (
        row_deleted,
        "worksheet-row-missing",
        ("記入の行が削除されています（事業10 介護福祉課）",),
    ),
    "row-copied": (row_copied, "worksheet-row-added", ("配布していない行です",)),
    "id-cleared": (id_cleared, "worksheet-row-missing", ("事業15 介護福祉課",)),
    "not-a-worksheet": (
        not_a_worksheet,
        "not-worksheet",
        ("評価シートではありません", "担当課ファイル（.wpdb）と", "評価シート（.xlsx）です"),
    ),
    "keys-sheet-removed": (keys_sheet_removed, "not-worksheet", ("識別情報がありません",)),
    "corrupt-zip": (corrupt_zip, "worksheet-unreadable", ("読み込めません",)),
    "truncated": (truncated, "worksheet-unreadable", ("壊れているか",)),
    "damaged-part": (damaged_part, "worksheet-unreadable", ("壊れているか",)),
    "encrypted-member": (encrypted_member, "worksheet-unreadable", ("読み込めません",)),
    "unknown-file-id": (unknown_file_id, "unknown-file", ("配布記録にありません",)),
    "word-document": (word_document, "not-worksheet", ("Word の文書",)),
    "newer-format": (newer_format, "worksheet-newer", ("新しい版のアプリ",)),
    "fields-bad-key": (damaged_key("fields", "result,Rating"), "worksheet-damaged", ("識別情報",)),
    "input-column-0": (damaged_key("input_column", "0"), "worksheet-damaged", ("識別情報",)),
    "id-column-inside": (damaged_key("id_column", "7"), "worksheet-damaged", ("識別情報",)),
    "headers-not-json": (damaged_key("headers", "{列"), "worksheet-damaged", ("識別情報",)),
    "sheet-name-empty": (damaged_key("sheet", ""), "worksheet-damaged", ("識別情報",)),
    "entry-row-damaged": (entry_row_damaged, "worksheet-damaged", ("識別情報",)),
    "saved-as-xls": (saved_as_xls, "worksheet-old-format", ("Excel ブック（.xlsx）",)),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_worksheet_is_rejected_and_nothing_changes(
    sheet_cycle: SheetCycle, tmp_path: Path, case: str
) -> None:
    make, code, words = CASES[case]
    bad = make(sheet_cycle, tmp_path)
    before = sheet_cycle.sha()
    file_before = sha256(bad)
    preview, result = sheet_cycle.merge(bad)
    (f,) = preview.files
    assert f.outcome is FileOutcome.REJECTED
    assert f.code == code, f.reason
    assert bad.name in f.reason
    for w in words:
        assert w in f.reason, f.reason
    assert "Traceback" not in f.reason
    assert result.rejected == 1 and not result.ok and result.backup is None
    assert sheet_cycle.sha() == before
    assert sha256(bad) == file_before


def test_every_problem_of_the_rows_is_named_at_once(
    sheet_cycle: SheetCycle, tmp_path: Path
) -> None:
    def change(wb: Any) -> None:
        ws = wb[MAIN_SHEET]
        rows = rows_by_number(ws)
        ws.cell(rows["12"], 3).value = "事業名を変えた"
        ws.cell(rows["39"], 5).value = "別の課"

    bad = fill_sheet(
        sheet_cycle.sheet(DEPT), tmp_path / "x.xlsx", {15: {"rating": "Ｅ"}}, change=change
    )
    before = sheet_cycle.sha()
    (f,) = sheet_cycle.preview(bad).files
    assert f.code == "locked-cell-edited"
    # the labels come from the master, not from the edited cells
    assert "事業12 介護福祉課の行（" in f.reason and "事業39 介護福祉課の行（" in f.reason
    assert "事業15 介護福祉課の行（" in f.reason and "「Ｅ」" in f.reason
    assert "別の課" not in f.reason
    assert sheet_cycle.sha() == before


def test_wrong_round_and_closed_round(sheet_cycle: SheetCycle, tmp_path: Path) -> None:
    from welfareplan.workflow.rounds.lifecycle import close_round

    sheet = _filled(sheet_cycle, tmp_path)
    before = sheet_cycle.sha()
    preview, _ = sheet_cycle.merge(sheet, year=2024)
    assert preview.files[0].code == "wrong-round"
    assert "令和7年度実績のファイル" in preview.files[0].reason
    assert sheet_cycle.sha() == before
    with sheet_cycle.open() as wb:
        close_round(wb, YEAR)
    before = sheet_cycle.sha()
    preview, _ = sheet_cycle.merge(sheet)
    assert preview.files[0].code == "round-closed" and "再開" in preview.files[0].reason
    assert sheet_cycle.sha() == before


def test_rejected_worksheets_of_this_workbook_send_the_department_back(
    sheet_cycle: SheetCycle, tmp_path: Path
) -> None:
    bad = rating_e(sheet_cycle, tmp_path)
    sheet_cycle.merge(bad)
    sheet_cycle.merge(unregistered(sheet_cycle, tmp_path))  # not attributable: not journaled
    (r,) = journaled(sheet_cycle)
    assert r.code == "bad-rating" and r.file_name == bad.name
    assert r.department_id == dept_id(sheet_cycle, DEPT)
    with sheet_cycle.open() as wb:
        st = round_status(wb, YEAR)
    d = next(d for d in st.departments if d.department_name == DEPT)
    assert d.state is DepartmentState.RETURNED and "「E」" in d.rejected_reason
    # the corrected worksheet is merged: the department is no longer 差戻し
    good = fill_sheet(sheet_cycle.sheet(DEPT), tmp_path / "直した.xlsx", {9: {"rating": "A"}})
    _, result = sheet_cycle.merge(good)
    assert result.ok
    with sheet_cycle.open() as wb:
        st = round_status(wb, YEAR)
    d = next(d for d in st.departments if d.department_name == DEPT)
    assert d.state is DepartmentState.SUBMITTED


def test_a_bad_worksheet_does_not_stop_good_files(sheet_cycle: SheetCycle, tmp_path: Path) -> None:
    from tests.helpers.department_edits import fill

    good_file = sheet_cycle.file("交通対策課")
    fill(good_file, {3: {"result": "交通対策課の実績"}})
    good_sheet = fill_sheet(sheet_cycle.sheet("健康課"), values={7: {"result": "健康課の実績"}})
    bad = forged_mac(sheet_cycle, tmp_path)
    preview, result = sheet_cycle.merge(bad, good_file, good_sheet)
    assert [f.outcome for f in preview.files] == [
        FileOutcome.REJECTED,
        FileOutcome.APPLY,
        FileOutcome.APPLY,
    ]
    assert [f.file_label for f in preview.files] == [
        "Excel 評価シート",
        "担当課ファイル",
        "Excel 評価シート",
    ]
    assert result.applied == 2 and result.rejected == 1


def test_the_id_column_is_read_as_text(sheet_cycle: SheetCycle) -> None:
    """Sanity check of the helper used above: ids are in the hidden column M."""
    from openpyxl import load_workbook

    ws = load_workbook(sheet_cycle.sheet(DEPT))[MAIN_SHEET]
    rows = rows_by_number(ws)
    assert sorted(rows, key=int) == ["9", "10", "12", "15", "39", "40"]
    assert all(len(cell_text(ws.cell(r, ID_COL).value)) == 36 for r in rows.values())


@pytest.mark.parametrize("edit", ["entry-gone", "other-department"])
def test_entries_changed_in_the_master_since_issue(
    sheet_file_cycle: SheetCycle, tmp_path: Path, edit: str
) -> None:
    """Defensive: the app refuses department merges while files are out, but a master edited
    by other means must still not take a worksheet's rows for entries that moved or vanished.
    (File-only: the file edited behind the app's back with SQLite.)"""
    sheet_cycle = sheet_file_cycle
    from tests.helpers.department_edits import raw_sql
    from welfareplan.workflow.returns.worksheet_cells import read_department_worksheet_xlsx

    sheet = _filled(sheet_cycle, tmp_path)
    entry_id = read_department_worksheet_xlsx(sheet).rows[1].entry_id
    if edit == "entry-gone":
        raw_sql(sheet_cycle.master, "DELETE FROM entry WHERE id = ?", params=(entry_id,))
    else:
        raw_sql(
            sheet_cycle.master,
            "UPDATE entry SET department_id = ? WHERE id = ?",
            params=(dept_id(sheet_cycle, "健康課"), entry_id),
        )
    before = sheet_cycle.sha()
    preview, _ = sheet_cycle.merge(sheet)
    (f,) = preview.files
    assert f.code == edit, f.reason
    assert "配布し直して" in f.reason and sheet.name in f.reason
    assert sheet_cycle.sha() == before


def journaled(cycle: SheetCycle) -> list[Rejection]:
    """The refused returns the master journaled (its table; a file's journal beside it too)."""
    with cycle.open() as wb, wb.reader() as con:
        return rejections_of(con, wb)
