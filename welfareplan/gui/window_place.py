"""Where the main window opens, and what of its layout is remembered (core/settings.py).

The window opens where it was left (size, position, maximised) when that is still on one of
the screens — never off-screen after a monitor was unplugged; otherwise it fits the screen's
available area (maximised on a small screen such as 1280×720, 1280×820 centred on a large
one). The department view's splitters, whether the reference panes are shown, and the project
last open in each file come back too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

from welfareplan.core.settings import Settings

if TYPE_CHECKING:
    from welfareplan.gui.department_view import DepartmentView

#: The size the window prefers on a large screen.
PREFERRED = (1280, 820)
#: How much of a restored window must be on a screen (its title bar area) to keep it there.
VISIBLE_PART = (160, 60)


def _decode(text: str) -> QByteArray:
    return QByteArray.fromBase64(QByteArray(text.encode("ascii", "ignore")))


def _encode(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")


def on_screen(rect: QRect) -> bool:
    """Whether the top of ``rect`` (where the title bar is) shows on an available screen."""
    top = QRect(rect.left(), rect.top(), rect.width(), VISIBLE_PART[1])
    for screen in QGuiApplication.screens():
        seen = screen.availableGeometry().intersected(top)
        if seen.width() >= min(VISIBLE_PART[0], rect.width()) and seen.height() > 0:
            return True
    return False


def fit_to_screen(window: QMainWindow) -> None:
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(*PREFERRED)
        return
    area = screen.availableGeometry()
    width, height = PREFERRED
    if area.width() < width + 80 or area.height() < height + 80:
        window.setGeometry(area)
        window.setWindowState(Qt.WindowState.WindowMaximized)
        return
    window.resize(width, height)
    window.move(area.center().x() - width // 2, area.center().y() - height // 2)


def place(window: QMainWindow, settings: Settings) -> None:
    """Before the window is shown: where it was, if that is on a screen; else fitted."""
    restored = bool(settings.window_geometry) and window.restoreGeometry(
        _decode(settings.window_geometry)
    )
    if restored and on_screen(window.frameGeometry()):
        return
    fit_to_screen(window)


def remember_window(window: QMainWindow, settings: Settings) -> None:
    settings.window_geometry = _encode(window.saveGeometry())


def restore_view(view: DepartmentView, settings: Settings, file: Path) -> None:
    if settings.splitter_state:
        view.ui.splitter.restoreState(_decode(settings.splitter_state))
    editor = view.editor
    if settings.reference_state and editor.ui.referenceSplitter.restoreState(
        _decode(settings.reference_state)
    ):
        editor.reference.sized_by_user = True
    editor.reference.show(settings.reference_shown)
    entry = settings.last_entry(file)
    if entry and any(i.entry_id == entry for i in view.worklist.items):
        view.select_entry(entry)


def remember_view(view: DepartmentView, settings: Settings, file: Path) -> None:
    settings.splitter_state = _encode(view.ui.splitter.saveState())
    editor = view.editor
    settings.reference_shown = editor.ui.referenceToggle.isChecked()
    if editor.reference.sized_by_user:
        settings.reference_state = _encode(editor.ui.referenceSplitter.saveState())
    if view.current_id:
        settings.remember_entry(file, view.current_id)
