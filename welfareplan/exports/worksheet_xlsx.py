"""The per-department worksheet in Excel: the input form a department fills in and returns.

Sheet ``評価シート`` (protected, no password — it prevents accidents; tampering is detected
by the keys below): a title block (year, department, deadline, how to fill in, the criteria
of the plan's rating scale), then from row :data:`HEADER_ROW` a table with one row per entry
of the department. Its columns follow the plan (for Koganei's plan and form):

====  ==========================================  ======================================
col   header                                      cell
====  ==========================================  ======================================
A–E   施策No, 事業No, 【個別事業・取り組み】,       plan context (locked; a plan of one
      内容, 担当課                                 level has no 施策No column)
F–H   one column per form field: 事業実績・評価     **input** (unlocked, yellow); the rating
      理由（令和6年度）, 事業評価, 今後の事業計画・    column has a list validation of the
      展望                                         scale's codes, number fields a number one
I–K   前年度の … of every field                     last year's entry, reference (locked)
L     同じ事業の他の担当課                          plan context (locked)
M     記入ID (hidden column)                       the entry id (locked)
====  ==========================================  ======================================

Hidden keys: a *very hidden* sheet ``wp_keys`` holds label/value rows — ``format``
(:data:`~welfareplan.exports.worksheet_keys.WORKSHEET_FORMAT`), ``workbook_uuid``,
``file_uuid``, ``round_id``, ``fiscal_year``, ``department_id``, ``department_name``, ``sheet``,
``header_row``, ``fields`` (the input columns' field keys), ``input_column``, ``id_column``,
``headers`` (the headers of the input and id columns, checked on return), ``mac`` — then after an ``entries`` row one row per issued entry: entry id | Excel row |
digest of that row's locked cells. See :mod:`welfareplan.exports.worksheet_keys` for the
payload and the MAC.

Reading a returned worksheet is the merge's job: :mod:`welfareplan.workflow.returns.worksheet_cells`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from welfareplan.core.evaluation_form import EvaluationForm, FormField
from welfareplan.core.report_texts import ReportTexts
from welfareplan.core.reportdata import ReportData
from welfareplan.core.wareki import date_label, fiscal_year_label, previous_word
from welfareplan.exports.columns import width_kind
from welfareplan.exports.paper import PaperSize, paper
from welfareplan.exports.worksheet_keys import (
    WORKSHEET_FORMAT,
    IssuedRow,
    WorksheetKeys,
    WorksheetLayout,
    locked_digest,
    worksheet_payload,
)
from welfareplan.exports.worksheet_review import SheetComment, write_review_sheet
from welfareplan.exports.xlsx_cells import Palette, number_cell, text_cell
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
ID_HEADER = "記入ID"
OTHERS_HEADER = "同じ事業の他の担当課"
#: Widths of the plan context columns (施策No, 事業No, 事業名, 内容, 担当課).
CONTEXT_WIDTHS = (8, 7, 16, 30, 14)
#: Widths of an input column and of its reference column (first text field, other text
#: fields, rating, number); the reference columns are narrow when there is no previous round.
INPUT_WIDTHS = {"first": 45, "text": 38, "code": 7, "number": 10}
REFERENCE_WIDTHS = {"first": 34, "text": 30, "code": 8, "number": 10}
NO_PREVIOUS_WIDTHS = {"first": 14, "text": 14, "code": 8, "number": 8}
OTHERS_WIDTH, ID_WIDTH = 16, 12
NO_PREVIOUS = "（前年度の記入はありません）"


@dataclass(frozen=True)
class SheetColumns:
    """The table's columns for one plan: headers, widths and the layout the reader needs."""

    headers: list[str]
    widths: list[float]
    layout: WorksheetLayout
    #: columns printed centred (numbers, ratings)
    centered: frozenset[int]
    #: reference columns (last year's values)
    references: frozenset[int]


def sheet_columns(
    form: EvaluationForm,
    texts: ReportTexts,
    *,
    node_column: bool,
    fiscal_year: int,
    previous_year: int | None,
) -> SheetColumns:
    """The worksheet's columns: the report's columns, the reference columns, the other
    departments and the entry id."""
    year = fiscal_year_label(fiscal_year)
    context = [
        texts.project_number_column,
        texts.project_name_column,
        texts.description_column,
        texts.department_column,
    ]
    widths: list[float] = list(CONTEXT_WIDTHS[1:])
    if node_column:
        context = [texts.node_column, *context]
        widths = list(CONTEXT_WIDTHS)
    inputs = [
        f"{f.label}（{f.unit}）" if f.is_number and f.unit else f.heading(year) for f in form.fields
    ]
    word = previous_word(fiscal_year, previous_year)
    prev = f"（{fiscal_year_label(previous_year)}）" if previous_year else ""
    references = [
        f"{word}の{f.label}" + (prev if i == 0 else "") for i, f in enumerate(form.fields)
    ]
    ref_widths = REFERENCE_WIDTHS if previous_year else NO_PREVIOUS_WIDTHS
    widths += [INPUT_WIDTHS[width_kind(form, f)] for f in form.fields]
    widths += [ref_widths[width_kind(form, f)] for f in form.fields]
    widths += [OTHERS_WIDTH, ID_WIDTH]
    headers = [*context, *inputs, *references, OTHERS_HEADER, ID_HEADER]
    first_input = len(context) + 1
    n = len(form.fields)
    centered = {1, 2} if node_column else {1}
    for i, f in enumerate(form.fields):
        if f.is_rating or f.is_number:
            centered |= {first_input + i, first_input + n + i}
    layout = WorksheetLayout(form.keys, first_input, len(headers))
    return SheetColumns(
        headers,
        widths,
        layout,
        frozenset(centered),
        frozenset(range(first_input + n, first_input + 2 * n)),
    )


