"""A small WordprocessingML writer: paragraphs, runs and fixed-layout tables as XML text.

The report's tables hold hundreds of cells; building their XML directly is several times
faster than python-docx's object API and gives full control over what Word *and* LibreOffice
need to lay a table out the same way: a ``w:tblGrid`` plus a ``w:tcW`` on every cell in twips,
``w:tblLayout type="fixed"``, ``w:tblHeader`` on the header row (repeated on every page),
``w:cantSplit`` on body rows and ``w:vMerge`` for cells merged vertically.

Child elements are emitted in the order the OOXML schema requires (Word rejects files
otherwise). Text must already have passed :func:`welfareplan.exports.textsafe.clean_text`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

#: Fonts (Windows names). LibreOffice on Linux substitutes Noto Serif/Sans CJK JP for them.
MINCHO = "ＭＳ 明朝"
GOTHIC = "ＭＳ ゴシック"

#: Cell shading of header rows and of read-only reference rows.
HEADER_FILL = "D9D9D9"
REFERENCE_FILL = "EDEDED"

Align = Literal["left", "center", "right", "both"]
VAlign = Literal["top", "center", "bottom"]
VMerge = Literal["restart", "continue"]


def half_points(pt: float) -> int:
    return round(pt * 2)


def fonts_xml(font: str) -> str:
    """``w:rFonts`` naming ``font`` for every script (East Asian text included)."""
    f = escape(font, {'"': "&quot;"})
    return f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>'


@dataclass(frozen=True)
class Style:
    """Run and paragraph formatting of one paragraph."""

    size_pt: float | None = None
    bold: bool = False
    underline: bool = False
    font: str | None = None
    align: Align | None = None
    space_before_pt: float = 0
    space_after_pt: float = 0
    keep_next: bool = False
    page_break_before: bool = False
    indent_left_mm: float = 0
    hanging_mm: float = 0

    def rpr(self) -> str:
        parts = []
        if self.font:
            parts.append(fonts_xml(self.font))
        if self.bold:
            parts.append("<w:b/><w:bCs/>")
        if self.size_pt:
            hp = half_points(self.size_pt)
            parts.append(f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>')
        if self.underline:
            parts.append('<w:u w:val="single"/>')
        return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""

    def ppr(self) -> str:
        parts = []
        if self.keep_next:
            parts.append("<w:keepNext/>")
        if self.page_break_before:
            parts.append("<w:pageBreakBefore/>")
        before = round(self.space_before_pt * 20)
        after = round(self.space_after_pt * 20)
        parts.append(f'<w:spacing w:before="{before}" w:after="{after}"/>')
        if self.indent_left_mm or self.hanging_mm:
            left = round(self.indent_left_mm * 1440 / 25.4)
            hanging = round(self.hanging_mm * 1440 / 25.4)
            parts.append(f'<w:ind w:left="{left}" w:hanging="{hanging}"/>')
        if self.align:
            parts.append(f'<w:jc w:val="{self.align}"/>')
        rpr = self.rpr()
        return f"<w:pPr>{''.join(parts)}{rpr}</w:pPr>"


def _text_runs(text: str, rpr: str) -> str:
    """Runs for ``text``: ``\\n`` becomes a line break, ``\\t`` a tab."""
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if chunk:
                out.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return f"<w:r>{rpr}{''.join(out)}</w:r>" if out else ""


def para(
    text: str = "", style: Style | None = None, *, runs: Sequence[tuple[str, Style]] = ()
) -> str:
    """One paragraph holding ``text`` in ``style`` (or several differently styled ``runs``)."""
    st = style or Style()
    rpr = st.rpr()
    body = _text_runs(text, rpr) if text else ""
    for run_text, run_style in runs:
        body += _text_runs(run_text, run_style.rpr())
    return f"<w:p>{st.ppr()}{body}</w:p>"


def page_break() -> str:
    return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def field_runs(instruction: str, placeholder: str, style: Style) -> str:
    """A complex field (``PAGE``, ``NUMPAGES``) Word and LibreOffice both update on printing."""
    rpr = style.rpr()
    return (
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr}<w:t>{placeholder}</w:t></w:r>"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def cell(
    width: int,
    content: str,
    *,
    vmerge: VMerge | None = None,
    span: int = 1,
    fill: str | None = None,
    valign: VAlign = "top",
    borders: bool | None = None,
) -> str:
    """A table cell ``width`` twips wide; ``content`` is paragraph XML (a cell needs one).

    ``borders`` True/False draws/removes this cell's own borders (None: the table's)."""
    parts = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if span > 1:
        parts.append(f'<w:gridSpan w:val="{span}"/>')
    if vmerge == "restart":
        parts.append('<w:vMerge w:val="restart"/>')
    elif vmerge == "continue":
        parts.append("<w:vMerge/>")
    if borders is not None:
        val = 'w:val="single" w:sz="4" w:space="0" w:color="000000"' if borders else 'w:val="nil"'
        sides = "".join(f"<w:{side} {val}/>" for side in ("top", "left", "bottom", "right"))
        parts.append(f"<w:tcBorders>{sides}</w:tcBorders>")
    if fill:
        parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')
    parts.append(f'<w:vAlign w:val="{valign}"/>')
    return f"<w:tc><w:tcPr>{''.join(parts)}</w:tcPr>{content or '<w:p/>'}</w:tc>"


def row(
    cells: Iterable[str],
    *,
    header: bool = False,
    cant_split: bool = True,
    min_height_mm: float | None = None,
) -> str:
    """A table row; a ``header`` row repeats at the top of every page the table spans."""
    parts = []
    if cant_split:
        parts.append("<w:cantSplit/>")
    if min_height_mm:
        twips = round(min_height_mm * 1440 / 25.4)
        parts.append(f'<w:trHeight w:val="{twips}" w:hRule="atLeast"/>')
    if header:
        parts.append("<w:tblHeader/>")
    trpr = f"<w:trPr>{''.join(parts)}</w:trPr>" if parts else ""
    return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"


def keep_with_next(row_xml: str) -> str:
    """``row_xml`` with every paragraph kept with the next one: Word and LibreOffice then keep
    the row on the page of the row after it."""
    return row_xml.replace("<w:pPr>", "<w:pPr><w:keepNext/>").replace(
        "<w:p/>", "<w:p><w:pPr><w:keepNext/></w:pPr></w:p>"
    )


def table(
    widths: Sequence[int], rows: Iterable[str], *, cell_margin: int = 57, borders: bool = True
) -> str:
    """A fixed-layout table whose columns are ``widths`` twips wide (single borders unless
    ``borders`` is False)."""
    total = sum(widths)
    val = 'w:val="single" w:sz="4" w:space="0" w:color="000000"' if borders else 'w:val="nil"'
    borders_xml = "".join(
        f"<w:{side} {val}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    tblpr = (
        "<w:tblPr>"
        f'<w:tblW w:w="{total}" w:type="dxa"/>'
        '<w:jc w:val="center"/>'
        f"<w:tblBorders>{borders_xml}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        "<w:tblCellMar>"
        f'<w:top w:w="0" w:type="dxa"/><w:left w:w="{cell_margin}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{cell_margin}" w:type="dxa"/>'
        "</w:tblCellMar>"
        '<w:tblLook w:val="0000"/>'
        "</w:tblPr>"
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return f"<w:tbl>{tblpr}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
