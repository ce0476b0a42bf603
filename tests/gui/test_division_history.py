"""The 変更履歴・バックアップ tab at 1280×720, driven like a user (issue 15, items 9 and 12):
undo one import (or read what blocks it), restore a backup after reading what it discards,
and find changes by text, date and field names in Japanese, with the notes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QPoint, Qt

from tests.gui.conftest import click_button, type_text
from tests.gui.workbench import (
    edit_master,
    fill,
    issue,
    master_value,
    merge_into,
    open_workbench,
    wait_idle,
    wait_written,
)
from tests.helpers.koganei import kv
from welfareplan.gui.division.view import TAB_AUDIT, TAB_ENTRIES


def click_row(qtbot, widget, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = widget.visualItemRect(widget.item(row))
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def review(seen: list, button: str):  # type: ignore[no-untyped-def]
    """Read a review dialog (its text and rows) and press ``button``."""

    def act(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append((dialog.windowTitle(), dialog.ui.introLabel.text(), dialog.rows))
        click_button(dialog, button)

    return act


def table_rows(audit) -> list[list[str]]:  # type: ignore[no-untyped-def]
    t = audit.ui.auditTable
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_undo_one_import_restore_a_backup_and_search_the_history(
    window, qtbot, master: Path, tmp_path: Path, answer
) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 720)
    a, b = issue(master, tmp_path / "out", ["地域福祉課", "健康課"])
    fill(a, {1: kv("地域福祉課の実績", "A", "")})
    fill(b, {7: kv("健康課の実績", "", "")})
    merge_into(master, a)
    merge_into(master, b)
    edit_master(master, 7, "健康課", outlook="地域福祉課が足した展望")
    view = open_workbench(window, qtbot, master)
    view.ui.tabs.setCurrentIndex(TAB_AUDIT)
    audit = view.tab(TAB_AUDIT)
    imports = audit.ui.importList
    assert [imports.item(i).text().split("　")[1].split("（")[0] for i in range(2)] == [
        b.name,
        a.name,
    ]
    backups = [audit.ui.backupList.item(i).text() for i in range(audit.ui.backupList.count())]
    assert any(f"取り込みの前（{a.name}）" in t for t in backups)
    assert any(f"取り込みの前（{b.name}）" in t for t in backups)

    # undo 健康課's import: its only field is put back; the outlook edited later stays
    seen: list = []
    answer(review(seen, "取り消す"))
    answer(lambda box: (seen.append(box.text()), click_button(box, "OK")))
    click_row(qtbot, imports, 0)
    qtbot.mouseClick(audit.ui.undoButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    title, intro, rows = seen[0]
    assert title == "取り込みの取り消し" and b.name in intro and "1 項目" in intro
    assert rows == [
        [
            "事業7 災害時における避難行動要支援者への支援体制の充実（健康課）",
            "事業実績・評価理由",
            "健康課の実績",
            "（空欄）",
        ]
    ]
    assert "取り消しました" in seen[1]
    wait_written(window, qtbot)
    assert master_value(master, 7, "健康課", "result") == ""
    assert master_value(master, 7, "健康課", "outlook") == "地域福祉課が足した展望"
    assert imports.count() == 1

    # 地域福祉課's import is blocked once the division corrects its text in the window
    view.ui.tabs.setCurrentIndex(TAB_ENTRIES)
    ev = view.entry_view()
    ev.select_entry(next(i for i in ev.worklist.items if i.label == "1").entry_id)
    edit = ev.editor.text_edit("result")
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, edit, "（課で補足）")
    assert ev.save_current()
    view.ui.tabs.setCurrentIndex(TAB_AUDIT)
    seen.clear()
    answer(review(seen, "閉じる"))
    click_row(qtbot, imports, 0)
    qtbot.mouseClick(audit.ui.undoButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=5000)
    title, intro, rows = seen[0]
    assert "取り消せません" in intro and len(rows) == 1
    assert rows[0][0].endswith("（地域福祉課） 事業実績・評価理由")
    assert rows[0][1].startswith("取り込みの後、") and "修正" in rows[0][1]
    wait_written(window, qtbot)
    assert "（課で補足）" in master_value(master, 1, "地域福祉課", "result")

    # the history: the notes column, Japanese field names, text search and dates
    header = [audit.ui.auditTable.horizontalHeaderItem(c).text() for c in range(11)]
    assert header[-1] == "備考" and header[6] == "項目"
    rows = table_rows(audit)
    assert rows[0][2] == "修正" and rows[0][6] == "事業実績・評価理由"
    assert rows[0][10].startswith("入力者:")
    assert any(r[2] == "取込の取り消し" and "1 項目を戻し" in r[10] for r in rows)
    audit.ui.searchEdit.setFocus()
    type_text(qtbot, audit.ui.searchEdit, "健康課の実績")
    qtbot.waitUntil(lambda: audit.ui.countLabel.text() == "2 件", timeout=3000)
    assert {r[2] for r in table_rows(audit)} == {"取込", "取込の取り消し"}
    audit.ui.searchEdit.clear()
    qtbot.mouseClick(audit.ui.periodCheck, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    audit.ui.untilEdit.setDate(QDate.currentDate().addDays(-1))
    qtbot.waitUntil(lambda: audit.ui.countLabel.text() == "0 件", timeout=3000)
    audit.ui.untilEdit.setDate(QDate.currentDate())
    assert audit.ui.auditTable.rowCount() > 3

    # restore the copy made before 地域福祉課's import: the dialog lists what it throws away
    backups = audit.backups
    before_a = next(i for i, x in enumerate(backups) if x.what == a.name)
    seen.clear()
    answer(review(seen, "この時点に戻す"))
    answer(lambda box: (seen.append(box.text()), click_button(box, "OK")))
    click_row(qtbot, audit.ui.backupList, before_a)
    qtbot.mouseClick(audit.ui.restoreButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    title, intro, rows = seen[0]
    assert title == "バックアップから戻す" and f"取り込みの前（{a.name}）" in intro
    actions = [r[2] for r in rows]
    assert actions.count("取込") == 3  # 地域福祉課's two fields and 健康課's one
    assert "修正" in actions and "取込の取り消し" in actions
    assert "戻しました" in seen[1]
    wait_written(window, qtbot)
    assert master_value(master, 1, "地域福祉課", "result") == ""
    assert master_value(master, 7, "健康課", "outlook") == ""
    view.ui.tabs.setCurrentIndex(TAB_AUDIT)
    audit = view.tab(TAB_AUDIT)
    top = table_rows(audit)[0]
    assert top[2] == "バックアップから復元" and f"取り込みの前（{a.name}）" in top[10]
    assert audit.ui.importList.count() == 0
