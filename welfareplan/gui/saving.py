"""The window's saving: Ctrl+S, 名前を付けて保存, writing back before closing, and what to do
when the original was changed underneath (:mod:`welfareplan.gui.changed_original`)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QMessageBox, QStatusBar, QWidget

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.workcopy import CatchUp, ReplacedError
from welfareplan.gui import changed_original
from welfareplan.gui.document import Document


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


def decide_about_replaced(window: MainWindow, outcome: CatchUp) -> bool:
    """Ask what to do with an original changed underneath whose changes could not be brought
    in (the question names what overwriting discards). True when the work is saved."""
    doc = window.document
    assert doc is not None
    answer = changed_original.ask(_widget(window), doc.original.name, outcome)
    if answer == "overwrite":
        try:
            doc.write_back_now(force=True)
        except WelfareplanError as exc:
            window.error(exc.message)
            return False
        return True
    if answer == "save-as":
        return save_as(window)
    return False


def flush(window: MainWindow) -> bool:
    """Save everything and write the file back. False if the user cancelled."""
    view, doc = window.view, window.document
    if view is None or doc is None or doc.read_only:
        return True
    view.save_all()
    while True:
        try:
            doc.write_back_now()
            return True
        except WelfareplanError as exc:
            if isinstance(exc, ReplacedError) and doc.catch_up_result is not None:
                outcome, doc.catch_up_result = doc.catch_up_result, None
                if decide_about_replaced(window, outcome):
                    return True
            box = QMessageBox(_widget(window))
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle("元のファイルに保存できません")
            box.setText(exc.message)
            retry = box.addButton("再試行", QMessageBox.ButtonRole.AcceptRole)
            save_as_button = box.addButton("名前を付けて保存…", QMessageBox.ButtonRole.ActionRole)
            keep = box.addButton(
                "このコンピューターに残して閉じる", QMessageBox.ButtonRole.DestructiveRole
            )
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(retry)
            box.exec()
            clicked = box.clickedButton()
            if clicked is retry:
                continue
            if clicked is save_as_button:
                if save_as(window):
                    return True
                continue
            return clicked is keep


def save_now(window: MainWindow) -> None:
    if window.view is None or window.document is None:
        return
    window.view.save_all()
    try:
        window.document.write_back_now()
    except ReplacedError as exc:
        outcome = window.document.catch_up_result
        if outcome is None:
            window.error(exc.message)
        else:
            decide_about_replaced(window, outcome)
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
