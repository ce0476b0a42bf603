"""A master on a server in the main window (issue 16): 「サーバーに接続…」, the password asked
when the server wants one that pgpass and PGPASSWORD did not give (kept in memory for this
process only, :mod:`welfareplan.core.serverdb`), and other staff's changes shown as they come
(:mod:`welfareplan.gui.server_watch`)."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QStatusBar, QWidget

from welfareplan.core.errors import WelfareplanError
from welfareplan.gui.document import Document
from welfareplan.gui.server_dialog import ServerDialog

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy import URL

    from welfareplan.core.settings import Settings


class _Division(Protocol):
    def refresh_from_server(self) -> bool: ...


class MainWindow(Protocol):
    """What these functions use of :class:`welfareplan.gui.main_window.MainWindow`."""

    settings: Settings
    document: Document | None

    def close_document(self) -> bool: ...
    def _show_document(self, document: Document) -> bool: ...
    def _division_view(self) -> _Division | None: ...
    def _restore_banner(self) -> None: ...
    def set_banner(self, text: str, *, error: bool = False) -> None: ...
    def statusBar(self) -> QStatusBar: ...


def _widget(window: MainWindow) -> QWidget:
    assert isinstance(window, QWidget)
    return window


#: the status bar's note after the window showed other staff's changes
CHANGES_SHOWN = "他の職員の変更を反映しました"


def documents_folder() -> Path:
    """Where exports and distributed files of a server master are proposed first."""
    from pathlib import Path

    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def ask_password(parent: QWidget, url: URL) -> str | None:
    """The password of ``url``, typed hidden; None when the user cancels."""
    from welfareplan.core.serverdb import describe

    busy = QApplication.overrideCursor() is not None
    if busy:
        QApplication.restoreOverrideCursor()
    try:
        text, ok = QInputDialog.getText(
            parent,
            "パスワード",
            f"サーバー「{describe(url)}」のパスワードを入力してください"
            "（このアプリを閉じるまで覚えています。ファイルには保存しません）:",
            QLineEdit.EchoMode.Password,
        )
    finally:
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    return text if ok and text else None


def connect_dialog(window: MainWindow) -> str:
    """ファイル › サーバーに接続…: the URL of the master opened, '' when none was."""
    dialog = ServerDialog(window.settings, lambda url: open_server(window, url), _widget(window))
    dialog.exec()
    return dialog.connected_url


def open_server(window: MainWindow, url: str) -> str:
    """Open the server master at ``url`` in ``window`` (closing what is open only once the
    master is reached): '' when it is shown, else the Japanese reason nothing changed."""
    from welfareplan.core.crashlog import unexpected_error_message, write_crash_report
    from welfareplan.gui.document import connect_server
    from welfareplan.gui.server_connect import CANCELLED, connect_in_background

    def asked(u: URL) -> str | None:
        return ask_password(_widget(window), u)

    try:  # in a worker: the window keeps painting, 中止 goes back (gui/server_connect.py)
        opened = connect_in_background(_widget(window), lambda: connect_server(url), asked)
        if opened is None:
            return CANCELLED
        try:
            document = Document.of_server(*opened, documents_folder())
        except BaseException:
            opened[0].close()
            raise
    except WelfareplanError as exc:
        return exc.message
    except Exception as exc:  # a bug: the log has it, the user a sentence
        return unexpected_error_message(exc, write_crash_report(exc, "サーバーへの接続"))
    if window.document is not None and not window.close_document():
        document.close()
        return "今開いているファイルを閉じられなかったため、接続しませんでした。"
    if not window._show_document(document):
        return "サーバーのマスターを表示できませんでした。"
    _watch(window, document)
    window.settings.first_run_done = True
    window.settings.save()
    return ""


def _watch(window: MainWindow, document: Document) -> None:
    """Show other staff's changes in the window while ``document`` is open in it. The slots
    hold the document weakly (a slot holding it would be a cycle through Qt that the garbage
    collector cannot see)."""
    watch = document.watch
    if watch is None:
        return
    held = weakref.ref(document)

    def changed() -> None:
        doc = held()
        view = window._division_view()
        if doc is None or window.document is not doc or view is None:
            return
        if view.refresh_from_server():
            window.statusBar().showMessage(CHANGES_SHOWN, 5000)

    def trouble(message: str) -> None:
        doc = held()
        if doc is None or window.document is not doc:
            return
        if message:
            window.set_banner(message, error=True)
        else:
            window._restore_banner()

    watch.changed.connect(changed)
    watch.trouble.connect(trouble)
