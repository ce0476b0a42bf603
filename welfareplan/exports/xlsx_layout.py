"""Shared Excel (openpyxl) pieces: the Japanese default font, text-safe cells, the styles of
the report tables, row-height estimates and the print setup (the cells of the tables and
their looks are in :mod:`welfareplan.exports.xlsx_cells`).

Excel does not auto-fit the height of rows holding wrapped text when a file is opened, so
every row gets a height estimated from its texts and column widths (capped at Excel's 409 pt).
Text is always stored as a string: one that starts like a formula (``=``, ``+``, ``-``, ``@``)
keeps its string type and gets the quote prefix, so Excel shows it as typed and never
evaluates it, even after the cell is edited.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from functools import cache
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
#: Width of one column-width unit in pixels (maximum digit width of the default font). Excel
#: with ＭＳ Ｐゴシック 11 pt uses 8 px; LibreOffice, with a substitute font, renders the
#: same columns narrower, so the estimate assumes 7 px: a little spare room in Excel rather
#: than clipped text elsewhere.
UNIT_PX = 7.0
#: Excel's maximum row height (pt).
MAX_ROW_PT = 409.0
#: Line height relative to the font size: ＭＳ Ｐゴシック needs about 1.35, the Noto CJK fonts
#: LibreOffice substitutes about 1.45; the larger keeps every line visible in both.
LINE_FACTOR = 1.45


def chars_per_line(width_units: float, font_pt: float = CELL_PT) -> float:
    """Full-width characters that fit on one line of a column ``width_units`` wide."""
    usable_px = max(width_units * UNIT_PX - 6, 8)
    return usable_px / (font_pt * 96 / 72)


def estimate_lines(text: str, width_units: float, font_pt: float = CELL_PT) -> int:
    """Lines ``text`` wraps into in a column ``width_units`` wide at ``font_pt``."""
    return wrapped_lines(text, chars_per_line(width_units, font_pt))


def lines_to_pt(lines: int, font_pt: float = CELL_PT) -> float:
    return min(lines * font_pt * LINE_FACTOR + 5, MAX_ROW_PT)


def estimate_row_pt(
    texts: Sequence[str], widths: Sequence[float], font_pt: float = CELL_PT
) -> float:
    """Row height (pt) that shows every text of the row, capped at Excel's maximum."""
    return RowMeasure(widths, font_pt).row_pt(texts)


class RowMeasure:
    """Row heights for a table of fixed column widths (each column's capacity computed once)."""

    def __init__(self, widths: Sequence[float], font_pt: float = CELL_PT) -> None:
        self.font_pt = font_pt
        #: Full-width characters per line of each column.
        self.capacities = tuple(max(chars_per_line(w, font_pt), 1.0) for w in widths)

    def lines(self, text: str, column: int) -> int:
        """Lines ``text`` wraps into in the 0-based ``column``."""
        return wrapped_lines(text, self.capacities[column])

    def row_pt(self, texts: Sequence[str], first_column: int = 0) -> float:
        """Height (pt) of a row showing ``texts`` in the columns from the 0-based
        ``first_column`` on, capped at Excel's maximum."""
        capacities = self.capacities[first_column : first_column + len(texts)]
        lines = 1
        for text, capacity in zip(texts, capacities, strict=True):
            # No character is wider than a full-width one, so a text without line breaks
            # that fits the lines found so far at full width is not measured.
            if len(text) > lines * capacity or "\n" in text:
                lines = max(lines, wrapped_lines(text, capacity))
        return lines_to_pt(lines, self.font_pt)


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


@cache
def make_styles() -> Styles:
    """The looks, created once per process (never modified, so exports can share them)."""
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
        if cell._style is not None:
            cell._style = copy(cell._style)  # its own array: a palette's looks are shared
        cell.quotePrefix = True


def merge_all(ws: Any, ranges: Sequence[tuple[int, int, int, int]]) -> None:
    """Merge the ranges given as (first column, first row, last column, last row) in one step.

    ``ws.merge_cells`` checks each new range against all earlier ones (quadratic) and
    re-creates the borders of every range from its edge cells; here every cell is already
    styled, borders included, and empty under the top-left cell, so recording the ranges is
    all that is needed (the file is the same; openpyxl's reader makes them merged ranges).
    """
    from openpyxl.worksheet.cell_range import CellRange, MultiCellRange

    merged = set(ws.merged_cells.ranges)
    merged.update(
        CellRange(min_col=c1, min_row=r1, max_col=c2, max_row=r2) for c1, r1, c2, r2 in ranges
    )
    ws.merged_cells = MultiCellRange(merged)


def set_row_heights(ws: Any, heights: dict[int, float]) -> None:
    """Give the rows ``heights`` (pt, by 1-based row number), all at once.

    Rows of equal height share one row dimension: openpyxl writes a dimension's height and
    flags into each ``<row>`` it is set for, never its index, and a report has a few dozen
    distinct heights for hundreds of rows. So change no row's dimension afterwards (it
    would change every row of that height); call this once, last.
    """
    from openpyxl.worksheet.dimensions import RowDimension

    dims = ws.row_dimensions
    shared: dict[float, Any] = {}
    for row, height in heights.items():
        dim = shared.get(height)
        if dim is None:
            dim = shared[height] = RowDimension(ws, index=row, ht=height)
        dims[row] = dim


def set_column_widths(ws: Any, widths: Sequence[float]) -> None:
    """Give the first columns ``widths`` (Excel units), creating each column's dimension in
    one step (as :func:`set_row_heights` does for rows)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.dimensions import ColumnDimension

    dims = ws.column_dimensions
    for i, width in enumerate(widths, 1):
        letter = get_column_letter(i)
        dims[letter] = ColumnDimension(ws, index=letter, width=width)


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
    """Save atomically: the file appears complete or not at all. ``wb`` is spent afterwards
    (:func:`take_apart`)."""
    path = Path(path)
    try:
        with atomic_target(path) as tmp:
            wb.save(str(tmp))
    finally:
        take_apart(wb)
    return path


def take_apart(wb: Any) -> None:
    """Drop what an openpyxl workbook and its sheets hold, so reference counting frees it now.

    Cells, sheets and the workbook refer to one another: left alone, the whole graph (tens of
    thousands of objects for a large report) is cyclic garbage that the next full collection
    frees at once — on whichever thread allocates next, holding the GIL meanwhile, which is a
    freeze of the window during the *next* job (issue 17). Emptied here, it is freed on the
    exporting thread, a sheet at a time."""
    for ws in list(getattr(wb, "_sheets", ())):
        vars(ws).clear()
    vars(wb).clear()
