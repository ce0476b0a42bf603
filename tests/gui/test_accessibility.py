"""Accessibility (issue 15 item 7): every interactive widget of both windows has an accessible
name; focus is visible on buttons and rating choices; 提出 and the progress bar explain
themselves; Ctrl+F finds the department's texts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QHeaderView, QLineEdit, QTabBar, QWidget

from tests.gui.workbench import open_workbench
from welfareplan.gui.accessible import is_interactive


def _internal(widget: QWidget) -> bool:
    """A part Qt builds inside another control (a combo box's line edit, a header, a tab
    bar's scroll buttons, a scroll bar's container)."""
    if widget.objectName().startswith("qt_") or isinstance(widget, QHeaderView):
        return True
    node = widget.parentWidget()
    while node is not None:
        if isinstance(
            node, QComboBox | QAbstractSpinBox | QTabBar | QLineEdit
        ) or node.objectName().startswith("qt_"):
            return True
        node = node.parentWidget()
    return False


def unnamed(root: QWidget) -> list[str]:
    return sorted(
        f"{type(w).__name__} {w.objectName() or '?'} ({getattr(w, 'text', lambda: '')()})"
        f" in {[type(p).__name__ + ':' + p.objectName() for p in _parents(w)]}"
        for w in root.findChildren(QWidget)
        if is_interactive(w) and not _internal(w) and not w.accessibleName().strip()
    )


def test_department_window_controls_have_names(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(dept_file)
    missing = unnamed(window)
    assert missing == [], "\n".join(missing)


def test_division_window_controls_have_names(window, qtbot, master: Path) -> None:  # type: ignore[no-untyped-def]
    view = open_workbench(window, qtbot, master)
    for index in range(view.ui.tabs.count()):  # every tab, as a user would visit them
        view.ui.tabs.setCurrentIndex(index)
        qtbot.wait(10)
    missing = unnamed(window)
    assert missing == [], "\n".join(missing)


def _parents(widget: QWidget) -> list[QWidget]:
    out = []
    node = widget.parentWidget()
    while node is not None and len(out) < 3:
        out.append(node)
        node = node.parentWidget()
    return out


def test_focus_is_visible_on_buttons_and_rating_choices(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    assert window.open_path(dept_file)
    editor = window.view.editor
    window.activateWindow()
    for widget in (editor.rating_button("B"), window.view.ui.submitButton):
        assert not _framed(window, widget)
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda w=widget: QApplication.focusWidget() is w)
        assert _framed(window, widget), f"no visible focus on {widget.objectName()}"
    editor.text_edit("result").setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.text_edit("result"))
    assert not _framed(window, window.view.ui.submitButton)  # the mark left with the focus


def _framed(window: QWidget, widget: QWidget) -> bool:
    """The focus mark's colour is drawn on or just around ``widget`` (as the window shows it)."""
    from PySide6.QtCore import QPoint, QRect

    from welfareplan.gui.accessible import FOCUS_FRAME

    area = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()).adjusted(-4, -4, 4, 4)
    image = window.grab(area).toImage()
    return any(
        image.pixelColor(x, y) == FOCUS_FRAME
        for y in range(image.height())
        for x in range(image.width())
    )


def test_tooltips_of_submit_and_progress(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(dept_file)
    ui = window.view.ui
    assert "Ctrl+Enter" in ui.submitButton.toolTip()
    assert ui.progressBar.toolTip().startswith("30 件の事業のうち 0 件の記入が完了")
    assert ui.progressBar.accessibleName() == "記入の進み具合"


def test_ctrl_f_finds_the_departments_texts(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from tests.gui.conftest import type_text

    assert window.open_path(dept_file)
    view, editor = window.view, window.view.editor
    items = view.worklist.items
    type_text(qtbot, QApplication.focusWidget(), "見守り活動を行った。")
    view.select_entry(items[3].entry_id)
    editor.text_edit("outlook").setFocus()
    type_text(qtbot, editor.text_edit("outlook"), "地域の見守りを続ける。")
    view.select_entry(items[0].entry_id)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = view.find_bar
    assert bar.isVisible() and QApplication.focusWidget() is bar.edit
    type_text(qtbot, QApplication.focusWidget(), "見守り")
    assert view.current_id == items[0].entry_id
    assert editor.text_edit("result").textCursor().selectedText() == "見守り"
    assert bar.count.text() == "1 / 2 件"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert view.current_id == items[3].entry_id
    cursor = editor.text_edit("outlook").textCursor()
    assert cursor.selectedText() == "見守り" and cursor.selectionStart() == 3
    assert bar.count.text() == "2 / 2 件"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # wraps around
    assert view.current_id == items[0].entry_id
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.current_id == items[3].entry_id
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not bar.isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "zzz")
    assert bar.count.text() == "見つかりません"


def test_f3_before_ctrl_f_opens_the_find_bar(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    """The bar is made when first wanted (not at start-up), by F3 as well as by Ctrl+F."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from welfareplan.gui.find_bar import FindBar

    assert window.open_path(dept_file)
    view = window.view
    assert view.findChild(FindBar) is None
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F3)
    bar = view.find_bar
    assert bar.isVisible() and QApplication.focusWidget() is bar.edit
    assert view.findChildren(FindBar) == [bar]
