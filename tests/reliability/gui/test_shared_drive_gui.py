"""The department window on a shared folder: another process holds the file; the file is
replaced underneath while it is open (detected before writing back, the user decides)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import sha256
from tests.gui.conftest import click_button, type_text, wait_saved
from tests.helpers.department_edits import fill
from tests.reliability.gui.conftest import DialogGuard, db_result, dialog_text
from tests.reliability.holders import held
from welfareplan.core.identity import host_name, os_user


def test_another_process_has_it_open(window, qtbot, dept_file: Path, dialogs: DialogGuard) -> None:  # type: ignore[no-untyped-def]
    with held(dept_file, "lock-file"):
        assert window.open_path(dept_file)
        assert window.view.read_only and window.document.read_only
        banner = window.ui.bannerLabel.text()
        assert "編集中です" in banner and os_user() in banner and host_name() in banner
        assert window.view.editor.text_edit("result").isReadOnly()
        before = sha256(dept_file)
        assert window.close_document()
        assert sha256(dept_file) == before
    # the other process closed it: now it opens for editing
    assert window.open_path(dept_file)
    assert not window.view.read_only
    assert window.close_document()
    assert not dialogs.seen


@pytest.mark.parametrize("choice", ["上書きする", "名前を付けて保存…"])
def test_file_replaced_underneath(  # type: ignore[no-untyped-def]
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
    editor = window.view.editor
    editor.text_edit("result").setFocus()
    type_text(qtbot, editor.text_edit("result"), "私の最初の入力")
    wait_saved(window, qtbot, timeout=10000)
    # someone puts another version of the file in its place (a colleague's copy)
    theirs = Path(shutil.copy(dept_file, tmp_path / "同僚の版.wpdb"))
    fill(theirs, {2: {"result": "同僚の入力"}})
    shutil.copyfile(theirs, dept_file)
    replaced = sha256(dept_file)
    seen: dict[str, str] = {}
    save_as = tmp_path / "私の版 （別名）.wpdb"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(save_as), ""))

    def decide(box) -> None:  # type: ignore[no-untyped-def]
        seen["text"] = dialog_text(box)
        seen["sha"] = sha256(dept_file)  # nothing was written before the user decided
        click_button(box, choice)

    answer(decide)
    type_text(qtbot, editor.text_edit("result"), "、追記")
    qtbot.waitUntil(lambda: "text" in seen, timeout=10000)
    assert "置き換えられました" in seen["text"] and dept_file.name in seen["text"]
    assert seen["sha"] == replaced
    if choice == "上書きする":
        qtbot.waitUntil(lambda: db_result(dept_file, 1) == "私の最初の入力、追記", timeout=10000)
    else:
        assert sha256(dept_file) == replaced  # the colleague's version stays
        assert db_result(dept_file, 2) == "同僚の入力"
        assert db_result(save_as, 1) == "私の最初の入力、追記"

    def keep(box) -> None:  # type: ignore[no-untyped-def]
        click_button(box, "このコンピューターに残して閉じる")

    if choice != "上書きする":
        answer(keep)  # closing: the original is still someone else's; keep the work here
    assert window.close_document()
    assert not any("Traceback" in t for t in dialogs.seen)