def columns_of(report: ReportData) -> SheetColumns:
    return sheet_columns(
        report.form,
        report.texts,
        node_column=report.has_node_column,
        fiscal_year=report.fiscal_year,
        previous_year=report.previous_fiscal_year,
    )


def rating_validation(form: EvaluationForm) -> Any:
    """The list of the scale's codes with the in-cell arrow shown and a Japanese error message.

    (openpyxl's ``showDropDown=True`` *hides* the arrow, so it stays False.)
    """
    from openpyxl.worksheet.datavalidation import DataValidation

    rating = form.rating_field
    assert rating is not None
    return DataValidation(
        type="list",
        formula1='"{}"'.format(",".join(form.codes)),
        allow_blank=True,
        showDropDown=False,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=rating.label,
        error=f"{rating.label}は {'、'.join(form.codes)} のいずれかを一覧から選んでください。",
        showInputMessage=True,
        promptTitle=rating.label,
        prompt=f"{form.codes[0]}～{form.codes[-1]} から選んでください。",
    )


def number_validation(f: FormField) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    return DataValidation(
        type="decimal",
        operator="between",
        formula1="-1000000000000",
        formula2="1000000000000",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=f.label,
        error=f"{f.label}は数値で入力してください" + (f"（単位: {f.unit}）。" if f.unit else "。"),
    )


def instructions(form: EvaluationForm) -> str:
    """'黄色のセルに「事業実績・評価理由」「事業評価」「今後の事業計画・展望」を記入してください。…'."""
    text = "黄色のセルに" + "".join(f"「{f.label}」" for f in form.fields) + "を記入してください。"
    rating = form.rating_field
    if rating is not None:
        text += f"{rating.label}は {form.codes[0]}～{form.codes[-1]} を一覧から選びます。"
    return text + "その他のセルは変更できません。"


def criteria_line(form: EvaluationForm) -> str:
    """'【事業評価の評価基準】A：…　B：…' ('' without a rating)."""
    if form.rating_field is None:
        return ""
    return form.scale_heading + "　".join(f"{c.code}：{c.criteria}" for c in form.scale)


def notes_line(form: EvaluationForm) -> str:
    return "　".join(f"※{f.note}" for f in form.fields if f.note)


