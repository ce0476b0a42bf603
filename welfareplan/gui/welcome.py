"""The first page: open a file, try the demo, or pick a recent file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidgetItem, QWidget

from welfareplan.gui.forms.ui_welcome_page import Ui_WelcomePage
from welfareplan.gui.style import scaled


class WelcomePage(QWidget):
    openRequested = Signal()
    demoRequested = Signal(bool)  # True: as a department, False: the division's workbook
    recentRequested = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_WelcomePage()
        self.ui.setupUi(self)
        self.ui.titleLabel.setFont(scaled(self.font(), 1.8, bold=True))
        self.ui.openButton.clicked.connect(self.openRequested)
        self.ui.demoDepartmentButton.clicked.connect(lambda: self.demoRequested.emit(True))
        self.ui.demoDivisionButton.clicked.connect(lambda: self.demoRequested.emit(False))
        self.ui.recentList.itemActivated.connect(self._recent_activated)

    def set_recent(self, files: list[str]) -> None:
        self.ui.recentList.clear()
        for f in files:
            path = Path(f)
            item = QListWidgetItem(f"{path.name}　—　{path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, f)
            item.setToolTip(f)
            self.ui.recentList.addItem(item)
        if not files:
            placeholder = QListWidgetItem("（まだありません）")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.ui.recentList.addItem(placeholder)

    def highlight_demo(self, first_run: bool) -> None:
        self.ui.demoGroup.setStyleSheet("QGroupBox { font-weight: bold; }" if first_run else "")
        if first_run:
            self.ui.demoDepartmentButton.setDefault(True)
            self.ui.demoDepartmentButton.setFocus()

    def _recent_activated(self, item: QListWidgetItem) -> None:
        value = item.data(Qt.ItemDataRole.UserRole)
        if value:
            self.recentRequested.emit(Path(value))
