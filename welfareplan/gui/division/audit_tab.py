"""変更履歴・バックアップ: every audited change (old → new, source file, note, time, user),
filterable by department, project, field, text and dates; this round's imports, each of which
can be undone on its own; the automatic backups of the workbook, restorable after a list of
what the restore would discard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QListWidgetItem,
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.history import project_choices
from welfareplan.gui.division.context import DivisionContext
from welfareplan.gui.division.import_undo import undo_with_review
from welfareplan.gui.division.review_dialog import Review, ReviewDialog
from welfareplan.gui.forms.ui_audit_tab import Ui_AuditTab
from welfareplan.workflow.master.audit_log import AuditRow, form_fields, list_events
from welfareplan.workflow.master.backups import BackupInfo, list_backups
from welfareplan.workflow.master.departments import list_departments
from welfareplan.workflow.master.restore_loss import RestoreLoss, restore_loss

COLUMNS = [
    "日時",
    "利用者",
    "操作",
    "年度",
    "事業",
    "担当課",
    "項目",
    "変更前",
    "変更後",
    "ファイル",
    "備考",
]
OLD, NEW, NOTE = 7, 8, 10
LIMIT = 2000
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _short(text: str | None, n: int = 80) -> str:
    if text is None:
        return ""
    flat = text.replace("\n", " ")
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def _about(e: AuditRow) -> str:
    """'事業4 移送サービスへの支援 地域福祉課 事業実績・評価理由' (what a change is about)."""
    parts = [f"事業{e.project_number} {e.project_name}" if e.project_number else ""]
    parts += [e.department_name, e.field_label]
    return " ".join(p for p in parts if p) or _short(e.note, 60)


def _date(d: QDate) -> dt.date:
    return dt.date(d.year(), d.month(), d.day())


class AuditTab(QWidget):
    #: restores the workbook from a backup (set by DivisionView): (backup, discarded count)
    restoreRequested: Callable[[BackupInfo, int], None] | None = None

    def __init__(self, ctx: DivisionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AuditTab()
        self.ui.setupUi(self)
        self.ctx = ctx
        self.backups: list[BackupInfo] = []
        ui = self.ui
        ui.auditTable.setColumnCount(len(COLUMNS))
        ui.auditTable.setHorizontalHeaderLabels(COLUMNS)
        ui.auditTable.verticalHeader().setVisible(False)
        ui.auditTable.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for combo in (ui.departmentFilter, ui.projectFilter, ui.fieldFilter):
            combo.currentIndexChanged.connect(self.fill_events)
        # typing searches after a short pause, not at every key
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self.fill_events)
        ui.searchEdit.textChanged.connect(lambda _: self._search_timer.start())
        today = QDate.currentDate()
        ui.sinceEdit.setDate(today.addMonths(-1))
        ui.untilEdit.setDate(today)
        for edit in (ui.sinceEdit, ui.untilEdit):
            edit.setEnabled(False)
            edit.dateChanged.connect(self.fill_events)
        ui.periodCheck.toggled.connect(self._period_toggled)
        ui.restoreButton.clicked.connect(self._restore_clicked)
        ui.undoButton.clicked.connect(self._undo_clicked)

    def refresh(self) -> None:
        wb = self.ctx.workbook
        self._fill_combo(self.ui.departmentFilter, [(d.id, d.name) for d in list_departments(wb)])
        self._fill_combo(
            self.ui.projectFilter, [(p.project_id, p.title) for p in project_choices(wb)]
        )
        self._fill_combo(self.ui.fieldFilter, form_fields(self.ctx.workbook))
        self.fill_events()
        self.fill_imports()
        self.backups = list_backups(self._backups_of())
        self.ui.backupList.clear()
        for b in self.backups:
            self.ui.backupList.addItem(
                f"{b.created:%Y-%m-%d %H:%M:%S}　{b.reason_label}　（{b.size / 1024:,.0f} KB）"
            )
        self.ui.restoreButton.setEnabled(bool(self.backups) and not self.ctx.read_only)

    def _backups_of(self) -> Path:
        """Whose backups are listed: the file master opened (not its working copy), or a
        server master's place in this user's data folder."""
        if not self.ctx.document.server:
            return self.ctx.document.original
        from welfareplan.workflow.master.server_folder import master_home

        return master_home(self.ctx.workbook)

    def fill_imports(self) -> None:
        from welfareplan.workflow.returns.undo import list_imports

        year = self.ctx.fiscal_year
        records = list_imports(self.ctx.workbook, year) if year is not None else []
        self.ui.importList.clear()
        for r in records:
            item = QListWidgetItem(r.title)
            item.setData(ID_ROLE, r.return_id)
            item.setToolTip(f"取り込んだ人: {r.os_user}")
            self.ui.importList.addItem(item)
        self.ui.undoButton.setEnabled(bool(records) and not self.ctx.read_only)

    @staticmethod
    def _fill_combo(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("すべて", None)
        for value, text in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(combo.findData(keep), 0))
        combo.blockSignals(False)

    def _period_toggled(self, on: bool) -> None:
        self.ui.sinceEdit.setEnabled(on)
        self.ui.untilEdit.setEnabled(on)
        self.fill_events()

    def fill_events(self) -> None:
        ui = self.ui
        period = ui.periodCheck.isChecked()
        rows = list_events(
            self.ctx.workbook,
            department_id=ui.departmentFilter.currentData(),
            project_id=ui.projectFilter.currentData(),
            field=ui.fieldFilter.currentData(),
            text=ui.searchEdit.text(),
            since=_date(ui.sinceEdit.date()) if period else None,
            until=_date(ui.untilEdit.date()) if period else None,
            limit=LIMIT,
        )
        table = ui.auditTable
        table.setRowCount(len(rows))
        for r, e in enumerate(rows):
            values = [
                e.at.strftime("%Y-%m-%d %H:%M:%S"),
                e.os_user,
                e.action_label,
                f"{e.fiscal_year}" if e.fiscal_year else "",
                f"事業{e.project_number} {e.project_name}" if e.project_number else "",
                e.department_name,
                e.field_label,
                _short(e.old),
                _short(e.new),
                e.source_file,
                _short(e.note),
            ]
            full = {OLD: e.old, NEW: e.new, NOTE: e.note}
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c in full:
                    item.setToolTip(full[c] or "")
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        for c in (OLD, NEW, NOTE):
            table.setColumnWidth(c, min(table.columnWidth(c), 320))
        more = "（新しい順に最大 2,000 件）" if len(rows) >= LIMIT else ""
        ui.countLabel.setText(f"{len(rows):,} 件{more}")

    # ------------------------------------------------------------------ undoing, restoring

    def _undo_clicked(self) -> None:
        item = self.ui.importList.currentItem()
        if item is None:
            QMessageBox.information(
                self, "取り込みの取り消し", "取り消す取り込みを一覧から選んでください。"
            )
            return
        undo_with_review(self, self.ctx, str(item.data(ID_ROLE)), self.fill_imports)

    def _restore_clicked(self) -> None:
        row = self.ui.backupList.currentRow()
        if row < 0 or row >= len(self.backups):
            QMessageBox.information(self, "バックアップ", "戻す時点を一覧から選んでください。")
            return
        backup = self.backups[row]
        try:
            loss = restore_loss(self.ctx.workbook, backup)
        except WelfareplanError as exc:  # the backup is checked as any file we open
            QMessageBox.warning(self, "バックアップから戻す", exc.message)
            return
        if ReviewDialog(restore_review(loss), self).exec() != ReviewDialog.DialogCode.Accepted:
            return
        callback = self.restoreRequested
        if callable(callback):
            try:
                callback(backup, loss.count)
            except WelfareplanError as exc:
                QMessageBox.warning(self, "バックアップから戻す", exc.message)


def restore_review(loss: RestoreLoss) -> Review:
    """The review dialog's contents before a restore: what it throws away."""
    b = loss.backup
    intro = f"マスターワークブックを {b.created:%Y-%m-%d %H:%M:%S}「{b.reason_label}」の状態に戻します。"
    if loss.empty:
        intro += "この時点の後の変更はありません。"
    else:
        intro += f"この時点の後の次の変更（{loss.count} 件）は取り消されます。"
    rows = [
        [f"{e.at:%Y-%m-%d %H:%M}", e.os_user, e.action_label, _about(e), _short(e.new, 60)]
        for e in loss.changes
    ]
    if loss.decided_conflicts:
        rows.append(["", "", "競合の判断", f"{loss.decided_conflicts} 項目（保留に戻ります）", ""])
    note = (
        loss.summary() + "\n" if not loss.empty else ""
    ) + "今の状態もバックアップとして残ります。"
    return Review(
        "バックアップから戻す",
        intro,
        ["日時", "利用者", "操作", "事業・担当課・項目", "変更後"],
        rows,
        note=note,
        confirm="この時点に戻す",
    )
