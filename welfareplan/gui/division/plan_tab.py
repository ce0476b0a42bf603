"""計画・担当課: browse and edit the plan (names, 内容, who reports on what), the department
master, and import/export of the Excel plan template with its validation report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QListWidgetItem,
    QMessageBox,
    QTreeWidgetItem,
    QWidget,
)

from welfareplan.core.errors import WelfareplanError
from welfareplan.gui.division.context import DivisionContext
from welfareplan.gui.forms.ui_plan_tab import Ui_PlanTab
from welfareplan.gui.tasks import CancelledFn, ProgressFn
from welfareplan.workflow.master import departments as masters
from welfareplan.workflow.plans.plan_edit import (
    PlanItem,
    list_plans,
    plan_tree,
    rename_node,
    set_assignments,
    set_description,
)

NODE_ROLE = Qt.ItemDataRole.UserRole + 1
ASSIGN_ROLE = Qt.ItemDataRole.UserRole + 2


def show_report(parent: QWidget, title: str, message: str) -> None:
    """A message with a long list (validation problems) readable in a scrollable box."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    head, _, rest = message.partition("\n")
    box.setText(head)
    if rest:
        box.setDetailedText(rest)
        box.setInformativeText("問題の一覧は「詳細の表示」で確認できます（行番号つき）。")
    box.exec()


