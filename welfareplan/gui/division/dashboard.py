"""状況: who has returned what, who has sent nothing, how the ratings look."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel, QTextDocument
from PySide6.QtWidgets import QHeaderView, QWidget

from welfareplan.core.ratingcounts import rating_counts
from welfareplan.core.wareki import date_label, fiscal_year_label, results_label
from welfareplan.gui.division.chart import GoalCounts, RatingChart
from welfareplan.gui.division.context import DivisionContext
from welfareplan.gui.forms.ui_dashboard_tab import Ui_DashboardTab
from welfareplan.workflow.status import RoundStatus, round_status

COLUMNS = ["担当課", "状態", "記入（完了/全体）", "最終取込", "未解決の競合", "備考"]
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def reminder_text(status: RoundStatus) -> str:
    """The reminder for departments that have sent nothing yet (copy into a mail or print)."""
    pending = status.not_returned
    year = results_label(status.fiscal_year)
    if not pending:
        return f"{year}: すべての担当課から提出がありました。"
    deadline = f"（提出期限: {date_label(status.deadline)}）" if status.deadline else ""
    lines = [
        f"【{year}】地域福祉計画 進捗状況の評価について{deadline}",
        "次の担当課からの提出がまだありません。記入のうえ、担当課ファイルを地域福祉課へお送りください。",
        "",
    ]
    lines += [
        f"・{d.department_name}（{d.state_label}、記入 {d.complete}/{d.total} 件）" for d in pending
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
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(COLUMNS)
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

    def refresh(self) -> None:
        year = self.ctx.fiscal_year
        if year is None:
            return
        status = round_status(self.ctx.workbook, year)
        self.status = status
        self.model.setRowCount(0)
        for d in status.departments:
            note = d.rejected_reason if d.state.value == "returned" and d.rejected_reason else ""
            if d.changed_after_submission:
                note = (note + " " if note else "") + "提出後に変更あり"
            cells = [
                (d.department_name, d.department_name),
                (d.state_label, list(type(d.state)).index(d.state)),
                (f"{d.complete} / {d.total}", d.complete / d.total if d.total else 0.0),
                (
                    d.last_merge_at.strftime("%Y-%m-%d %H:%M") if d.last_merge_at else "—",
                    d.last_merge_at.isoformat() if d.last_merge_at else "",
                ),
                (str(d.open_conflicts) if d.open_conflicts else "—", d.open_conflicts),
                (note, note),
            ]
            row = []
            for text, key in cells:
                item = QStandardItem(text)
                item.setData(key, SORT_ROLE)
                item.setData(d.department_id, Qt.ItemDataRole.UserRole)
                item.setEditable(False)
                row.append(item)
            self.model.appendRow(row)
        self.ui.summaryLabel.setText(
            f"{results_label(year)}（{'受付中' if status.is_open else '締切済'}）　"
            f"記入 {status.complete} / {status.total} 件完了　"
            + "　".join(f"{s.label} {status.count(s)}" for s in type(status.departments[0].state))
            + (f"　未解決の競合 {status.open_conflicts} 件" if status.open_conflicts else "")
            if status.departments
            else f"{results_label(year)}: 担当課がありません。"
        )
        self.ui.reminderText.setPlainText(reminder_text(status))
        self._refresh_chart(year)

    def _refresh_chart(self, year: int) -> None:
        with self.ctx.workbook.read_connection() as con:
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
