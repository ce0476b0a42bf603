"""Background work: progress and results reach the UI thread, many times in a row, safely."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time

from PySide6.QtCore import Qt

from welfareplan.gui.tasks import run_task


def test_progress_and_result_arrive_on_the_ui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[int, str]] = []
    result: list[object] = []
    main = threading.current_thread()

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        for i in range(20000):  # a tight loop of reports, as distribute/merge produce
            progress(i, 20000, f"ステップ {i}")
        return {"files": 12}

    def on_progress(done: int, total: int, message: str) -> None:
        assert threading.current_thread() is main
        seen.append((done, message))

    run_task(work, on_progress=on_progress, on_done=result.append)
    qtbot.waitUntil(lambda: bool(result), timeout=20000)
    assert result == [{"files": 12}]
    assert seen and seen[-1] == (19999, "ステップ 19999")


def test_errors_and_cancel_reach_the_ui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        while not cancelled():
            progress(1, 2, "")
        raise RuntimeError("中止されました")

    task = run_task(
        work, on_error=errors.append, on_done=lambda r: errors.append(AssertionError("done"))
    )
    task.cancel()
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert isinstance(errors[0], RuntimeError)


def test_no_crash_in_a_fresh_process_with_a_busy_event_loop() -> None:
    """Many progress reports in a fresh process spinning processEvents(): where PySide6 6.12
    on Python < 3.12 first crashed (PYSIDE-3474, a reference to True lost per signal emission,
    threads or not; tests/gui/test_signal_refcount.py tests that directly)."""
    code = textwrap.dedent(
        """
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication, QProgressDialog
        from welfareplan.gui.tasks import run_task
        app = QApplication([])
        dialog = QProgressDialog("t", "c", 0, 0)
        state = {}
        def work(progress, cancelled):
            for i in range(20000):
                progress(i, 20000, f"ステップ {i}")
            return 1
        def show(d, t, m):
            dialog.setMaximum(t); dialog.setValue(d); dialog.setLabelText(m)
        run_task(work, on_progress=show, on_done=lambda r: state.setdefault("done", r))
        while "done" not in state:
            app.processEvents()
        print("ok")
        """
    )
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr[-2000:]


def test_an_outcome_is_delivered_once_when_progress_spins_the_event_loop(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A task that finishes while its progress is being shown (a modal QProgressDialog's
    setValue() runs the event loop) was delivered at the end of that call *and* again at the
    next poll: a job's "done" ran twice — its result shown twice, and the division window's
    busy flag cleared while the *next* job already ran (two distributes at once, the second
    refused: 「配布の準備中にマスターワークブックが変更されました」)."""
    from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

    from welfareplan.gui.tasks import POLL_MS

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = QProgressDialog("配布", "中止", 0, 2, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    done: list[object] = []
    reported = threading.Event()
    release = threading.Event()

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        progress(1, 2, "1件目")
        reported.set()
        release.wait(10)
        return "配布しました"

    def on_progress(done_: int, total: int, message: str) -> None:
        release.set()  # the worker finishes while the dialog's setValue spins the loop
        task.finished.wait(10)
        deadline = time.monotonic() + 4 * POLL_MS / 1000
        while time.monotonic() < deadline:
            dialog.setValue(done_)  # modal and shown: processEvents() inside
            QApplication.processEvents()

    task = run_task(work, on_progress=on_progress, on_done=done.append)
    reported.wait(10)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    qtbot.wait(8 * POLL_MS)
    assert done == ["配布しました"]
