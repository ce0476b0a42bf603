"""The file changes underneath an open window (somebody who ignored its lock: another program,
a copy put over it, a lock taken over while this computer slept). The window never offers to
throw away changes it cannot name: it reads the other change in and re-applies its own unsaved
typing on top, or names exactly what writing back would discard (issue 13, item 2)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.conftest import sha256
from tests.gui.conftest import click_button, type_text, wait_saved
from tests.helpers.department_edits import fill
from tests.reliability.cycle import run, run_err
from tests.reliability.gui.conftest import DialogGuard, db_result, dialog_text
from tests.reliability.holders import leave_dead_lock
from welfareplan.core.identity import host_name, os_user
from welfareplan.core.storage import Workbook, backup_dir_for
from welfareplan.gui.changed_original import OVERWRITE, SAVE_AS


def _revision(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT value FROM wp_meta WHERE key = 'revision'").fetchone()[0])
    finally:
        con.close()


def _type_and_save(window, qtbot, text: str):  # type: ignore[no-untyped-def]
    """Open nothing; type ``text`` into the first entry's 事業実績 and wait until it is in
    the file. Returns the editor's widgets."""
    editor = window.view.editor
    editor.text_edit("result").setFocus()
    type_text(qtbot, editor.text_edit("result"), text)
    wait_saved(window, qtbot, timeout=10000)
    return editor


def _colleague_copy(dept_file: Path, tmp_path: Path, number: int) -> str:
    """A colleague's copy of the file with project ``number`` changed, put in its place."""
    theirs = Path(shutil.copy(dept_file, tmp_path / "同僚の版.wpdb"))
    fill(theirs, {number: {"result": "同僚の入力"}})
    shutil.copyfile(theirs, dept_file)
    return sha256(dept_file)


def test_other_entries_changed_underneath_keeps_both(  # type: ignore[no-untyped-def]
    window, qtbot, dept_file: Path, dialogs: DialogGuard, tmp_path: Path
) -> None:
    assert window.open_path(dept_file)
    editor = _type_and_save(window, qtbot, "私の最初の入力")
    mine = _revision(dept_file)
    _colleague_copy(dept_file, tmp_path, 2)  # one save of theirs: revision mine + 1
    type_text(qtbot, editor.text_edit("result"), "、追記")
    qtbot.waitUntil(lambda: db_result(dept_file, 1) == "私の最初の入力、追記", timeout=15000)
    wait_saved(window, qtbot, timeout=10000)
    assert db_result(dept_file, 2) == "同僚の入力"  # the colleague's entry is kept
    assert _revision(dept_file) > mine + 1  # both sides' saves counted
    banner = window.ui.bannerLabel.text()
    assert "別の操作で変更されたため" in banner and "保存し直しました" in banner
    # the window shows the file as it is now, at the same entry: the colleague's entry too
    editor = window.view.editor
    assert editor.text_edit("result").toPlainText() == "私の最初の入力、追記"
    window.go(1)
    qtbot.waitUntil(lambda: editor.text_edit("result").toPlainText() == "同僚の入力", timeout=5000)
    assert window.close_document()
    assert not dialogs.seen


@pytest.mark.parametrize("choice", [OVERWRITE, SAVE_AS])
def test_same_entry_changed_underneath_names_what_would_be_lost(  # type: ignore[no-untyped-def]
    window,
    qtbot,
    dept_file: Path,
    answer,
    dialogs: DialogGuard,
    tmp_path: Path,
    monkeypatch,
    choice: str,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    assert window.open_path(dept_file)
    editor = _type_and_save(window, qtbot, "私の最初の入力")
    replaced = _colleague_copy(dept_file, tmp_path, 1)  # the same entry
    seen: dict[str, str] = {}
    save_as = tmp_path / "私の版 （別名）.wpdb"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(save_as), ""))

    def decide(box) -> None:  # type: ignore[no-untyped-def]
        seen["text"] = dialog_text(box)
        seen["sha"] = sha256(dept_file)  # nothing was written before the user decided
        click_button(box, choice)

    answer(decide)
    type_text(qtbot, editor.text_edit("result"), "、追記")
    qtbot.waitUntil(lambda: "text" in seen, timeout=15000)
    text = seen["text"]
    assert "別の操作で変更されました" in text and dept_file.name in text
    # what overwriting discards, named: the colleague's 事業実績 of 事業1
    assert "上書きすると、別の操作による次の変更が失われます" in text
    assert "事業1 " in text and "の事業実績・評価理由（変更）" in text
    assert seen["sha"] == replaced
    if choice == OVERWRITE:
        qtbot.waitUntil(lambda: db_result(dept_file, 1) == "私の最初の入力、追記", timeout=10000)
        # the colleague's version was kept in the backup folder before it was overwritten
        (kept,) = backup_dir_for(dept_file).glob("*.overwritten.wpdb")
        assert sha256(kept) == replaced and db_result(kept, 1) == "同僚の入力"
    else:
        assert sha256(dept_file) == replaced  # the colleague's version stays
        assert db_result(save_as, 1) == "私の最初の入力、追記"

        def keep_here(box) -> None:  # type: ignore[no-untyped-def]
            click_button(box, "このコンピューターに残して閉じる")

        answer(keep_here)  # closing: the original is still someone else's; keep the work here
    assert window.close_document()
    assert not any("Traceback" in t for t in dialogs.seen)


