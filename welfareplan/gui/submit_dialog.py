"""The 提出 dialog: what is still missing, the 入力者 name, confirmation."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidgetItem, QWidget

from welfareplan.core.checks import Check, Level
from welfareplan.core.worklist import WorkItem
from welfareplan.gui.forms.ui_submit_dialog import Ui_SubmitDialog
from welfareplan.gui.style import MISSING_COLOR, WARNING_COLOR


class SubmitDialog(QDialog):
    #: the user double-clicked a problem: show that entry
    jumpTo = Signal(str)

    def __init__(
        self,
        problems: list[tuple[WorkItem, Check]],
        total: int,
        *,
        entered_by: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_SubmitDialog()
        self.ui.setupUi(self)
        missing = [p for p in problems if p[1].level is Level.MISSING]
        warnings = [p for p in problems if p[1].level is Level.WARNING]
        if not problems:
            summary = f"<b>全 {total} 件の記入が完了しています。</b> 入力者の氏名を入力して提出してください。"
        else:
            summary = (
                f"<b>確認が必要な項目があります</b>（<span style='color:{MISSING_COLOR}'>未記入 {len(missing)} 件</span>、"
                f"<span style='color:{WARNING_COLOR}'>注意 {len(warnings)} 件</span>）。"
                "ダブルクリックするとその事業を表示します。このまま提出することもできます。"
            )
        self.ui.summaryLabel.setText(summary)
        for item, check in problems:
            row = QListWidgetItem(
                f"{'●' if check.level is Level.MISSING else '▲'} {item.title}: {check.message}"
            )
            row.setData(Qt.ItemDataRole.UserRole, item.entry_id)
            row.setForeground(
                Qt.GlobalColor.darkBlue
                if check.level is Level.MISSING
                else Qt.GlobalColor.darkYellow
            )
            self.ui.problemList.addItem(row)
        self.ui.problemList.setVisible(bool(problems))
        self.ui.problemList.itemDoubleClicked.connect(self._jump)
        self.ui.nameEdit.setText(entered_by)
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("未記入のまま提出する" if missing else "提出する")
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.nameEdit.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        ok.setEnabled(bool(entered_by.strip()))
        self.ui.nameEdit.setFocus()

    def _jump(self, row: QListWidgetItem) -> None:
        self.jumpTo.emit(row.data(Qt.ItemDataRole.UserRole))
        self.reject()

    @property
    def entered_by(self) -> str:
        return self.ui.nameEdit.text().strip()
