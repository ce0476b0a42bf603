"""The 提出 dialog: what is still missing, the 入力者 name, confirmation."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListView, QListWidgetItem, QWidget

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
        projects = by_project(problems)
        missing = sum(any(c.level is Level.MISSING for c in checks) for _, checks in projects)
        warnings = len(projects) - missing
        if not problems:
            summary = f"<b>全 {total} 件の記入が完了しています。</b> 入力者の氏名を入力して提出してください。"
        else:
            summary = (
                f"<b>確認が必要な事業があります</b>（全 {total} 件のうち"
                f"<span style='color:{MISSING_COLOR}'>未記入のある事業 {missing} 件</span>、"
                f"<span style='color:{WARNING_COLOR}'>注意のある事業 {warnings} 件</span>）。"
                "ダブルクリックするとその事業を表示します。このまま提出することもできます。"
            )
        self.ui.summaryLabel.setText(summary)
        view = self.ui.problemList
        view.setWordWrap(True)  # long messages wrap instead of being cut
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for item, checks in projects:
            is_missing = any(c.level is Level.MISSING for c in checks)
            lines = [f"{'●' if c.level is Level.MISSING else '▲'} {c.message}" for c in checks]
            row = QListWidgetItem("\n".join([item.title, *lines]))
            row.setData(Qt.ItemDataRole.UserRole, item.entry_id)
            row.setForeground(Qt.GlobalColor.darkBlue if is_missing else Qt.GlobalColor.darkYellow)
            view.addItem(row)
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
        # roomy where the screen allows; the minimum (forms/submit_dialog.ui) fits 1024×576
        area = self.screen().availableGeometry()
        self.resize(min(680, area.width() - 40), min(520, area.height() - 60))

    def _jump(self, row: QListWidgetItem) -> None:
        self.jumpTo.emit(row.data(Qt.ItemDataRole.UserRole))
        self.reject()

    @property
    def entered_by(self) -> str:
        return self.ui.nameEdit.text().strip()


def by_project(problems: list[tuple[WorkItem, Check]]) -> list[tuple[WorkItem, list[Check]]]:
    """The problems grouped by project (entry), in the order they come."""
    grouped: dict[str, tuple[WorkItem, list[Check]]] = {}
    for item, check in problems:
        grouped.setdefault(item.entry_id, (item, []))[1].append(check)
    return list(grouped.values())
