"""A department file another SQLite tool switched to WAL mode, in the department window
(issue 13, item 4): the typed entry is never hidden by a -wal beside the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.gui.conftest import type_text, wait_saved
from tests.reliability.gui.conftest import DialogGuard, db_result
from tests.reliability.walmode import commit_into_wal
from welfareplan.core.walfiles import side_files


def test_typing_into_a_file_left_in_wal_mode_is_never_hidden(  # type: ignore[no-untyped-def]
    window, qtbot, dept_file: Path, dialogs: DialogGuard
) -> None:
    commit_into_wal(
        dept_file,
        "INSERT OR REPLACE INTO entry_value (entry_id, field, value) "
        "SELECT id, 'outlook', 'ツールで書いた展望' FROM entry",
    )
    assert side_files(dept_file)
    assert window.open_path(dept_file)
    assert "WAL 形式に変えられていたため" in window.ui.bannerLabel.text()
    assert side_files(dept_file) == []  # converted: nothing beside the file any more
    editor = window.view.editor
    editor.text_edit("result").setFocus()
    type_text(qtbot, editor.text_edit("result"), "ウィンドウで書いた実績")
    wait_saved(window, qtbot, timeout=10000)
    assert window.close_document()
    # what the tool had written is kept, and the typed entry is what every reader sees
    assert db_result(dept_file, 1) == "ウィンドウで書いた実績"  # plain SQLite: -wal and all
    con = sqlite3.connect(dept_file)
    assert {
        r[0]
        for r in con.execute(
            "SELECT COALESCE(v.value, '') FROM entry e "
            "LEFT JOIN entry_value v ON v.entry_id = e.id AND v.field = 'outlook'"
        )
    } == {"ツールで書いた展望"}
    con.close()
    assert not dialogs.seen


def test_a_tool_writing_in_wal_mode_while_the_window_is_open(  # type: ignore[no-untyped-def]
    window, qtbot, dept_file: Path, dialogs: DialogGuard
) -> None:
    """Another SQLite tool (ignoring the lock) writes into the file in WAL mode while the
    window has it open: its change lives only in a -wal beside the file, the file itself is
    unchanged. The write-back notices it, brings the change in and removes the -wal after
    keeping a copy: every reader then sees both."""
    assert window.open_path(dept_file)
    editor = window.view.editor
    editor.text_edit("result").setFocus()
    type_text(qtbot, editor.text_edit("result"), "最初の入力")
    wait_saved(window, qtbot, timeout=10000)
    commit_into_wal(
        dept_file,
        "INSERT OR REPLACE INTO entry_value (entry_id, field, value) "
        "SELECT id, 'result', 'ツールの記入' FROM entry WHERE project_id = "
        "(SELECT id FROM project WHERE label = '2')",
    )
    type_text(qtbot, editor.text_edit("result"), "、追記")
    qtbot.waitUntil(lambda: not side_files(dept_file), timeout=15000)
    wait_saved(window, qtbot, timeout=10000)
    assert db_result(dept_file, 1) == "最初の入力、追記"
    assert db_result(dept_file, 2) == "ツールの記入"
    assert "別の操作で変更されたため" in window.ui.bannerLabel.text()
    assert window.close_document()
    assert not dialogs.seen
