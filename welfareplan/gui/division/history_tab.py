"""経年比較: one project's entries across all rounds side by side, and this round's entries whose
rating changed or whose text repeats last year's (前年と同一)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidgetItem, QWidget

from welfareplan.core.checks import comparable
from welfareplan.core.history import (
    HistoryCell,
    project_choices,
    project_history,
    rating_changes,
    same_as_last_year,
)
from welfareplan.core.wareki import fiscal_year_label
from welfareplan.gui.division.context import DivisionContext
from welfareplan.gui.forms.ui_history_tab import Ui_HistoryTab

CHANGED = "#fff1c2"
SAME = "#ffd7d5"
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


class HistoryTab(QWidget):
    entryActivated = Signal(str)

    def __init__(self, ctx: DivisionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_HistoryTab()
        self.ui.setupUi(self)
        self.ctx = ctx
        self.ui.projectCombo.currentIndexChanged.connect(self.show_project)
        for tree in (self.ui.changesTree, self.ui.sameTree):
            tree.itemDoubleClicked.connect(
                lambda item, _col: self.entryActivated.emit(item.data(0, ENTRY_ROLE))
            )
        self.ui.historyTable.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )

    def refresh(self) -> None:
        combo = self.ui.projectCombo
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for choice in project_choices(self.ctx.workbook):
            combo.addItem(choice.title, choice.project_id)
        combo.setCurrentIndex(max(combo.findData(keep), 0))
        combo.blockSignals(False)
        self.show_project()
        self._fill_flags()

    def show_project(self) -> None:
        pid = self.ui.projectCombo.currentData()
        table = self.ui.historyTable
        table.clear()
        if not pid:
            return
        history = project_history(self.ctx.workbook, pid)
        table.setColumnCount(len(history.years))
        table.setRowCount(len(history.rows))
        table.setHorizontalHeaderLabels([fiscal_year_label(y) for y in history.years])
        table.setVerticalHeaderLabels([r.department_name for r in history.rows])
        for r, row in enumerate(history.rows):
            previous: HistoryCell | None = None
            for c, year in enumerate(history.years):
                cell = row.cells.get(year)
                if cell is None:
                    table.setCellWidget(r, c, QLabel("—"))
                    previous = None
                    continue
                notes: list[str] = []
                color = None
                if (
                    previous is not None
                    and previous.rating
                    and cell.rating
                    and previous.rating != cell.rating
                ):
                    notes.append(f"評価 {previous.rating}→{cell.rating}")
                    color = CHANGED
                if (
                    previous is not None
                    and cell.result.strip()
                    and comparable(cell.result) == comparable(previous.result)
                ):
                    notes.append("前年と同一")
                    color = SAME
                text = (
                    f"<b>評価: {html.escape(cell.rating or '―')}</b>"
                    + (f"　<span style='color:#b35900'>{'、'.join(notes)}</span>" if notes else "")
                    + f"<br/>{html.escape(cell.result).replace(chr(10), '<br/>')}"
                    + f"<br/><span style='color:#555'>展望: {html.escape(cell.outlook).replace(chr(10), '<br/>')}</span>"
                )
                label = QLabel(text)
                label.setWordWrap(True)
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                label.setMargin(4)
                if color:
                    label.setStyleSheet(f"background:{color}")
                table.setCellWidget(r, c, label)
                previous = cell
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()

    def _fill_flags(self) -> None:
        self.ui.changesTree.clear()
        self.ui.sameTree.clear()
        if not self.ctx.round_id:
            return
        for f in rating_changes(self.ctx.workbook, self.ctx.round_id):
            item = QTreeWidgetItem(
                self.ui.changesTree, [f.title, f.department, f"{f.previous_rating} → {f.rating}"]
            )
            item.setData(0, ENTRY_ROLE, f.entry_id)
        for f in same_as_last_year(self.ctx.workbook, self.ctx.round_id):
            item = QTreeWidgetItem(self.ui.sameTree, [f.title, f.department])
            item.setData(0, ENTRY_ROLE, f.entry_id)
            item.setBackground(0, QBrush(QColor(SAME)))
        for tree in (self.ui.changesTree, self.ui.sameTree):
            tree.resizeColumnToContents(0)
