"""委員会の意見: the committee's opinions per top-level node of the plan (基本目標), in report
order, each with the city's answer (市の考え方・対応) and the department responsible.

The heading 【事業番号N:事業名】 is generated from the project chosen in the list, never typed.
The members' opinion sheets are handled in :mod:`.committee_dialog` (button 委員の意見・提案シート).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QTreeWidgetItem, QWidget

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.labels import opinion_heading
from welfareplan.gui.division.context import DivisionContext
from welfareplan.gui.forms.ui_opinions_tab import Ui_OpinionsTab
from welfareplan.workflow.committee.answers import AnswerInfo, answers_of_round, set_answer
from welfareplan.workflow.master.departments import list_departments
from welfareplan.workflow.rounds.opinions import (
    GoalOpinions,
    add_opinion,
    delete_opinion,
    list_opinions,
    move_opinion,
    update_opinion,
)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
GENERAL = "【全般】（事業を指定しない）"
NO_DEPARTMENT = "（指定しない）"
ANSWERED = "　［市の考え方あり］"


class OpinionsTab(QWidget):
    def __init__(self, ctx: DivisionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_OpinionsTab()
        self.ui.setupUi(self)
        self.ctx = ctx
        self.goals: list[GoalOpinions] = []
        self.answers: dict[str, AnswerInfo] = {}
        ui = self.ui
        ui.sheetsButton.clicked.connect(self.open_sheets)
        ui.saveAnswerButton.clicked.connect(self.save_answer)
        ui.opinionTree.currentItemChanged.connect(self._selected)
        ui.goalCombo.currentIndexChanged.connect(self._fill_projects)
        ui.projectCombo.currentIndexChanged.connect(self._update_heading)
        ui.addButton.clicked.connect(self.add)
        ui.saveButton.clicked.connect(self.save)
        ui.deleteButton.clicked.connect(self.delete)
        ui.upButton.clicked.connect(lambda: self.move_selected(-1))
        ui.downButton.clicked.connect(lambda: self.move_selected(1))

    def refresh(self, select_id: str | None = None) -> None:
        if self.ctx.fiscal_year is None:
            return
        self.goals = list_opinions(self.ctx.workbook, self.ctx.fiscal_year)
        self.answers = answers_of_round(self.ctx.workbook, self.ctx.fiscal_year)
        self._fill_departments()
        tree = self.ui.opinionTree
        tree.clear()
        current = None
        for g in self.goals:
            top = QTreeWidgetItem(tree, [f"{g.title}（{len(g.opinions)} 件）"])
            for o in g.opinions:
                answer = self.answers.get(o.id)
                mark = ANSWERED if answer is not None else ""
                item = QTreeWidgetItem(top, [f"{o.heading} {o.text}{mark}"])
                item.setData(0, ID_ROLE, o.id)
                tip = o.text + (f"\n\n市の考え方・対応：{answer.text}" if answer else "")
                item.setToolTip(0, tip)
                if o.id == select_id:
                    current = item
            top.setExpanded(True)
        combo = self.ui.goalCombo
        keep = combo.currentIndex()
        combo.blockSignals(True)
        combo.clear()
        for g in self.goals:
            combo.addItem(g.title, g.node_id)
        combo.setCurrentIndex(max(keep, 0))
        combo.blockSignals(False)
        self._fill_projects()
        if current is not None:
            tree.setCurrentItem(current)
        editable = not self.ctx.read_only
        for w in (
            self.ui.addButton,
            self.ui.saveButton,
            self.ui.deleteButton,
            self.ui.upButton,
            self.ui.downButton,
            self.ui.saveAnswerButton,
            self.ui.sheetsButton,
        ):
            w.setEnabled(editable)

    def _fill_departments(self) -> None:
        combo = self.ui.answerDepartmentCombo
        keep = combo.currentText()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(NO_DEPARTMENT, None)
        for d in list_departments(self.ctx.workbook):
            if d.active:
                combo.addItem(d.name, d.name)
        combo.setCurrentIndex(max(combo.findText(keep), 0))
        combo.blockSignals(False)

    def _goal(self) -> GoalOpinions | None:
        node_id = self.ui.goalCombo.currentData()
        return next((g for g in self.goals if g.node_id == node_id), None)

    def _fill_projects(self) -> None:
        goal = self._goal()
        combo = self.ui.projectCombo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(GENERAL, None)
        for p in goal.projects if goal else ():
            combo.addItem(p.label, p.project_id)
        combo.blockSignals(False)
        self._update_heading()

    def _update_heading(self) -> None:
        goal = self._goal()
        pid = self.ui.projectCombo.currentData()
        project = next((p for p in goal.projects if p.project_id == pid), None) if goal else None
        name = project.label.split(" ", 1)[1] if project else None
        self.ui.headingPreview.setText(opinion_heading(project.number if project else None, name))

    def _selected_id(self) -> str | None:
        item = self.ui.opinionTree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def _selected(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None = None) -> None:
        oid = item.data(0, ID_ROLE) if item is not None else None
        for g in self.goals:
            for o in g.opinions:
                if o.id == oid:
                    self.ui.goalCombo.setCurrentIndex(self.ui.goalCombo.findData(g.node_id))
                    self._fill_projects()
                    self.ui.projectCombo.setCurrentIndex(
                        max(self.ui.projectCombo.findData(o.project_id), 0)
                    )
                    self.ui.textEdit.setPlainText(o.text)
                    answer = self.answers.get(o.id)
                    self.ui.answerEdit.setPlainText(answer.text if answer else "")
                    combo = self.ui.answerDepartmentCombo
                    name = answer.department_name if answer else ""
                    combo.setCurrentIndex(max(combo.findText(name), 0) if name else 0)

    def _do(self, action, select_id: str | None = None) -> None:  # type: ignore[no-untyped-def]
        try:
            result = action()
        except WelfareplanError as exc:
            QMessageBox.warning(self, "委員会の意見", exc.message)
            return
        self.ctx.after_write()
        self.refresh(select_id or (result if isinstance(result, str) else None))

    def add(self) -> None:
        year, goal = self.ctx.fiscal_year, self.ui.goalCombo.currentData()
        pid, text = self.ui.projectCombo.currentData(), self.ui.textEdit.toPlainText()
        if year is None or goal is None:
            return
        self._do(lambda: add_opinion(self.ctx.workbook, year, goal, pid, text))

    def save(self) -> None:
        oid = self._selected_id()
        if oid is None:
            QMessageBox.information(
                self, "委員会の意見", "更新する意見を左の一覧から選んでください。"
            )
            return
        pid, text = self.ui.projectCombo.currentData(), self.ui.textEdit.toPlainText()
        self._do(lambda: update_opinion(self.ctx.workbook, oid, project_id=pid, text=text), oid)

    def delete(self) -> None:
        oid = self._selected_id()
        if oid is None:
            return
        if (
            QMessageBox.question(self, "委員会の意見", "選んだ意見を削除しますか？")
            != QMessageBox.StandardButton.Yes
        ):
            return
        self._do(lambda: delete_opinion(self.ctx.workbook, oid))

    def move_selected(self, step: int) -> None:
        oid = self._selected_id()
        if oid is not None:
            self._do(lambda: move_opinion(self.ctx.workbook, oid, step), oid)

    def save_answer(self) -> None:
        oid = self._selected_id()
        if oid is None:
            QMessageBox.information(
                self, "市の考え方・対応", "市の考え方を記入する意見を左の一覧から選んでください。"
            )
            return
        text = self.ui.answerEdit.toPlainText()
        department = self.ui.answerDepartmentCombo.currentData()
        self._do(lambda: set_answer(self.ctx.workbook, oid, text, department), oid)

    def open_sheets(self) -> None:
        from welfareplan.gui.division.committee_dialog import CommitteeSheetsDialog

        if self.ctx.fiscal_year is None:
            return
        dialog = CommitteeSheetsDialog(self.ctx, self)
        dialog.exec()
        self.refresh(self._selected_id())
