"""The department window's keyboard path, key by key (issue 15 item 1): project list → first
text field → rating (its keys set it and move the focus mark) → the next inputs → the next
project. Every key goes to the widget that has the focus, as it would for a user."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QPlainTextEdit

from tests.gui.conftest import type_text, wait_saved
from tests.helpers.department_file import stored
from tests.helpers.shaped_plans import OTHER_CITY, SHAKYO, shaped


def focus():  # type: ignore[no-untyped-def]
    widget = QApplication.focusWidget()
    assert widget is not None, "the focus went nowhere"
    return widget


def key(qtbot, k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focus(), k, mods)


def type_here(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    widget = focus()
    assert isinstance(widget, QPlainTextEdit | QLineEdit), (
        f"typing {text!r} would land on {type(widget).__name__} {widget.objectName()!r}"
    )
    type_text(qtbot, widget, text)


def open_file(window, qtbot, path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(path)
    qtbot.waitUntil(lambda: window.view is not None)


def test_issue_sequence_rating_by_key_after_a_click(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    """Rate a project C by click, Ctrl+PgDown, type a result, Tab, 2, Tab, type the outlook."""
    open_file(window, qtbot, dept_file)
    view, editor = window.view, window.view.editor
    c = editor.rating_button("C")
    qtbot.mouseClick(c, Qt.MouseButton.LeftButton, pos=QPoint(8, c.height() // 2))
    assert c.isChecked()
    key(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert editor.ui.titleLabel.text().startswith("事業2")
    assert focus() is editor.text_edit("result")
    type_here(qtbot, "実績を記入した。")
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() in editor.rating_buttons()
    key(qtbot, Qt.Key.Key_2)
    assert editor.rating_button("B").isChecked()
    assert focus() is editor.rating_button("B")  # the focus mark moves with the rating
    key(qtbot, Qt.Key.Key_Tab)
    type_here(qtbot, "継続する。")
    assert editor.text_edit("outlook").toPlainText() == "継続する。"
    assert editor.text_edit("result").toPlainText() == "実績を記入した。"
    # Tab from the last input: the next project's first input
    third = view.worklist.items[2]
    key(qtbot, Qt.Key.Key_Tab)
    assert view.current_item() is third
    assert focus() is editor.text_edit("result")
    wait_saved(window, qtbot)
    assert stored(dept_file, "2") == {
        "result": "実績を記入した。",
        "rating": "B",
        "outlook": "継続する。",
    }
    assert stored(dept_file, "1")["rating"] == "C"


def test_from_the_project_list_tab_goes_to_the_first_field(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, dept_file)
    editor = window.view.editor
    tree = window.view.ui.projectTree
    tree.setFocus()
    key(qtbot, Qt.Key.Key_Down)
    assert editor.ui.titleLabel.text().startswith("事業2")
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is editor.text_edit("result")
    type_here(qtbot, "一覧から来た。")
    assert editor.text_edit("result").toPlainText() == "一覧から来た。"
    # Shift+Tab goes back to the list, on the same project
    key(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focus() is tree
    assert editor.ui.titleLabel.text().startswith("事業2")


def test_rating_keys_move_the_focus_and_arrows_keep_the_path(
    window, qtbot, dept_file: Path
) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, dept_file)
    editor = window.view.editor
    editor.text_edit("result").setFocus()
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_4)
    assert focus() is editor.rating_button("D")
    key(qtbot, Qt.Key.Key_Up)  # arrows move within the choices
    key(qtbot, Qt.Key.Key_A)
    assert editor.rating_button("A").isChecked()
    assert focus() is editor.rating_button("A")
    key(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focus() is editor.text_edit("result")
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is editor.rating_button("A")  # back on the chosen rating
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is editor.text_edit("outlook")
    # a text never lands on a button: the copy button is not on the path
    assert not any(
        isinstance(w, QAbstractButton) and w not in editor.rating_buttons() for w in _walk(qtbot, 6)
    )


def _walk(qtbot, n: int) -> list[object]:  # type: ignore[no-untyped-def]
    seen = []
    for _ in range(n):
        key(qtbot, Qt.Key.Key_Tab)
        seen.append(focus())
    return seen


def test_other_city_path_numbers_and_eight_keys(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plans = shaped(tmp_path, OTHER_CITY, 2025)
    path = plans.file("福祉総務課")
    open_file(window, qtbot, path)
    editor = window.view.editor
    assert focus() is editor.number_edit("year_target")
    type_here(qtbot, "120")
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is editor.number_edit("actual")
    type_here(qtbot, "118")
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() in editor.rating_buttons()
    key(qtbot, Qt.Key.Key_6)
    assert editor.rating_button("X").isChecked()
    assert focus() is editor.rating_button("X")
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is editor.text_edit("activities")
    type_here(qtbot, "準備した。")
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is editor.text_edit("next_steps")
    type_here(qtbot, "来年度に着手する。")
    key(qtbot, Qt.Key.Key_Tab)
    assert editor.ui.titleLabel.text().startswith("事業5")
    assert focus() is editor.number_edit("year_target")
    wait_saved(window, qtbot)
    assert stored(path, "4") == {
        "year_target": "120",
        "actual": "118",
        "achievement": "X",
        "activities": "準備した。",
        "next_steps": "来年度に着手する。",
    }


def test_no_rating_path(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = shaped(tmp_path, SHAKYO, 2023).file("地域包括係")
    open_file(window, qtbot, path)
    editor = window.view.editor
    first = editor.ui.titleLabel.text()
    keys = list(editor.inputs.texts)
    assert focus() is editor.text_edit(keys[0])
    for k in keys:
        assert focus() is editor.text_edit(k)
        type_here(qtbot, f"{k}を書いた。")
        key(qtbot, Qt.Key.Key_Tab)
    assert editor.ui.titleLabel.text() != first
    assert focus() is editor.text_edit(keys[0])


def test_help_describes_the_path_of_the_form(window, qtbot, tmp_path: Path, answer) -> None:  # type: ignore[no-untyped-def]
    path = shaped(tmp_path, OTHER_CITY, 2025).file("福祉総務課")
    open_file(window, qtbot, path)
    shown: list[str] = []
    answer(lambda box: (shown.append(box.text()), box.accept()))
    key(qtbot, Qt.Key.Key_F1)
    (text,) = shown
    assert (
        "「年度目標値」 → 「実績値」 → 「達成度」 → 「取組内容」 → 「課題・今後の方向性」" in text
    )
    assert "次の事業の最初の欄" in text
    assert "<b>1〜8</b>" in text and "Ctrl+1" in text
