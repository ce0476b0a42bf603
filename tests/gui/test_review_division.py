"""差戻し in the division's window: add a comment to a field through the dialog (a bad choice
refused in the dialog), send it back with a re-issued file, see the reply beside the changes in
the merge tab, close it, and the dashboard counts the open comments."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.gui.conftest import click_button, type_text
from tests.gui.workbench import issue, open_workbench, wait_written
from welfareplan.core.storage import Workbook
from welfareplan.gui.division.view import TAB_DASHBOARD, TAB_MERGE, TAB_REVIEW

pytestmark = pytest.mark.gui
SHOTS = os.environ.get("WP_SHOTS")


def test_division_adds_sends_back_and_closes_a_comment(  # type: ignore[no-untyped-def]
    window,
    qtbot,
    answer,
    master: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    backend,
) -> None:
    from welfareplan.core.review_file import file_comments, write_reply

    issue(master, tmp_path / "配布", ["介護福祉課"])
    view = open_workbench(window, qtbot, master, backend)
    view.ui.tabs.setCurrentIndex(TAB_REVIEW)
    tab = view.tab(TAB_REVIEW)
    assert "差戻しの指摘はありません" in tab.summary.text()

    def add(dialog) -> None:  # type: ignore[no-untyped-def]
        qtbot.waitExposed(dialog)
        dialog.department.setCurrentText("介護福祉課")
        dialog.project.setCurrentIndex(dialog.project.findData("9"))
        dialog.field.setCurrentIndex(dialog.field.findData("result"))
        click_button(dialog, "追加する")  # no comment typed: refused, the dialog stays
        assert dialog.isVisible() and "指摘を入力してください" in dialog.error.text()
        dialog.text.setFocus()
        type_text(qtbot, dialog.text, "B の理由を具体的に。")
        if SHOTS:
            dialog.grab().save(f"{SHOTS}/add_comment_dialog.png")
        click_button(dialog, "追加する")

    answer(add)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.tree.topLevelItemCount() == 1)
    row = tab.tree.topLevelItem(0)
    assert [row.text(i) for i in range(4)] == [
        "未送付",
        "介護福祉課",
        "事業9 市民に対する啓発活動の推進",
        "事業実績・評価理由",
    ]
    wait_written(window, qtbot)

    out = tmp_path / "差戻し"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(tab.send_button, Qt.MouseButton.LeftButton)
    assert "差戻しました" in tab.status.text(), tab.status.text()
    assert tab.tree.topLevelItem(0).text(0) == "未解決"
    (sent,) = out.glob("*.wpdb")
    wait_written(window, qtbot)
    view.ui.tabs.setCurrentIndex(TAB_DASHBOARD)
    dash = view.tab(TAB_DASHBOARD)
    dash.refresh()
    assert "未解決の指摘 1 件" in dash.ui.summaryLabel.text()
    assert "差戻し 1" in dash.ui.summaryLabel.text()
    assert "未解決の指摘 1 件" in dash.ui.reminderText.toPlainText()

    with Workbook.open(sent) as dept:
        (c,) = file_comments(dept)
        write_reply(dept, c.id, "利用者数の減少が理由です。", author="山田 花子")
    view.ui.tabs.setCurrentIndex(TAB_MERGE)
    merge = view.tab(TAB_MERGE)
    merge.add_files([sent])
    merge.run_preview()
    qtbot.waitUntil(lambda: merge.preview is not None, timeout=20000)
    top = merge.ui.fileTree.topLevelItem(0)
    kids = [top.child(i) for i in range(top.childCount())]
    (reply,) = [k for k in kids if k.text(1) == "差戻しへの回答"]
    merge.ui.fileTree.setCurrentItem(reply)
    assert "利用者数の減少が理由です。" in merge.ui.diffBrowser.toPlainText()
    assert "B の理由を具体的に。" in merge.ui.diffBrowser.toPlainText()

    view.ui.tabs.setCurrentIndex(TAB_REVIEW)
    tab.refresh()
    tab.note.setFocus()
    type_text(qtbot, tab.note, "了解しました。")
    assert tab.minimumSizeHint().width() <= 1000  # nothing on the tab widens the window
    if SHOTS:
        window.grab().save(f"{SHOTS}/division_review.png")
    qtbot.mouseClick(tab.resolve_button, Qt.MouseButton.LeftButton)
    assert tab.tree.topLevelItem(0).text(0) == "解決済み"
    assert not tab.resolve_button.isEnabled()