def write_department_worksheet_xlsx(
    report: ReportData,
    path: Path,
    *,
    keys: WorksheetKeys,
    blank: bool = False,
    sign: Callable[[bytes], str] | None = None,
    paper_size: PaperSize | str = PaperSize.A4,
    comments: Sequence[SheetComment] = (),
) -> Path:
    """Write the Excel worksheet of one department (``report`` built with its
    ``department_id``); with ``blank`` the input cells are left empty; ``comments`` (差戻し)
    are added beside their input cells and on the sheet ``差戻し``
    (:mod:`welfareplan.exports.worksheet_review`)."""
    from openpyxl.styles import Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.workbook.protection import WorkbookProtection

    s = make_styles()
    wb = new_workbook()
    palette = Palette(wb)
    ws = wb.create_sheet(MAIN_SHEET)
    form = report.form
    cols = columns_of(report)
    layout = cols.layout
    widths = cols.widths
    set_column_widths(ws, widths)
    ws.column_dimensions[get_column_letter(layout.id_column)].hidden = True
    year = fiscal_year_label(keys.fiscal_year)
    palette.apply(ws.cell(1, 1), s.title)
    set_text(ws.cell(1, 1), f"{year} {report.texts.worksheet_title}（{keys.department_name}）")
    line2 = f"担当課：{keys.department_name}　　対象：{report.entry_count()} 件"
    if report.deadline:
        line2 += f"　　提出期限：{date_label(report.deadline)}"
    set_text(ws.cell(2, 1), line2)
    set_text(ws.cell(3, 1), instructions(form))
    if criteria_line(form):
        set_text(ws.cell(4, 1), criteria_line(form))
    if notes_line(form):
        set_text(ws.cell(5, 1), notes_line(form))
    for col, label in enumerate(cols.headers, 1):
        c = ws.cell(HEADER_ROW, col)
        c.value = label
        palette.apply(c, s.head_font, s.center, s.border, fill=s.head_fill)
    ws.row_dimensions[HEADER_ROW].height = estimate_row_pt(cols.headers, widths)

    unlocked = Protection(locked=False)
    inputs = set(layout.input_columns)
    # text and code cells are formatted as text ('@'); a number field's cell stays a number
    as_text = {c for c, f in zip(layout.input_columns, form.fields, strict=True) if not f.is_number}
    looks = []
    for col in range(1, layout.id_column + 1):
        fill = s.input_fill if col in inputs else None
        if col in cols.references:
            fill = s.reference_fill
        looks.append(
            palette.array(
                ws,
                s.cell_font,
                s.center_top if col in cols.centered else s.wrap_top,
                s.border,
                fill=fill,
                protection=unlocked if col in inputs else None,
                as_text=col in as_text,  # typed "50%" or a date stays as typed
            )
        )
    issued: list[IssuedRow] = []
    r = HEADER_ROW + 1
    locked = [c - 1 for c in layout.locked_columns]
    for goal in report.goals:
        for project in goal.projects:
            for entry in project.entries:
                context = [project.number_label, project.name, project.description, entry.label]
                if report.has_node_column:
                    context = [project.node_label, *context]
                current = ["" if blank else entry.value(f.key) for f in form.fields]
                no_prev = entry.previous is None
                previous = [
                    (NO_PREVIOUS if i == 0 else "") if no_prev else entry.previous_text(f.key)
                    for i, f in enumerate(form.fields)
                ]
                values = [
                    *context,
                    *current,
                    *previous,
                    "、".join(project.other_departments),
                    entry.entry_id,
                ]
                cells = [text_cell(ws, t, look) for t, look in zip(values, looks, strict=True)]
                for i, f in enumerate(form.fields):
                    if f.is_number:
                        col = layout.input_column + i - 1
                        cells[col] = number_cell(ws, current[i], looks[col])
                ws.append(cells)
                height = estimate_row_pt(values[:-1], widths[:-1])
                ws.row_dimensions[r].height = max(height, 60.0 if not blank else 90.0)
                digest = locked_digest([cells[i].value for i in locked])
                issued.append(IssuedRow(entry.entry_id, r, digest))
                r += 1
    last = r - 1
    if issued:
        for i, f in enumerate(form.fields):
            letter = get_column_letter(layout.input_column + i)
            if f.is_rating:
                dv = rating_validation(form)
            elif f.is_number:
                dv = number_validation(f)
            else:
                continue
            ws.add_data_validation(dv)
            dv.add(f"{letter}{HEADER_ROW + 1}:{letter}{last}")
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 4 if report.has_node_column else 3)
    ws.protection.sheet = True
    ws.protection.formatRows = False  # users may enlarge rows while typing long texts
    ws.protection.formatColumns = False
    setup_print(
        ws,
        paper(paper_size),
        title_rows=f"{HEADER_ROW}:{HEADER_ROW}",
        last_column=layout.id_column - 1,
        last_row=last,
    )

    if comments:
        write_review_sheet(
            wb,
            ws,
            comments,
            row_of={i.entry_id: i.excel_row for i in issued},
            column_of=layout.column_of,
            styles=s,
            palette=palette,
        )
    payload = worksheet_payload(keys, issued, layout)
    mac = sign(payload) if sign is not None else ""
    headers = {c: cols.headers[c - 1] for c in (*layout.input_columns, layout.id_column)}
    _write_keys_sheet(wb, keys, issued, mac, layout, headers=headers)
    wb.security = WorkbookProtection(lockStructure=True)
    wb.active = 0
    wb.properties.title = f"{year} 事業評価シート（{keys.department_name}）"
    wb.properties.creator = "welfareplan"
    return save_workbook(wb, path)


def _write_keys_sheet(
    wb: Any,
    keys: WorksheetKeys,
    issued: list[IssuedRow],
    mac: str,
    layout: WorksheetLayout,
    *,
    headers: dict[int, str],
) -> None:
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
        ("fields", ",".join(layout.fields)),
        ("input_column", str(layout.input_column)),
        ("id_column", str(layout.id_column)),
        ("headers", json.dumps({str(c): h for c, h in headers.items()}, ensure_ascii=False)),
        ("mac", mac),
        ("entries", str(len(issued))),
    ]
    rows += [(i.entry_id, str(i.excel_row), i.digest) for i in issued]
    for r, values in enumerate(rows, 1):
        for col, text in enumerate(values, 1):
            set_text(ks.cell(r, col), text)
    ks.sheet_state = "veryHidden"
    ks.protection.sheet = True
