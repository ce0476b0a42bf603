"""The cover sheet of the Excel report (表紙), so that the workbook stands on its own as the
published report does: its title, the round, the publication month and the issuer; the
criteria of the plan's rating scale and the notes of the form's fields; and the plan's
structure — for each top-level node, the levels below it (施策の方向性, 施策 …)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from welfareplan.core.reportdata import ReportData
from welfareplan.core.wareki import month_label
from welfareplan.exports.paper import Paper
from welfareplan.exports.xlsx_cells import Palette
from welfareplan.exports.xlsx_layout import (
    Styles,
    estimate_row_pt,
    set_column_widths,
    set_text,
    setup_print,
)

COVER_SHEET = "表紙"
#: Columns: the level (基本目標, 施策の方向性 …) and its text.
COVER_WIDTHS = (18.0, 110.0)


def cover_sheet(wb: Any, report: ReportData, palette: Palette, s: Styles, pp: Paper) -> None:
    ws = wb.create_sheet(COVER_SHEET)
    set_column_widths(ws, COVER_WIDTHS)
    row = 1

    def line(text: str, font: Any, *, height: float | None = None) -> None:
        nonlocal row
        cell = ws.cell(row, 1)
        palette.apply(cell, font)
        set_text(cell, text)
        if height:
            ws.row_dimensions[row].height = height
        row += 1

    line(report.title, s.title, height=24)
    line(report.subtitle, s.subtitle)
    line(report.published_label or month_label(dt.date.today()), s.subtitle)
    line(report.issuer, s.subtitle)
    row += 1
    form = report.form
    if form.rating_field is not None:
        line(form.scale_heading, s.bold_font)
        for code in form.scale:
            line(f"{code.label}・・・ {code.criteria}", s.cell_font)
        row += 1
    for f in form.fields:
        if f.note:
            line(f"※{f.note}", s.cell_font)
    row += 1
    line("【計画の体系】", s.bold_font)
    first_table_row = row
    for goal in report.goals:
        for level, text in goal.structure():
            label, value = ws.cell(row, 1), ws.cell(row, 2)
            top = level == goal.level  # a top-level node starts its block, in bold
            font = s.bold_font if top else s.cell_font
            palette.apply(label, font, s.wrap_top, s.border, fill=s.head_fill if top else None)
            palette.apply(value, font, s.wrap_top, s.border)
            set_text(label, level)
            set_text(value, text)
            ws.row_dimensions[row].height = estimate_row_pt([level, text], COVER_WIDTHS)
            row += 1
    if row == first_table_row:
        line("（計画の項目はありません）", s.cell_font)
    setup_print(ws, pp, title_rows=None, last_column=len(COVER_WIDTHS), last_row=row - 1)
    ws.page_setup.fitToHeight = 1  # the cover is one printed page
