"""A department's worksheet printed from the windows (印刷, 印刷プレビュー, PDFに出力).

What the section chief stamps: the first page carries the title, the department, the deadline,
who submitted and when (lines to fill in by hand before a submission) and the seal boxes
(:data:`SEAL_MM` square, a 10.5 mm seal fits); every page carries the title, the department
and 「N / M」 in its header. The body is one block per entry (plan context, last year's entry
for reference, this year's fields of the plan's form), laid out by hand rather than by
``QTextDocument.print``: a block never splits where it fits on one page, a goal's heading stays
with its first block, and only a block taller than a page continues on the next ones (line by
line, as the text layout paginates it).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPainter, QPen, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from welfareplan.core.evaluation_form import FormField
from welfareplan.core.reportdata import ReportData
from welfareplan.exports.submitter import Submitter, confirmation_parts, submitter_parts
from welfareplan.exports.worksheet_docx import APPROVERS, SEAL_MM

#: The running header and footer bands of every page, and the space between blocks.
HEADER_MM = 9.0
FOOTER_MM = 7.0
GAP_MM = 2.5
#: The label row above each seal box.
SEAL_LABEL_MM = 6.0

CSS = """
body { font-size: 9pt; }
h1 { font-size: 15pt; margin: 0; }
h2 { font-size: 11pt; margin-top: 6px; margin-bottom: 2px; }
td, th { padding: 3px; vertical-align: top; }
th { background-color: #eeeeee; font-weight: normal; white-space: nowrap; }
.ref { color: #555555; }
.rating { font-size: 14pt; font-weight: bold; text-align: center; }
"""


def text_html(value: str) -> str:
    return html.escape(value).replace("\n", "<br/>") if value else "（未記入）"


def value_html(f: FormField, value: str) -> str:
    if f.is_rating:
        return html.escape(value or "―")
    return text_html(f.display(value))


def _filled(value: str) -> str:
    """``value`` underlined, its spaces kept: blank lines stay lines to write on."""
    return f"<span style='white-space: pre; text-decoration: underline'>{html.escape(value)}</span>"


@dataclass(frozen=True)
class Block:
    """One piece of the body laid out as a whole; a ``keep_next`` block (a heading) is laid
    out with the block after it, and consecutive blocks of one ``project`` (the entries of
    its departments, on the sheet of all departments) together when they fit on a page."""

    html: str
    keep_next: bool = False
    project: str = ""


@dataclass
class Sheet:
    """One department's worksheet."""

    title: str
    department: str
    intro: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def running_head(self) -> str:
        return f"{self.title}　担当課: {self.department}"


def _entry_block(report: ReportData, project, e) -> str:  # type: ignore[no-untyped-def]
    texts = report.texts
    prev = report.previous_year_label
    parts = ['<table width="100%" border="1" cellspacing="0" style="margin-bottom: 6px">']
    node = (
        f"<th width='9%'>{html.escape(texts.node_column)}</th>"
        f"<td width='6%'>{html.escape(project.node_label)}</td>"
        if report.has_node_column
        else ""
    )
    parts.append(
        f"<tr>{node}<th width='6%'>{html.escape(texts.project_number_column)}</th>"
        f"<td width='4%'>{html.escape(project.number_label)}</td>"
        f"<th width='12%'>{html.escape(texts.project_name_column)}</th>"
        f"<td width='32%'>{html.escape(project.name)}</td>"
        f"<th width='7%'>{html.escape(texts.department_column)}</th>"
        f"<td width='16%'>{html.escape(e.label)}</td></tr>"
    )
    parts.append(
        f"<tr><th>{html.escape(texts.description_column)}</th>"
        f"<td colspan='7'>{text_html(project.description)}</td></tr>"
    )
    if prev:
        old = "<br/>".join(
            f"{html.escape(f.label)}: {value_html(f, e.previous_text(f.key))}"
            for f in report.form.fields
        )
        parts.append(
            f"<tr class='ref'><th>{html.escape(prev)}<br/>（参考）</th>"
            f"<td colspan='7' class='ref'>{old}</td></tr>"
        )
    for f in report.form.fields:
        cls = " class='rating'" if f.is_rating else ""
        parts.append(
            f"<tr><th>{html.escape(report.field_heading(f))}</th>"
            f"<td colspan='7'{cls}>{value_html(f, e.value(f.key))}</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)


def build_sheet(
    report: ReportData,
    department_name: str,
    deadline: str,
    submitter: Submitter | None,
    confirmation: tuple[str, str] | None = None,
) -> Sheet:
    """The worksheet of ``report`` (built for one department, or for all); ``confirmation``:
    (確認者, 確認日) as :func:`welfareplan.exports.submitter.confirmation_parts` words them."""
    title = f"{report.year_label} {report.texts.worksheet_title}"
    name, when = submitter_parts(submitter)
    checker, checked = confirmation or confirmation_parts(None)
    intro = (
        f"<h1>{html.escape(title)}</h1>"
        f"<p>担当課: <b>{html.escape(department_name)}</b>　{html.escape(report.subtitle)}"
        + (f"　提出期限: {html.escape(deadline)}" if deadline else "")
        + "</p>"
        f"<p>提出者（記入者）: {_filled(name)}&nbsp;&nbsp;&nbsp;&nbsp;提出日: {_filled(when)}<br>"
        f"確認者: {_filled(checker)}&nbsp;&nbsp;&nbsp;&nbsp;確認日: {_filled(checked)}</p>"
    )
    sheet = Sheet(title, department_name, intro)
    for goal in report.goals:
        if not goal.projects:
            continue
        sheet.blocks.append(
            Block(f"<h2>{html.escape(goal.heading)}　{html.escape(goal.name)}</h2>", True)
        )
        for project in goal.projects:
            for e in project.entries:
                sheet.blocks.append(
                    Block(_entry_block(report, project, e), project=project.project_id)
                )
    if not sheet.blocks:
        sheet.blocks.append(Block("<p>（この年度に記入する事業はありません）</p>"))
    return sheet


def _document(body: str, printer: QPrinter, width: float) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(printer)
    doc.setDocumentMargin(0)
    doc.setHtml(f"<html><head><style>{CSS}</style></head><body>{body}</body></html>")
    doc.setTextWidth(width)
    return doc


@dataclass
class _Placed:
    doc: QTextDocument
    top: float
    #: For a block taller than a page: which of its pages (the document is paginated).
    page: int | None = None


class WorksheetPrint:
    """The worksheets of one or more departments, each starting on a new page and numbered
    on its own (「1 / 3」 … for each department's sheet)."""

    def __init__(self, sheets: list[Sheet]) -> None:
        self.sheets = sheets

    def toPlainText(self) -> str:  # the name of QTextDocument's (the print tests read it)
        doc = QTextDocument()
        parts = []
        for sheet in self.sheets:
            doc.setHtml(sheet.intro + "".join(b.html for b in sheet.blocks))
            # what the pages paint beside the documents is text of the PDF too
            parts.append(f"{sheet.running_head}\n{' '.join(APPROVERS)}\n{doc.toPlainText()}")
        return "\n".join(parts)

    def fonts(self) -> list[QFont]:
        regular = QTextDocument().defaultFont()
        bold = QFont(regular)
        bold.setBold(True)
        return [regular, bold]

    # ------------------------------------------------------------------ layout

    @staticmethod
    def _units(sheet: Sheet, printer: QPrinter, width: float, room: float) -> list[QTextDocument]:
        """The documents laid out as wholes: a project's blocks (with the heading before
        them) when they fit on a page, else each of its blocks (the heading with the first)."""
        groups: list[list[Block]] = []
        for block in sheet.blocks:
            last = groups[-1] if groups else None
            if last and (
                last[-1].keep_next or (block.project and block.project == last[-1].project)
            ):
                last.append(block)
            else:
                groups.append([block])
        units = []
        for group in groups:
            whole = _document("".join(b.html for b in group), printer, width)
            if len(group) == 1 or whole.size().height() <= room:
                units.append(whole)
                continue
            held = ""
            for block in group:
                if block.keep_next:
                    held += block.html
                    continue
                units.append(_document(held + block.html, printer, width))
                held = ""
        return units

    def _paginate(self, sheet: Sheet, printer: QPrinter) -> list[list[_Placed]]:
        mm = printer.resolution() / 25.4
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        width, top = float(area.width()), (HEADER_MM + GAP_MM) * mm
        bottom = area.height() - FOOTER_MM * mm
        room = bottom - top
        seals = SEAL_MM * len(APPROVERS) * mm
        intro = _document(sheet.intro, printer, width - seals - 4 * mm)
        pages: list[list[_Placed]] = [[_Placed(intro, top)]]
        y = top + max(intro.size().height(), (SEAL_LABEL_MM + SEAL_MM) * mm) + GAP_MM * mm
        for doc in self._units(sheet, printer, width, room):
            height = doc.size().height()
            if y + height > bottom and y > top:
                pages.append([])
                y = top
            if height <= room:
                pages[-1].append(_Placed(doc, y))
                y += height + GAP_MM * mm
                continue
            doc.setPageSize(QSizeF(width, room))  # taller than a page: lines continue
            for k in range(doc.pageCount()):
                if k:
                    pages.append([])
                pages[-1].append(_Placed(doc, top, k))
            y = bottom  # the next block starts on a new page
        return pages

    # ------------------------------------------------------------------ painting

    def print_to(self, printer: QPrinter) -> int:
        """Paint every sheet on ``printer``; returns the number of pages."""
        laid_out = [(sheet, self._paginate(sheet, printer)) for sheet in self.sheets]
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        count = 0
        try:
            for sheet, pages in laid_out:
                for n, placed in enumerate(pages, 1):
                    if count:
                        printer.newPage()
                    count += 1
                    self._paint_page(
                        painter, printer=printer, sheet=sheet, n=n, m=len(pages), placed=placed
                    )
        finally:
            painter.end()
        return count

    def _paint_page(
        self,
        painter: QPainter,
        *,
        printer: QPrinter,
        sheet: Sheet,
        n: int,
        m: int,
        placed: list[_Placed],
    ) -> None:
        mm = printer.resolution() / 25.4
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        width, height = float(area.width()), float(area.height())
        font = QFont(QTextDocument().defaultFont())
        font.setPointSizeF(8.5)
        painter.setFont(font)
        painter.setPen(QPen(Qt.GlobalColor.black, 0.2 * mm))
        head = QRectF(0, 0, width, HEADER_MM * mm - mm)
        painter.drawText(
            head, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, sheet.running_head
        )
        painter.drawText(
            head, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, f"{n} / {m}"
        )
        painter.drawLine(QPointF(0, HEADER_MM * mm), QPointF(width, HEADER_MM * mm))
        foot = QRectF(0, height - FOOTER_MM * mm + mm, width, FOOTER_MM * mm - mm)
        painter.drawText(
            foot, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, f"{n} / {m}"
        )
        if n == 1:
            self._paint_seals(painter, width, (HEADER_MM + GAP_MM) * mm, mm)
        for p in placed:
            painter.save()
            if p.page is None:
                painter.translate(0, p.top)
                p.doc.drawContents(painter, QRectF(0, 0, width, p.doc.size().height()))
            else:
                room = p.doc.pageSize().height()
                painter.translate(0, p.top - p.page * room)
                p.doc.drawContents(painter, QRectF(0, p.page * room, width, room))
            painter.restore()

    @staticmethod
    def _paint_seals(painter: QPainter, width: float, top: float, mm: float) -> None:
        """The approvers' boxes at the top right: a label row, then a square for each seal."""
        size = SEAL_MM * mm
        left = width - size * len(APPROVERS)
        for i, name in enumerate(APPROVERS):
            x = left + i * size
            label = QRectF(x, top, size, SEAL_LABEL_MM * mm)
            painter.fillRect(label, Qt.GlobalColor.lightGray)
            painter.drawRect(label)
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, name)
            painter.drawRect(QRectF(x, top + SEAL_LABEL_MM * mm, size, size))
