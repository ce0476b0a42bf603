"""提出 from the department window (issue 15 item 4): the dialog counts projects and wraps its
lines, an incomplete submission looks different from a complete one, and 提出後に変更あり
disappears when an edit is undone back to the submitted text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.gui.conftest import click_button, type_text, wait_saved
from tests.helpers.shaped_plans import OTHER_CITY, shaped


def open_file(window, qtbot, path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(path)
    qtbot.waitUntil(lambda: window.view is not None)


def submit_as(window, qtbot, answer, name: str, seen: dict) -> None:  # type: ignore[no-untyped-def, type-arg]
    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.resize(420, 480)
        qtbot.waitExposed(dialog)
        view = dialog.ui.problemList
        seen["summary"] = dialog.ui.summaryLabel.text()
        seen["rows"] = [view.item(n).text() for n in range(view.count())]
        fm = view.fontMetrics()
        seen["wrapped"] = [
            (
                view.visualItemRect(view.item(n)).height(),
                fm.lineSpacing(),
                max(fm.horizontalAdvance(line) for line in view.item(n).text().split("\n")),
                view.viewport().width(),
                view.item(n).text().count("\n") + 1,
            )
            for n in range(view.count())
        ]
        type_text(qtbot, dialog.findChild(QLineEdit, "nameEdit"), name)
        ok = [b for b in ("提出する", "未記入のまま提出する") if b in _buttons(dialog)]
        click_button(dialog, ok[0])

    answer(fill)
    answer(lambda box: click_button(box, "OK"))
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )


def _buttons(dialog) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton

    return [b.text().replace("&", "") for b in dialog.findChildren(QAbstractButton)]


def test_incomplete_submission_and_undone_edit(window, qtbot, dept_file: Path, answer) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, dept_file)
    view, editor = window.view, window.view.editor
    # complete the first project by keyboard, rating D without an outlook (a warning)
    type_text(qtbot, QApplication.focusWidget(), "条例に基づき対応した。")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_4)
    wait_saved(window, qtbot)
    total = len(view.worklist.items)
    seen: dict = {}  # type: ignore[type-arg]
    submit_as(window, qtbot, answer, "小金井 花子", seen)
    # project 1 only lacks the outlook that D asks for (a warning); the others are missing
    assert f"未記入のある事業 {total - 1} 件" in seen["summary"]
    assert "注意のある事業 1 件" in seen["summary"]
    assert len(seen["rows"]) == total  # one row per project, not per field
    assert seen["rows"][0].startswith(view.worklist.items[0].title)
    # long lines wrap within the list instead of being cut
    for height, line, widest, width, lines in seen["wrapped"]:
        assert widest < width or height >= (lines + 1) * line
    assert any(widest >= width for _, _, widest, width, _ in seen["wrapped"])
    label = view.ui.submissionLabel
    assert label.text().startswith("提出済み（未記入あり）")
    # an edit after submission, then undone back to the submitted text
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    window.activateWindow()
    editor.text_edit("result").setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.text_edit("result"))
    type_text(qtbot, QApplication.focusWidget(), "追記")
    view.save_current()

    assert label.text().startswith("提出後に変更あり")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.text_edit("result").toPlainText() == "条例に基づき対応した。"
    view.save_current()
    assert label.text().startswith("提出済み（未記入あり）")
    wait_saved(window, qtbot)
    # the file says the same to the division: submitted and unchanged
    from welfareplan.core.storage import Workbook
    from welfareplan.workflow.issuing.department_file import read_state

    window.close_document()
    with Workbook.open(dept_file) as wb:
        assert read_state(wb).is_final


def test_complete_submission(window, qtbot, tmp_path: Path, answer) -> None:  # type: ignore[no-untyped-def]
    plans = shaped(tmp_path, OTHER_CITY, 2025)
    full = {"actual": "118", "achievement": "A", "activities": "研修を行った。"}
    plans.fill("福祉総務課", dict.fromkeys(("4", "5", "7"), full))
    open_file(window, qtbot, plans.file("福祉総務課"))
    assert window.view.progress() == (3, 3)
    seen: dict = {}  # type: ignore[type-arg]
    submit_as(window, qtbot, answer, "担当 太郎", seen)
    assert "全 3 件の記入が完了しています" in seen["summary"]
    text = window.view.ui.submissionLabel.text()
    assert text.startswith("提出済み（") and "未記入" not in text and "担当 太郎" in text
