"""The per-department worksheet in Excel: the input form a department fills in and returns.

Sheet ``評価シート`` (protected, no password — it prevents accidents; tampering is detected
by the keys below): a title block (year, department, deadline, how to fill in, the rating
criteria), then from row :data:`HEADER_ROW` a table with one row per entry of the department:

====  ==========================================  ======================================
col   header                                      cell
====  ==========================================  ======================================
A–E   施策No, 事業No, 【個別事業・取り組み】,       plan context (locked)
      内容, 担当課
F     事業実績・評価理由（令和6年度）              **input** (unlocked, yellow)
G     事業評価                                    **input**, list validation A/B/C/D
H     今後の事業計画・展望                        **input**
I–K   前年度の事業実績・評価理由 / 事業評価 / 展望   last year's entry, reference (locked)
L     同じ事業の他の担当課                        plan context (locked)
M     記入ID (hidden column)                      the entry id (locked)
====  ==========================================  ======================================

Hidden keys: a *very hidden* sheet ``wp_keys`` holds label/value rows — ``format``
(:data:`~welfareplan.exports.worksheet_keys.WORKSHEET_FORMAT`), ``workbook_uuid``,
``file_uuid``, ``round_id``, ``fiscal_year``, ``department_id``, ``department_name``, ``sheet``,
``header_row``, ``mac`` — then after an ``entries`` row one row per issued entry:
entry id | Excel row | digest of that row's locked cells (A–E, I–M). See
:mod:`welfareplan.exports.worksheet_keys` for the payload and the MAC.

The reader finds each entry's row by the id in column M (at the issued row, or anywhere in the
column if rows were moved), reads the three input cells as text exactly as typed (formulas as
their text, never evaluated) and compares the locked cells with the issued digest.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from welfareplan.core.errors import FileCheckError
from welfareplan.core.model import RATINGS
from welfareplan.core.reportdata import ReportData, report_columns
from welfareplan.core.wareki import date_label, fiscal_year_label
from welfareplan.exports.paper import PaperSize, paper
from welfareplan.exports.worksheet_keys import (
    WORKSHEET_FORMAT,
    IssuedRow,
    WorksheetContent,
    WorksheetKeys,
    WorksheetRow,
    cell_text,
    locked_digest,
    worksheet_payload,
)
from welfareplan.exports.xlsx_cells import Palette, text_cell
from welfareplan.exports.xlsx_layout import (
    estimate_row_pt,
    make_styles,
    new_workbook,
    save_workbook,
    set_column_widths,
    set_text,
    setup_print,
)

MAIN_SHEET = "評価シート"
KEYS_SHEET = "wp_keys"
HEADER_ROW = 6
RESULT_COL, RATING_COL, OUTLOOK_COL = 6, 7, 8
INPUT_COLUMNS = (RESULT_COL, RATING_COL, OUTLOOK_COL)
ID_COL = 13
ID_HEADER = "記入ID"
LOCKED_COLUMNS = (1, 2, 3, 4, 5, 9, 10, 11, 12, ID_COL)
WIDTHS = (8, 7, 16, 30, 14, 45, 7, 38, 34, 8, 30, 16, 12)
#: Widths of the three reference columns when there is no previous round (nothing to show).
NO_PREVIOUS_WIDTHS = (14, 8, 14)
NO_PREVIOUS = "（前年度の記入はありません）"


def header_labels(fiscal_year: int, previous_year: int | None) -> list[str]:
    """The table header: the report's column labels, the reference columns and the id."""
    prev = f"（{fiscal_year_label(previous_year)}）" if previous_year else ""
    return [
        *report_columns(f"事業実績・評価理由（{fiscal_year_label(fiscal_year)}）"),
        f"前年度の事業実績・評価理由{prev}",
        "前年度の事業評価",
        "前年度の今後の事業計画・展望",
        "同じ事業の他の担当課",
        ID_HEADER,
    ]


def rating_validation() -> Any:
    """A/B/C/D list with the in-cell arrow shown and a Japanese error message.

    (openpyxl's ``showDropDown=True`` *hides* the arrow, so it stays False.)
    """
    from openpyxl.worksheet.datavalidation import DataValidation

    return DataValidation(
        type="list",
        formula1='"{}"'.format(",".join(RATINGS)),
        allow_blank=True,
        showDropDown=False,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="事業評価",
        error="事業評価は A、B、C、D のいずれかを一覧から選んでください。",
        showInputMessage=True,
        promptTitle="事業評価",
        prompt="A～D から選んでください。",
    )


