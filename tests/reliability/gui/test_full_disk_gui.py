"""A full disk while a department types: the message says so in Japanese, the text stays on
the screen and in the working copy, and saving works again once there is space."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.conftest import type_text
from tests.reliability.gui.conftest import DialogGuard, db_result
from tests.reliability.test_full_disk import FULL, LONG, SqliteDisk, no_space
from welfareplan.core import atomic


def banner(window) -> str:  # type: ignore[no-untyped-def]
    label = window.ui.bannerLabel
    return label.text() if label.isVisible() else ""


def test_full_disk_at_write_back_and_at_save(  # type: ignore[no-untyped-def]
    window, qtbot, dept_file: Path, dialogs: DialogGuard, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.open_path(dept_file)
    editor = window.view.editor
    # 1. the shared folder's disk is full: the write-back fails, the text is kept locally
    with monkeypatch.context() as mp:
        mp.setattr(atomic.os, "replace", no_space)
        editor.text_edit("result").setFocus()
        type_text(qtbot, editor.text_edit("result"), "満杯の共有フォルダへの入力")
        qtbot.waitUntil(lambda: FULL in banner(window), timeout=10000)
    assert "このコンピューターに保存されています" in banner(window)
    assert editor.text_edit("result").toPlainText() == "満杯の共有フォルダへの入力"
    assert db_result(dept_file, 1) == ""
    window.save_now()  # space again: Ctrl+S
    assert db_result(dept_file, 1) == "満杯の共有フォルダへの入力"
    assert FULL not in banner(window)
    # 2. this computer's disk is full: the commit to the working copy fails
    disk = SqliteDisk(monkeypatch)
    disk.full = lambda name: name == str(window.document.working_copy.local)
    window.document.workbook.close()  # its connections: new ones meet the full disk
    editor.text_edit("result").selectAll()
    editor.text_edit("result").insertPlainText(LONG)
    assert not window.view.save_current()
    qtbot.waitUntil(lambda: FULL in banner(window), timeout=5000)
    assert "入力した文字は画面に残っています" in banner(window)
    assert editor.text_edit("result").toPlainText() == LONG
    disk.full = lambda name: False
    window.document.workbook.engine.dispose()
    assert window.view.save_current()
    window.save_now()
    assert db_result(dept_file, 1) == LONG
    assert window.close_document()
    assert not any("Traceback" in t for t in dialogs.seen)
