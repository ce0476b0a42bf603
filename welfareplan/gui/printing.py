"""Printing a department's worksheet (for the section chief's approval stamp) and PDF export.

The worksheet is the department's rows of the report for the round — plan context, last year's
entry for reference and this year's three fields — laid out one block per entry on A4 landscape.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

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


def worksheet_html(report: ReportData, department_name: str, deadline: str = "") -> str:
    return _page(worksheet_body(report, department_name, deadline))


def _page(body: str) -> str:
    return f"<html><head><style>{CSS}</style></head><body>{body}</body></html>"


def worksheet_body(report: ReportData, department_name: str, deadline: str = "") -> str:
    """One department's worksheet (the body of the page, without html/head)."""
    year = report.year_label
    prev = report.previous_year_label
    parts = [
        '<table width="100%"><tr><td>',
        f"<h1>{html.escape(year)} 地域福祉計画 評価シート</h1>",
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
        parts.append(f"<h2>基本目標{goal.number}　{html.escape(goal.name)}</h2>")
        for project in goal.projects:
            for e in project.entries:
                parts.append(
                    '<table width="100%" border="1" cellspacing="0" style="margin-bottom:6px">'
                )
                parts.append(
                    f"<tr><th width='9%'>施策No</th><td width='6%'>{html.escape(project.measure_label)}</td>"
                    f"<th width='6%'>事業No</th><td width='4%'>{html.escape(project.number_label)}</td>"
                    f"<th width='12%'>【個別事業・取り組み】</th><td width='32%'>{html.escape(project.name)}</td>"
                    f"<th width='7%'>担当課</th><td width='16%'>{html.escape(e.label)}</td></tr>"
                )
                parts.append(
                    f"<tr><th>内容</th><td colspan='7'>{_text(project.description)}</td></tr>"
                )
                if prev:
                    parts.append(
                        f"<tr class='ref'><th>{html.escape(prev)}<br/>（参考）</th><td colspan='7' class='ref'>"
                        f"評価: {html.escape(e.previous_rating or '―')}<br/>"
                        f"実績: {_text(e.previous_result or '')}<br/>展望: {_text(e.previous_outlook or '')}</td></tr>"
                    )
                parts.append(
                    f"<tr><th>{html.escape(report.result_column)}</th><td colspan='5'>{_text(e.result)}</td>"
                    f"<th>事業評価</th><td class='rating'>{html.escape(e.rating or '―')}</td></tr>"
                )
                parts.append(
                    f"<tr><th>今後の事業計画・展望</th><td colspan='7'>{_text(e.outlook)}</td></tr>"
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
    parts = [
        f"<html><head><style>{CSS}</style></head><body>",
        f"<h1 align='center'>{html.escape(report.title)}</h1>",
        f"<p align='center'>{html.escape(report.subtitle)}<br/>{html.escape(report.published_label)}<br/>"
        f"{html.escape(report.issuer)}</p>",
        "<h2>【事業評価の評価基準】</h2><p>",
        "<br/>".join(f"{k}・・・ {html.escape(v)}" for k, v in report.rating_criteria.items()),
        "</p>",
        f"<p>※{html.escape(report.outlook_note)}</p>" if report.outlook_note else "",
        f"<h2>{html.escape(report.heading)}（推進委員会の意見）</h2>",
    ]
    for goal in report.goals:
        if goal.opinions:
            parts.append(f"<p><b>基本目標{goal.number} {html.escape(goal.name)}</b><br/>")
            parts.append(
                "<br/>".join(
                    f"<b>{html.escape(o.heading)}</b> {html.escape(o.text)}" for o in goal.opinions
                )
            )
            parts.append("</p>")
    for goal in report.goals:
        parts.append(
            f"<h2 style='page-break-before: always'>基本目標{goal.number}　{html.escape(goal.name)}</h2>"
        )
        for d in goal.directions:
            measures = "　".join(f"{m.label} {html.escape(m.name)}" for m in d.measures)
            parts.append(f"<p>{d.label} {html.escape(d.name)}：{measures}</p>")
        parts.append('<table width="100%" border="1" cellspacing="0"><tr>')
        widths = (7, 5, 12, 18, 10, 21, 6, 21)
        columns = (
            "施策No",
            "事業No",
            "【個別事業・取り組み】",
            "内容",
            "担当課",
            report.result_column,
            "事業評価",
            "今後の事業計画・展望",
        )
        parts += [
            f"<th width='{w}%'>{html.escape(c)}</th>" for w, c in zip(widths, columns, strict=True)
        ]
        parts.append("</tr>")
        for project in goal.projects:
            span = len(project.entries)
            for k, e in enumerate(project.entries):
                parts.append("<tr>")
                if k == 0:
                    parts.append(
                        f"<td rowspan='{span}'>{html.escape(project.measure_label)}</td>"
                        f"<td rowspan='{span}'>{html.escape(project.number_label)}</td>"
                        f"<td rowspan='{span}'>{html.escape(project.name)}</td>"
                        f"<td rowspan='{span}'>{_text(project.description)}</td>"
                    )
                parts.append(
                    f"<td>{html.escape(e.label)}</td><td>{_text(e.result)}</td>"
                    f"<td class='rating'>{html.escape(e.rating)}</td><td>{_text(e.outlook)}</td></tr>"
                )
        parts.append("</table>")
    totals = report.totals()
    parts.append(
        "<h2 style='page-break-before: always'>事業評価の集計</h2><table border='1' cellspacing='0'><tr><th>基本目標</th>"
    )
    parts += [f"<th>{r}</th>" for r in ("A", "B", "C", "D")]
    parts.append("<th>計</th></tr>")
    for goal in report.goals:
        parts.append(f"<tr><td>{goal.number} {html.escape(goal.name)}</td>")
        parts += [f"<td align='right'>{goal.counts.get(r, 0)}</td>" for r in ("A", "B", "C", "D")]
        parts.append(f"<td align='right'>{sum(goal.counts.values())}</td></tr>")
    parts.append(
        "<tr><td>合計</td>"
        + "".join(f"<td align='right'>{totals.get(r, 0)}</td>" for r in ("A", "B", "C", "D"))
    )
    parts.append(f"<td align='right'>{sum(totals.values())}</td></tr></table></body></html>")
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
