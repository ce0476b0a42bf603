"""Running long work off the UI thread, with progress and cancel.

``run_task(fn, on_done=…, on_error=…, on_progress=…)`` calls ``fn(progress, cancelled)`` on a
worker thread of the global QThreadPool; the callbacks run on the UI thread (queued signals).
Core services take the same ``progress(done, total, message)`` / ``cancelled()`` callables.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    def __init__(self, fn: Callable[[ProgressFn, CancelledFn], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = _Signals()
        self._cancel = threading.Event()
        self.finished = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progress.emit, self.cancelled)
        except BaseException as exc:
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)
        finally:
            self.finished.set()


_running: set[Task] = set()
#: While a worker runs Python code, the UI thread waits for the GIL up to the switch interval
#: at every return from Qt into Python; a shorter interval keeps the window responsive.
BUSY_SWITCH_INTERVAL = 0.001
_idle_switch_interval = sys.getswitchinterval()


def _track(task: Task, running: bool) -> None:
    if running:
        if not _running:
            sys.setswitchinterval(BUSY_SWITCH_INTERVAL)
        _running.add(task)
    else:
        _running.discard(task)
        if not _running:
            sys.setswitchinterval(_idle_switch_interval)


def run_task(
    fn: Callable[[ProgressFn, CancelledFn], Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: ProgressFn | None = None,
) -> Task:
    task = Task(fn)
    if on_progress:
        task.signals.progress.connect(on_progress)

    def finish_ok(result: object) -> None:
        _track(task, False)
        if on_done:
            on_done(result)

    def finish_err(exc: object) -> None:
        _track(task, False)
        if on_error and isinstance(exc, BaseException):
            on_error(exc)

    task.signals.done.connect(finish_ok)
    task.signals.failed.connect(finish_err)
    _track(task, True)
    QThreadPool.globalInstance().start(task)
    return task


def wait_all(timeout_ms: int = 30000) -> bool:
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
