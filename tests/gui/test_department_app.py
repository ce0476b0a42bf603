"""The department window, driven like a user: keys, clicks, dialogs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.gui.conftest import click_button, iter_leaves, type_text, wait_saved
from welfareplan.core.lockfile import lock_path_for
from welfareplan.gui.division.view import TAB_ENTRIES


def db_entry(path: Path, number: int) -> tuple[str, str, str]:
    con = sqlite3.connect(path)
    try:
        values = dict(
            con.execute(
                "SELECT v.field, v.value FROM entry_value v JOIN entry e ON e.id = v.entry_id "
                "JOIN project p ON p.id = e.project_id JOIN round r ON r.id = e.round_id "
                "WHERE p.label = ? AND r.fiscal_year = 2025",
                (str(number),),
            ).fetchall()
        )
        return tuple(values.get(k, "") for k in ("result", "rating", "outlook"))  # type: ignore[return-value]
    finally:
        con.close()


def meta(path: Path) -> dict[str, str]:
    con = sqlite3.connect(path)
    try:
        return dict(con.execute("SELECT key, value FROM wp_meta"))
    finally:
        con.close()


def click_radio(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    """Click where a user would: on the round indicator at the left of the label."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def open_file(window, qtbot, path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(path)
    qtbot.waitUntil(lambda: window.view is not None)


def test_header_tree_and_context(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, dept_file)
    ui = window.view.ui
    assert ui.departmentLabel.text() == "地域福祉課"
    assert ui.yearLabel.text() == "令和7年度実績（2025年度）"
    assert ui.deadlineLabel.text() == "提出期限: 令和8年5月29日"
    assert ui.progressLabel.text() == "0 / 30 件 完了"
    assert ui.submissionLabel.text() == "未提出"
    leaves = list(iter_leaves(window))
    assert len(leaves) == 30
    assert leaves[0].text(0).startswith("1　ユニバーサルデザイン")
    assert leaves[0].parent().text(0) == "① 暮らしやすいまちづくり"
    assert leaves[0].parent().parent().parent().text(0) == "基本目標1　福祉のまちづくり"
    editor = window.view.editor
    assert editor.ui.titleLabel.text() == "事業1　ユニバーサルデザインによるまちづくりの推進"
    assert editor.previous_label("rating").text() == "A"
    assert editor.ui.inputGroup.title() == "令和7年度の記入"
    assert editor.ui.previousGroup.title() == "令和6年度の記入（参考）"
    assert "ほぼ施策内容を達成した" in editor.rating_button("A").text()
    assert lock_path_for(dept_file).exists()


