"""Small dialogs of the workbench: a new round, issuing department files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QListWidgetItem, QWidget

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.wareki import fiscal_year_label
from welfareplan.gui.forms.ui_distribute_dialog import Ui_DistributeDialog
from welfareplan.gui.forms.ui_new_round_dialog import Ui_NewRoundDialog
from welfareplan.workflow.status import DepartmentStatus

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class NewRoundDialog(QDialog):
    """The year, its deadline and the plan (automatic: the plan whose period covers the year;
    plans are named by name, key and period, so two of the same name can be told apart)."""

    def __init__(
        self,
        year: int,
        parent: QWidget | None = None,
        *,
        plans: Sequence[tuple[str, str]] = (),
        describe: Callable[[int, str | None], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_NewRoundDialog()
        self.ui.setupUi(self)
        self._describe = describe
        self.ui.planCombo.addItem("その年度を期間に含む計画（自動）", None)
        for key, label in plans:
            self.ui.planCombo.addItem(label, key)
        self.ui.planCombo.currentIndexChanged.connect(lambda _: self._update_plan())
        self.ui.yearSpin.valueChanged.connect(self._year_changed)
        self.ui.yearSpin.setValue(year)
        self._year_changed(year)
        self.ui.deadlineCheck.toggled.connect(self.ui.deadlineEdit.setEnabled)
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setText("作成する")

    def _year_changed(self, year: int) -> None:
        self.ui.yearWareki.setText(f"{fiscal_year_label(year)}実績（{year}年4月～{year + 1}年3月）")
        # results are usually due at the end of May after the fiscal year
        self.ui.deadlineEdit.setDate(QDate(year + 1, 5, 31))
        self._update_plan()

    def _update_plan(self) -> None:
        """Name the plan the round will use, or say why none can be used."""
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        if self._describe is None:
            self.ui.planNote.setText("")
            return
        try:
            text = "使う計画: " + self._describe(self.fiscal_year, self.plan_key)
            usable = True
        except WelfareplanError as exc:
            text, usable = exc.message, False
        self.ui.planNote.setText(text)
        if ok is not None:
            ok.setEnabled(usable)

    @property
    def plan_key(self) -> str | None:
        key = self.ui.planCombo.currentData()
        return str(key) if key else None

    @property
    def fiscal_year(self) -> int:
        return int(self.ui.yearSpin.value())

    @property
    def deadline(self) -> dt.date | None:
        if not self.ui.deadlineCheck.isChecked():
            return None
        d = self.ui.deadlineEdit.date()
        return dt.date(d.year(), d.month(), d.day())


class DistributeDialog(QDialog):
    def __init__(
        self,
        departments: list[DepartmentStatus],
        folder: Path,
        *,
        title: str,
        intro: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_DistributeDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(title)
        self.ui.introLabel.setText(intro)
        for d in departments:
            item = QListWidgetItem(f"{d.department_name}　（{d.state_label}、記入 {d.total} 件）")
            item.setData(ID_ROLE, d.department_name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            # default: everyone who has not got a file yet
            item.setCheckState(
                Qt.CheckState.Checked if d.issued_files == 0 else Qt.CheckState.Unchecked
            )
            self.ui.departmentList.addItem(item)
        self.ui.folderEdit.setText(str(folder))
        self.ui.browseButton.clicked.connect(self._browse)
        self.ui.selectAllButton.clicked.connect(lambda: self._set_all(True))
        self.ui.selectNoneButton.clicked.connect(lambda: self._set_all(False))
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setText("配布用ファイルを作成")

    def _set_all(self, on: bool) -> None:
        for i in range(self.ui.departmentList.count()):
            self.ui.departmentList.item(i).setCheckState(
                Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
            )

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "保存先のフォルダ", self.ui.folderEdit.text()
        )
        if folder:
            self.ui.folderEdit.setText(folder)

    @property
    def departments(self) -> list[str]:
        lst = self.ui.departmentList
        return [
            lst.item(i).data(ID_ROLE)
            for i in range(lst.count())
            if lst.item(i).checkState() == Qt.CheckState.Checked
        ]

    @property
    def folder(self) -> Path:
        return Path(self.ui.folderEdit.text().strip())
