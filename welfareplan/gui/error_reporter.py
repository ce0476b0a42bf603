"""Errors are never lost: an exception nobody caught ends in a message box and in the log.

The windowed program has no console (``console=False``), so Python's default report of an
uncaught exception — a traceback on stderr — reaches nobody. :func:`install_error_reporter`
replaces ``sys.excepthook`` (PySide6 calls it for an exception raised in a slot or in an
overridden Qt method; the event loop then carries on) and ``threading.excepthook`` (a thread
of our own that dies of an exception), and turns on the native crash log
(:func:`welfareplan.core.crashlog.enable_native_crash_log`).

For each exception the traceback goes to the log (:mod:`welfareplan.core.crashlog`) and the
user sees one Japanese sentence saying what happened and where the log is. The program keeps
running: the window the user was working in stays as it was.

- One box at a time: an exception raised while the box is open (a timer that fails on every
  tick, a second slot) adds to a count in the open box instead of stacking boxes.
- The same exception over and over is logged in full :data:`FULL_LOGS_PER_ERROR` times, then
  once more as a short line, then no more: the log (bounded in size) keeps the first ones.
- The box is shown without a nested event loop (``show``, application-modal) while the event
  loop runs; before it starts or after it ended, ``exec`` shows it (there is no loop to
  return to).
- A worker thread never touches Qt (see :mod:`welfareplan.gui.tasks`): its hook writes the
  log and queues the error; a timer on the UI thread shows the queued ones.
- The previous hooks still run afterwards (the traceback on stderr when there is one;
  pytest-qt's capture in tests).
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections import Counter
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from shiboken6 import isValid

from welfareplan.core.crashlog import enable_native_crash_log, log_error, log_path
from welfareplan.core.errors import WelfareplanError

#: How often the UI thread looks for errors queued by worker threads.
POLL_MS = 200
#: How many times the same exception (type and place) is logged with its traceback.
FULL_LOGS_PER_ERROR = 5
BOX_NAME = "unexpectedErrorBox"


def error_message(exc: BaseException, log: Path | None, *, background: bool = False) -> str:
    """The sentence the user reads: what happened and where the details are. The core's own
    Japanese message when it raised one that no window caught (e.g. a service not yet
    available on a server master: ``server-not-yet``)."""
    if isinstance(exc, WelfareplanError):
        return exc.message
    what = "バックグラウンドの処理で" if background else ""
    where = (
        f"詳細はログ {log} に記録しました。"
        if log
        else f"ログ（{log_path().parent}）に書き込めなかったため、詳細は記録されていません。"
    )
    return f"{what}予期しないエラーが発生しました（{type(exc).__name__}）。{where}"


CONTINUE_TEXT = (
    "作業はこのまま続けられます（入力した内容は自動で保存されています）。"
    "同じエラーが続くときは、アプリを終了して開き直し、このログを担当者に送ってください。"
)


def _signature(exc: BaseException) -> tuple[str, str, int]:
    """The exception's type and the innermost place it was raised."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return type(exc).__name__, "", 0
    return type(exc).__name__, tb.tb_frame.f_code.co_filename, tb.tb_lineno


class ErrorReporter:
    def __init__(self) -> None:
        self.box: QMessageBox | None = None
        self.more = 0
        self._showing = False
        self._queued: list[tuple[BaseException, Path | None]] = []
        self._queue_lock = threading.Lock()
        self._log_lock = threading.Lock()
        self._logged: Counter[tuple[str, str, int]] = Counter()
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._timer = QTimer()
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.show_queued)

    def install(self) -> ErrorReporter:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        self._timer.start()
        enable_native_crash_log()
        return self

    def uninstall(self) -> None:
        if sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self.thread_excepthook:
            threading.excepthook = self._previous_thread_hook
        self._timer.stop()

    # ------------------------------------------------------------------ hooks

    def excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        # the reporter must never fail itself (Python would print both errors and go on)
        with contextlib.suppress(Exception):
            if not issubclass(exc_type, (KeyboardInterrupt, SystemExit)):
                self.report(exc.with_traceback(tb) if tb is not None else exc)
        self._previous_hook(exc_type, exc, tb)

    def thread_excepthook(self, args: Any) -> None:
        """Runs in the thread that died: log there, show later on the UI thread."""
        with contextlib.suppress(Exception):
            exc = args.exc_value
            if exc is not None and not issubclass(args.exc_type, SystemExit):
                name = getattr(args.thread, "name", "?")
                log = self.log(exc, f"スレッド {name} で予期しないエラー")
                with self._queue_lock:
                    self._queued.append((exc, log))
        self._previous_thread_hook(args)

    # ------------------------------------------------------------------ reporting

    def log(self, exc: BaseException, what: str = "予期しないエラー") -> Path | None:
        """Log ``exc`` with its traceback (the same one only a few times)."""
        with self._log_lock:
            signature = _signature(exc)
            self._logged[signature] += 1
            count = self._logged[signature]
        if count <= FULL_LOGS_PER_ERROR:
            return log_error(f"{what}: {type(exc).__name__}: {exc}", exc)
        if count == FULL_LOGS_PER_ERROR + 1:
            return log_error(
                f"{what}: {type(exc).__name__}: {exc}（同じエラーが繰り返し発生しています。"
                "以後は記録しません）"
            )
        return log_path()

    def report(self, exc: BaseException) -> None:
        """Log ``exc`` and tell the user (UI thread only)."""
        self.show(exc, self.log(exc))

    def show_queued(self) -> None:
        with self._queue_lock:
            queued, self._queued = self._queued, []
        for exc, log in queued:
            self.show(exc, log, background=True)

    def show(self, exc: BaseException, log: Path | None, *, background: bool = False) -> None:
        if self._showing or QApplication.instance() is None:
            return  # raised while the box is being made, or at exit: the log has it
        if self.box is not None and not isValid(self.box):
            self._closed()  # deleted without closing (the application went away)
        if self.box is not None:
            self.more += 1
            self.box.setInformativeText(
                f"{CONTINUE_TEXT}\n\nこのあと、さらに {self.more} 件のエラーが発生しました"
                "（ログに記録しました）。"
            )
            return
        self._showing = True
        try:
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                "welfareplan — エラー",
                error_message(exc, log, background=background),
                QMessageBox.StandardButton.Ok,
            )
            box.setObjectName(BOX_NAME)
            box.setInformativeText(CONTINUE_TEXT)
            box.setWindowModality(Qt.WindowModality.ApplicationModal)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.finished.connect(self._closed)
            self.box = box
            self.more = 0
        finally:
            self._showing = False
        if QThread.currentThread().loopLevel() == 0:
            box.exec()  # no event loop (yet or any more) would show it
        else:
            box.show()

    def _closed(self) -> None:
        self.box = None
        self.more = 0


def install_error_reporter() -> ErrorReporter:
    """Install the hooks (call once the QApplication exists, on the UI thread)."""
    return ErrorReporter().install()