def test_type_rate_autosave_and_reopen(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, dept_file)
    editor = window.view.editor
    editor.text_edit("result").setFocus()
    type_text(qtbot, editor.text_edit("result"), "福祉のまちづくり条例に基づき対応した。")
    assert editor.count_label("result").text() == "19 文字"
    # rating by keyboard: Tab to the rating buttons, then press 2 (= B)
    qtbot.keyClick(editor.text_edit("result"), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() in editor.rating_buttons()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
    assert editor.rating_button("B").isChecked()
    # and by click
    click_radio(qtbot, editor.rating_button("A"))
    assert editor.rating_button("A").isChecked()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    type_text(qtbot, QApplication.focusWidget(), "引き続き情報発信を行う。")
    wait_saved(window, qtbot)
    assert db_entry(dept_file, 1) == (
        "福祉のまちづくり条例に基づき対応した。",
        "A",
        "引き続き情報発信を行う。",
    )
    assert window.view.ui.progressLabel.text() == "1 / 30 件 完了"
    assert meta(dept_file)["revision"] != "0"
    window.close_document()
    assert not lock_path_for(dept_file).exists()
    open_file(window, qtbot, dept_file)
    assert (
        window.view.editor.text_edit("result").toPlainText()
        == "福祉のまちづくり条例に基づき対応した。"
    )
    assert window.view.editor.rating_button("A").isChecked()


def test_rating_keys_letters_and_ctrl_digits(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, dept_file)
    editor = window.view.editor
    editor.rating_button("A").setFocus()
    qtbot.keyClick(editor.rating_button("A"), Qt.Key.Key_D)
    assert editor.rating_button("D").isChecked()
    editor.text_edit("result").setFocus()
    qtbot.keyClick(editor.text_edit("result"), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert editor.rating_button("C").isChecked()
    assert editor.text_edit("result").toPlainText() == ""  # the shortcut typed nothing


def test_undo_per_field_survives_switching_projects(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, dept_file)
    view = window.view
    editor = view.editor
    editor.text_edit("result").setFocus()
    type_text(qtbot, editor.text_edit("result"), "一つ目")
    qtbot.keyClick(editor.text_edit("result"), Qt.Key.Key_Return)
    type_text(qtbot, editor.text_edit("result"), "二つ目")
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert editor.ui.titleLabel.text().startswith("事業2")
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert editor.ui.titleLabel.text().startswith("事業1")
    editor.text_edit("result").setFocus()
    qtbot.keyClick(editor.text_edit("result"), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "二つ目" not in editor.text_edit("result").toPlainText()
    assert editor.text_edit("result").toPlainText().startswith("一つ目")
    # rating undo through the Edit menu
    click_radio(qtbot, editor.rating_button("B"))
    click_radio(qtbot, editor.rating_button("D"))
    window.ui.actionUndo.trigger()
    assert editor.rating_button("B").isChecked()
    window.ui.actionRedo.trigger()
    assert editor.rating_button("D").isChecked()


def test_checks_shown_as_you_go(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, dept_file)
    editor = window.view.editor
    ui = editor
    assert "事業実績・評価理由が未記入です" in ui.ui.checksLabel.text()
    assert "事業評価（A〜D）が選ばれていません" in ui.ui.checksLabel.text()
    click_radio(qtbot, ui.rating_button("D"))
    assert "評価がDのときは" in ui.ui.checksLabel.text()
    assert "前年度の評価（A）からDに変わりました" in ui.ui.checksLabel.text()
    # paste last year's text: flagged 前年と同一
    ui.text_edit("result").setFocus()
    ui.text_edit("result").insertPlainText(editor.item.previous.get("result"))
    assert "前年と同一" in ui.ui.checksLabel.text()
    ui.text_edit("outlook").setFocus()
    type_text(qtbot, ui.text_edit("outlook"), "課題を整理する。")
    assert "評価がDのときは" not in ui.ui.checksLabel.text()


def test_copy_previous_outlook_is_undoable(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, dept_file)
    ui = window.view.editor
    previous = window.view.editor.item.previous.get("outlook")
    qtbot.mouseClick(ui.ui.copyButton, Qt.MouseButton.LeftButton)
    assert ui.text_edit("outlook").toPlainText() == previous
    ui.text_edit("outlook").setFocus()
    qtbot.keyClick(ui.text_edit("outlook"), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ui.text_edit("outlook").toPlainText() == ""


def test_ime_composition_does_not_trigger_checks_or_saves(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, dept_file)
    view = window.view
    ui = view.editor
    ui.text_edit("result").setFocus()
    before = ui.ui.checksLabel.text()
    QApplication.sendEvent(ui.text_edit("result"), QInputMethodEvent("ふくし", []))
    assert view.editor.composing
    assert ui.ui.checksLabel.text() == before
    assert not view.autosave.pending()
    commit = QInputMethodEvent("", [])
    commit.setCommitString("福祉")
    QApplication.sendEvent(ui.text_edit("result"), commit)
    assert not view.editor.composing
    assert ui.text_edit("result").toPlainText() == "福祉"
    assert view.autosave.pending()
    wait_saved(window, qtbot)
    assert db_entry(dept_file, 1)[0] == "福祉"


def test_pending_composition_is_committed_before_saving(
    window, qtbot, dept_file: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, dept_file)
    editor = window.view.editor
    calls: list[str] = []
    monkeypatch.setattr(
        type(editor), "commit_ime", lambda self: calls.append("commit") or self._composing.clear()
    )
    editor.text_edit("result").setFocus()
    type_text(qtbot, editor.text_edit("result"), "確定済み")
    QApplication.sendEvent(editor.text_edit("result"), QInputMethodEvent("へんかん", []))
    window.view.save_current()
    assert calls == ["commit"]


def test_navigation_and_filter(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, dept_file)
    view = window.view
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert view.editor.ui.titleLabel.text().startswith("事業2")
    qtbot.mouseClick(
        view.ui.filterCheck,
        Qt.MouseButton.LeftButton,
        pos=QPoint(8, view.ui.filterCheck.height() // 2),
    )
    assert window.ui.actionFilterIncomplete.isChecked()
    visible = [leaf for leaf in iter_leaves(window) if not leaf.isHidden()]
    assert len(visible) == 30  # nothing is complete yet


def test_submit_records_who_and_tells_where_the_file_is(
    window, qtbot, dept_file: Path, answer
) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, dept_file)
    seen: dict[str, str] = {}

    def fill_name(dialog) -> None:  # type: ignore[no-untyped-def]
        seen["summary"] = dialog.ui.summaryLabel.text()
        seen["problems"] = str(dialog.ui.problemList.count())
        edit = dialog.findChild(QLineEdit, "nameEdit")
        type_text(qtbot, edit, "小金井 花子")
        click_button(dialog, "未記入のまま提出する")

    def done(box) -> None:  # type: ignore[no-untyped-def]
        seen["done"] = box.text() + box.informativeText()
        click_button(box, "OK")

    answer(fill_name)
    answer(done)
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # counted per project, not per field (30 projects, 3 fields each)
    assert "未記入のある事業 30 件" in seen["summary"] and seen["problems"] == "30"
    assert str(dept_file) in seen["done"]
    m = meta(dept_file)
    assert m["submitted_by"] == "小金井 花子" and m["submitted_revision"] == m["revision"]
    assert window.view.ui.submissionLabel.text().startswith("提出済み")
    assert window.settings.entered_by == "小金井 花子"
    ui = window.view.editor
    ui.text_edit("result").setFocus()
    type_text(qtbot, ui.text_edit("result"), "提出後の追記")
    window.view.save_current()
    assert window.view.ui.submissionLabel.text().startswith("提出後に変更あり")


def test_second_instance_gets_read_only_view(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    from welfareplan.core.settings import Settings
    from welfareplan.gui.main_window import MainWindow

    open_file(window, qtbot, dept_file)
    other = MainWindow(Settings())
    qtbot.addWidget(other)
    other.show()
    assert other.open_path(dept_file)
    assert other.view.read_only
    assert other.ui.bannerLabel.isVisible() and "編集中です" in other.ui.bannerLabel.text()
    assert other.view.editor.text_edit("result").isReadOnly()
    assert not other.ui.actionSubmit.isEnabled()
    other.close()
    assert lock_path_for(dept_file).exists()  # the first window still holds it


def test_unwritable_share_keeps_text_and_says_so(window, qtbot, dept_file: Path, answer) -> None:  # type: ignore[no-untyped-def]
    open_file(window, qtbot, dept_file)
    share = dept_file.parent
    gone = share.with_name("切断")
    share.rename(gone)
    ui = window.view.editor
    ui.text_edit("result").setFocus()
    type_text(qtbot, ui.text_edit("result"), "切断中の入力")
    qtbot.waitUntil(
        lambda: (
            window.ui.bannerLabel.isVisible() and "接続できません" in window.ui.bannerLabel.text()
        ),
        timeout=5000,
    )
    assert "名前を付けて保存" in window.ui.bannerLabel.text()
    assert ui.text_edit("result").toPlainText() == "切断中の入力"

    def keep(box) -> None:  # type: ignore[no-untyped-def]
        click_button(box, "このコンピューターに残して閉じる")

    answer(keep)
    assert window.close_document()
    gone.rename(share)
    assert db_entry(dept_file, 1)[0] == ""

    def restore(box) -> None:  # type: ignore[no-untyped-def]
        click_button(box, "復元する")

    answer(restore)
    open_file(window, qtbot, dept_file)
    assert window.view.editor.text_edit("result").toPlainText() == "切断中の入力"
    wait_saved(window, qtbot)
    assert db_entry(dept_file, 1)[0] == "切断中の入力"


def test_bad_files_get_a_message_and_nothing_changes(window, qtbot, tmp_path: Path, answer) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "メモ.wpdb"
    bad.write_text("これはデータベースではありません", encoding="utf-8")
    seen: list[str] = []
    answer(lambda box: (seen.append(box.text()), click_button(box, "OK")))
    assert not window.open_path(bad)
    assert "welfareplan のファイルではありません" in seen[0]
    assert window.ui.pages.currentWidget() is window.welcome
    assert bad.read_text(encoding="utf-8") == "これはデータベースではありません"
    assert not lock_path_for(bad).exists()


def test_drop_a_file_onto_the_window(window, qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(dept_file))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.view is not None and window.view.worklist.department_name == "地域福祉課"
    assert window.settings.recent_files[0] == str(dept_file.resolve())
    window.close_document()
    assert window.welcome.ui.recentList.item(0).text().startswith("R7_地域福祉課.wpdb")


def test_closed_round_opens_read_only(window, qtbot, demo_copy: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(demo_copy)  # the demo workbook: FY2024, published and closed
    view = window.view
    assert "締切済" in view.ui.roundCombo.currentText()
    view.ui.tabs.setCurrentIndex(TAB_ENTRIES)
    entries = view.entry_view()
    assert entries is not None and entries.read_only
    assert entries.editor.text_edit("result").isReadOnly()
    assert entries.ui.progressLabel.text() == "69 / 69 件 完了"


def test_zoom_changes_the_font_and_is_remembered(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    base = QApplication.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() > base
    assert window.settings.zoom == 110
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() == pytest.approx(base)


def test_print_to_pdf_has_the_entries(window, qtbot, dept_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess

    from welfareplan.gui.printing import export_pdf

    open_file(window, qtbot, dept_file)
    ui = window.view.editor
    ui.text_edit("result").setFocus()
    type_text(qtbot, ui.text_edit("result"), "印刷される実績の文章")
    out = export_pdf(window._worksheet(), tmp_path / "評価シート.pdf")
    assert out.stat().st_size > 1000
    if shutil.which("pdftotext") is None:
        import os

        if os.environ.get("WELFAREPLAN_REQUIRE_RENDER"):
            pytest.fail("pdftotext is required in CI")
        pytest.skip("pdftotext not installed")
    raw = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = "".join(raw.split())  # pdftotext wraps cells
    assert not [c for c in text if 0x2E80 <= ord(c) <= 0x2FDF]  # kanji, never their radicals
    assert "令和7年度地域福祉計画事業評価シート" in text
    assert "担当課:地域福祉課" in text
    assert "印刷される実績の文章" in text
    assert "ユニバーサルデザインによるまちづくりの推進" in text
    assert "災害時における避難行動要支援者への支援体制の充実" in text


def test_first_start_offers_the_demo(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.welcome.ui.demoDepartmentButton.isDefault()  # highlighted on first start
    qtbot.mouseClick(window.welcome.ui.demoDepartmentButton, Qt.MouseButton.LeftButton)
    assert window.view is not None and window.document is not None
    assert window.view.worklist.department_name == "地域福祉課"
    assert window.view.worklist.fiscal_year == 2025 and not window.view.read_only
    assert window.document.original.name.startswith("R7_地域福祉課")
    assert window.settings.first_run_done
    assert window.close_document()
    qtbot.mouseClick(window.welcome.ui.demoDivisionButton, Qt.MouseButton.LeftButton)
    assert window.document is not None and window.document.kind.value == "workbook"
