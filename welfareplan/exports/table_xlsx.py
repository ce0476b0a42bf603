"""A plain table as an Excel workbook: a title line, a header row and rows of text — for lists
the division prints or passes on (where each department stands). The report's looks, row
heights and print setup (landscape, one page wide, the header repeated on every page)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from welfareplan.exports.paper import PaperSize, paper
from welfareplan.exports.xlsx_layout import (
    RowMeasure,
    make_styles,
    new_workbook,
    save_workbook,
    set_column_widths,
    set_row_heights,
    set_text,
    setup_print,
)

#: The rows above the header: the title and an empty line.
HEADER_ROW = 3


def write_table_xlsx(
    path: Path,
    title: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    widths: Sequence[float],
    sheet_name: str,
) -> Path:
    """Write the table to ``path`` (atomically); every cell is text, never a formula."""
    styles = make_styles()
    wb = new_workbook()
    ws = wb.create_sheet(sheet_name)
    title_cell = ws.cell(row=1, column=1)
    set_text(title_cell, title)
    title_cell.font = styles.title
    measure = RowMeasure(widths)
    heights = {HEADER_ROW: measure.row_pt(list(columns))}
    for c, text in enumerate(columns, 1):
        cell = ws.cell(row=HEADER_ROW, column=c)
        set_text(cell, text)
        cell.font, cell.fill, cell.border = styles.head_font, styles.head_fill, styles.border
        cell.alignment = styles.center
    for r, row in enumerate(rows, HEADER_ROW + 1):
        for c, text in enumerate(row, 1):
            cell = ws.cell(row=r, column=c)
            set_text(cell, text)
            cell.font, cell.border, cell.alignment = (
                styles.cell_font,
                styles.border,
                styles.wrap_top,
            )
        heights[r] = measure.row_pt(list(row))
    set_column_widths(ws, widths)
    set_row_heights(ws, heights)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    setup_print(
        ws,
        paper(PaperSize.A4),
        title_rows=f"{HEADER_ROW}:{HEADER_ROW}",
        last_column=len(columns),
        last_row=HEADER_ROW + len(rows),
    )
    return save_workbook(wb, path)
