"""記入内容: any entry of the round, with the department app's editor (edits are audited)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from welfareplan.gui.department_view import DepartmentView
from welfareplan.gui.division.context import DivisionContext


class EntriesTab(QWidget):
    """記入内容: any entry of the round, with the department app's editor (edits are audited)."""

    def __init__(self, ctx: DivisionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view: DepartmentView | None = None
        layout = QHBoxLayout()
        self.filter = QComboBox(self)
        label = QLabel("担当課(&K)", self)
        label.setBuddy(self.filter)
        layout.addWidget(label)
        layout.addWidget(self.filter)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(layout)
        self.outer = outer
        self.filter.currentIndexChanged.connect(self.rebuild)

    def refresh(self) -> None:
        from welfareplan.workflow.master.departments import list_departments

        keep = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem("全担当課", None)
        for d in list_departments(self.ctx.workbook):
            if d.entries:
                self.filter.addItem(d.name, d.id)
        self.filter.setCurrentIndex(max(self.filter.findData(keep), 0))
        self.filter.blockSignals(False)
        self.rebuild()

    def show_department(self, department_id: str) -> None:
        self.filter.setCurrentIndex(max(self.filter.findData(department_id), 0))

    def rebuild(self) -> None:
        current = self.view.current_id if self.view else None
        if self.view is not None:
            self.view.save_all()
            self.outer.removeWidget(self.view)
            self.view.deleteLater()
        self.view = DepartmentView(
            self.ctx.document,
            self,
            department_id=self.filter.currentData(),
            round_id=self.ctx.round_id,
        )
        self.view.ui.submitButton.setVisible(False)
        self.outer.addWidget(self.view, 1)
        if current:
            self.view.select_entry(current)

    def refresh_from_server(self) -> bool:
        """Another user changed the master: the entries they changed show their text, the
        selection and anything being typed stay. True when something shown changed."""
        if self.view is None:
            return False
        changed = self.view.refresh_from_server()
        if changed is None:  # entries came or went: the list is made again
            self.refresh()
            return True
        return changed
