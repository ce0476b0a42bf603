"""差戻し and the section chief's confirmation in the department window (issue 18): the division
sends back fields of two departments with comments; in the re-issued file the window shows each
comment beside its field and lists the open ones, the department edits and replies by keyboard
and mouse, records the confirmation; the merge shows the replies; the division closes one
comment and keeps the other open; status, dashboard text, reminder and audit agree."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit

from tests.gui.conftest import click_button, type_text, wait_saved
from welfareplan.core.storage import Workbook

pytestmark = pytest.mark.gui

YEAR = 2025
KAIGO, KENKO = "介護福祉課", "健康課"
SHOTS = os.environ.get("WP_SHOTS")


def _sent_back(demo_master: Path, tmp_path: Path) -> tuple[Path, dict[str, Path]]:
    from welfareplan.workflow.issuing.distribute import distribute
    from welfareplan.workflow.review.comments import add_comment
    from welfareplan.workflow.review.send_back import send_back
    from welfareplan.workflow.rounds.lifecycle import create_round

    master = tmp_path / "マスター.wpdb"
    shutil.copyfile(demo_master, master)
    master.chmod(0o644)
    first, again = tmp_path / "配布", tmp_path / "差戻し"
    first.mkdir()
    again.mkdir()
    with Workbook.open(master) as wb:
        create_round(wb, YEAR)
        distribute(wb, YEAR, first)
        add_comment(wb, YEAR, KAIGO, "9", field="事業実績・評価理由", text="B の理由を具体的に。")
        add_comment(wb, YEAR, KENKO, "7", field="outlook", text="来年度の目標値を書いてください。")
        files = {d: send_back(wb, YEAR, d, again).files[0].path for d in (KAIGO, KENKO)}
    return master, files


def test_department_answers_comments_and_records_confirmation(  # type: ignore[no-untyped-def]
    window, qtbot, answer, demo_master: Path, tmp_path: Path
) -> None:
    from welfareplan.core.review_file import file_comments, write_reply
    from welfareplan.workflow.returns.apply import apply_merge
    from welfareplan.workflow.returns.compare import preview_merge
    from welfareplan.workflow.review.comments import close_comment, list_comments
    from welfareplan.workflow.status import DepartmentState, round_status

    master, files = _sent_back(demo_master, tmp_path)
    assert window.open_path(files[KAIGO])
    qtbot.waitUntil(lambda: window.view is not None)
    view = window.view
    panel = view.review
    assert panel is not None and panel.isVisible()
    assert panel.list.count() == 1 and "未回答 1 件" in panel.title.text()
    assert "［未回答］事業9" in panel.list.item(0).text()
    # activating the comment opens its project; the comment is shown above its field
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.current_item() is not None and view.current_item().label == "9")
    note = view.editor.comment_labels["result"]
    assert note.isVisible() and "B の理由を具体的に。" in note.text()
    assert not view.editor.comment_labels["outlook"].isVisible()
    # the department edits the field …
    edit = view.editor.text_edit("result")
    edit.setFocus()
    type_text(qtbot, edit, "利用者数が 2 割減ったため B。")
    wait_saved(window, qtbot)
    # … and answers the comment
    panel.reply.setFocus()
    type_text(qtbot, panel.reply, "利用者数の減少を理由に書きました。")
    type_text(qtbot, panel.author, "山田 花子")
    qtbot.mouseClick(panel.save, Qt.MouseButton.LeftButton)
    assert panel.status.text() == "回答を保存しました。", panel.status.text()
    assert "［回答済み］" in panel.list.item(0).text() and "未回答 0 件" in panel.title.text()
    assert "回答: 利用者数の減少を理由に書きました。" in note.text()
    wait_saved(window, qtbot)

    # a refused reply changes nothing and says why
    panel.reply.clear()
    qtbot.mouseClick(panel.save, Qt.MouseButton.LeftButton)
    assert "回答を入力してください" in panel.status.text()

    # the section chief's confirmation: a bad name is refused in the dialog, then recorded
    def confirm(dialog) -> None:  # type: ignore[no-untyped-def]
        qtbot.waitExposed(dialog)
        assert "電子署名ではありません" in " ".join(
            w.text() for w in dialog.findChildren(type(dialog.error))
        )
        assert not dialog.findChild(QCheckBox, "noConfirmation").isChecked()
        click_button(dialog, "記録する")
        assert dialog.isVisible() and "氏名を入力" in dialog.error.text()
        type_text(qtbot, dialog.findChild(QLineEdit, "confirmName"), "佐藤 一郎")
        if SHOTS:
            dialog.grab().save(f"{SHOTS}/confirm_dialog.png")
        click_button(dialog, "記録する")

    answer(confirm)
    assert window.ui.actionConfirm.isEnabled()  # ファイル › 所属長の確認を記録
    window.ui.actionConfirm.trigger()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert "確認済み（所属長 佐藤 一郎" in view.ui.submissionLabel.text()
    wait_saved(window, qtbot)
    # the panel and the recorded confirmation still fit a small screen (800 wide)
    assert window.minimumSizeHint().width() <= 800, window.minimumSizeHint()
    if SHOTS:
        window.grab().save(f"{SHOTS}/department_review.png")
    assert window.close_document()

    # 健康課 answers from its own file (the same service the window uses)
    with Workbook.open(files[KENKO]) as dept:
        (c,) = file_comments(dept)
        write_reply(dept, c.id, "目標値は 120 人です。", author="鈴木")

    with Workbook.open(master) as wb:
        preview = preview_merge(wb, [files[KAIGO], files[KENKO]])
        by = {f.department_name: f for f in preview.files}
        (reply,) = by[KAIGO].replies
        assert reply.reply.text == "利用者数の減少を理由に書きました。"
        assert reply.reply.author == "山田 花子"
        assert {(c.field, c.new) for c in by[KAIGO].changes} == {
            ("result", "利用者数が 2 割減ったため B。")
        }
        assert by[KAIGO].state is not None and by[KAIGO].state.confirmation is not None
        assert apply_merge(wb, preview).rejected == 0
        comments = {c.department_name: c for c in list_comments(wb, YEAR)}
        close_comment(wb, comments[KAIGO].id, resolved=True, note="了解しました。")
        close_comment(wb, comments[KENKO].id, resolved=False, note="根拠も書いてください。")
        status = round_status(wb, YEAR)
    st = {d.department_name: d for d in status.departments}
    assert st[KAIGO].open_comments == 0 and st[KAIGO].confirmation_label.startswith("確認済み")
    assert st[KENKO].open_comments == 1 and st[KENKO].state is not DepartmentState.SENT_BACK
    assert KENKO in {d.department_name for d in status.to_remind}
