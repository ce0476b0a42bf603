"""Autosave while typing without a pause (issue 15 item 3): saved at least every few seconds,
and never in the middle of an IME conversion."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from welfareplan.gui.autosave_timer import AUTOSAVE_DELAY_MS, AUTOSAVE_MAX_WAIT_MS


def open_file(window, qtbot, path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(path)
    qtbot.waitUntil(lambda: window.view is not None)


def test_continuous_typing_is_saved_every_few_seconds(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, dept_file)
    view = window.view
    saved: list[str] = []
    view.saveStatus.connect(
        lambda state, _: state == "saved" and saved.append(view.current_item().values.get("result"))
    )
    typed = ""
    step = AUTOSAVE_DELAY_MS // 3  # faster than the pause that saves
    for n in range((AUTOSAVE_MAX_WAIT_MS * 2) // step):
        char = "abcdefghij"[n % 10]
        qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{char.upper()}"))
        typed += char
        qtbot.wait(step)
    assert view.editor.text_edit("result").toPlainText() == typed
    # saved while the typing went on, each time with what was typed by then
    assert len(saved) >= 1
    assert all(typed.startswith(text) and text for text in saved)


def test_no_save_during_a_long_conversion(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, dept_file)
    view, editor = window.view, window.view.editor
    edit = QApplication.focusWidget()
    qtbot.keyClicks(edit, "ab")  # starts the timers
    QApplication.sendEvent(edit, QInputMethodEvent("ふくしの", []))
    qtbot.wait(AUTOSAVE_MAX_WAIT_MS + 500)
    assert editor.composing  # the conversion was not committed by a save
    assert view.current_item().values.get("result") == ""
    commit = QInputMethodEvent("", [])
    commit.setCommitString("福祉の")
    QApplication.sendEvent(edit, commit)
    qtbot.waitUntil(lambda: view.current_item().values.get("result") == "ab福祉の", timeout=5000)
