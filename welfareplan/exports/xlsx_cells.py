"""The cells of the Excel report tables: a palette of looks and text-safe cells.

openpyxl hashes every style object on every assignment to find its id in the workbook, and
looks every cell's style up again in the workbook's list of styles when it saves; for
thousands of cells that dominates an export. A :class:`Palette` adds each style object to
the workbook once and keeps every combination (a look) as a shared, read-only style array,
which the cells of :func:`text_cell` share (report cells, which know their style id from
it) and :meth:`Palette.apply` gives to existing cells.

openpyxl is imported on first use, not with this module: the CLI and the GUI start without
it (a test checks that every module of this package imports without it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from welfareplan.exports.textsafe import excel_text, looks_like_formula


@dataclass(frozen=True)
class _Classes:
    style_array: Any
    shared_style: Any
    report_cell: Any


@cache
def _classes() -> _Classes:
    """openpyxl's style array and our two subclasses, defined once on first use."""
    from openpyxl.cell.cell import Cell
    from openpyxl.styles.cell_style import StyleArray

    class SharedStyle(StyleArray):  # type: ignore[misc]  # openpyxl is untyped
        """A style array many cells of one workbook hold at once: read-only, its hash
        computed once, its id in the workbook's list of styles remembered once known.

        Restyling such a cell in place (``cell.font = …``) would restyle all of them, so it
        raises; assign ``cell._style`` a copy first.
        """

        __slots__ = ("_hash", "style_id")

        def __new__(cls, values: Any) -> Any:
            self = super().__new__(cls, values)
            self._hash = hash(tuple(self))
            #: Index in the workbook's ``_cell_styles``; -1 until the first cell is saved.
            self.style_id = -1
            return self

        def __hash__(self) -> int:
            return self._hash  # type: ignore[no-any-return]

        def __setitem__(self, key: Any, value: Any) -> None:
            raise TypeError("a shared style array is read-only; give the cell a copy first")

    class ReportCell(Cell):  # type: ignore[misc]
        """A cell styled with a shared style array: saving it asks the workbook for the
        style's id once per look rather than once per cell (the file is the same)."""

        __slots__ = ()

        @property
        def style_id(self) -> int:
            style = self._style
            if type(style) is not SharedStyle:  # a cell given its own copy
                return super().style_id  # type: ignore[no-any-return]
            if style.style_id < 0:
                style.style_id = self.parent.parent._cell_styles.add(style)
            return style.style_id  # type: ignore[no-any-return]

    return _Classes(StyleArray, SharedStyle, ReportCell)


#: The parts of a look, in the order openpyxl's style descriptors register them: the
#: workbook's list each part goes into and its place in the style array.
_PARTS = (
    ("_fonts", 0),  # fontId
    ("_alignments", 5),  # alignmentId
    ("_borders", 2),  # borderId
    ("_fills", 1),  # fillId
    ("_protections", 4),  # protectionId
)


#: The style array's place of the number format, and Excel's built-in format "@" (text).
_NUMBER_FORMAT_SLOT = 3
TEXT_FORMAT_ID = 49


class Palette:
    """The looks (shared style arrays) of one workbook, one per combination of the
    :class:`~welfareplan.exports.xlsx_layout.Styles` objects, computed once.

    Each style object is added to the workbook's lists once (hashing an openpyxl style
    object walks all its fields); a look is then the array of their ids, exactly what
    assigning ``cell.font = …`` and so on would give. Style ids belong to one workbook: a
    palette serves the sheets of the workbook it was made for.
    """

    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self._arrays: dict[tuple[int, ...], Any] = {}
        self._ids: dict[int, int] = {}  # id(style object) → its index in the workbook's list
        self._held: list[Any] = []  # keeps the objects (and so their ids) alive

    def _index(self, collection: str, part: Any) -> int:
        index = self._ids.get(id(part))
        if index is None:
            index = self._ids[id(part)] = getattr(self.wb, collection).add(part)
            self._held.append(part)
        return index

    def array(
        self,
        ws: Any,
        font: Any,
        alignment: Any | None = None,
        border: Any | None = None,
        *,
        fill: Any | None = None,
        protection: Any | None = None,
        as_text: bool = False,
    ) -> Any:
        """The shared style array of this combination (a look); ``as_text``: the cells are
        formatted as text (``@``), so what a person types stays the text typed."""
        if ws.parent is not self.wb:
            raise ValueError("a palette serves the sheets of one workbook")
        key = (id(font), id(alignment), id(border), id(fill), id(protection), as_text)
        array = self._arrays.get(key)
        if array is None:
            values = [0] * 9
            for (collection, slot), part in zip(
                _PARTS, (font, alignment, border, fill, protection), strict=True
            ):
                if part is not None:
                    values[slot] = self._index(collection, part)
            if as_text:
                values[_NUMBER_FORMAT_SLOT] = TEXT_FORMAT_ID
            array = self._arrays[key] = _classes().shared_style(values)
        return array

    def apply(
        self,
        cell: Any,
        font: Any,
        alignment: Any | None = None,
        border: Any | None = None,
        *,
        fill: Any | None = None,
        protection: Any | None = None,
    ) -> None:
        """Give an existing cell a look (shared: restyle it only by assigning a new look)."""
        cell._style = self.array(
            cell.parent, font, alignment, border, fill=fill, protection=protection
        )


def text_cell(ws: Any, text: str | None, look: Any) -> Any:
    """A new cell of ``ws`` holding ``text`` as a string (never a formula), styled with the
    palette's ``look``, to be placed with ``ws.append``.

    The text is bound as a string directly: :func:`excel_text` has already removed every
    character openpyxl's value check looks for and cut it to Excel's limit, and openpyxl's
    binding would take a leading ``=`` for a formula. Formula-looking text gets the quote
    prefix (on a copy of the look), so Excel shows it as typed even after it is edited.
    """
    classes = _classes()
    cell = classes.report_cell(ws)
    cell._style = look
    value = excel_text(text)
    if value:
        cell._value = value
        cell.data_type = "s"
        if looks_like_formula(value):
            cell._style = classes.style_array(look)
            cell.quotePrefix = True
    return cell


def number_cell(ws: Any, text: str, look: Any) -> Any:
    """A new cell of ``ws`` holding the stored number ``text`` ('1234', '12.5') as a number
    (an empty cell for ''), styled with ``look``, to be placed with ``ws.append``. Anything
    else (which no save or merge stores) is written as the text it is."""
    try:
        value = float(text) if text else None
    except ValueError:
        return text_cell(ws, text, look)
    classes = _classes()
    cell = classes.report_cell(ws)
    cell._style = look
    if value is not None:
        cell._value = int(value) if value.is_integer() and "." not in text else value
        cell.data_type = "n"
    return cell
