"""Printing a department's worksheet (for the section chief's approval stamp) and PDF export.

The worksheet is the department's rows of the report for the round — plan context, last year's
entry for reference and this year's fields of the plan's form — laid out one block per entry on
A4 landscape.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from welfareplan.core.evaluation_form import FormField
from welfareplan.core.reportdata import ReportData, build_report
from welfareplan.core.storage import Workbook
from welfareplan.core.wareki import date_label

CSS = """
body { font-size: 9pt; }
h1 { font-size: 15pt; margin: 0; }
h2 { font-size: 11pt; margin-top: 10px; margin-bottom: 4px; }
td, th { padding: 3px; vertical-align: top; }
th { background-color: #eeeeee; font-weight: normal; white-space: nowrap; }
.ref { color: #555555; }
.rating { font-size: 14pt; font-weight: bold; text-align: center; }
.stamp td { width: 70px; height: 60px; }
.stamp th { width: 70px; text-align: center; }
"""


#: Starts the next department's worksheet on a new page.
NEW_PAGE = "<p style='page-break-before: always'></p>"


def _text(value: str) -> str:
    return html.escape(value).replace("\n", "<br/>") if value else "（未記入）"


def _value(f: FormField, value: str) -> str:
    if f.is_rating:
        return html.escape(value or "―")
    return _text(f.display(value))


def worksheet_html(report: ReportData, department_name: str, deadline: str = "") -> str:
    return _page(worksheet_body(report, department_name, deadline))


def _page(body: str) -> str:
    return f"<html><head><style>{CSS}</style></head><body>{body}</body></html>"


def worksheet_body(report: ReportData, department_name: str, deadline: str = "") -> str:
    """One department's worksheet (the body of the page, without html/head)."""
    year = report.year_label
    prev = report.previous_year_label
    form = report.form
    texts = report.texts
    parts = [
        '<table width="100%"><tr><td>',
        f"<h1>{html.escape(year)} {html.escape(texts.worksheet_title)}</h1>",
        f"<p>担当課: <b>{html.escape(department_name)}</b>　{html.escape(report.subtitle)}"
        + (f"　提出期限: {html.escape(deadline)}" if deadline else "")
        + "</p></td>",
        '<td align="right"><table class="stamp" border="1" cellspacing="0">'
        "<tr><th>課長</th><th>係長</th><th>担当</th></tr><tr><td></td><td></td><td></td></tr></table></td>",
        "</tr></table>",
    ]
    for goal in report.goals:
        if not goal.projects:
            continue
        parts.append(f"<h2>{html.escape(goal.heading)}　{html.escape(goal.name)}</h2>")
        for project in goal.projects:
            for e in project.entries:
                parts.append(
                    '<table width="100%" border="1" cellspacing="0" style="margin-bottom:6px">'
                )
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
                    f"<td colspan='7'>{_text(project.description)}</td></tr>"
                )
                if prev:
                    old = "<br/>".join(
                        f"{html.escape(f.label)}: {_value(f, e.previous_text(f.key))}"
                        for f in form.fields
                    )
                    parts.append(
                        f"<tr class='ref'><th>{html.escape(prev)}<br/>（参考）</th>"
                        f"<td colspan='7' class='ref'>{old}</td></tr>"
                    )
                for f in form.fields:
                    cls = " class='rating'" if f.is_rating else ""
                    parts.append(
                        f"<tr><th>{html.escape(report.field_heading(f))}</th>"
                        f"<td colspan='7'{cls}>{_value(f, e.value(f.key))}</td></tr>"
                    )
                parts.append("</table>")
    return "".join(parts)


def build_worksheet_document(
    wb: Workbook, round_id: str, department_id: str | None
) -> QTextDocument:
    """One department's worksheet (``None``: all departments on one sheet)."""
    return build_worksheets_document(wb, round_id, [department_id])


def build_worksheets_document(
    wb: Workbook, round_id: str, department_ids: list[str | None]
) -> QTextDocument:
    """The worksheets of several departments in one document, each starting on a new page."""
    from welfareplan.core.model import Department, Round

    bodies = []
    with wb.session() as s:
        rnd = s.get(Round, round_id)
        assert rnd is not None
        deadline = date_label(rnd.deadline) if rnd.deadline else ""
        for department_id in department_ids:
            report = build_report(s, rnd, department_id=department_id)
            dept = s.get(Department, department_id) if department_id else None
            bodies.append(worksheet_body(report, dept.name if dept else "全担当課", deadline))
    doc = QTextDocument()
    doc.setHtml(_page(NEW_PAGE.join(bodies)))
    return doc


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
                        f"<td rowspan='{span}'>{_text(project.description)}</td>"
                    )
                parts.append(f"<td>{html.escape(e.label)}</td>")
                for f in form.fields:
                    cls = " class='rating'" if f.is_rating else ""
                    parts.append(f"<td{cls}>{_value(f, e.value(f.key))}</td>")
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


def print_document(doc: QTextDocument, printer: QPrinter) -> None:
    doc.setPageSize(QSizeF())  # let print() paginate for the printer and add page numbers
    doc.print_(printer)


def export_pdf(doc: QTextDocument, path: Path) -> Path:
    printer = a4_landscape_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName(path.stem)
    print_document(doc, printer)
    return path