def write_department_worksheet_xlsx(
    report: ReportData,
    path: Path,
    *,
    keys: WorksheetKeys,
    blank: bool = False,
    sign: Callable[[bytes], str] | None = None,
    paper_size: PaperSize | str = PaperSize.A4,
) -> Path:
    """Write the Excel worksheet of one department (``report`` built with its
    ``department_id``); with ``blank`` the three input cells are left empty."""
    from openpyxl.styles import Protection
    from openpyxl.workbook.protection import WorkbookProtection

    s = make_styles()
    wb = new_workbook()
    palette = Palette(wb)
    ws = wb.create_sheet(MAIN_SHEET)
    widths = list(WIDTHS)
    if report.previous_fiscal_year is None:
        widths[8:11] = NO_PREVIOUS_WIDTHS
    set_column_widths(ws, widths)
    ws.column_dimensions["M"].hidden = True
    year = fiscal_year_label(keys.fiscal_year)
    palette.apply(ws.cell(1, 1), s.title)
    set_text(ws.cell(1, 1), f"{year} 地域福祉計画 事業評価シート（{keys.department_name}）")
    line2 = f"担当課：{keys.department_name}　　対象：{report.entry_count()} 件"
    if report.deadline:
        line2 += f"　　提出期限：{date_label(report.deadline)}"
    set_text(ws.cell(2, 1), line2)
    set_text(
        ws.cell(3, 1),
        "黄色のセルに「事業実績・評価理由」「事業評価」「今後の事業計画・展望」を記入してください。"
        "事業評価は A～D を一覧から選びます。その他のセルは変更できません。",
    )
    criteria = "　".join(f"{k}：{report.rating_criteria.get(k, '')}" for k in RATINGS)
    set_text(ws.cell(4, 1), f"【事業評価の評価基準】{criteria}")
    if report.outlook_note:
        set_text(ws.cell(5, 1), f"※{report.outlook_note}")
    labels = header_labels(keys.fiscal_year, report.previous_fiscal_year)
    for col, label in enumerate(labels, 1):
        c = ws.cell(HEADER_ROW, col)
        c.value = label
        palette.apply(c, s.head_font, s.center, s.border, fill=s.head_fill)
    ws.row_dimensions[HEADER_ROW].height = estimate_row_pt(labels, widths)

    unlocked = Protection(locked=False)
    looks = []
    for col in range(1, ID_COL + 1):
        fill = s.input_fill if col in INPUT_COLUMNS else None
        if col in (9, 10, 11):
            fill = s.reference_fill
        centered = col in (1, 2, RATING_COL, 10)
        looks.append(
            palette.array(
                ws,
                s.cell_font,
                s.center_top if centered else s.wrap_top,
                s.border,
                fill=fill,
                protection=unlocked if col in INPUT_COLUMNS else None,
            )
        )
    issued: list[IssuedRow] = []
    r = HEADER_ROW + 1
    for goal in report.goals:
        for project in goal.projects:
            for entry in project.entries:
                no_prev = entry.previous_rating is None
                values = [
                    project.measure_label,
                    project.number_label,
                    project.name,
                    project.description,
                    entry.label,
                    "" if blank else entry.result,
                    "" if blank else entry.rating,
                    "" if blank else entry.outlook,
                    NO_PREVIOUS if no_prev else entry.previous_result or "",
                    "" if no_prev else entry.previous_rating or "",
                    "" if no_prev else entry.previous_outlook or "",
                    "、".join(project.other_departments),
                    entry.entry_id,
                ]
                cells = [text_cell(ws, t, look) for t, look in zip(values, looks, strict=True)]
                ws.append(cells)
                height = estimate_row_pt(values[: ID_COL - 1], widths[: ID_COL - 1])
                ws.row_dimensions[r].height = max(height, 60.0 if not blank else 90.0)
                digest = locked_digest([cells[col - 1].value for col in LOCKED_COLUMNS])
                issued.append(IssuedRow(entry.entry_id, r, digest))
                r += 1
    last = r - 1
    if issued:
        dv = rating_validation()
        ws.add_data_validation(dv)
        dv.add(f"G{HEADER_ROW + 1}:G{last}")
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 4)
    ws.protection.sheet = True
    ws.protection.formatRows = False  # users may enlarge rows while typing long texts
    ws.protection.formatColumns = False
    setup_print(
        ws,
        paper(paper_size),
        title_rows=f"{HEADER_ROW}:{HEADER_ROW}",
        last_column=ID_COL - 1,
        last_row=last,
    )

    payload = worksheet_payload(keys, issued)
    mac = sign(payload) if sign is not None else ""
    _write_keys_sheet(wb, keys, issued, mac)
    wb.security = WorkbookProtection(lockStructure=True)
    wb.active = 0
    wb.properties.title = f"{year} 事業評価シート（{keys.department_name}）"
    wb.properties.creator = "welfareplan"
    return save_workbook(wb, path)


