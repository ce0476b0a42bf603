"""The Excel worksheet of a department: input cells, protection, validation and hidden keys."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.exports.conftest import NEXT_YEAR
from welfareplan.core.errors import FileCheckError
from welfareplan.core.queries import round_for_year
from welfareplan.core.reportdata import ReportData, build_report, report_columns
from welfareplan.core.storage import Workbook
from welfareplan.exports.round_export import round_departments
from welfareplan.exports.worksheet_keys import (
    WORKSHEET_FORMAT,
    WorksheetKeys,
    worksheet_payload,
)
from welfareplan.exports.worksheet_xlsx import (
    HEADER_ROW,
    ID_COL,
    INPUT_COLUMNS,
    KEYS_SHEET,
    MAIN_SHEET,
    write_department_worksheet_xlsx,
)
from welfareplan.workflow.returns.worksheet_cells import read_department_worksheet_xlsx

SECRET = b"master-workbook-secret"


def sign(payload: bytes) -> str:
    return hmac.new(SECRET, payload, hashlib.sha256).hexdigest()


def verifies(payload: bytes, mac: str) -> bool:
    return hmac.compare_digest(sign(payload), mac)


@dataclasses.dataclass
class Issued:
    report: ReportData
    keys: WorksheetKeys
    path: Path
    payload: bytes


def issue(master: Path, year: int, department: str, path: Path, *, blank: bool = False) -> Issued:
    with Workbook.open(master, read_only=True) as wb, wb.session() as s:
        rnd = round_for_year(s, year)
        dept = next(d for d in round_departments(s, rnd) if d.name == department)
        report = build_report(s, rnd, department_id=dept.id)
        keys = WorksheetKeys(
            workbook_uuid=wb.file_uuid,
            file_uuid="7d1c1c8e-issued-worksheet",
            round_id=rnd.id,
            fiscal_year=rnd.fiscal_year,
            department_id=dept.id,
            department_name=dept.name,
        )
    seen: list[bytes] = []

    def recording_sign(payload: bytes) -> str:
        seen.append(payload)
        return sign(payload)

    write_department_worksheet_xlsx(report, path, keys=keys, blank=blank, sign=recording_sign)
    assert len(seen) == 1
    return Issued(report, keys, path, seen[0])


@pytest.fixture(scope="module")
def issued(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Issued:
    folder = tmp_path_factory.mktemp("issued")
    return issue(demo_master, 2024, "地域福祉課", folder / "R6_地域福祉課_評価シート.xlsx")


def edit(src: Path, dest: Path, change: Any) -> Path:
    """Copy ``src`` to ``dest`` changing it with openpyxl like a user (or an attacker) would."""
    from openpyxl import load_workbook

    wb = load_workbook(src)
    change(wb)
    wb.save(dest)
    return dest


def test_round_trip(issued: Issued) -> None:
    content = read_department_worksheet_xlsx(issued.path)
    assert content.keys == issued.keys
    assert content.payload == issued.payload
    assert verifies(content.payload, content.mac)
    entries = [e for g in issued.report.goals for e in g.entries()]
    assert len(entries) == 30
    assert [r.entry_id for r in content.rows] == [e.entry_id for e in entries]
    assert [r.excel_row for r in content.rows] == list(range(HEADER_ROW + 1, HEADER_ROW + 31))
    assert [(r.result, r.rating, r.outlook) for r in content.rows] == [
        (e.result, e.rating, e.outlook) for e in entries
    ]
    assert all(r.locked_intact for r in content.rows)
    assert content.rows[0].label == "事業1 地域福祉課（関係各課）"


def test_payload_is_canonical(issued: Issued) -> None:
    import json

    doc = json.loads(issued.payload)
    assert doc["format"] == WORKSHEET_FORMAT == "welfareplan-worksheet/1"
    assert doc["keys"] == dataclasses.asdict(issued.keys)
    assert [row[0] for row in doc["rows"]] == [
        e.entry_id for g in issued.report.goals for e in g.entries()
    ]
    assert all(len(row[2]) == 64 for row in doc["rows"])
    assert issued.payload == json.dumps(
        doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode("utf-8")


def test_blank_variant_and_unsigned(demo_master: Path, tmp_path: Path) -> None:
    with Workbook.open(demo_master, read_only=True) as wb, wb.session() as s:
        rnd = round_for_year(s, 2024)
        dept = round_departments(s, rnd)[2]
        report = build_report(s, rnd, department_id=dept.id)
    keys = WorksheetKeys("wb", "", rnd.id, 2024, dept.id, dept.name)
    path = write_department_worksheet_xlsx(report, tmp_path / "b.xlsx", keys=keys, blank=True)
    content = read_department_worksheet_xlsx(path)
    assert content.mac == ""
    assert content.keys.file_uuid == ""
    assert len(content.rows) == report.entry_count() > 0
    assert all((r.result, r.rating, r.outlook) == ("", "", "") for r in content.rows)
    assert content.payload == worksheet_payload(
        keys, [_issued_row(path, r.entry_id) for r in content.rows]
    )


def _issued_row(path: Path, entry_id: str) -> Any:
    from openpyxl import load_workbook

    from welfareplan.exports.worksheet_keys import IssuedRow

    ks = load_workbook(path)[KEYS_SHEET]
    for a, b, c in ks.iter_rows(max_col=3, values_only=True):
        if a == entry_id:
            return IssuedRow(a, int(b), c)
    raise AssertionError(entry_id)


def test_only_the_three_input_cells_are_unlocked(issued: Issued) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(issued.path)
    ws = wb[MAIN_SHEET]
    assert ws.protection.sheet is True
    first, last = HEADER_ROW + 1, HEADER_ROW + 30
    unlocked = {
        (c.row, c.column)
        for row in ws.iter_rows(min_row=1, max_row=ws.max_row + 3, max_col=ID_COL + 2)
        for c in row
        if not c.protection.locked
    }
    assert unlocked == {(r, col) for r in range(first, last + 1) for col in INPUT_COLUMNS}
    assert [c.value for c in ws[HEADER_ROW]][:8] == report_columns(
        "事業実績・評価理由（令和6年度）"
    )
    assert ws.column_dimensions["M"].hidden
    # No previous round: the reference columns stay, narrow.
    assert ws.column_dimensions["I"].width < ws.column_dimensions["F"].width / 2
    assert ws.freeze_panes == "D7"
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    keys = wb[KEYS_SHEET]
    assert keys.sheet_state == "veryHidden" and keys.protection.sheet is True
    assert wb.security.lockStructure
    assert wb.active.title == MAIN_SHEET


def test_rating_list_validation_shows_its_arrow(issued: Issued) -> None:
    from openpyxl import load_workbook

    ws = load_workbook(issued.path)[MAIN_SHEET]
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list" and dv.formula1 == '"A,B,C,D"'
    assert dv.showDropDown in (False, None)  # True would HIDE the in-cell arrow
    assert dv.showErrorMessage and dv.errorStyle == "stop"
    assert "A、B、C、D" in dv.error and dv.errorTitle == "事業評価"
    assert str(dv.sqref) == f"G{HEADER_ROW + 1}:G{HEADER_ROW + 30}"


def test_edited_locked_cell_is_detected_on_its_row(issued: Issued, tmp_path: Path) -> None:
    def change(wb: Any) -> None:
        wb[MAIN_SHEET].cell(HEADER_ROW + 3, 4).value = "内容を書き換えた"

    content = read_department_worksheet_xlsx(edit(issued.path, tmp_path / "e.xlsx", change))
    assert [r.locked_intact for r in content.rows] == [i != 2 for i in range(30)]
    assert verifies(content.payload, content.mac)  # the keys themselves are intact


def test_tampered_keys_change_the_payload(issued: Issued, tmp_path: Path) -> None:
    other = "00000000-0000-0000-0000-000000000000"

    def change(wb: Any) -> None:
        ks = wb[KEYS_SHEET]
        for row in ks.iter_rows(max_col=2):
            if row[0].value == "department_id":
                row[1].value = other

    content = read_department_worksheet_xlsx(edit(issued.path, tmp_path / "k.xlsx", change))
    assert content.keys.department_id == other
    assert content.payload != issued.payload
    assert not verifies(content.payload, content.mac)


def test_tampered_stored_digest_changes_the_payload(issued: Issued, tmp_path: Path) -> None:
    def change(wb: Any) -> None:
        wb[MAIN_SHEET].cell(HEADER_ROW + 1, 5).value = "別の課"
        ks = wb[KEYS_SHEET]
        for row in ks.iter_rows(max_col=3):
            if row[0].value == issued_first_id:
                row[2].value = "0" * 64

    issued_first_id = read_department_worksheet_xlsx(issued.path).rows[0].entry_id
    content = read_department_worksheet_xlsx(edit(issued.path, tmp_path / "d.xlsx", change))
    assert not verifies(content.payload, content.mac)


@pytest.mark.parametrize("typed", ["Ａ", "E", " a ", "b", "AB"])
def test_rating_is_read_verbatim(issued: Issued, tmp_path: Path, typed: str) -> None:
    def change(wb: Any) -> None:
        wb[MAIN_SHEET].cell(HEADER_ROW + 1, 7).value = typed

    content = read_department_worksheet_xlsx(edit(issued.path, tmp_path / "r.xlsx", change))
    assert content.rows[0].rating == typed
    assert all(r.locked_intact for r in content.rows)


def test_formulas_and_numbers_in_input_cells_read_as_text(issued: Issued, tmp_path: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb[MAIN_SHEET]
        ws.cell(HEADER_ROW + 1, 6).value = "=1+1"
        ws.cell(HEADER_ROW + 1, 7).value = '=IF(TRUE,"A","B")'
        ws.cell(HEADER_ROW + 1, 8).value = 12
        ws.cell(HEADER_ROW + 2, 8).value = 1.5
        ws.cell(HEADER_ROW + 2, 6).value = None

    content = read_department_worksheet_xlsx(edit(issued.path, tmp_path / "f.xlsx", change))
    first, second = content.rows[0], content.rows[1]
    assert (first.result, first.rating, first.outlook) == ("=1+1", '=IF(TRUE,"A","B")', "12")
    assert (second.result, second.outlook) == ("", "1.5")


def test_moved_rows_are_found_by_their_id(issued: Issued, tmp_path: Path) -> None:
    a, b = HEADER_ROW + 1, HEADER_ROW + 2

    def change(wb: Any) -> None:
        ws = wb[MAIN_SHEET]
        for col in range(1, ID_COL + 1):
            x, y = ws.cell(a, col), ws.cell(b, col)
            x.value, y.value = y.value, x.value

    before = read_department_worksheet_xlsx(issued.path)
    content = read_department_worksheet_xlsx(edit(issued.path, tmp_path / "m.xlsx", change))
    assert [r.entry_id for r in content.rows] == [r.entry_id for r in before.rows]
    assert (content.rows[0].excel_row, content.rows[1].excel_row) == (b, a)
    assert content.rows[0].result == before.rows[0].result
    assert all(r.locked_intact for r in content.rows)


def test_previous_year_reference_and_other_departments(two_rounds: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    item = issue(two_rounds, NEXT_YEAR, "介護福祉課", tmp_path / "r7.xlsx", blank=True)
    ws = load_workbook(item.path)[MAIN_SHEET]
    assert ws.cell(HEADER_ROW, 9).value == "前年度の事業実績・評価理由（令和6年度）"
    assert ws.column_dimensions["I"].width > ws.column_dimensions["F"].width / 2
    assert "提出期限：令和8年5月29日" in ws.cell(2, 1).value
    project9 = next(p for g in item.report.goals for p in g.projects if p.number == 9)
    row = HEADER_ROW + 1 + [p.number for g in item.report.goals for p in g.projects].index(9)
    entry = project9.entries[0]
    assert ws.cell(row, 9).value == entry.previous_result
    assert ws.cell(row, 10).value == entry.previous_rating
    assert ws.cell(row, 11).value == entry.previous_outlook
    assert ws.cell(row, 12).value == "地域福祉課（関係各課）、自立生活支援課、広報秘書課"
    assert ws.cell(row, 6).value is None  # blank variant
    content = read_department_worksheet_xlsx(item.path)
    assert content.keys.fiscal_year == NEXT_YEAR and verifies(content.payload, content.mac)


def test_not_a_worksheet(tmp_path: Path, exported: dict[str, Path]) -> None:
    with pytest.raises(FileCheckError) as info:
        read_department_worksheet_xlsx(exported["xlsx"])
    assert info.value.code == "not-worksheet" and "評価シートではありません" in info.value.message
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(FileCheckError) as info:
        read_department_worksheet_xlsx(junk)
    assert info.value.code == "worksheet-unreadable" and "junk.xlsx" in info.value.message
    with pytest.raises(FileCheckError) as info:
        read_department_worksheet_xlsx(tmp_path / "missing.xlsx")
    assert info.value.code == "not-found"


@pytest.mark.parametrize(
    "damage",
    ["header", "id-column", "sheet-renamed", "format", "fiscal-year", "entries", "count"],
)
def test_damaged_structure(issued: Issued, tmp_path: Path, damage: str) -> None:
    def change(wb: Any) -> None:
        ws, ks = wb[MAIN_SHEET], wb[KEYS_SHEET]
        if damage == "header":
            ws.cell(HEADER_ROW, 7).value = "評価"
        elif damage == "id-column":
            for r in range(HEADER_ROW + 1, ws.max_row + 1):
                ws.cell(r, ID_COL).value = None
        elif damage == "sheet-renamed":
            ws.title = "Sheet1"
        else:
            for row in ks.iter_rows(max_col=2):
                if damage == "format" and row[0].value == "format":
                    row[1].value = "something-else/1"
                if damage == "fiscal-year" and row[0].value == "fiscal_year":
                    row[1].value = "令和六年"
                if damage == "entries" and row[0].value == "entries":
                    row[0].value = None
                if damage == "count" and row[0].value == "entries":
                    row[1].value = "29"

    path = edit(issued.path, tmp_path / "x.xlsx", change)
    with pytest.raises(FileCheckError) as info:
        read_department_worksheet_xlsx(path)
    assert info.value.code == "worksheet-damaged"
    assert info.value.message.startswith("「x.xlsx」は評価シートとして壊れています")


def test_newer_format_is_named(issued: Issued, tmp_path: Path) -> None:
    def change(wb: Any) -> None:
        wb[KEYS_SHEET]["B1"].value = "welfareplan-worksheet/2"

    with pytest.raises(FileCheckError) as info:
        read_department_worksheet_xlsx(edit(issued.path, tmp_path / "n.xlsx", change))
    assert info.value.code == "worksheet-newer"


def test_write_is_atomic(issued: Issued, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import Workbook as OpenpyxlWorkbook

    dest = tmp_path / "out.xlsx"
    shutil.copyfile(issued.path, dest)
    before = dest.read_bytes()

    def broken_save(self: Any, filename: str) -> None:
        Path(filename).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(OpenpyxlWorkbook, "save", broken_save)
    from welfareplan.core.errors import WelfareplanError

    with pytest.raises(WelfareplanError) as info:
        write_department_worksheet_xlsx(issued.report, dest, keys=issued.keys)
    assert "空き容量" in info.value.message
    assert dest.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_read_from_bytes_names_the_path(issued: Issued, tmp_path: Path) -> None:
    data = issued.path.read_bytes()
    content = read_department_worksheet_xlsx(tmp_path / "どこにもない.xlsx", data=data)
    assert content.payload == issued.payload and content.missing == ()
    with pytest.raises(FileCheckError) as info:
        read_department_worksheet_xlsx(tmp_path / "壊れた.xlsx", data=b"PK\x03\x04 broken")
    assert info.value.code == "worksheet-unreadable" and "壊れた.xlsx" in info.value.message


def test_missing_and_extra_rows_can_be_listed(issued: Issued, tmp_path: Path) -> None:
    first, second = HEADER_ROW + 1, HEADER_ROW + 2
    ids = [r.entry_id for r in read_department_worksheet_xlsx(issued.path).rows]

    def change(wb: Any) -> None:
        ws = wb[MAIN_SHEET]
        ws.delete_rows(second)  # the second entry's row is gone, the rest move up
        ws.cell(ws.max_row + 1, ID_COL).value = ids[0]  # a copy of the first row's id
        ws.cell(ws.max_row + 1, ID_COL).value = "not-an-entry"

    path = edit(issued.path, tmp_path / "rows.xlsx", change)
    with pytest.raises(FileCheckError) as info:
        read_department_worksheet_xlsx(path)
    assert info.value.code == "worksheet-damaged"
    content = read_department_worksheet_xlsx(path, allow_missing_rows=True)
    assert content.missing == (ids[1],)
    assert [r.entry_id for r in content.rows] == ids[:1] + ids[2:]
    assert content.rows[0].excel_row == first and content.rows[1].excel_row == second
    last = HEADER_ROW + 29
    assert content.extra_rows == ((last + 1, ids[0]), (last + 2, "not-an-entry"))
    assert content.payload == issued.payload  # the keys sheet is untouched
