"""状況: where each department stands (who submitted, when, which version, by which channel),
who has not submitted yet (the reminder), how the ratings look; the table printed or saved
in Excel."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel, QTextDocument
from PySide6.QtWidgets import QFileDialog, QHeaderView, QMessageBox, QWidget

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.ratingcounts import RatingCounts, rating_counts
from welfareplan.core.wareki import date_label, fiscal_year_label, results_label, short_fiscal_year
from welfareplan.gui.division.chart import GoalCounts, RatingChart
from welfareplan.gui.division.context import DivisionContext
from welfareplan.gui.forms.ui_dashboard_tab import Ui_DashboardTab
from welfareplan.workflow.status import DepartmentStatus, RoundStatus, round_status
from welfareplan.workflow.status_table import (
    STATUS_COLUMNS,
    status_row,
    status_rows,
    status_title,
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def _sort_keys(d: DepartmentStatus) -> list[object]:
    """How each column of :data:`STATUS_COLUMNS` sorts (numbers and times, not their text)."""
    when = [t.isoformat() if t else "" for t in (d.submitted_at, d.last_merge_at)]
    return [
        d.department_name,
        list(type(d.state)).index(d.state),
        d.complete / d.total if d.total else 0.0,
        d.submitted_by,
        when[0],
        d.last_revision or 0,
        d.channel_label,
        when[1],
        d.open_conflicts,
        d.open_comments,
        d.confirmation_label,
        None,
    ]


def status_html(status: RoundStatus, at: dt.datetime) -> str:
    """The table for printing."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in STATUS_COLUMNS)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(t)}</td>" for t in row) + "</tr>"
        for row in status_rows(status)
    )
    return (
        "<html><body style='font-size:9pt'>"
        f"<h2>{html.escape(status_title(status, at))}</h2>"
        f"<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>{head}</tr>{body}</table>"
        "</body></html>"
    )


def reminder_text(status: RoundStatus) -> str:
    """The reminder for departments that have not submitted yet (copy into a mail or print)."""
    pending = status.to_remind
    year = results_label(status.fiscal_year)
    if not pending:
        return f"{year}: すべての担当課から提出がありました。"
    deadline = f"（提出期限: {date_label(status.deadline)}）" if status.deadline else ""
    lines = [
        f"【{year}】地域福祉計画 進捗状況の評価について{deadline}",
        "次の担当課からの提出がまだありません。記入のうえ「提出」して、担当課ファイルを地域福祉課へお送りください。",
        "",
    ]
    lines += [
        f"・{d.department_name}（{d.state_label}、記入 {d.complete}/{d.total} 件"
        + (f"、未解決の指摘 {d.open_comments} 件" if d.open_comments else "")
        + "）"
        for d in pending
    ]
    return "\n".join(lines)


