"""計画・担当課's plan-wide actions: 計画を削除… (a confirmation that says what goes, or what
refers to the plan), 前の計画とつなぐ… (the predecessor and a link table, shown before linking)
and 過去の年度を取り込む… (a past year's published evaluation, previewed with its problems)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)

from welfareplan.core.errors import WelfareplanError
from welfareplan.gui.division.context import DivisionContext
from welfareplan.gui.division.round_menu import confirm_delete_box
from welfareplan.gui.forms.ui_history_dialog import Ui_HistoryDialog
from welfareplan.gui.forms.ui_link_dialog import Ui_LinkDialog
from welfareplan.workflow.plans.plan_link import LinkRow, read_link_file
from welfareplan.workflow.rounds.history_import import HistoryPreview, preview_history

# ---------------------------------------------------------------------------- delete


def delete_plan_dialog(parent: QWidget, ctx: DivisionContext, key: str) -> bool:
    """Ask, then delete the plan ``key``; True when it was deleted."""
    from welfareplan.workflow.plans.plan_delete import delete_plan, plan_references

    try:
        found = plan_references(ctx.workbook, key)
    except WelfareplanError as exc:
        QMessageBox.warning(parent, "計画を削除", exc.message)
        return False
    if not found.deletable:
        QMessageBox.information(parent, "計画を削除", found.blockers())
        return False
    box, delete = confirm_delete_box(
        parent,
        "計画を削除",
        f"計画{found.label}を削除しますか？",
        f"削除するもの: {found.contents()}。担当課マスタの課はそのまま残ります。",
    )
    box.exec()
    if box.clickedButton() is not delete:
        return False
    try:
        delete_plan(ctx.workbook, key)
    except WelfareplanError as exc:
        QMessageBox.warning(parent, "計画を削除", exc.message)
        return False
    ctx.after_write()
    return True


# ---------------------------------------------------------------------------- link


class LinkDialog(QDialog):
    """The plan, its predecessor (older plans of the workbook) and the link table, shown row by
    row before anything is linked."""

    def __init__(
        self,
        plan: tuple[str, str],
        plans: list[tuple[str, str]],
        parent: QWidget | None = None,
        *,
        folder: str = "",
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_LinkDialog()
        self.ui.setupUi(self)
        self.key = plan[0]
        self.folder = folder
        self.rows: list[LinkRow] | None = None
        self.ui.planLabel.setText(plan[1])
        for key, label in plans:
            if key != self.key:
                self.ui.predecessorCombo.addItem(label, key)
        self.ui.linkTable.horizontalHeader().setStretchLastSection(True)
        self.ui.browseButton.clicked.connect(self._browse)
        # the table is read as soon as the typed path stops changing (and when the field is
        # left): what will be linked is on screen before つなぐ, whichever way the path came
        self._typing = QTimer(self, singleShot=True, interval=400)
        self._typing.timeout.connect(self.load_links)
        self.ui.linksEdit.textEdited.connect(lambda _: self._typing.start())
        self.ui.linksEdit.editingFinished.connect(self._read_now)
        self.ui.predecessorCombo.currentIndexChanged.connect(lambda _: self.load_links())
        self.ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("つなぐ")
        self.ui.buttonBox.accepted.connect(self._link)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.load_links()

    def _read_now(self) -> None:
        self._typing.stop()
        self.load_links()

    def _link(self) -> None:
        """つなぐ: with the table as typed (read now if the reading was still pending)."""
        if self._typing.isActive():
            self._read_now()
            return  # the user sees the table (or its problem) first
        self.accept()

    @property
    def predecessor(self) -> str | None:
        key = self.ui.predecessorCombo.currentData()
        return str(key) if key is not None else None

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "対応表を選ぶ", self.folder, "対応表 (*.xlsx *.json)"
        )
        if path:
            self.ui.linksEdit.setText(path)
            self.load_links()

    def load_links(self) -> None:
        """Read the table (if any) and show its rows or its problems."""
        text = self.ui.linksEdit.text().strip()
        table = self.ui.linkTable
        table.setRowCount(0)
        self.rows = None
        predecessor = self.predecessor
        self.ok.setEnabled(predecessor is not None)
        if predecessor is None:
            self.ui.summaryLabel.setText(
                "前の計画にできる計画がありません（先に取り込んでください）。"
            )
            return
        if not text:
            self.ui.summaryLabel.setText(
                "対応表なし: 計画だけをつなぎます（事業のつながりは変えません）。"
            )
            return
        try:
            rows = read_link_file(Path(text), self.key, predecessor)
        except WelfareplanError as exc:
            self.ui.summaryLabel.setText(exc.message)
            self.ok.setEnabled(False)
            return
        self.rows = rows
        for row in rows:
            r = table.rowCount()
            table.insertRow(r)
            table.setItem(r, 0, QTableWidgetItem(row.successor))
            table.setItem(r, 1, QTableWidgetItem("、".join(row.predecessors)))
        pairs = sum(len(r.predecessors) for r in rows)
        self.ui.summaryLabel.setText(f"対応表: 事業 {len(rows)} 件、つながり {pairs} 組。")


def link_plan_dialog(parent: QWidget, ctx: DivisionContext, plan: tuple[str, str]) -> bool:
    from welfareplan.workflow.plans.plan_edit import list_plans
    from welfareplan.workflow.plans.plan_link import link_plan

    folder = str(ctx.document.original.parent)
    dialog = LinkDialog(plan, list_plans(ctx.workbook), parent, folder=folder)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.predecessor is None:
        return False
    try:
        result = link_plan(ctx.workbook, plan[0], dialog.predecessor, dialog.rows)
    except WelfareplanError as exc:
        QMessageBox.warning(parent, "前の計画とつなぐ", exc.message)
        return False
    ctx.after_write()
    QMessageBox.information(
        parent,
        "前の計画とつなぐ",
        f"計画{result.plan}を前の計画{result.predecessor}につなぎました: 前の計画の事業を"
        f"引き継ぐ事業 {result.linked_projects} 件（つながり {result.pairs} 組）。",
    )
    return True


# ---------------------------------------------------------------------------- history


class HistoryDialog(QDialog):
    """A past year's file, its year, publication month and plan; 確認する shows what would be
    imported and every problem; 取り込む is enabled only for a file without problems."""

    def __init__(
        self, ctx: DivisionContext, plans: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_HistoryDialog()
        self.ui.setupUi(self)
        self.ctx = ctx
        self.preview: HistoryPreview | None = None
        ui = self.ui
        ui.planCombo.addItem("その年度を期間に含む計画（自動）", None)
        for key, label in plans:
            ui.planCombo.addItem(label, key)
        ui.publishedEdit.setDate(QDate.currentDate())
        ui.yearCheck.toggled.connect(ui.yearSpin.setEnabled)
        ui.publishedCheck.toggled.connect(ui.publishedEdit.setEnabled)
        ui.browseButton.clicked.connect(self._browse)
        ui.previewButton.clicked.connect(self.check)
        for signal in (
            ui.fileEdit.textChanged, ui.yearCheck.toggled, ui.yearSpin.valueChanged,
            ui.publishedCheck.toggled, ui.publishedEdit.dateChanged, ui.planCombo.currentIndexChanged,
        ):  # fmt: skip
            signal.connect(self._stale)
        self.ok = ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("取り込む")
        ui.buttonBox.accepted.connect(self.accept)
        ui.buttonBox.rejected.connect(self.reject)
        ui.previewTable.horizontalHeader().setStretchLastSection(True)
        self._stale()

    def _stale(self, *_: object) -> None:
        self.preview = None
        self.ok.setEnabled(False)
        self.ui.previewButton.setEnabled(bool(self.ui.fileEdit.text().strip()))

    def _browse(self) -> None:
        start = str(self.ctx.document.original.parent)
        path, _ = QFileDialog.getOpenFileName(self, "評価表を選ぶ", start, "Excel ブック (*.xlsx)")
        if path:
            self.ui.fileEdit.setText(path)

    def options(self) -> dict[str, object]:
        ui = self.ui
        published = None
        if ui.publishedCheck.isChecked():
            d = ui.publishedEdit.date()
            published = dt.date(d.year(), d.month(), 1)
        return {
            "plan_key": ui.planCombo.currentData(),
            "fiscal_year": ui.yearSpin.value() if ui.yearCheck.isChecked() else None,
            "published_on": published,
        }

    @property
    def path(self) -> Path:
        return Path(self.ui.fileEdit.text().strip())

    def check(self) -> None:
        try:
            preview = preview_history(self.ctx.workbook, self.path, **self.options())  # type: ignore[arg-type]
        except WelfareplanError as exc:
            self.ui.summaryLabel.setText(exc.message)
            self.ui.previewTable.setRowCount(0)
            return
        self._show(preview)

    def _show(self, preview: HistoryPreview) -> None:
        table = self.ui.previewTable
        table.setRowCount(0)
        if preview.problems:
            table.setColumnCount(2)
            table.setHorizontalHeaderLabels(["場所", "問題"])
            for p in preview.problems:
                r = table.rowCount()
                table.insertRow(r)
                table.setItem(r, 0, QTableWidgetItem(p.where))
                table.setItem(r, 1, QTableWidgetItem(p.message))
            self.ui.summaryLabel.setText(
                f"{preview.label}: 問題が {len(preview.problems)} 件あるため取り込めません"
                "（何も変更していません）。"
            )
            return
        form = preview.form
        fields = list(form.fields) if form is not None else []
        table.setColumnCount(2 + len(fields))
        table.setHorizontalHeaderLabels(["事業番号", "担当課", *(f.label for f in fields)])
        for e in preview.entries:
            r = table.rowCount()
            table.insertRow(r)
            cells = [e.project_label, e.department, *(e.values.get(f.key) for f in fields)]
            for c, text in enumerate(cells):
                table.setItem(r, c, QTableWidgetItem(text.replace("\n", " ")))
        published = (
            f"、公表 {preview.published_on.year}年{preview.published_on.month}月"
            if preview.published_on
            else ""
        )
        self.ui.summaryLabel.setText(
            f"{preview.label}（計画{preview.plan_label}）: 記入 {len(preview.entries)} 件{published}。"
            "締切済みの年度として取り込みます。"
        )
        self.preview = preview
        self.ok.setEnabled(True)


def history_dialog(parent: QWidget, ctx: DivisionContext) -> bool:
    from welfareplan.workflow.plans.plan_edit import list_plans
    from welfareplan.workflow.rounds.history_import import HistoryImportError, import_history

    dialog = HistoryDialog(ctx, list_plans(ctx.workbook), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.preview is None:
        return False
    try:
        done = import_history(ctx.workbook, dialog.path, **dialog.options())  # type: ignore[arg-type]
    except HistoryImportError as exc:
        QMessageBox.warning(parent, "過去の年度を取り込む", exc.message)
        return False
    except WelfareplanError as exc:
        QMessageBox.warning(parent, "過去の年度を取り込む", exc.message)
        return False
    ctx.after_write()
    QMessageBox.information(
        parent,
        "過去の年度を取り込む",
        f"{done.label}を取り込みました（記入 {len(done.entries)} 件、締切済み）。",
    )
    return True
