"""A committee member's opinion sheet (意見・提案シート) in Excel.

Sheet ``意見・提案シート`` (protected, no password: it prevents accidents; tampering is
detected by the signed keys): a title block (year, committee, member, how to fill in), then
from row :data:`HEADER_ROW` one row per project of the round — 事業No, 事業名, 担当課, this
year's rating and texts of every department as reference (locked, grey), the member's
opinion (**input**, unlocked, yellow) and the project id (hidden column) — and, below them,
one row for the general opinion (全体へのご意見・ご提案, id ``general``).

Hidden keys: a *very hidden* sheet ``wp_keys`` (the name the department worksheets use, so each
reader recognises the other's file and says what it is) with label/value rows ``format``
(:data:`OPINION_SHEET_FORMAT`), ``workbook_uuid``, ``sheet_id``, ``round_id``,
``fiscal_year``, ``member_id``, ``member_name``, ``mac``, then after an ``rows`` row one row
per input row: project id (or ``general``) | Excel row | digest of its locked cells
(:func:`~welfareplan.exports.worksheet_keys.locked_digest`). The MAC covers
:func:`opinion_sheet_payload` and is made by the caller's ``sign`` (the master's worksheet
signer: :mod:`welfareplan.workflow.issuing.signing`); the payload's format tag keeps it from
ever verifying as a department worksheet's payload or the other way round.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from welfareplan.core.reportdata import ReportData, ReportProject
from welfareplan.core.wareki import fiscal_year_label
from welfareplan.exports.paper import PaperSize, paper
from welfareplan.exports.worksheet_keys import IssuedRow, locked_digest
from welfareplan.exports.xlsx_cells import Palette
from welfareplan.exports.xlsx_layout import (
    estimate_row_pt,
    make_styles,
    merge_all,
    new_workbook,
    save_workbook,
    set_column_widths,
    set_text,
    setup_print,
)

OPINION_SHEET_FORMAT = "welfareplan-opinion-sheet/1"
MAIN_SHEET = "意見・提案シート"
KEYS_SHEET = "wp_keys"
HEADER_ROW = 5
GENERAL_ID = "general"
HEADERS = ("事業No", "事業名", "担当課", "評価", "事業実績・今後の展望（参考）", "ご意見・ご提案")
WIDTHS = (7, 18, 14, 7, 60, 50, 10)
INPUT_COLUMN = 6
ID_COLUMN = 7
GENERAL_LABEL = "全体へのご意見・ご提案"


@dataclass(frozen=True)
class OpinionSheetKeys:
    """Identifies one issued opinion sheet."""

    workbook_uuid: str
    sheet_id: str
    round_id: str
    fiscal_year: int
    member_id: str
    member_name: str


def opinion_sheet_payload(keys: OpinionSheetKeys, rows: Sequence[IssuedRow]) -> bytes:
    """The canonical bytes an opinion sheet's MAC is computed over."""
    doc = {
        "format": OPINION_SHEET_FORMAT,
        "keys": asdict(keys),
        "rows": [[r.entry_id, r.excel_row, r.digest] for r in rows],
    }
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def reference_cells(report: ReportData, project: ReportProject) -> list[str]:
    """The locked cells of a project's row: number, name, departments, ratings, texts."""
    form = report.form
    rating = form.rating_key
    texts = [f for f in form.fields if f.key != rating]
    departments = "\n".join(e.label or e.department_name for e in project.entries)
    ratings = "\n".join(e.value(rating) or "－" for e in project.entries) if rating else ""
    blocks = []
    for e in project.entries:
        lines = [f"〔{e.label or e.department_name}〕"]
        lines += [f"{f.label}：{e.value(f.key)}" for f in texts if e.value(f.key)]
        blocks.append("\n".join(lines))
    return [project.number_label, project.name, departments, ratings, "\n".join(blocks)]


