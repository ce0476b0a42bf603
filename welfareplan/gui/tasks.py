"""Running long work off the UI thread, with progress and cancel.

``run_task(fn, on_done=…, on_error=…, on_progress=…)`` calls ``fn(progress, cancelled)`` on a
plain Python worker thread; the callbacks run on the UI thread.

The worker never touches Qt: it only records its progress and outcome under a lock, and a timer
on the UI thread delivers them, so no Qt object is shared across threads. (A progress signal
emitted many times during distribute first showed the crash of PySide6 6.12 on Python < 3.12:
every signal emission loses a reference to ``True``, on any thread (PYSIDE-3474).
pyproject.toml keeps 6.12 off those Pythons and tests/gui/test_signal_refcount.py catches a
wheel with that defect.) Core services take the same ``progress(done, total, message)`` /
``cancelled()`` callables.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer

ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]

#: How often the UI thread looks at running tasks.
POLL_MS = 25
#: While a worker runs Python code, the UI thread waits for the GIL up to the switch interval
#: at every return from Qt into Python; a shorter interval keeps the window responsive.
BUSY_SWITCH_INTERVAL = 0.001
_idle_switch_interval = sys.getswitchinterval()


class Task:
    def __init__(
        self,
        fn: Callable[[ProgressFn, CancelledFn], Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_progress: ProgressFn | None,
    ) -> None:
        self.fn = fn
        self.on_done = on_done
        self.on_error = on_error
        self.on_progress = on_progress
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self.finished = threading.Event()
        self._progress: tuple[int, int, str] | None = None
        self._delivered: tuple[int, int, str] | None = None
        self._outcome_delivered = False
        self._result: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="welfareplan-task", daemon=True)

    # ---------------------------------------------------------------- worker side

    def _report(self, done: int, total: int, message: str) -> None:
        with self._lock:
            self._progress = (done, total, message)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _run(self) -> None:
        try:
            result = self.fn(self._report, self.cancelled)
        except BaseException as exc:
            self._error = exc
        else:
            self._result = result
        finally:
            self.finished.set()

    # ---------------------------------------------------------------- UI side

    def deliver(self) -> bool:
        """Pass progress and, once finished, the outcome to the callbacks (exactly once: the
        task may finish while ``on_progress`` runs). True when done."""
        if self._outcome_delivered:
            return True
        with self._lock:
            progress = self._progress
        if progress is not None and progress != self._delivered and self.on_progress is not None:
            self._delivered = progress
            self.on_progress(*progress)
        if not self.finished.is_set():
            return False
        self._outcome_delivered = True
        if self._error is not None:
            if self.on_error is not None:
                self.on_error(self._error)
            else:  # nobody handles it: the UI thread's exception hook reports it, never lost
                sys.excepthook(type(self._error), self._error, self._error.__traceback__)
        elif self.on_done is not None:
            self.on_done(self._result)
        return True


class _Poller:
    """The UI-thread timer that hands progress and outcomes of running tasks to callbacks."""

    def __init__(self) -> None:
        self.running: list[Task] = []
        self.timer: QTimer | None = None

    def add(self, task: Task) -> None:
        if self.timer is None:
            self.timer = QTimer()
            self.timer.setInterval(POLL_MS)
            self.timer.timeout.connect(self.poll)
        if not self.running:
            sys.setswitchinterval(BUSY_SWITCH_INTERVAL)
        self.running.append(task)
        self.timer.start()

    def poll(self) -> None:
        for task in list(self.running):
            if task.finished.is_set():
                self.running.remove(task)  # before the callbacks, which may start new tasks
                if not self.running:
                    sys.setswitchinterval(_idle_switch_interval)
                    if self.timer is not None:
                        self.timer.stop()
            task.deliver()  # once done, a second call passes nothing on


_poller = _Poller()


def run_task(
    fn: Callable[[ProgressFn, CancelledFn], Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: ProgressFn | None = None,
) -> Task:
    task = Task(fn, on_done, on_error, on_progress)
    _poller.add(task)
    task._thread.start()
    return task


def tasks_running() -> bool:
    """Whether any background work is still running."""
    return any(not task.finished.is_set() for task in _poller.running)


def wait_all(timeout_s: float = 30.0) -> bool:
    """Wait for every running worker to finish (without delivering callbacks)."""
    return all(task.finished.wait(timeout_s) for task in list(_poller.running))
