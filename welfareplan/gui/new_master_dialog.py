"""ファイル → 新規作成…: a new, empty master workbook from a plan file (the Excel template or
the plan JSON), made off the UI thread with its progress shown in the dialog; the main window
then opens it (:func:`welfareplan.workflow.plans.new_master.create_master`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QWidget

from welfareplan.core.errors import WelfareplanError
from welfareplan.gui.forms.ui_new_master_dialog import Ui_NewMasterDialog
from welfareplan.gui.tasks import CancelledFn, ProgressFn, Task, run_task

PLAN_FILTER = "計画ファイル (*.xlsx *.json);;Excel のテンプレート (*.xlsx);;計画の JSON (*.json)"
MASTER_FILTER = "マスターワークブック (*.wpdb)"


class NewMasterDialog(QDialog):
    """Choose the plan file and where to save; 作成する makes the master (the dialog stays open
    with the problems when the file has any)."""

    def __init__(self, parent: QWidget | None = None, *, folder: str = "") -> None:
        super().__init__(parent)
        self.ui = Ui_NewMasterDialog()
        self.ui.setupUi(self)
        self.folder = folder
        self.created: Path | None = None
        self.task: Task | None = None
        ui = self.ui
        self.ok = ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("作成する")
        ui.buttonBox.accepted.connect(self.make_master)
        ui.buttonBox.rejected.connect(self.reject)
        ui.planBrowseButton.clicked.connect(self._browse_plan)
        ui.targetBrowseButton.clicked.connect(self._browse_target)
        ui.planEdit.textChanged.connect(self._update)
        ui.targetEdit.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.ok.setEnabled(
            bool(self.ui.planEdit.text().strip() and self.ui.targetEdit.text().strip())
            and self.task is None
        )

    def _browse_plan(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "計画ファイルを選ぶ", self.folder, PLAN_FILTER)
        if path:
            self.ui.planEdit.setText(path)
            if not self.ui.targetEdit.text().strip():
                self.ui.targetEdit.setText(str(Path(path).with_suffix(".wpdb")))

    def _browse_target(self) -> None:
        start = self.ui.targetEdit.text().strip() or str(Path(self.folder) / "マスター.wpdb")
        path, _ = QFileDialog.getSaveFileName(self, "保存先", start, MASTER_FILTER)
        if path:
            self.ui.targetEdit.setText(path if path.endswith(".wpdb") else f"{path}.wpdb")

    def make_master(self) -> None:
        from welfareplan.workflow.plans.new_master import create_master

        plan, target = (
            Path(self.ui.planEdit.text().strip()),
            Path(self.ui.targetEdit.text().strip()),
        )
        aliases = self.ui.aliasCheck.isChecked()
        bar = self.ui.progressBar
        bar.setVisible(True)
        bar.setRange(0, 0)
        self.ui.messageLabel.setText("作成しています…")

        def work(progress: ProgressFn, cancelled: CancelledFn) -> Path:
            made = create_master(
                target, plan, store_aliases=aliases, progress=progress, cancelled=cancelled
            ).path
            assert made is not None  # a file, never a server (the target is a Path)
            return made

        def progress(done: int, total: int, message: str) -> None:
            bar.setRange(0, max(total, 1))
            bar.setValue(done)
            self.ui.messageLabel.setText(message)

        def done(path: Path) -> None:
            self.task = None
            self.created = path
            self.accept()

        def failed(exc: BaseException) -> None:
            self.task = None
            bar.setVisible(False)
            if not isinstance(exc, WelfareplanError):
                raise exc
            self.ui.messageLabel.setText(exc.message)
            self._update()

        self.task = run_task(work, on_done=done, on_error=failed, on_progress=progress)
        self._update()