class PlanTab(QWidget):
    def __init__(self, ctx: DivisionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PlanTab()
        self.ui.setupUi(self)
        self.ctx = ctx
        self.node: PlanItem | None = None
        ui = self.ui
        ui.planCombo.currentIndexChanged.connect(self.fill_tree)
        ui.planTree.currentItemChanged.connect(self._selected)
        ui.saveNodeButton.clicked.connect(self.save_node)
        ui.addAssignmentButton.clicked.connect(self.add_assignment)
        ui.removeAssignmentButton.clicked.connect(self.remove_assignment)
        ui.importButton.clicked.connect(self.import_plan)
        ui.exportButton.clicked.connect(self.export_plan)
        ui.deletePlanButton.clicked.connect(self.delete_plan)
        ui.linkPlanButton.clicked.connect(self.link_plan)
        ui.historyButton.clicked.connect(self.import_history)
        ui.addDepartmentButton.clicked.connect(self.add_department)
        ui.renameDepartmentButton.clicked.connect(self.rename_department)
        ui.mergeDepartmentButton.clicked.connect(self.merge_department)
        ui.aliasButton.clicked.connect(self.add_alias)
        self._nodes: dict[str, PlanItem] = {}

    def refresh(self) -> None:
        combo = self.ui.planCombo
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for key, label in list_plans(self.ctx.workbook):
            combo.addItem(label, key)
        combo.setCurrentIndex(max(combo.findData(keep), 0))
        combo.blockSignals(False)
        self.fill_tree()
        self.fill_departments()
        editable = not self.ctx.read_only
        for w in (
            self.ui.saveNodeButton, self.ui.addAssignmentButton, self.ui.removeAssignmentButton, self.ui.importButton,
            self.ui.addDepartmentButton, self.ui.renameDepartmentButton, self.ui.mergeDepartmentButton, self.ui.aliasButton,
            self.ui.deletePlanButton, self.ui.linkPlanButton, self.ui.historyButton,
        ):  # fmt: skip
            w.setEnabled(editable)

    def fill_tree(self) -> None:
        key = self.ui.planCombo.currentData()
        if key is None:
            return
        keep = self.node.id if self.node else None
        summary = plan_tree(self.ctx.workbook, key)
        tree = self.ui.planTree
        tree.clear()
        self._nodes = {}
        current = None

        def add(parent: QTreeWidgetItem | None, node: PlanItem) -> None:
            nonlocal current
            item = QTreeWidgetItem(parent or tree, [node.title])
            item.setData(0, NODE_ROLE, node.id)
            self._nodes[node.id] = node
            if node.id == keep:
                current = item
            for child in node.children:
                add(item, child)

        for goal in summary.goals:
            add(None, goal)
        tree.expandToDepth(1)
        if current is not None:
            tree.setCurrentItem(current)
        else:
            self._show(None)

    def fill_departments(self) -> None:
        departments = masters.list_departments(self.ctx.workbook)
        self.ui.departmentList.clear()
        self.ui.departmentCombo.clear()
        for d in departments:
            aliases = f"（別名: {'、'.join(d.aliases)}）" if d.aliases else ""
            item = QListWidgetItem(f"{d.name}{aliases}　担当 {d.assignments}・記入 {d.entries}")
            item.setData(ASSIGN_ROLE, d.name)
            self.ui.departmentList.addItem(item)
            self.ui.departmentCombo.addItem(d.name, d.id)

    # ------------------------------------------------------------------ plan nodes

    def _selected(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None = None) -> None:
        self._show(self._nodes.get(item.data(0, NODE_ROLE)) if item is not None else None)

    def _show(self, node: PlanItem | None) -> None:
        self.node = node
        ui = self.ui
        is_project = node is not None and node.kind == "project"
        ui.nodeGroup.setTitle(node.title if node else "選んだ項目")
        ui.nameEdit.setText(node.name if node else "")
        ui.descriptionEdit.setPlainText(node.description if node else "")
        for w in (ui.descriptionEdit, ui.assignmentList, ui.departmentCombo, ui.labelEdit,
                  ui.addAssignmentButton, ui.removeAssignmentButton):  # fmt: skip
            w.setVisible(is_project)
        ui.descriptionLabel.setVisible(is_project)
        ui.assignmentsLabel.setVisible(is_project)
        ui.assignmentList.clear()
        for a in node.assignments if node else ():
            item = QListWidgetItem(
                a.label if a.label == a.department_name else f"{a.label}（{a.department_name}）"
            )
            item.setData(ASSIGN_ROLE, (a.department_id, a.label))
            ui.assignmentList.addItem(item)

    def _assignments(self) -> list[tuple[str, str]]:
        lst = self.ui.assignmentList
        return [lst.item(i).data(ASSIGN_ROLE) for i in range(lst.count())]

    def add_assignment(self) -> None:
        dept_id = self.ui.departmentCombo.currentData()
        if dept_id is None:
            return
        label = self.ui.labelEdit.text().strip() or self.ui.departmentCombo.currentText()
        if dept_id in [d for d, _ in self._assignments()]:
            QMessageBox.information(self, "担当課", "この課は既に担当課に入っています。")
            return
        item = QListWidgetItem(label)
        item.setData(ASSIGN_ROLE, (dept_id, label))
        self.ui.assignmentList.addItem(item)
        self.ui.labelEdit.clear()

    def remove_assignment(self) -> None:
        row = self.ui.assignmentList.currentRow()
        if row >= 0:
            self.ui.assignmentList.takeItem(row)

    def _try(self, title: str, action) -> bool:  # type: ignore[no-untyped-def]
        try:
            action()
        except WelfareplanError as exc:
            QMessageBox.warning(self, title, exc.message)
            return False
        self.ctx.after_write()
        return True

    def save_node(self) -> None:
        node = self.node
        if node is None:
            return
        wb = self.ctx.workbook
        name, description = self.ui.nameEdit.text(), self.ui.descriptionEdit.toPlainText()
        assignments = self._assignments()

        def action() -> None:
            rename_node(wb, node.kind, node.id, name)
            if node.kind == "project":
                set_description(wb, node.id, description)
                set_assignments(wb, node.id, assignments)

        if self._try("計画の修正", action):
            self.fill_tree()
            self.window().statusBar().showMessage("計画の変更を保存しました。", 3000)  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ template

    def import_plan(self) -> None:
        from welfareplan.workflow.plans.plan_import import PlanImportError, import_plan

        path, _ = QFileDialog.getOpenFileName(
            self, "計画の取り込み（Excel様式）", "", "Excel ブック (*.xlsx)"
        )
        if not path:
            return
        wb = self.ctx.workbook

        def work(progress: ProgressFn, cancelled: CancelledFn):  # type: ignore[no-untyped-def]
            try:
                return import_plan(wb, Path(path), progress=progress, cancelled=cancelled)
            except PlanImportError as exc:
                return exc

        def done(result) -> None:  # type: ignore[no-untyped-def]
            if isinstance(result, PlanImportError):
                show_report(self, "計画の取り込み", result.message)
                return
            self.ctx.after_write()
            QMessageBox.information(
                self,
                "計画の取り込み",
                f"「{result.name}」（{result.period_start}～{result.period_end}）を取り込みました: "
                + "、".join(f"{name} {n}" for name, n in result.levels)
                + f"、事業 {result.projects}、担当 {result.assignments}"
                + (
                    f"、前の計画から引き継いだ事業 {result.linked_projects}"
                    if result.linked_projects
                    else ""
                ),
            )
            self.refresh()

        # nothing is written when the template has problems: count it as a write only on success
        self.ctx.run(self, "計画の取り込み", work, done, writes=False)

    def export_plan(self) -> None:
        from welfareplan.workflow.plans.plan_export import export_plan

        key = self.ui.planCombo.currentData()
        start = self.ctx.document.original.parent / "計画_様式.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, "計画を様式に書き出す", str(start), "Excel ブック (*.xlsx)"
        )
        if not path:
            return
        try:
            out = export_plan(self.ctx.workbook, Path(path), plan_key=key, overwrite=True)
        except WelfareplanError as exc:
            QMessageBox.warning(self, "計画の書き出し", exc.message)
            return
        self.window().statusBar().showMessage(f"書き出しました: {out}", 5000)  # type: ignore[attr-defined]

    def _plan(self) -> tuple[str, str] | None:
        key = self.ui.planCombo.currentData()
        return (str(key), self.ui.planCombo.currentText()) if key is not None else None

    def delete_plan(self) -> None:
        from welfareplan.gui.division.plan_actions import delete_plan_dialog

        plan = self._plan()
        if plan is not None and delete_plan_dialog(self, self.ctx, plan[0]):
            self.refresh()

    def link_plan(self) -> None:
        from welfareplan.gui.division.plan_actions import link_plan_dialog

        plan = self._plan()
        if plan is not None and link_plan_dialog(self, self.ctx, plan):
            self.refresh()

    def import_history(self) -> None:
        from welfareplan.gui.division.plan_actions import history_dialog

        history_dialog(self, self.ctx)  # the round selector follows the new round

    # ------------------------------------------------------------------ department master

    def _selected_department(self) -> str | None:
        item = self.ui.departmentList.currentItem()
        return str(item.data(ASSIGN_ROLE)) if item is not None else None

    def add_department(self) -> None:
        name, ok = QInputDialog.getText(self, "課を追加", "課の名前:")
        if ok and self._try("課を追加", lambda: masters.add_department(self.ctx.workbook, name)):
            self.fill_departments()

    def rename_department(self) -> None:
        current = self._selected_department()
        if current is None:
            return
        name, ok = QInputDialog.getText(
            self, "名前を変更", f"「{current}」の新しい名前:", text=current
        )
        if ok and self._try(
            "名前を変更", lambda: masters.rename_department(self.ctx.workbook, current, name)
        ):
            self.refresh()

    def merge_department(self) -> None:
        current = self._selected_department()
        if current is None:
            return
        names = [
            self.ui.departmentCombo.itemText(i)
            for i in range(self.ui.departmentCombo.count())
            if self.ui.departmentCombo.itemText(i) != current
        ]
        target, ok = QInputDialog.getItem(
            self, "別の課に統合", f"「{current}」をどの課に統合しますか:", names, 0, False
        )
        done: list[masters.DepartmentMergeResult] = []
        if ok and self._try(
            "統合",
            lambda: done.append(masters.merge_departments(self.ctx.workbook, current, target)),
        ):
            self.refresh()
            QMessageBox.information(self, "別の課に統合", done[0].report())

    def add_alias(self) -> None:
        current = self._selected_department()
        if current is None:
            return
        alias, ok = QInputDialog.getText(
            self, "別名を追加", f"「{current}」の別名（例: {current}(関係各課)）:"
        )
        if ok and self._try(
            "別名を追加", lambda: masters.add_alias(self.ctx.workbook, current, alias)
        ):
            self.fill_departments()
