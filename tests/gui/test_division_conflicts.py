"""Finding and deciding conflicts in the 取込 tab (issue 15, item 8), driven like a user at
1280×720: a filter for conflicts and rejections, per-file counts, F8 to the next conflict, the
earlier return named as the merge base, the rating chosen from the scale, back to 保留."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTreeWidgetItem

from tests.gui.conftest import click_button, type_text
from tests.gui.workbench import (
    edit_master,
    fill,
    issue,
    master_value,
    open_workbench,
    wait_idle,
    wait_written,
    where,
)
from tests.helpers.koganei import kv
from welfareplan.gui.division.view import TAB_ENTRIES, TAB_MERGE

KIND = Qt.ItemDataRole.UserRole + 1


def rows(tree) -> list[QTreeWidgetItem]:  # type: ignore[no-untyped-def]
    out = []
    for t in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(t)
        out.append(top)
        out += [top.child(c) for c in range(top.childCount())]
    return out


def visible(tree) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.data(0, KIND) for i in rows(tree) if not i.isHidden()]


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))


def yes(box) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QMessageBox

    QTest.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)


def merge_files(window, qtbot, view, files: list[Path]):  # type: ignore[no-untyped-def]
    view.add_files_to_merge(files)
    wait_idle(qtbot, view)
    return view.tab(TAB_MERGE)


def apply(window, qtbot, view, merge, answer) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    expected = 1
    if merge.preview is not None and len(merge.preview.conflicts) > len(merge.choices):
        expected = 2
        answer(lambda box: (seen.append(box.text()), yes(box)))  # leave some open?
    answer(lambda box: (seen.append(box.text()), click_button(box, "OK")))
    qtbot.mouseClick(merge.ui.applyButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view)
    qtbot.waitUntil(lambda: len(seen) == expected, timeout=5000)
    wait_written(window, qtbot)
    window.activateWindow()  # back from the message box
    qtbot.waitUntil(window.isActiveWindow)
    return seen


def test_filter_counts_next_conflict_scale_and_back_to_pending(
    window, qtbot, master: Path, tmp_path: Path, answer, backend
) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 720)
    files = issue(master, tmp_path / "out", ["地域福祉課", "介護福祉課"])
    # 地域福祉課 fills in three projects; 介護福祉課 one; a broken file comes along
    fill(
        files[0],
        {
            1: kv("実績1", "A", "展望1"),
            2: kv("実績2", "B", "展望2"),
            7: kv("実績7", "B", "展望7"),
        },
    )
    fill(files[1], {9: kv("実績9", "B", "展望9")})
    bad = tmp_path / "壊れた.wpdb"
    bad.write_bytes(b"nothing of ours")
    # meanwhile the division corrects two of the same fields in the master
    edit_master(master, 1, "地域福祉課", result="マスターで訂正した実績1")
    edit_master(master, 2, "地域福祉課", rating="D")
    view = open_workbench(window, qtbot, master, backend)
    merge = merge_files(window, qtbot, view, [*files, bad])
    tree = merge.ui.fileTree
    tops = {tree.topLevelItem(t).text(0): tree.topLevelItem(t) for t in range(3)}
    # per-file counts of changes and conflicts
    assert tops[files[0].name].text(1) == "取込: 変更 7・競合 2"
    assert tops[files[1].name].text(1) == "取込: 変更 3・競合 0"
    assert tops[bad.name].text(1).startswith("却下: ")
    assert visible(tree).count("change") == 10
    # only conflicts and rejections: the file without conflicts and every plain change go
    click(qtbot, merge.ui.filterCheck)
    assert visible(tree) == ["file", "conflict", "conflict", "file"]
    assert {i.text(0) for i in rows(tree) if i.data(0, KIND) == "file" and not i.isHidden()} == {
        files[0].name,
        bad.name,
    }
    # F8 goes to the first conflict, then to the next one; the earlier text is named
    qtbot.keyClick(window, Qt.Key.Key_F8)
    first = tree.currentItem()
    assert first.data(0, KIND) == "conflict" and "事業実績・評価理由" in first.text(0)
    assert "比べる元は「配布したときの内容」" in merge.ui.diffBrowser.toPlainText()
    click(qtbot, merge.ui.chooseFile)
    assert first.text(1) == "競合 → ファイル"
    qtbot.keyClick(window, Qt.Key.Key_F8)
    second = tree.currentItem()
    assert second is not first and "事業評価" in second.text(0)
    # the rating is written by hand from the scale's codes, not typed
    click(qtbot, merge.ui.chooseManual)
    assert merge.ui.manualRating.isVisible() and not merge.ui.manualEdit.isVisible()
    codes = [merge.ui.manualRating.itemText(i) for i in range(merge.ui.manualRating.count())]
    assert codes == ["（空欄）", "A", "B", "C", "D"]
    merge.ui.manualRating.setFocus()
    qtbot.keyClick(merge.ui.manualRating, Qt.Key.Key_C)
    assert second.text(1) == "競合 → 手で書き直し"
    assert merge.choices[(merge.preview.conflicts[1].key)] == ("manual", "C")
    # a chosen resolution goes back to 保留 (F8 wraps to the first conflict)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert tree.currentItem() is first
    click(qtbot, merge.ui.chooseLater)
    assert first.text(1) == "競合（保留）"
    assert merge.preview.conflicts[0].key not in merge.choices
    assert "選択済み 1" in merge.ui.summaryLabel.text()
    seen = apply(window, qtbot, view, merge, answer)
    assert "保留" in seen[0]  # asked before leaving one open
    held = where(window, master)
    assert master_value(held, 2, "地域福祉課", "rating") == "C"
    assert master_value(held, 1, "地域福祉課", "result") == "マスターで訂正した実績1"
    assert master_value(held, 7, "地域福祉課", "result") == "実績7"
    # the one left open is listed again, and F8 finds it there
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert tree.currentItem().data(0, KIND) == "stored"


def test_a_conflict_on_a_second_return_names_the_first_return(
    window, qtbot, master: Path, tmp_path: Path, answer, backend
) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 720)
    (dept,) = issue(master, tmp_path / "out", ["地域福祉課"])
    fill(dept, {1: kv("最初に送った実績", "B", "展望")})
    view = open_workbench(window, qtbot, master, backend)
    merge = merge_files(window, qtbot, view, [dept])
    apply(window, qtbot, view, merge, answer)
    # the division corrects it, the department changes it again and sends the file again
    view.ui.tabs.setCurrentIndex(TAB_ENTRIES)
    ev = view.entry_view()
    item = next(i for i in ev.worklist.items if i.label == "1")
    ev.select_entry(item.entry_id)
    edit = ev.editor.text_edit("result")
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, edit, "地域福祉課で直した実績")
    assert ev.save_current()
    fill(dept, {1: kv("二回目に送った実績", "B", "展望")})
    merge = merge_files(window, qtbot, view, [dept])
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F8)
    text = merge.ui.diffBrowser.toPlainText()
    assert "比べる元は「前回取り込んだこのファイルの内容（版 1）」" in text
    assert "配布したときの内容" not in text
    assert "最初に送った実績" in text and "二回目に送った実績" in text
    # left open, it keeps that name in the list of pending conflicts
    apply(window, qtbot, view, merge, answer)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert merge.ui.fileTree.currentItem().data(0, KIND) == "stored"
    assert "前回取り込んだこのファイルの内容（版 1）" in merge.ui.diffBrowser.toPlainText()
