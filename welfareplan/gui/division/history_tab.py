"""経年比較: one project's entries across the rounds of its plan's lineage side by side (through
the projects it continues), and this round's entries whose rating changed or whose text repeats
last year's (前年と同一). Each cell shows the fields of its plan's form."""

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


def _notes(cell: HistoryCell, previous: HistoryCell | None) -> tuple[list[str], str | None]:
    """What changed from the year before: the rating, and texts repeated (前年と同一)."""
    notes: list[str] = []
    color = None
    if previous is not None and previous.rating and cell.rating and previous.rating != cell.rating:
        notes.append(f"評価 {previous.rating}→{cell.rating}")
        color = CHANGED
    if previous is not None:
        for f in cell.form.flagged("warn_same_as_last_year"):
            text = cell.values.get(f.key)
            if text.strip() and comparable(text) == comparable(previous.values.get(f.key)):
                notes.append("前年と同一")
                color = SAME
    return notes, color


def cell_label(
    cells: tuple[HistoryCell, ...], previous: HistoryCell | None, *, labelled: bool
) -> tuple[QLabel, str | None]:
    """The cell of one department and year: each entry's fields (several when projects
    were merged, each headed with its project's label)."""
    parts: list[str] = []
    color = None
    for cell in cells:
        notes, found = _notes(cell, previous)
        color = color or found
        head = f"<b>【事業{html.escape(cell.project_label)}】</b><br/>" if labelled else ""
        lines = []
        for f in cell.form.fields:
            value = cell.values.get(f.key)
            if f.is_rating:
                lines.append(f"<b>{html.escape(f.label)}: {html.escape(value or '―')}</b>")
            else:
                shown = html.escape(f.display(value)).replace(chr(10), "<br/>")
                lines.append(f"<span style='color:#555'>{html.escape(f.label)}:</span> {shown}")
        if notes:
            lines[0] += f"　<span style='color:#b35900'>{'、'.join(notes)}</span>"
        parts.append(head + "<br/>".join(lines))
    label = QLabel("<hr/>".join(parts))
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setMargin(4)
    return label, color


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
        several = history.continues_others
        for r, row in enumerate(history.rows):
            previous: HistoryCell | None = None
            for c, year in enumerate(history.years):
                cells = row.cells.get(year)
                if not cells:
                    table.setCellWidget(r, c, QLabel("—"))
                    previous = None
                    continue
                label, color = cell_label(cells, previous, labelled=several)
                if color:
                    label.setStyleSheet(f"background:{color}")
                table.setCellWidget(r, c, label)
                previous = cells[0]
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
