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

Reading a returned worksheet is the merge's job: :mod:`welfareplan.workflow.returns.worksheet_cells`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from welfareplan.core.model import RATINGS
from welfareplan.core.reportdata import ReportData, report_columns
from welfareplan.core.wareki import date_label, fiscal_year_label
from welfareplan.exports.paper import PaperSize, paper
from welfareplan.exports.worksheet_keys import (
    WORKSHEET_FORMAT,
    IssuedRow,
    WorksheetKeys,
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
                as_text=col in INPUT_COLUMNS,  # typed "50%" or a date stays as typed
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
