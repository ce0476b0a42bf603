"""Printing from the windows and PDF export: the department's worksheet (for the section
chief's approval stamp, :mod:`welfareplan.gui.worksheet_print`) and the report's preview, on
A4 (or A3) landscape. PDFs are corrected so that their text can be searched and copied
(:mod:`welfareplan.gui.pdf_text`).
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from welfareplan.core.atomic import atomic_target
from welfareplan.core.reportdata import ReportData, build_report
from welfareplan.core.storage import Workbook
from welfareplan.core.wareki import date_label
from welfareplan.exports.submitter import worksheet_confirmation, worksheet_submitter
from welfareplan.gui.pdf_text import fix_pdf_text
from welfareplan.gui.worksheet_print import (
    CSS,
    WorksheetPrint,
    build_sheet,
    text_html,
    value_html,
)


def build_worksheet_document(
    wb: Workbook, round_id: str, department_id: str | None
) -> WorksheetPrint:
    """One department's worksheet (``None``: all departments on one sheet)."""
    return build_worksheets_document(wb, round_id, [department_id])


def build_worksheets_document(
    wb: Workbook, round_id: str, department_ids: list[str | None]
) -> WorksheetPrint:
    """The worksheets of several departments, each starting on a new page."""
    from welfareplan.core.model import Department, Round

    sheets = []
    with wb.session() as s:
        rnd = s.get(Round, round_id)
        assert rnd is not None
        deadline = date_label(rnd.deadline) if rnd.deadline else ""
        for department_id in department_ids:
            report = build_report(s, rnd, department_id=department_id)
            dept = s.get(Department, department_id) if department_id else None
            submitter = worksheet_submitter(wb, round_id, department_id)
            confirmation = worksheet_confirmation(wb) if department_id else None
            name = dept.name if dept else "全担当課"
            sheets.append(build_sheet(report, name, deadline, submitter, confirmation))
    return WorksheetPrint(sheets)


def report_html(report: ReportData) -> str:
    """The whole report (title block, criteria, opinions, tables, summary) for print preview."""
    form = report.form
    rating = form.rating_field
    parts = [
        f"<html><head><style>{CSS}</style></head><body>",
        f"<h1 align='center'>{html.escape(report.title)}</h1>",
        f"<p align='center'>{html.escape(report.subtitle)}<br/>{html.escape(report.published_label)}<br/>"
        f"{html.escape(report.issuer)}</p>",
    ]
    if rating is not None:
        parts += [
            f"<h2>{html.escape(form.scale_heading)}</h2><p>",
            "<br/>".join(
                f"{html.escape(c.label)}・・・ {html.escape(c.criteria)}" for c in form.scale
            ),
            "</p>",
        ]
    parts += [f"<p>※{html.escape(f.note)}</p>" for f in form.fields if f.note]
    if report.texts.committee or any(g.opinions for g in report.goals):
        parts.append(
            f"<h2>{html.escape(report.heading)}（{html.escape(report.texts.committee or '委員会')}の意見）</h2>"
        )
    for goal in report.goals:
        if goal.opinions:
            parts.append(f"<p><b>{html.escape(goal.heading)} {html.escape(goal.name)}</b><br/>")
            parts.append(
                "<br/>".join(
                    f"<b>{html.escape(o.heading)}</b> {html.escape(o.text)}" for o in goal.opinions
                )
            )
            parts.append("</p>")
    columns = report.columns
    width = round(100 / len(columns))
    node = 1 if report.has_node_column else 0
    for goal in report.goals:
        parts.append(
            f"<h2 style='page-break-before: always'>{html.escape(goal.heading)}　{html.escape(goal.name)}</h2>"
        )
        for level, text in goal.structure()[1:]:
            parts.append(f"<p>{html.escape(level)}：{html.escape(text)}</p>")
        parts.append('<table width="100%" border="1" cellspacing="0"><tr>')
        parts += [f"<th width='{width}%'>{html.escape(c)}</th>" for c in columns]
        parts.append("</tr>")
        for project in goal.projects:
            span = len(project.entries)
            for k, e in enumerate(project.entries):
                parts.append("<tr>")
                if k == 0:
                    parts.append(
                        (
                            f"<td rowspan='{span}'>{html.escape(project.node_label)}</td>"
                            if node
                            else ""
                        )
                        + f"<td rowspan='{span}'>{html.escape(project.number_label)}</td>"
                        f"<td rowspan='{span}'>{html.escape(project.name)}</td>"
                        f"<td rowspan='{span}'>{text_html(project.description)}</td>"
                    )
                parts.append(f"<td>{html.escape(e.label)}</td>")
                for f in form.fields:
                    cls = " class='rating'" if f.is_rating else ""
                    parts.append(f"<td{cls}>{value_html(f, e.value(f.key))}</td>")
                parts.append("</tr>")
        parts.append("</table>")
    if rating is not None:
        totals = report.totals()
        codes = form.codes
        level = report.goals[0].level if report.goals else ""
        parts.append(
            f"<h2 style='page-break-before: always'>{html.escape(rating.label)}の集計</h2>"
            f"<table border='1' cellspacing='0'><tr><th>{html.escape(level)}</th>"
        )
        parts += [f"<th>{html.escape(report.code_label(c))}</th>" for c in codes]
        parts.append("<th>計</th></tr>")
        for goal in report.goals:
            parts.append(f"<tr><td>{html.escape(goal.title)}</td>")
            parts += [f"<td align='right'>{goal.counts.get(c, 0)}</td>" for c in codes]
            parts.append(f"<td align='right'>{sum(goal.counts.values())}</td></tr>")
        parts.append(
            "<tr><td>合計</td>"
            + "".join(f"<td align='right'>{totals.get(c, 0)}</td>" for c in codes)
        )
        parts.append(f"<td align='right'>{sum(totals.values())}</td></tr></table>")
    parts.append("</body></html>")
    return "".join(parts)


def build_report_document(wb: Workbook, round_id: str) -> QTextDocument:
    from welfareplan.core.model import Round

    with wb.session() as s:
        rnd = s.get(Round, round_id)
        assert rnd is not None
        report = build_report(s, rnd)
    doc = QTextDocument()
    doc.setHtml(report_html(report))
    return doc


def a4_landscape_printer(printer: QPrinter | None = None, *, paper: str = "A4") -> QPrinter:
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    page = QPageSize.PageSizeId.A3 if paper == "A3" else QPageSize.PageSizeId.A4
    printer.setPageLayout(
        QPageLayout(
            QPageSize(page),
            QPageLayout.Orientation.Landscape,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    return printer


def print_document(doc: QTextDocument | WorksheetPrint, printer: QPrinter) -> None:
    if isinstance(doc, WorksheetPrint):
        doc.print_to(printer)  # paginated by entry, with its own header and page numbers
        return
    doc.setPageSize(QSizeF())  # let print() paginate for the printer and add page numbers
    doc.print_(printer)


def export_pdf(doc: QTextDocument | WorksheetPrint, path: Path) -> Path:
    """Write ``doc`` as a PDF at ``path`` (atomically) whose text can be searched and copied
    (:mod:`welfareplan.gui.pdf_text`)."""
    path = Path(path)
    with atomic_target(path) as tmp:
        printer = a4_landscape_printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp))
        printer.setDocName(path.stem)
        print_document(doc, printer)
        if isinstance(doc, WorksheetPrint):
            fonts = doc.fonts()
        else:
            bold = QFont(doc.defaultFont())
            bold.setBold(True)
            fonts = [doc.defaultFont(), bold]
        fix_pdf_text(tmp, doc.toPlainText(), fonts)
    return path