def _write_keys_sheet(wb: Any, keys: WorksheetKeys, issued: list[IssuedRow], mac: str) -> None:
    ks = wb.create_sheet(KEYS_SHEET)
    rows: list[tuple[str, ...]] = [
        ("format", WORKSHEET_FORMAT),
        ("workbook_uuid", keys.workbook_uuid),
        ("file_uuid", keys.file_uuid),
        ("round_id", keys.round_id),
        ("fiscal_year", str(keys.fiscal_year)),
        ("department_id", keys.department_id),
        ("department_name", keys.department_name),
        ("sheet", MAIN_SHEET),
        ("header_row", str(HEADER_ROW)),
        ("mac", mac),
        ("entries", str(len(issued))),
    ]
    rows += [(i.entry_id, str(i.excel_row), i.digest) for i in issued]
    for r, values in enumerate(rows, 1):
        for col, text in enumerate(values, 1):
            set_text(ks.cell(r, col), text)
    ks.sheet_state = "veryHidden"
    ks.protection.sheet = True


# ---------------------------------------------------------------------------- reading


def _unreadable(path: Path, why: str, code: str) -> FileCheckError:
    return FileCheckError(f"「{path.name}」は{why}", code=code)


def _load(path: Path, data: bytes | None = None) -> Any:
    import io
    import warnings
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if data is None and not path.is_file():
        raise _unreadable(path, "見つかりません。", "not-found")
    source: Any = path if data is None else io.BytesIO(data)
    try:
        # Files saved by Excel or LibreOffice carry parts openpyxl does not keep (extended
        # validations, themes …); it warns about them, but the cells read the same.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(source, data_only=False, rich_text=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError) as exc:
        raise _unreadable(
            path,
            "Excel ファイル（.xlsx）として読み込めません。壊れているか、別の形式のファイルです。",
            "worksheet-unreadable",
        ) from exc
    except OSError as exc:
        raise _unreadable(
            path, f"読み込めません（{exc.strerror or exc}）。", "worksheet-unreadable"
        ) from exc


def _read_keys(path: Path, wb: Any) -> tuple[WorksheetKeys, dict[str, str], list[IssuedRow]]:
    damaged = "評価シートとして壊れています（識別情報が読み取れません）。配布した評価シートに記入して送り直してもらってください。"
    if KEYS_SHEET not in wb.sheetnames:
        raise _unreadable(
            path,
            "このアプリで作成した評価シートではありません（識別情報がありません）。",
            "not-worksheet",
        )
    ks = wb[KEYS_SHEET]
    values: dict[str, str] = {}
    issued: list[IssuedRow] = []
    in_entries = False
    for row in ks.iter_rows(min_row=1, max_col=3, values_only=True):
        a, b, c = (cell_text(v) for v in row)
        if not a:
            break
        if in_entries:
            if not b.isdigit() or not c:
                raise _unreadable(path, damaged, "worksheet-damaged")
            issued.append(IssuedRow(a, int(b), c))
        elif a == "entries":
            in_entries = True
            values[a] = b
        else:
            values[a] = b
    fmt = values.get("format", "")
    if fmt != WORKSHEET_FORMAT:
        if fmt.startswith("welfareplan-worksheet/"):
            raise _unreadable(
                path,
                f"新しい版のアプリで作成された評価シート（{fmt}）です。アプリを更新してください。",
                "worksheet-newer",
            )
        raise _unreadable(path, damaged, "worksheet-damaged")
    try:
        keys = WorksheetKeys(
            workbook_uuid=values["workbook_uuid"],
            file_uuid=values["file_uuid"],
            round_id=values["round_id"],
            fiscal_year=int(values["fiscal_year"]),
            department_id=values["department_id"],
            department_name=values["department_name"],
        )
        int(values["header_row"])
        if not values["sheet"]:
            raise ValueError("no sheet name")
    except (KeyError, ValueError) as exc:
        raise _unreadable(path, damaged, "worksheet-damaged") from exc
    if (
        not keys.round_id
        or not keys.department_id
        or not issued
        or values.get("entries") != str(len(issued))
    ):
        raise _unreadable(path, damaged, "worksheet-damaged")
    return keys, values, issued