def write_opinion_sheet_xlsx(
    report: ReportData,
    path: Path,
    *,
    keys: OpinionSheetKeys,
    sign: Callable[[bytes], str],
    paper_size: PaperSize | str = PaperSize.A4,
) -> str:
    """Write the opinion sheet of one member (``report``: the whole round's report); returns
    its MAC."""
    from openpyxl.styles import Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.workbook.protection import WorkbookProtection

    s = make_styles()
    wb = new_workbook()
    palette = Palette(wb)
    ws = wb.create_sheet(MAIN_SHEET)
    set_column_widths(ws, WIDTHS)
    ws.column_dimensions[get_column_letter(ID_COLUMN)].hidden = True
    year = fiscal_year_label(keys.fiscal_year)
    committee = report.texts.committee or "委員会"
    palette.apply(ws.cell(1, 1), s.title)
    set_text(ws.cell(1, 1), f"{year} {committee}　意見・提案シート")
    set_text(ws.cell(2, 1), f"委員名：{keys.member_name}　　対象：{report.title}{report.subtitle}")
    palette.apply(ws.cell(3, 1), s.cell_font, s.wrap_top)
    set_text(
        ws.cell(3, 1),
        "黄色のセルに、事業ごとのご意見・ご提案と、いちばん下の行に全体へのご意見・ご提案を"
        "記入してください（ない事業は空欄のままで結構です）。灰色のセルは担当課の記入で、"
        "参考のために載せています（変更できません）。",
    )
    merge_all(ws, [(1, 3, INPUT_COLUMN, 3)])  # the instructions wrap over the printed width
    ws.row_dimensions[3].height = 30.0
    for col, label in enumerate(HEADERS, 1):
        c = ws.cell(HEADER_ROW, col)
        c.value = label
        palette.apply(c, s.head_font, s.center, s.border, fill=s.head_fill)
    unlocked = Protection(locked=False)
    rows: list[IssuedRow] = []
    r = HEADER_ROW + 1

    def put_row(ident: str, cells: list[str], height_min: float) -> None:
        nonlocal r
        for col, text in enumerate(cells, 1):
            c = ws.cell(r, col)
            centered = col in (1, 4)
            palette.apply(
                c,
                s.cell_font,
                s.center_top if centered else s.wrap_top,
                s.border,
                fill=s.reference_fill,
            )
            set_text(c, text)
        inp = ws.cell(r, INPUT_COLUMN)
        inp._style = palette.array(  # typed text stays the text typed
            ws,
            s.cell_font,
            s.wrap_top,
            s.border,
            fill=s.input_fill,
            protection=unlocked,
            as_text=True,
        )
        set_text(ws.cell(r, ID_COLUMN), ident)
        ws.row_dimensions[r].height = max(estimate_row_pt(cells, WIDTHS[: len(cells)]), height_min)
        # the digest of the cells as written (cut to Excel's limit, escaped), as the reader sees them
        written = [ws.cell(r, col).value for col in range(1, INPUT_COLUMN)]
        rows.append(IssuedRow(ident, r, locked_digest([*written, ident])))
        r += 1

    for goal in report.goals:
        for project in goal.projects:
            put_row(project.project_id, reference_cells(report, project), 48.0)
    put_row(GENERAL_ID, [GENERAL_LABEL, "", "", "", ""], 120.0)
    merge_all(ws, [(1, r - 1, INPUT_COLUMN - 1, r - 1)])  # the label spans the reference
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)
    ws.protection.sheet = True
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    setup_print(
        ws,
        paper(paper_size),
        title_rows=f"{HEADER_ROW}:{HEADER_ROW}",
        last_column=INPUT_COLUMN,
        last_row=r - 1,
    )
    mac = sign(opinion_sheet_payload(keys, rows))
    _write_keys(wb, keys, rows, mac)
    wb.security = WorkbookProtection(lockStructure=True)
    wb.active = 0
    wb.properties.title = f"{year} 意見・提案シート（{keys.member_name}）"
    wb.properties.creator = "welfareplan"
    save_workbook(wb, path)
    return mac


def _write_keys(wb: Any, keys: OpinionSheetKeys, rows: list[IssuedRow], mac: str) -> None:
    ks = wb.create_sheet(KEYS_SHEET)
    lines: list[tuple[str, ...]] = [
        ("format", OPINION_SHEET_FORMAT),
        ("workbook_uuid", keys.workbook_uuid),
        ("sheet_id", keys.sheet_id),
        ("round_id", keys.round_id),
        ("fiscal_year", str(keys.fiscal_year)),
        ("member_id", keys.member_id),
        ("member_name", keys.member_name),
        ("mac", mac),
        ("rows", str(len(rows))),
    ]
    lines += [(i.entry_id, str(i.excel_row), i.digest) for i in rows]
    for n, values in enumerate(lines, 1):
        for col, text in enumerate(values, 1):
            set_text(ks.cell(n, col), text)
    ks.sheet_state = "veryHidden"
    ks.protection.sheet = True
