"""差戻し in an Excel worksheet: the division's comments and the department's reply cells.

A worksheet issued while a department has open 差戻し comments carries them twice: as an Excel
comment (note) on each commented input cell of ``評価シート`` — beside the cell the department
fills in — and as the sheet ``差戻し`` (protected like the main sheet): one row per comment with
its project, field and text (locked), a **reply** cell and a **name** cell (unlocked, yellow),
and the comment's id in a hidden column. The merge reads the reply cells back
(:func:`read_review_sheet`); a reply naming a comment that is not the master's is refused there
(:mod:`welfareplan.workflow.returns.replies`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from welfareplan.exports.textsafe import excel_text
from welfareplan.exports.worksheet_keys import cell_text

REVIEW_SHEET = "差戻し"
REVIEW_HEADERS = (
    "事業",
    "項目",
    "地域福祉課の指摘",
    "回答（記入してください）",
    "回答者",
    "指摘ID",
)
REVIEW_WIDTHS = (30, 18, 45, 45, 14, 12)
#: The columns of the reply, its author and the comment id (1-based).
REPLY_COLUMN, AUTHOR_COLUMN, COMMENT_ID_COLUMN = 4, 5, 6
REVIEW_HEADER_ROW = 3


@dataclass(frozen=True)
class SheetComment:
    """One open 差戻し comment as the worksheet shows it."""

    comment_id: str
    entry_id: str
    field: str
    project_title: str
    field_label: str
    text: str


def write_review_sheet(
    wb: Any,
    main: Any,
    comments: Sequence[SheetComment],
    *,
    row_of: dict[str, int],
    column_of: Callable[[str], int],
    styles: Any,
    palette: Any,
) -> None:
    """Add the comments to the main sheet's input cells and the sheet ``差戻し``."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Protection
    from openpyxl.utils import get_column_letter

    from welfareplan.exports.xlsx_layout import estimate_row_pt, set_column_widths, set_text

    for c in comments:
        if c.entry_id in row_of:
            note = Comment(f"地域福祉課の指摘（差戻し）:\n{excel_text(c.text)}", "地域福祉課")
            note.width, note.height = 260, 120
            main.cell(row_of[c.entry_id], column_of(c.field)).comment = note
    ws = wb.create_sheet(REVIEW_SHEET)
    set_column_widths(ws, list(REVIEW_WIDTHS))
    ws.column_dimensions[get_column_letter(COMMENT_ID_COLUMN)].hidden = True
    set_text(ws.cell(1, 1), "地域福祉課からの差戻し")
    palette.apply(ws.cell(1, 1), styles.title)
    set_text(
        ws.cell(2, 1),
        "「評価シート」の該当する欄を直し、指摘ごとに黄色のセルへ回答と回答者の氏名を"
        "記入してください。",
    )
    for col, label in enumerate(REVIEW_HEADERS, 1):
        cell = ws.cell(REVIEW_HEADER_ROW, col)
        cell.value = label
        palette.apply(cell, styles.head_font, styles.center, styles.border, fill=styles.head_fill)
    unlocked = Protection(locked=False)
    for r, c in enumerate(comments, REVIEW_HEADER_ROW + 1):
        values = [c.project_title, c.field_label, c.text, "", "", c.comment_id]
        for col, text in enumerate(values, 1):
            cell = ws.cell(r, col)
            set_text(cell, excel_text(text))
            editable = col in (REPLY_COLUMN, AUTHOR_COLUMN)
            palette.apply(
                cell,
                styles.cell_font,
                styles.wrap_top,
                styles.border,
                fill=styles.input_fill if editable else None,
                protection=unlocked if editable else None,
            )
        ws.row_dimensions[r].height = max(estimate_row_pt(values[:3], REVIEW_WIDTHS[:3]), 45.0)
    ws.protection.sheet = True
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    # one page wide, landscape: the comment and the reply side by side on paper
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{REVIEW_HEADER_ROW}:{REVIEW_HEADER_ROW}"


def read_review_sheet(wb: Any) -> tuple[tuple[str, str, str], ...]:
    """(comment id, reply, author) of every answered row of the sheet ``差戻し`` (none when the
    worksheet has no such sheet)."""
    if REVIEW_SHEET not in wb.sheetnames:
        return ()
    ws = wb[REVIEW_SHEET]
    out = []
    for r in range(REVIEW_HEADER_ROW + 1, ws.max_row + 1):
        comment_id = cell_text(ws.cell(r, COMMENT_ID_COLUMN).value).strip()
        reply = cell_text(ws.cell(r, REPLY_COLUMN).value).strip()
        if comment_id and reply:
            out.append((comment_id, reply, cell_text(ws.cell(r, AUTHOR_COLUMN).value).strip()))
    return tuple(out)
