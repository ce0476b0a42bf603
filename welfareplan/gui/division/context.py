"""What the workbench tabs share: the open document, the selected round, change notices,
and running long work with a progress dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from welfareplan.core.crashlog import unexpected_error_message, write_crash_report
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.storage import Workbook
from welfareplan.gui.document import Document
from welfareplan.gui.tasks import CancelledFn, ProgressFn, Task, run_task


class DivisionContext(QObject):
    #: the workbook changed (merge, distribute, edits …): views refresh what they show
    changed = Signal()
    #: another round was selected
    roundChanged = Signal()

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.fiscal_year: int | None = None
        self.round_id: str | None = None
        self.busy = False

    @property
    def workbook(self) -> Workbook:
        return self.document.workbook

    @property
    def read_only(self) -> bool:
        return self.document.read_only

    def after_write(self) -> None:
        """Call after every change of the workbook."""
        self.document.mark_saved_locally()
        self.changed.emit()

    def run(
        self,
        parent: QWidget,
        title: str,
        work: Callable[[ProgressFn, CancelledFn], Any],
        on_done: Callable[[Any], None],
        *,
        writes: bool = True,
    ) -> Task:
        """Run ``work`` off the UI thread behind a modal progress dialog with 中止."""
        dialog = QProgressDialog(title, "中止", 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        self.busy = True

        def progress(done: int, total: int, message: str) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))
            if message:
                dialog.setLabelText(message)

        def finish(result: Any) -> None:
            self.busy = False
            dialog.close()
            dialog.deleteLater()  # one per job: kept, a day's jobs would pile up in the window
            if writes:
                self.after_write()
            on_done(result)

        def fail(exc: BaseException) -> None:
            self.busy = False
            dialog.close()
            dialog.deleteLater()
            if writes:
                # a cancelled or failed job leaves the workbook as it was, but say so and refresh
                self.changed.emit()
            if isinstance(exc, WelfareplanError):
                message = exc.message
            else:  # a bug: the traceback goes to the log, the user learns where it is
                log = write_crash_report(exc, f"{title}: 予期しないエラー")
                message = unexpected_error_message(exc, log)
            QMessageBox.warning(parent, title, message)

        task = run_task(work, on_done=finish, on_error=fail, on_progress=progress)
        dialog.canceled.connect(task.cancel)
        return task
