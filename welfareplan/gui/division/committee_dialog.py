"""委員の意見・提案シート: the committee's members, their opinion sheets issued and merged,
and the received opinions chosen into the report's 委員意見.

A thin view over :mod:`welfareplan.workflow.committee`; writing the sheets and merging them run
off the UI thread (:meth:`DivisionContext.run`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMessageBox,
    QTreeWidgetItem,
    QWidget,
)

from welfareplan.core.errors import WelfareplanError
from welfareplan.gui.division.context import DivisionContext
from welfareplan.gui.forms.ui_committee_sheets_dialog import Ui_CommitteeSheetsDialog
from welfareplan.workflow.committee.choose import (
    ReceivedOpinion,
    choose_opinion,
    list_received,
    unchoose_opinion,
)
from welfareplan.workflow.committee.members import add_member, list_members, remove_member
from welfareplan.workflow.rounds.opinions import list_opinions

ID_ROLE = Qt.ItemDataRole.UserRole + 1
TITLE = "委員の意見・提案シート"


class CommitteeSheetsDialog(QDialog):
    def __init__(self, ctx: DivisionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_CommitteeSheetsDialog()
        self.ui.setupUi(self)
        self.ctx = ctx
        self.received: list[ReceivedOpinion] = []
        ui = self.ui
        ui.buttonBox.rejected.connect(self.reject)
        ui.addMemberButton.clicked.connect(self.add)
        ui.memberNameEdit.returnPressed.connect(self.add)
        ui.removeMemberButton.clicked.connect(self.remove)
        ui.issueButton.clicked.connect(self.issue)
        ui.mergeButton.clicked.connect(self.merge)
        ui.chooseButton.clicked.connect(self.choose)
        ui.unchooseButton.clicked.connect(self.unchoose)
        ui.receivedTree.setColumnWidth(0, 110)
        ui.receivedTree.setColumnWidth(1, 230)
        ui.receivedTree.setColumnWidth(2, 300)
        editable = not ctx.read_only
        for w in (
            ui.addMemberButton,
            ui.removeMemberButton,
            ui.issueButton,
            ui.mergeButton,
            ui.chooseButton,
            ui.unchooseButton,
        ):
            w.setEnabled(editable)
        self.refresh()

    @property
    def year(self) -> int:
        assert self.ctx.fiscal_year is not None
        return self.ctx.fiscal_year

    def refresh(self) -> None:
        wb = self.ctx.workbook
        ui = self.ui
        ui.memberList.clear()
        for m in list_members(wb, self.year):
            ui.memberList.addItem(f"{m.name}（配布 {m.sheets}・意見 {m.opinions}）")
            ui.memberList.item(ui.memberList.count() - 1).setData(ID_ROLE, m.id)
        self.received = list_received(wb, self.year)
        tree = ui.receivedTree
        tree.clear()
        for r in self.received:
            item = QTreeWidgetItem(
                tree, [r.member_name, r.heading, r.text, "掲載" if r.chosen_id else ""]
            )
            item.setData(0, ID_ROLE, r.id)
            item.setToolTip(2, r.text)
        if ui.goalCombo.count() == 0:
            for g in list_opinions(wb, self.year):
                ui.goalCombo.addItem(g.title, g.node_id)

    def _do(self, action: Any) -> bool:
        try:
            action()
        except WelfareplanError as exc:
            QMessageBox.warning(self, TITLE, exc.message)
            return False
        self.ctx.after_write()
        self.refresh()
        return True

    def add(self) -> None:
        name = self.ui.memberNameEdit.text()
        if self._do(lambda: add_member(self.ctx.workbook, self.year, name)):
            self.ui.memberNameEdit.clear()

    def _member_id(self) -> str | None:
        item = self.ui.memberList.currentItem()
        return str(item.data(ID_ROLE)) if item is not None else None

    def remove(self) -> None:
        mid = self._member_id()
        if mid is None:
            QMessageBox.information(self, TITLE, "削除する委員を名簿から選んでください。")
            return
        self._do(lambda: remove_member(self.ctx.workbook, mid))

    def issue(self) -> None:
        from welfareplan.workflow.committee.sheet_issue import issue_opinion_sheets

        folder = QFileDialog.getExistingDirectory(self, "シートの保存先のフォルダ")
        if not folder:
            return
        wb, year = self.ctx.workbook, self.year

        def done(sheets: Any) -> None:
            self.refresh()
            names = "\n".join(f"・{s.path.name}" for s in sheets)
            QMessageBox.information(
                self, TITLE, f"意見・提案シートを {len(sheets)} 件作成しました。\n{names}"
            )

        self.ctx.run(
            self,
            "意見・提案シートの作成",
            lambda _p, _c: issue_opinion_sheets(wb, year, folder),
            done,
        )

    def merge(self) -> None:
        from welfareplan.workflow.committee.sheet_merge import merge_opinion_sheet

        files, _ = QFileDialog.getOpenFileNames(
            self, "取り込む意見・提案シート", "", "Excel ブック (*.xlsx)"
        )
        if not files:
            return
        wb, year = self.ctx.workbook, self.year

        def work(_p: Any, _c: Any) -> list[str]:
            lines = []
            for f in files:
                try:
                    lines.append(merge_opinion_sheet(wb, year, Path(f)).message)
                except WelfareplanError as exc:
                    lines.append(exc.message)
            return lines

        def done(lines: list[str]) -> None:
            self.refresh()
            QMessageBox.information(self, TITLE, "\n".join(lines))

        self.ctx.run(self, "意見・提案シートの取り込み", work, done)

    def _received_id(self) -> str | None:
        item = self.ui.receivedTree.currentItem()
        return str(item.data(0, ID_ROLE)) if item is not None else None

    def choose(self) -> None:
        rid = self._received_id()
        if rid is None:
            QMessageBox.information(self, TITLE, "報告書に入れる意見を一覧から選んでください。")
            return
        found = next(r for r in self.received if r.id == rid)
        goal = self.ui.goalCombo.currentData() if found.project_id is None else None
        self._do(lambda: choose_opinion(self.ctx.workbook, self.year, rid, goal=goal))

    def unchoose(self) -> None:
        rid = self._received_id()
        if rid is None:
            return
        self._do(lambda: unchoose_opinion(self.ctx.workbook, rid))
