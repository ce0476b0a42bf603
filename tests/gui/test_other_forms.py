"""The department window on plans of other shapes (issue 14): its inputs, tree and checks come
from the plan's form and levels — eight codes with number fields, a form without rating."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import iter_leaves, type_text, wait_saved
from tests.helpers.department_file import stored
from tests.helpers.shaped_plans import OTHER_CITY, SHAKYO, shaped


def open_file(window, qtbot, path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(path)
    qtbot.waitUntil(lambda: window.view is not None)


def test_eight_codes_and_numbers(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = shaped(tmp_path, OTHER_CITY, 2025).file("福祉総務課")
    open_file(window, qtbot, path)
    editor = window.view.editor
    assert [b.text().split("（")[0] for b in editor.rating_buttons()] == list("SABCDXYZ")
    # eight codes on a grid: the criteria in the tooltip and below, for the chosen code
    assert editor.rating_button("Z").text() == "Z（8）"
    assert editor.rating_button("Z").toolTip().startswith("評価困難")
    leaves: list[Any] = list(iter_leaves(window))
    assert [leaf.text(0).split("　")[0] for leaf in leaves] == ["4", "5", "7"]
    assert leaves[0].parent().text(0).startswith("イ")  # 施策, under 基本目標1
    assert editor.ui.titleLabel.text() == "事業4　民生委員・児童委員の活動支援"
    assert editor.inputs.targets["actual"].text() == "目標: 120人"
    assert "実績値が未記入です" in editor.ui.checksLabel.text()

    editor.number_edit("actual").setFocus()
    type_text(qtbot, editor.number_edit("actual"), "多数")
    assert "数値ではありません" in editor.ui.checksLabel.text()
    editor.number_edit("actual").clear()
    type_text(qtbot, editor.number_edit("actual"), "１１８")
    editor.rating_button("S").setFocus()
    qtbot.keyClick(editor.rating_button("S"), Qt.Key.Key_6)  # the scale's key of X
    assert editor.rating_button("X").isChecked()
    assert editor.inputs.criteria.text().startswith("X: 未着手")
    assert "評価がXのときは" in editor.ui.checksLabel.text()
    editor.text_edit("activities").setFocus()
    type_text(qtbot, editor.text_edit("activities"), "研修を準備した。")
    qtbot.keyClick(
        editor.text_edit("activities"), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier
    )
    assert editor.rating_button("A").isChecked()
    wait_saved(window, qtbot)
    assert stored(path, "4") == {
        "actual": "118",
        "achievement": "A",
        "activities": "研修を準備した。",
    }
    assert window.view.ui.progressLabel.text() == "1 / 3 件 完了"


def test_a_form_without_rating(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = shaped(tmp_path, SHAKYO, 2023).file("地域包括係")
    open_file(window, qtbot, path)
    editor = window.view.editor
    assert editor.rating_buttons() == []
    leaves: list[Any] = list(iter_leaves(window))
    top = leaves[0].parent().parent().parent()
    assert top.text(0).startswith("基本目標2")  # three levels above the projects
    assert not editor.ui.copyButton.isVisible()
    editor.focus_first_input()
    assert QApplication.focusWidget() is editor.text_edit("progress")
    type_text(qtbot, editor.text_edit("progress"), "養成講座を開いた。")
    assert "評価・課題が未記入です" in editor.ui.checksLabel.text()
    qtbot.keyClick(editor.text_edit("progress"), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.text_edit("issues")
    type_text(qtbot, editor.text_edit("issues"), "受講者を増やす。")
    wait_saved(window, qtbot)
    label = leaves[0].text(0).split("　")[0]
    assert stored(path, label) == {"progress": "養成講座を開いた。", "issues": "受講者を増やす。"}
    assert window.view.ui.progressLabel.text() == f"1 / {len(leaves)} 件 完了"
