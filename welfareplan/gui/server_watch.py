"""Noticing other staff's changes to a master on a server (issue 16).

Every change to a server master writes its ``audit_event`` row(s) in the same transaction
(docs/server.md), so the largest audit id says whether anything changed — with the number of
refused returns journaled, which change no content and write no audit row. Every few seconds a
worker thread reads it (one indexed query; the UI never waits for the server); when it grew,
:attr:`ServerWatch.changed` asks the window to show the master as it is now — the window keeps
the selection and whatever is being typed (:meth:`DivisionView.refresh_from_server`).

Our own changes grow it too: the refresh then finds nothing new to show, and the window says
「他の職員の変更を反映しました」 only when something it shows did change.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.storage import Workbook
from welfareplan.gui.tasks import CancelledFn, ProgressFn, Task, run_task

#: How often the master on the server is asked for its latest change.
POLL_MS = 3000
LATEST_SQL = "SELECT MAX(id) FROM audit_event"
#: A refused return changes no content and writes no audit row, yet every dashboard shows it
#: (:mod:`welfareplan.workflow.returns.rejections`): their number is watched too.
REFUSED_SQL = "SELECT COUNT(*) FROM rejected_return"


def latest_change(wb: Workbook) -> int:
    """A number that changes with every change of ``wb``: the id of its latest audit row (0 for
    none), and in the low 32 bits the number of refused returns journaled."""
    from welfareplan.core.plainsql import rows

    with wb.reader() as con:
        found = rows(con, LATEST_SQL)
        refused = rows(con, REFUSED_SQL)
    audit = int(found[0][0] or 0) if found else 0
    return (audit << 32) | (int(refused[0][0]) & 0xFFFFFFFF)


class ServerWatch(QObject):
    #: the master changed since it was last looked at
    changed = Signal()
    #: the server cannot be asked (Japanese; '' once it answers again)
    trouble = Signal(str)

    def __init__(self, wb: Workbook, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.wb = wb
        self.seen = latest_change(wb)
        self.problem = ""
        self._task: Task | None = None
        self._stopped = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        """Ask the server in the background (once at a time)."""
        if self._task is not None or self._stopped:
            return
        wb = self.wb

        def work(progress: ProgressFn, cancelled: CancelledFn) -> int:
            return latest_change(wb)

        self._task = run_task(work, on_done=self._answered, on_error=self._failed)

    def _answered(self, latest: int) -> None:
        self._task = None
        if self._stopped:
            return
        if self.problem:
            self.problem = ""
            self.trouble.emit("")
        if latest != self.seen:
            self.seen = latest
            self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        if self._stopped:
            return
        if isinstance(exc, WelfareplanError):
            reason = exc.message
        else:  # the driver's own first line (the server down, the network gone …)
            lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
            reason = lines[0] if lines else type(exc).__name__
        self.problem = (
            f"サーバーのマスターの変更を確かめられません（{reason}）。"
            "ネットワークとサーバーを確かめてください。数秒ごとに確かめ直しています。"
        )
        self.trouble.emit(self.problem)

    def stop(self) -> None:
        self._stopped = True
        self.timer.stop()
        if self._task is not None:
            self._task.finished.wait(30)
