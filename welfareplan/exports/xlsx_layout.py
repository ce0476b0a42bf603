"""Shared Excel (openpyxl) pieces: the Japanese default font, text-safe cells, the styles of
the report tables, row-height estimates and the print setup.

Excel does not auto-fit the height of rows holding wrapped text when a file is opened, so
every row gets a height estimated from its texts and column widths (capped at Excel's 409 pt).
Text is always stored as a string: one that starts like a formula (``=``, ``+``, ``-``, ``@``)
keeps its string type and gets the quote prefix, so Excel shows it as typed and never
evaluates it, even after the cell is edited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from welfareplan.core.atomic import atomic_target
from welfareplan.exports.paper import Paper
from welfareplan.exports.textsafe import excel_text, looks_like_formula, wrapped_lines

#: The workbook's default font (Windows name; LibreOffice substitutes Noto Sans CJK JP).
DEFAULT_FONT_NAME = "ＭＳ Ｐゴシック"
DEFAULT_FONT_PT = 11.0
#: Font size of the table cells.
CELL_PT = 10.0
#: Width of one column-width unit in pixels (maximum digit width of the default font).
UNIT_PX = 8.0
#: Excel's maximum row height (pt).
MAX_ROW_PT = 409.0
LINE_FACTOR = 1.35


def estimate_lines(text: str, width_units: float, font_pt: float = CELL_PT) -> int:
    """Lines ``text`` wraps into in a column ``width_units`` wide at ``font_pt``."""
    usable_px = max(width_units * UNIT_PX - 6, 8)
    return wrapped_lines(text, usable_px / (font_pt * 96 / 72))


def lines_to_pt(lines: int, font_pt: float = CELL_PT) -> float:
    return min(lines * font_pt * LINE_FACTOR + 5, MAX_ROW_PT)


def estimate_row_pt(
    texts: Sequence[str], widths: Sequence[float], font_pt: float = CELL_PT
) -> float:
    """Row height (pt) that shows every text of the row, capped at Excel's maximum."""
    lines = max(
        (estimate_lines(t, w, font_pt) for t, w in zip(texts, widths, strict=True) if t),
        default=1,
    )
    return lines_to_pt(lines, font_pt)


@dataclass(frozen=True)
class Styles:
    """The named looks of the report tables (openpyxl style objects, created once)."""

    title: Any
    subtitle: Any
    head_font: Any
    cell_font: Any
    bold_font: Any
    head_fill: Any
    reference_fill: Any
    input_fill: Any
    border: Any
    wrap_top: Any
    center: Any
    center_top: Any
    left_center: Any


def make_styles() -> Styles:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="000000")
    name = DEFAULT_FONT_NAME
    return Styles(
        title=Font(name=name, size=14, bold=True),
        subtitle=Font(name=name, size=11),
        head_font=Font(name=name, size=CELL_PT, bold=True),
        cell_font=Font(name=name, size=CELL_PT),
        bold_font=Font(name=name, size=CELL_PT, bold=True),
        head_fill=PatternFill("solid", fgColor="D9D9D9"),
        reference_fill=PatternFill("solid", fgColor="EDEDED"),
        input_fill=PatternFill("solid", fgColor="FFF2CC"),
        border=Border(left=thin, right=thin, top=thin, bottom=thin),
        wrap_top=Alignment(wrap_text=True, vertical="top"),
        center=Alignment(horizontal="center", vertical="center", wrap_text=True),
        center_top=Alignment(horizontal="center", vertical="top", wrap_text=True),
        left_center=Alignment(horizontal="left", vertical="center", wrap_text=True),
    )


def new_workbook() -> Any:
    """An empty openpyxl workbook whose default (Normal) font is Japanese."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    wb = Workbook()
    wb.remove(wb.active)
    font = Font(name=DEFAULT_FONT_NAME, size=DEFAULT_FONT_PT, family=3, charset=128)
    # openpyxl keeps the default font as font 0 and in the Normal style; there is no public
    # setter, so both are replaced before any cell is styled.
    wb._fonts = IndexedList([font])
    wb._named_styles["Normal"].font = font
    return wb


def set_text(cell: Any, text: str | None) -> None:
    """Put ``text`` into ``cell`` as a string, never as a formula."""
    value = excel_text(text)
    cell.value = value
    if value and looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True


def style_cell(cell: Any, font: Any, alignment: Any, border: Any, fill: Any | None = None) -> None:
    cell.font = font
    cell.alignment = alignment
    cell.border = border
    if fill is not None:
        cell.fill = fill


def set_column_widths(ws: Any, widths: Sequence[float]) -> None:
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width


def setup_print(
    ws: Any,
    paper: Paper,
    *,
    title_rows: str | None,
    last_column: int,
    last_row: int,
) -> None:
    """Landscape on ``paper``, fit to one page wide, ``title_rows`` repeated, page numbers."""
    from openpyxl.utils import get_column_letter

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = paper.excel_code
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    inch = paper.margin_mm / 25.4
    ws.page_margins.left = ws.page_margins.right = inch
    ws.page_margins.top = ws.page_margins.bottom = inch
    ws.page_margins.header = ws.page_margins.footer = inch / 2
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    ws.print_area = f"A1:{get_column_letter(last_column)}{max(last_row, 1)}"
    ws.oddFooter.center.text = "&P / &N"
    ws.oddFooter.center.size = 9


def save_workbook(wb: Any, path: Path) -> Path:
    """Save atomically: the file appears complete or not at all."""
    path = Path(path)
    with atomic_target(path) as tmp:
        wb.save(str(tmp))
    return path
