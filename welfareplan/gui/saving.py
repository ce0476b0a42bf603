"""The window's saving: Ctrl+S, 名前を付けて保存, writing back before closing, and what to do
when the original was changed, moved or deleted underneath and the work could not be brought
onto it (the questions are in :mod:`welfareplan.gui.file_dialogs`)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QStatusBar, QWidget

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.workcopy import ReplacedError
from welfareplan.gui.document import Document
from welfareplan.gui.file_dialogs import FileChoice, ask_at_close, ask_replaced


class _View(Protocol):
    def save_all(self) -> bool: ...


class MainWindow(Protocol):
    """What these functions use of :class:`welfareplan.gui.main_window.MainWindow`."""

    document: Document | None

    @property
    def view(self) -> _View | None: ...

    def error(self, message: str, title: str = ...) -> None: ...

    def statusBar(self) -> QStatusBar: ...


FILE_FILTER = "welfareplan のファイル (*.wpdb *.db *.sqlite);;すべてのファイル (*)"


def _widget(window: MainWindow) -> QWidget:
    assert isinstance(window, QWidget)
    return window


def on_replaced(window: MainWindow) -> None:
    """The original was changed, moved or deleted underneath and the work could not be
    brought onto it: overwrite, save elsewhere, or not now (the banner stays; 保存 or closing
    asks again)."""
    doc = window.document
    if doc is None:
        return
    choice = ask_replaced(_widget(window), doc.original, closing=False, outcome=doc.catch_up_result)
    if choice is FileChoice.OVERWRITE:
        try:
            doc.write_back_now(force=True)
        except WelfareplanError as exc:
            window.error(exc.message)
    elif choice is FileChoice.SAVE_AS:
        save_as(window)


def flush(window: MainWindow) -> bool:
    """Save everything and write the file back (closing). False if the user cancelled."""
    view, doc = window.view, window.document
    if view is None or doc is None or doc.read_only:
        return True
    view.save_all()
    force = False
    while True:
        try:
            doc.write_back_now(force=force)
            return True
        except WelfareplanError as exc:
            outcome = doc.catch_up_result if isinstance(exc, ReplacedError) else None
            choice = ask_at_close(_widget(window), doc.original, exc, outcome)
        force = choice is FileChoice.OVERWRITE
        if choice is FileChoice.SAVE_AS and save_as(window):
            return True
        if choice in (FileChoice.KEEP, FileChoice.CANCEL):
            return choice is FileChoice.KEEP


def save_now(window: MainWindow) -> None:
    if window.view is None or window.document is None:
        return
    window.view.save_all()
    try:
        window.document.write_back_now()
    except ReplacedError:
        on_replaced(window)
        return
    except WelfareplanError as exc:
        window.error(exc.message)
        return
    window.statusBar().showMessage(f"保存しました: {window.document.original}", 4000)


def save_as(window: MainWindow) -> bool:
    doc = window.document
    if doc is None:
        return False
    if window.view is not None:
        window.view.save_all()
    start = str(doc.original.with_name(doc.original.stem + "_コピー.wpdb"))
    path, _ = QFileDialog.getSaveFileName(_widget(window), "名前を付けて保存", start, FILE_FILTER)
    if not path:
        return False
    try:
        doc.save_as(Path(path))
    except WelfareplanError as exc:
        window.error(exc.message)
        return False
    window.statusBar().showMessage(f"保存しました: {path}", 5000)
    return True