def test_master_changed_underneath_keeps_both(  # type: ignore[no-untyped-def]
    window, qtbot, cycle, dialogs: DialogGuard
) -> None:
    """The division's window has the master open; a program that ignores the lock adds a
    department (with its backup and audit row) meanwhile; the division adds a committee
    opinion in the window: the master ends up with both, and both audit rows."""
    from welfareplan.gui.division.view import TAB_OPINIONS
    from welfareplan.workflow.master.departments import add_department

    master = cycle.master
    assert window.open_path(master)
    view = window.view
    with Workbook.open(master) as wb:  # behind the window's back (its lock ignored)
        add_department(wb, "同時に追加された課")
    view.ui.tabs.setCurrentIndex(TAB_OPINIONS)
    ui = view.tab(TAB_OPINIONS).ui
    ui.goalCombo.setCurrentIndex(0)
    ui.textEdit.setFocus()
    type_text(qtbot, ui.textEdit, "同時に書いた意見。")
    qtbot.mouseClick(ui.addButton, Qt.MouseButton.LeftButton)

    def state() -> tuple[int, int, set[str]]:
        con = sqlite3.connect(master)
        try:
            return (
                con.execute(
                    "SELECT count(*) FROM department WHERE name = '同時に追加された課'"
                ).fetchone()[0],
                con.execute(
                    "SELECT count(*) FROM committee_opinion WHERE text LIKE '%同時に書いた意見%'"
                ).fetchone()[0],
                {r[0] for r in con.execute("SELECT action FROM audit_event")},
            )
        finally:
            con.close()

    qtbot.waitUntil(lambda: state()[:2] == (1, 1), timeout=15000)
    # both audit rows (appended on both sides with the same number: ours was renumbered)
    assert {"department-add", "opinion-add"} <= state()[2]
    assert "別の操作で変更されたため" in window.ui.bannerLabel.text()
    assert window.close_document()
    assert not dialogs.seen


def test_a_command_cannot_write_a_master_open_in_the_window(  # type: ignore[no-untyped-def]
    window, qtbot, cycle, dialogs: DialogGuard
) -> None:
    master = cycle.master
    assert window.open_path(master)
    before = sha256(master)
    err = run_err("department", "add", master, "新しい課", expect=2)
    assert f"{os_user()}（コンピューター {host_name()}）が" in err
    assert "編集中のため、変更できません。何も変更していません。" in err
    assert sha256(master) == before
    assert window.close_document()
    assert "新しい課" in run("department", "add", master, "新しい課")


def test_a_stale_lock_is_taken_over_and_its_holder_named(  # type: ignore[no-untyped-def]
    window, qtbot, dept_file: Path, dialogs: DialogGuard
) -> None:
    """The window of a computer that crashed left its lock: opening the file takes it over
    and says whose it was."""
    leave_dead_lock(dept_file, "佐藤")
    assert window.open_path(dept_file)
    assert not window.document.read_only
    banner = window.ui.bannerLabel.text()
    assert "佐藤（コンピューター" in banner and "編集中のままになっていましたが" in banner
    assert "引き継ぎました" in banner
    assert window.close_document()
    assert not dialogs.seen
