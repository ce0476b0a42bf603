"""The division window's background jobs (gui/division/context.py): each runs behind its own
progress dialog, which is gone once the job is over."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QMainWindow, QProgressDialog

from welfareplan.gui.division.context import DivisionContext
from welfareplan.gui.document import Document


def test_a_jobs_progress_dialog_is_deleted_when_the_job_ends(qtbot, answer, master: Path) -> None:  # type: ignore[no-untyped-def]
    """A day of merges and exports made a progress dialog per job and kept every one (a
    hidden child of the window, never deleted); in the offscreen tests a closed one stayed
    Qt's active window, so the window's shortcuts (F8) did not reach it."""
    document = Document.open(master)
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    ctx = DivisionContext(document)
    outcomes: list[object] = []
    try:
        for n in range(3):
            ctx.run(
                window, "集計", lambda progress, cancelled, n=n: n, outcomes.append, writes=False
            )
            qtbot.waitUntil(lambda n=n: len(outcomes) == n + 1, timeout=10000)
        said: list[str] = []
        answer(lambda box: (said.append(box.text()), box.accept()))
        ctx.run(window, "失敗", _fails, outcomes.append, writes=False)
        qtbot.waitUntil(lambda: not ctx.busy, timeout=10000)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qtbot.waitUntil(lambda: bool(said), timeout=10000)
        assert outcomes == [0, 1, 2]
        assert said == ["テスト用の失敗です。"]
        assert window.findChildren(QProgressDialog) == []
    finally:
        document.close()


def _fails(progress: object, cancelled: object) -> object:
    from welfareplan.core.errors import WelfareplanError

    raise WelfareplanError("テスト用の失敗です。", code="test")
