"""変更履歴・バックアップ: every audited change (old → new, source file, time, user), filterable;
the automatic backups of the workbook, restorable."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QMessageBox, QTableWidgetItem, QWidget

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.history import project_choices
from welfareplan.gui.division.context import DivisionContext
from welfareplan.gui.forms.ui_audit_tab import Ui_AuditTab
from welfareplan.workflow.fields import field_label
from welfareplan.workflow.master.audit_log import list_events
from welfareplan.workflow.master.backups import BackupInfo, list_backups
from welfareplan.workflow.master.departments import list_departments

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
]
ACTION_LABELS = {
    "merge": "取込",
    "edit": "修正",
    "conflict-resolve": "競合の解決",
    "distribute": "配布",
    "round-create": "年度の作成",
    "round-close": "締切",
    "round-reopen": "受付の再開",
    "round-deadline": "提出期限の変更",
    "plan-import": "計画の取込",
    "department-add": "課の追加",
    "department-rename": "課の名前の変更",
    "department-merge": "課の統合",
    "alias-add": "別名の追加",
    "alias-remove": "別名の削除",
    "opinion-add": "意見の追加",
    "opinion-edit": "意見の修正",
    "opinion-delete": "意見の削除",
    "plan-edit": "計画の修正",
}
FIELDS = ["result", "rating", "outlook"]
LIMIT = 2000


def _short(text: str | None, n: int = 80) -> str:
    if text is None:
        return ""
    flat = text.replace("\n", " ")
    return flat if len(flat) <= n else flat[: n - 1] + "…"


class AuditTab(QWidget):
    #: the workbook was replaced by a backup: the window reopens it
    restoreRequested = None  # set by DivisionView (a callable taking the BackupInfo)

    def __init__(self, ctx: DivisionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AuditTab()
        self.ui.setupUi(self)
        self.ctx = ctx
        self.backups: list[BackupInfo] = []
        self.ui.auditTable.setColumnCount(len(COLUMNS))
        self.ui.auditTable.setHorizontalHeaderLabels(COLUMNS)
        self.ui.auditTable.verticalHeader().setVisible(False)
        self.ui.auditTable.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive
        )
        for combo in (self.ui.departmentFilter, self.ui.projectFilter, self.ui.fieldFilter):
            combo.currentIndexChanged.connect(self.fill_events)
        self.ui.restoreButton.clicked.connect(self._restore_clicked)

    def refresh(self) -> None:
        wb = self.ctx.workbook
        self._fill_combo(self.ui.departmentFilter, [(d.id, d.name) for d in list_departments(wb)])
        self._fill_combo(
            self.ui.projectFilter, [(p.project_id, p.title) for p in project_choices(wb)]
        )
        self._fill_combo(self.ui.fieldFilter, [(f, field_label(f)) for f in FIELDS])
        self.fill_events()
        self.backups = list_backups(self.ctx.document.original)
        self.ui.backupList.clear()
        for b in self.backups:
            self.ui.backupList.addItem(
                f"{b.created:%Y-%m-%d %H:%M:%S}　{b.reason_label}　（{b.size / 1024:,.0f} KB）"
            )
        self.ui.restoreButton.setEnabled(bool(self.backups) and not self.ctx.read_only)

    @staticmethod
    def _fill_combo(combo, items: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("すべて", None)
        for value, text in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(combo.findData(keep), 0))
        combo.blockSignals(False)

    def fill_events(self) -> None:
        rows = list_events(
            self.ctx.workbook,
            department_id=self.ui.departmentFilter.currentData(),
            project_id=self.ui.projectFilter.currentData(),
            field=self.ui.fieldFilter.currentData(),
            limit=LIMIT,
        )
        table = self.ui.auditTable
        table.setRowCount(len(rows))
        for r, e in enumerate(rows):
            values = [
                e.at.strftime("%Y-%m-%d %H:%M:%S"),
                e.os_user,
                ACTION_LABELS.get(e.action, e.action),
                f"{e.fiscal_year}" if e.fiscal_year else "",
                f"事業{e.project_number} {e.project_name}" if e.project_number else "",
                e.department_name,
                e.field_label,
                _short(e.old),
                _short(e.new),
                e.source_file,
            ]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c in (7, 8):
                    item.setToolTip((e.old if c == 7 else e.new) or "")
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        for c in (7, 8):
            table.setColumnWidth(c, min(table.columnWidth(c), 320))

    def _restore_clicked(self) -> None:
        row = self.ui.backupList.currentRow()
        if row < 0 or row >= len(self.backups):
            QMessageBox.information(self, "バックアップ", "戻す時点を一覧から選んでください。")
            return
        backup = self.backups[row]
        answer = QMessageBox.question(
            self,
            "バックアップから戻す",
            f"マスターワークブックを {backup.created:%Y-%m-%d %H:%M:%S}（{backup.reason_label}）の状態に戻しますか？\n"
            "今の状態もバックアップとして残ります。",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        callback = self.restoreRequested
        if callable(callback):
            try:
                callback(backup)
            except WelfareplanError as exc:
                QMessageBox.warning(self, "バックアップから戻す", exc.message)