class DashboardTab(QWidget):
    #: a department row was activated: show its entries
    departmentActivated = Signal(str)

    def __init__(self, ctx: DivisionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_DashboardTab()
        self.ui.setupUi(self)
        self.ctx = ctx
        self.status: RoundStatus | None = None
        #: what the last refresh showed (rows, year, chart): tells a refresh that changed it
        self._shown: object = None
        self.model = QStandardItemModel(0, len(STATUS_COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(STATUS_COLUMNS))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.ui.statusTable.setModel(self.proxy)
        self.ui.statusTable.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.ui.statusTable.horizontalHeader().setStretchLastSection(True)
        self.ui.statusTable.verticalHeader().setVisible(False)
        self.ui.statusTable.doubleClicked.connect(self._activated)
        self.chart = RatingChart(self)
        self.ui.chartLayout.addWidget(self.chart)
        self.ui.copyReminderButton.clicked.connect(self.copy_reminder)
        self.ui.printReminderButton.clicked.connect(self.print_reminder)
        self.ui.refreshButton.clicked.connect(self.refresh)
        self.ui.printStatusButton.clicked.connect(self.print_status)
        self.ui.saveStatusButton.clicked.connect(self.save_status)

    def refresh(self) -> bool:
        """Show the round as it is now, keeping the selected department. True when what is
        shown changed."""
        year = self.ctx.fiscal_year
        if year is None:
            return False
        status = round_status(self.ctx.workbook, year)
        before = (status_rows(self.status), self.status.fiscal_year) if self.status else None
        self.status = status
        selected = self.ui.statusTable.currentIndex()
        keep = self.proxy.data(selected, Qt.ItemDataRole.UserRole) if selected.isValid() else None
        self.model.setRowCount(0)
        for d in status.departments:
            row = []
            for text, key in zip(status_row(d), _sort_keys(d), strict=True):
                item = QStandardItem(text)
                item.setToolTip(text if len(text) > 20 else "")
                item.setData(text if key is None else key, SORT_ROLE)
                item.setData(d.department_id, Qt.ItemDataRole.UserRole)
                item.setEditable(False)
                row.append(item)
            self.model.appendRow(row)
        self.ui.summaryLabel.setText(
            f"{results_label(year)}（{'受付中' if status.is_open else '締切済'}）　"
            f"記入 {status.complete} / {status.total} 件完了　"
            + "　".join(f"{s.label} {status.count(s)}" for s in type(status.departments[0].state))
            + (f"　保留の競合 {status.open_conflicts} 件" if status.open_conflicts else "")
            + (f"　未解決の指摘 {status.open_comments} 件" if status.open_comments else "")
            if status.departments
            else f"{results_label(year)}: 担当課がありません。"
        )
        self.ui.reminderText.setPlainText(reminder_text(status))
        self._reselect(keep, selected.column())
        counts = self._refresh_chart(year)
        shown = (status_rows(status), year, counts)
        changed, self._shown = shown != self._shown, shown
        return changed and before is not None

    def _reselect(self, department_id: object, column: int) -> None:
        if department_id is None:
            return
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, max(column, 0))
            if self.proxy.data(index, Qt.ItemDataRole.UserRole) == department_id:
                self.ui.statusTable.setCurrentIndex(index)
                return

    def _refresh_chart(self, year: int) -> RatingCounts:
        with self.ctx.workbook.reader() as con:
            counts = rating_counts(con, year)
        goals = [
            GoalCounts(
                g.title,
                dict(g.counts),
                dict(g.previous_counts) if g.previous_counts is not None else None,
            )
            for g in counts.goals
        ]
        prev = fiscal_year_label(counts.previous_fiscal_year) if counts.previous_fiscal_year else ""
        self.chart.set_data(
            goals, fiscal_year_label(year), prev, codes=counts.codes, labels=counts.labels
        )
        return counts

    def print_status(self) -> None:
        """The table, printed through the print preview (from which it goes to the printer)."""
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        from welfareplan.gui.printing import a4_landscape_printer, print_document

        if self.status is None:
            return
        doc = QTextDocument()
        doc.setHtml(status_html(self.status, dt.datetime.now()))
        printer = a4_landscape_printer()  # kept alive while the dialog uses it
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle("担当課の状況の印刷")
        dialog.paintRequested.connect(lambda p: print_document(doc, p))
        dialog.exec()

    def save_status(self) -> None:
        from welfareplan.workflow.status_table import save_status_xlsx

        if self.status is None:
            return
        start = (
            self.ctx.document.original.parent
            / f"{short_fiscal_year(self.status.fiscal_year)}_担当課の状況.xlsx"
        )
        path, _ = QFileDialog.getSaveFileName(
            self, "担当課の状況を保存", str(start), "Excel ブック (*.xlsx)"
        )
        if not path:
            return
        try:
            out = save_status_xlsx(self.status, Path(path), at=dt.datetime.now())
        except WelfareplanError as exc:
            QMessageBox.warning(self, "担当課の状況を保存", exc.message)
            return
        self.window().statusBar().showMessage(f"保存しました: {out}", 5000)  # type: ignore[attr-defined]

    def copy_reminder(self) -> None:
        QGuiApplication.clipboard().setText(self.ui.reminderText.toPlainText())
        self.window().statusBar().showMessage("督促の文面をコピーしました。", 3000)  # type: ignore[attr-defined]

    def print_reminder(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QPrintDialog.DialogCode.Accepted:
            doc = QTextDocument()
            doc.setPlainText(self.ui.reminderText.toPlainText())
            doc.print_(printer)

    def _activated(self, index) -> None:  # type: ignore[no-untyped-def]
        dept_id = self.proxy.data(index, Qt.ItemDataRole.UserRole)
        if dept_id:
            self.departmentActivated.emit(dept_id)
