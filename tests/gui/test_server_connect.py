"""Connecting to a server master off the UI thread (issue 16): a server that does not answer
leaves the window painting behind 「サーバーに接続しています…」, 中止 goes back at once with
nothing changed, and the worker ends by the connect timeout with nothing left open."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from tests.gui.conftest import click_button
from tests.gui.test_server_window import _fill, _shown_dialog
from welfareplan.gui.server_connect import CANCELLED, CONNECTING
from welfareplan.gui.tasks import tasks_running

#: the connect timeout of these tests (libpq's least is 2 s)
TIMEOUT_S = 4


@pytest.fixture
def silent_server() -> Iterator[str]:
    """The URL of a "server" that takes the connection and never answers: a listening socket
    nobody accepts on (the kernel completes the handshake; libpq then waits for a reply)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{listener.getsockname()[1]}/wp"


@pytest.fixture(autouse=True)
def _short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    from welfareplan.core import serverdb

    monkeypatch.setattr(serverdb, "CONNECT_TIMEOUT_S", TIMEOUT_S)


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _when_connecting(qtbot, then, *, after_s: float = 1.0) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Once the progress dialog shows, note what it says, wait ``after_s`` with the event loop
    running, then ``then(dialog)``."""
    seen: dict[str, object] = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QProgressDialog) or not dialog.isVisible():
            QTimer.singleShot(20, look)
            return
        seen["label"] = dialog.labelText()
        seen["shown_at"] = time.monotonic()
        QTimer.singleShot(int(after_s * 1000), lambda: then(dialog))

    QTimer.singleShot(0, look)
    return seen


def _worker_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "welfareplan-task"]


def test_a_silent_server_keeps_the_window_painting_and_cancel_goes_back(  # type: ignore[no-untyped-def]
    window, qtbot, demo_copy: Path, silent_server: str, home: Path
) -> None:
    from welfareplan.core.settings import Settings

    assert window.open_path(demo_copy)
    before, title = window.document, window.windowTitle()
    dialog = _shown_dialog(window, qtbot)
    _fill(dialog, qtbot, silent_server, name="応答しないサーバー")
    paints = _Paints()
    window.installEventFilter(paints)
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(20)
    ticker.timeout.connect(lambda: (ticks.append(time.monotonic()), window.update()))
    ticker.start()
    cancelled_at: list[float] = []

    def cancel(progress: QWidget) -> None:
        cancelled_at.append(time.monotonic())
        click_button(progress, "中止")

    seen = _when_connecting(qtbot, cancel)
    started = time.monotonic()
    qtbot.keyClick(dialog.user, Qt.Key.Key_Return)  # 接続: returns once 中止 is clicked
    returned = time.monotonic()
    ticker.stop()
    window.removeEventFilter(paints)

    assert seen["label"] == CONNECTING
    # the window lived while connecting: timers ticked, it painted
    while_connecting = [t for t in ticks if started <= t <= cancelled_at[0]]
    assert len(while_connecting) >= 20 and paints.count >= 10
    # 中止 went back at once, well before the timeout, with nothing changed
    assert returned - cancelled_at[0] < 1.0 and returned - started < TIMEOUT_S
    assert dialog.isVisible() and dialog.error_label.text() == CANCELLED
    assert window.document is before and window.windowTitle() == title
    assert not Settings.path().exists() or "応答しないサーバー" not in Settings.path().read_text(
        encoding="utf-8"
    )
    # the worker ends by the timeout, and nothing of it is left
    qtbot.waitUntil(lambda: not _worker_threads(), timeout=(TIMEOUT_S + 5) * 1000)
    qtbot.waitUntil(lambda: not tasks_running(), timeout=2000)
    dialog.reject()


def test_without_cancel_a_silent_server_is_said_after_the_timeout(  # type: ignore[no-untyped-def]
    window, qtbot, silent_server: str
) -> None:
    from welfareplan.gui.server_open import open_server

    started = time.monotonic()
    reason = open_server(window, silent_server)
    assert TIMEOUT_S - 0.5 <= time.monotonic() - started < 3 * TIMEOUT_S + 5
    assert "接続できません" in reason and "サーバー名・ポート" in reason
    assert window.document is None
    qtbot.waitUntil(lambda: not _worker_threads(), timeout=2000)


def test_a_connection_made_after_cancel_is_closed(  # type: ignore[no-untyped-def]
    window, qtbot, pg_cluster, demo_on_server: str
) -> None:
    """中止 while the worker is still connecting; the worker then reaches the master: what it
    opened is closed (no connection left on the server); connecting again works as before."""
    from welfareplan.core.serverdb import parse_server_url
    from welfareplan.gui.document import connect_server
    from welfareplan.gui.server_connect import connect_in_background
    from welfareplan.gui.server_open import open_server

    gate = threading.Event()

    def slow_connect():  # type: ignore[no-untyped-def]
        gate.wait(30)
        return connect_server(demo_on_server)

    _when_connecting(qtbot, lambda progress: click_button(progress, "中止"), after_s=0.2)
    assert connect_in_background(window, slow_connect, lambda url: None) is None
    gate.set()
    qtbot.waitUntil(lambda: not tasks_running(), timeout=15000)
    qtbot.wait(100)  # the outcome is delivered on the UI thread
    database = parse_server_url(demo_on_server).database

    def connections() -> int:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=pg_cluster.port, user="postgres", dbname="postgres"
        ) as con:
            row = con.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (database,),
            ).fetchone()
            return int(row[0]) if row else 0

    qtbot.waitUntil(lambda: connections() == 0, timeout=5000)
    assert open_server(window, demo_on_server) == ""
    assert window.document is not None and window.document.server
    assert connections() >= 1
    assert window.close_document()
