"""Errors are never lost: a slot that raises, a worker thread that dies, a task nobody
handles — each ends in one Japanese message box and a traceback in the log, and the app goes on.

pytest-qt fails a test when an exception reaches ``sys.excepthook`` in a Qt slot; these tests
raise on purpose, so they either turn that capture off (``qt_no_exception_capture``) or use
``qtbot.capture_exceptions()`` to see that the reporter hands the exception on to the hook it
replaced.
"""

from __future__ import annotations

import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from tests.test_crashlog import child
from welfareplan.gui import error_reporter
from welfareplan.gui.error_reporter import BOX_NAME, FULL_LOGS_PER_ERROR, ErrorReporter
from welfareplan.gui.tasks import run_task


@pytest.fixture
def reporter(monkeypatch: pytest.MonkeyPatch) -> Iterator[ErrorReporter]:
    # faulthandler stays pytest's (tested in a process of its own below)
    monkeypatch.setattr(error_reporter, "enable_native_crash_log", lambda: None)
    installed = error_reporter.install_error_reporter()
    try:
        yield installed
    finally:
        installed.uninstall()
        for box in error_boxes():
            box.close()


def error_boxes() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == BOX_NAME and w.isVisible()
    ]


def log_text(home: Path) -> str:
    path = home / "logs" / "welfareplan.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


class Raiser(QPushButton):
    """A button whose slot has a bug."""

    def __init__(self) -> None:
        super().__init__("押す")
        self.clicks = 0
        self.clicked.connect(self.on_click)

    def on_click(self) -> None:
        self.clicks += 1
        {}["存在しない"]  # the bug


@pytest.mark.qt_no_exception_capture
def test_a_slot_that_raises_shows_a_box_and_logs_the_traceback(
    qtbot, reporter: ErrorReporter, home: Path
) -> None:
    """A click outside any event loop (as qtbot sends it): the box runs its own loop; a timer
    reads it and presses OK, and the app carries on."""
    button = Raiser()
    qtbot.addWidget(button)
    button.show()
    seen: list[str] = []

    def read_and_close() -> None:
        boxes = error_boxes()
        if not boxes:
            QTimer.singleShot(20, read_and_close)
            return
        (box,) = boxes
        seen.append(f"{box.text()}\n{box.informativeText()}")
        box.button(QMessageBox.StandardButton.Ok).click()

    QTimer.singleShot(20, read_and_close)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.clicks == 1
    (text,) = seen
    log = home / "logs" / "welfareplan.log"
    assert f"予期しないエラーが発生しました（KeyError）。詳細はログ {log} に記録しました。" in text
    assert "作業はこのまま続けられます" in text and "Traceback" not in text
    logged = log_text(home)
    assert "Traceback (most recent call last)" in logged and "in on_click" in logged
    assert "KeyError: '存在しない'" in logged
    assert error_boxes() == [] and reporter.box is None
    # the app is still alive: the next click runs the slot again
    QTimer.singleShot(20, read_and_close)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.clicks == 2 and len(seen) == 2


def test_errors_while_the_box_is_open_are_counted_not_stacked(
    qtbot, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    """Inside the event loop the box does not block; a timer that fails on every tick makes
    one box with a count, and the same traceback is logged only a few times."""
    monkeypatch.setattr(error_reporter, "enable_native_crash_log", lambda: None)
    ticks: list[int] = []

    def failing_tick() -> None:
        ticks.append(1)
        raise ZeroDivisionError("毎回")

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(failing_tick)
    with qtbot.capture_exceptions() as captured:
        reporter = error_reporter.install_error_reporter()
        try:
            timer.start()
            qtbot.waitUntil(lambda: len(ticks) >= 20, timeout=10000)
            timer.stop()
            boxes = error_boxes()
            assert len(boxes) == 1
            assert f"さらに {len(ticks) - 1} 件のエラー" in boxes[0].informativeText()
        finally:
            reporter.uninstall()
            for box in error_boxes():
                box.close()
    assert len(captured) == len(ticks)  # the replaced hook (pytest-qt's) still saw each one
    logged = log_text(home)
    assert logged.count("Traceback (most recent call last)") == FULL_LOGS_PER_ERROR
    assert logged.count("以後は記録しません") == 1


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_worker_thread_that_dies_is_reported_on_the_ui_thread(
    qtbot, reporter: ErrorReporter, home: Path
) -> None:
    def work() -> None:
        raise OSError("ネットワークの向こうで")

    thread = threading.Thread(target=work, name="集計スレッド")
    thread.start()
    thread.join()
    # written by the worker thread itself, before any Qt work
    assert "スレッド 集計スレッド で予期しないエラー: OSError" in log_text(home)
    assert "in work" in log_text(home)
    qtbot.waitUntil(lambda: bool(error_boxes()), timeout=5000)
    (box,) = error_boxes()
    assert box.text().startswith(
        "バックグラウンドの処理で予期しないエラーが発生しました（OSError）"
    )


@pytest.mark.qt_no_exception_capture
def test_a_task_without_an_error_handler_is_not_silent(
    qtbot, reporter: ErrorReporter, home: Path
) -> None:
    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        raise RuntimeError("誰も受け取らない")

    task = run_task(work, on_done=lambda result: None)
    assert task.finished.wait(10)
    qtbot.waitUntil(lambda: bool(error_boxes()), timeout=5000)
    (box,) = error_boxes()
    assert "（RuntimeError）" in box.text()
    assert "RuntimeError: 誰も受け取らない" in log_text(home) and "in work" in log_text(home)


def test_uninstall_gives_the_hooks_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(error_reporter, "enable_native_crash_log", lambda: None)
    before = sys.excepthook, threading.excepthook
    reporter = error_reporter.install_error_reporter()
    assert sys.excepthook == reporter.excepthook
    reporter.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


RUN_GUI_CHILD = textwrap.dedent(
    """
    import faulthandler
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    from welfareplan.gui.app import create_application, run_gui

    app = create_application()
    seen = []

    def boom():
        raise LookupError("起動後の不具合")

    def check():
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()]
        seen.extend(b.text() for b in boxes)
        for w in QApplication.topLevelWidgets():
            w.close()
        app.quit()

    QTimer.singleShot(300, boom)
    QTimer.singleShot(1500, check)
    code = run_gui(demo=True)
    print("BOX", seen)
    print("FAULTHANDLER", faulthandler.is_enabled())
    """
)


def test_the_window_installs_the_reporter_and_the_native_crash_log(tmp_path: Path) -> None:
    """The real start-up (run_gui, the demo in the window): a slot's bug shows the box, and
    faulthandler writes to the profile (a native crash itself: tests/test_crashlog.py)."""
    home = tmp_path / "home"
    done = child(RUN_GUI_CHILD, home)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "予期しないエラーが発生しました（LookupError）" in done.stdout, done.stderr[-3000:]
    assert "FAULTHANDLER True" in done.stdout
    assert "LookupError: 起動後の不具合" in log_text(home)
    assert (home / "logs" / "native-crash.log").read_text(encoding="utf-8") == ""  # no crash


def test_an_uncaught_error_of_the_core_is_said_in_its_own_words() -> None:
    """A core service not yet available on a server master (``server-not-yet``) that no
    window caught: the user reads the core's Japanese sentence, not 予期しないエラー."""
    from welfareplan.core.serverbook import not_on_a_server

    exc = not_on_a_server("postgresql+psycopg://staff@db/wp")
    text = error_reporter.error_message(exc, None)
    assert text == exc.message and "master copy" in text
    assert "予期しないエラー" in error_reporter.error_message(ValueError("x"), None)
