"""The department window on a shared folder: another process holds the file (the file changed
underneath while open: test_changed_underneath_gui.py)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import sha256
from tests.reliability.gui.conftest import DialogGuard
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
