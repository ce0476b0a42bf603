"""Gentle text checks in the department window (issue 15 item 6): warnings as you type that
never block saving, 前年と同一 for a text copied from last year and left as it is, a question
before the copy replaces text, and undo in steps smaller than the whole field."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import click_button, type_text, wait_saved
from tests.helpers.shaped_plans import OTHER_CITY, shaped


def open_file(window, qtbot, path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(path)
    qtbot.waitUntil(lambda: window.view is not None)


def key(qtbot, k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget(), k, mods)


def test_warnings_as_you_type_never_block(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, dept_file)
    view, editor = window.view, window.view.editor
    checks = editor.ui.checksLabel
    type_text(qtbot, QApplication.focusWidget(), "ｶﾞｲﾄﾞを①㈱と配った。")
    assert "半角カタカナ（ｶﾞｲﾄﾞ）" in checks.text()
    assert "機種依存文字（①、㈱）" in checks.text()
    editor.text_edit("result").insertPlainText("\t表")
    assert "タブ文字" in checks.text()
    editor.text_edit("result").insertPlainText("長" * 600)
    assert "報告書の欄では約" in checks.text()
    wait_saved(window, qtbot)  # warnings do not stop the save
    assert view.current_item().values.get("result").startswith("ｶﾞｲﾄﾞを①㈱")


def test_copy_asks_before_replacing_and_copied_text_is_flagged(
    window, qtbot, dept_file: Path, answer
) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, dept_file)
    editor = window.view.editor
    previous = editor.item.previous.get("outlook")
    outlook = editor.text_edit("outlook")
    outlook.setFocus()
    type_text(qtbot, outlook, "自分で書いた展望。")
    copy = editor.ui.copyButton
    answer(lambda box: click_button(box, "やめる"))
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert outlook.toPlainText() == "自分で書いた展望。"
    answer(lambda box: click_button(box, "置き換える"))
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert outlook.toPlainText() == previous
    assert "前年と同一: 今後の事業計画・展望が前年度のまま" in editor.ui.checksLabel.text()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    window.activateWindow()
    outlook.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is outlook)
    key(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert outlook.toPlainText() == "自分で書いた展望。"
    assert "前年と同一" not in editor.ui.checksLabel.text()


def test_undo_goes_back_word_by_word(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, dept_file)
    edit = window.view.editor.text_edit("result")
    assert QApplication.focusWidget() is edit
    qtbot.keyClicks(edit, "visited 12 homes")
    type_text(qtbot, edit, "、見守りを行った")
    undo = []
    for _ in range(4):
        key(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        undo.append(edit.toPlainText())
    # the IME commit, then a word at a time — not everything typed in the field at once
    assert undo == ["visited 12 homes", "visited 12", "visited", ""]


def test_other_form_checks(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, shaped(tmp_path, OTHER_CITY, 2025).file("福祉総務課"))
    editor = window.view.editor
    editor.text_edit("next_steps").setFocus()
    type_text(qtbot, QApplication.focusWidget(), "髙橋さんと連携")
    assert "課題・今後の方向性に機種依存文字（髙）" in editor.ui.checksLabel.text()