def read_department_worksheet_xlsx(
    path: Path, *, data: bytes | None = None, allow_missing_rows: bool = False
) -> WorksheetContent:
    """Read a returned Excel worksheet. Raises :class:`FileCheckError` (Japanese message)
    when it is not one of ours or its structure is damaged; the values of the input cells are
    returned as typed, for the importer to validate.

    With ``data`` the worksheet is read from those bytes (``path`` names it in messages).
    With ``allow_missing_rows`` an issued row that cannot be found is listed in
    ``missing`` instead of being an error (the importer names the entries from the master).
    """
    path = Path(path)
    wb = _load(path, data)
    keys, values, issued = _read_keys(path, wb)
    sheet_name = values["sheet"]
    header_row = int(values["header_row"])
    if sheet_name not in wb.sheetnames:
        raise _unreadable(
            path,
            f"評価シートとして壊れています（シート「{sheet_name}」がありません）。",
            "worksheet-damaged",
        )
    ws = wb[sheet_name]
    found = [cell_text(ws.cell(header_row, col).value) for col in range(1, ID_COL + 1)]
    expected = header_labels(keys.fiscal_year, None)
    for col in (*range(1, 9), ID_COL):
        if found[col - 1] != expected[col - 1]:
            raise _unreadable(
                path,
                f"評価シートとして壊れています（見出し「{expected[col - 1]}」の列が見つかりません）。",
                "worksheet-damaged",
            )
    id_rows: dict[str, int] = {}
    for r in range(header_row + 1, ws.max_row + 1):
        entry_id = cell_text(ws.cell(r, ID_COL).value)
        if entry_id:
            id_rows.setdefault(entry_id, r)
    rows: list[WorksheetRow] = []
    missing: list[str] = []
    for item in issued:
        r = item.excel_row
        if cell_text(ws.cell(r, ID_COL).value) != item.entry_id:
            if item.entry_id not in id_rows:
                if allow_missing_rows:
                    missing.append(item.entry_id)
                    continue
                raise _unreadable(
                    path,
                    f"評価シートとして壊れています（{item.excel_row} 行目にあった記入の行が見つかりません）。",
                    "worksheet-damaged",
                )
            r = id_rows[item.entry_id]
        locked = [ws.cell(r, col).value for col in LOCKED_COLUMNS]
        number = cell_text(ws.cell(r, 2).value)
        department = cell_text(ws.cell(r, 5).value)
        rows.append(
            WorksheetRow(
                entry_id=item.entry_id,
                excel_row=r,
                label=f"事業{number} {department}".strip(),
                result=cell_text(ws.cell(r, RESULT_COL).value),
                rating=cell_text(ws.cell(r, RATING_COL).value),
                outlook=cell_text(ws.cell(r, OUTLOOK_COL).value),
                locked_intact=locked_digest(locked) == item.digest,
            )
        )
    used = {row.excel_row for row in rows}
    extra = tuple(
        (r, entry_id)
        for r in range(header_row + 1, ws.max_row + 1)
        if r not in used and (entry_id := cell_text(ws.cell(r, ID_COL).value))
    )
    return WorksheetContent(
        keys=keys,
        rows=rows,
        payload=worksheet_payload(keys, issued),
        mac=values.get("mac", ""),
        missing=tuple(missing),
        extra_rows=extra,
    )
