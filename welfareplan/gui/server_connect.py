"""Connecting to a master on a server off the UI thread (issue 16).

Reaching a server can take long: a host that does not answer keeps libpq waiting up to its
``connect_timeout`` (:data:`welfareplan.core.serverdb.CONNECT_TIMEOUT_S`, for each connection
the check makes). :func:`connect_in_background` connects and checks the master in a worker
(:mod:`welfareplan.gui.tasks`) behind a progress dialog 「サーバーに接続しています…」 with
中止, while the window keeps painting. 中止 returns at once with nothing changed; the worker,
which cannot interrupt libpq, ends by itself by the timeout at the latest and closes what it
opened. A password the server asks for is asked on the UI thread (:class:`PasswordRelay`).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from welfareplan.gui.tasks import CancelledFn, ProgressFn, Task, run_task

if TYPE_CHECKING:
    from sqlalchemy import URL

    from welfareplan.core.storage import Workbook

CONNECTING = "サーバーに接続しています…"
#: what the connect dialog says after 中止
CANCELLED = "接続を中止しました。"
#: the progress dialog shows once connecting takes this long (a quick connect never flashes it)
SHOW_AFTER_MS = 300
#: how often the UI thread looks for a password the worker waits for
RELAY_POLL_MS = 50

Opened = tuple[contextlib.ExitStack, "Workbook"]


class PasswordRelay:
    """The password prompt for a connecting worker: :meth:`ask` (any thread) waits while
    :meth:`serve` (the UI thread, on a timer) asks the user; 中止 ends the wait with None."""

    def __init__(self, ask_on_ui: Callable[[URL], str | None], cancelled: CancelledFn) -> None:
        self._ask_on_ui = ask_on_ui
        self._cancelled = cancelled
        self._lock = threading.Lock()
        self._request: URL | None = None
        self._answer: str | None = None
        self._answered = threading.Event()

    def ask(self, url: URL) -> str | None:
        if threading.current_thread() is threading.main_thread():
            return self._ask_on_ui(url)
        with self._lock:
            self._answered.clear()
            self._answer = None
            self._request = url
        while not self._answered.wait(RELAY_POLL_MS / 1000):
            if self._cancelled():
                return None
        return self._answer

    def serve(self) -> None:
        with self._lock:
            url, self._request = self._request, None
        if url is None:
            return
        answer = None if self._cancelled() else self._ask_on_ui(url)
        with self._lock:
            self._answer = answer
        self._answered.set()


def connect_in_background(
    parent: QWidget,
    connect: Callable[[], Opened],
    ask_password: Callable[[URL], str | None],
) -> Opened | None:
    """Run ``connect`` in a worker behind the progress dialog and wait for it with the window
    alive (a local event loop): what it opened, None after 中止. Raises what ``connect``
    raised. The password prompt of :mod:`welfareplan.core.serverdb` is the relay meanwhile."""
    from welfareplan.core.serverdb import set_password_prompt

    outcome: list[Opened] = []
    failure: list[BaseException] = []
    cancelled = threading.Event()
    loop = QEventLoop()
    dialog = QProgressDialog(CONNECTING, "中止", 0, 0, parent)
    dialog.setWindowTitle("サーバーに接続")
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    relay = PasswordRelay(ask_password, cancelled.is_set)
    relay_timer = QTimer(dialog)
    relay_timer.setInterval(RELAY_POLL_MS)
    relay_timer.timeout.connect(relay.serve)

    def work(progress: ProgressFn, is_cancelled: CancelledFn) -> Opened:
        return connect()

    def done(opened: Opened) -> None:
        if cancelled.is_set():  # too late: the user went back; close what was opened
            opened[0].close()
            return
        outcome.append(opened)
        loop.quit()

    def failed(exc: BaseException) -> None:
        if not cancelled.is_set():  # after 中止 the failure changes nothing the user sees
            failure.append(exc)
            loop.quit()

    def cancel() -> None:
        if outcome or failure:
            return  # closing the dialog after the outcome is not 中止
        cancelled.set()
        task.cancel()
        loop.quit()

    set_password_prompt(relay.ask)
    task: Task = run_task(work, on_done=done, on_error=failed)
    dialog.canceled.connect(cancel)
    relay_timer.start()
    # shown by hand: the dialog's own timer waits for progress values, which never come
    shower = QTimer(dialog)
    shower.setSingleShot(True)
    shower.timeout.connect(dialog.show)
    shower.start(SHOW_AFTER_MS)
    try:
        loop.exec()
    finally:
        relay_timer.stop()
        shower.stop()
        set_password_prompt(ask_password)
        dialog.canceled.disconnect(cancel)
        dialog.close()
        dialog.deleteLater()
    if failure:
        raise failure[0]
    return outcome[0] if outcome else None
