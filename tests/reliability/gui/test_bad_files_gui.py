"""Every kind of the corpus opened in the GUI (``MainWindow.open_path``, offscreen) and dropped
onto the division workbench's merge: a precise Japanese message, never a traceback, and the
master and the file byte-for-byte unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import sha256
from tests.gui.conftest import click_button
from tests.reliability import walmode
from tests.reliability.corpus import KINDS, Env, Kind
from tests.reliability.gui.conftest import DialogGuard, dialog_text
from welfareplan.core.fileformat import FileKind, check_file, journal_path
from welfareplan.core.lockfile import lock_path_for
from welfareplan.core.storage import backup_dir_for
from welfareplan.core.walfiles import in_wal_mode, side_files
from welfareplan.workflow.returns.merge_types import FileOutcome


def entry_values_of(path: Path) -> list[object]:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return [
            v
            for (v,) in con.execute(
                "SELECT value FROM entry_value WHERE field IN ('result', 'outlook') "
                "ORDER BY entry_id, field"
            )
        ]
    finally:
        con.close()


def _sha_or_none(path: Path) -> str | None:
    return sha256(path) if path.is_file() and path.stat().st_size < 1 << 20 else None


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_open_in_the_gui(  # type: ignore[no-untyped-def]
    window, qtbot, answer, dialogs: DialogGuard, env: Env, kind: Kind
) -> None:
    case = kind.make(env, 1)
    bad = case.paths[0]
    master_before, bad_before = env.cycle.sha(), _sha_or_none(bad)
    expect = kind.gui
    if expect.result == "refused":
        seen: list[str] = []
        answer(lambda box: (seen.append(dialog_text(box)), click_button(box, "OK")))
        assert not window.open_path(bad)
        (message,) = seen
        assert "ファイルを開けません" in message and bad.name in message, message
        for w in expect.words:
            assert w in message, message
        assert window.document is None and window.ui.pages.currentWidget() is window.welcome
    else:
        assert window.open_path(bad)
        assert window.document is not None and window.view is not None
        banner = window.ui.bannerLabel.text() if window.ui.bannerLabel.isVisible() else ""
        if expect.result == "read-only":
            assert window.view.read_only and window.document.read_only
            for w in expect.words:
                assert w in banner, banner
        else:
            assert not window.document.read_only, banner
            for w in expect.words:
                assert w in banner, banner
        assert window.close_document()
    assert not any("Traceback" in text for text in dialogs.seen), dialogs.seen
    assert env.cycle.sha() == master_before
    if expect.converts:
        # another tool's WAL mode is gone, its content kept; copies kept in the backup folder
        assert side_files(bad) == [] and not in_wal_mode(bad.read_bytes()[:100])
        check_file(bad)
        assert list(backup_dir_for(bad).glob("*.wal.wpdb.kept"))
        if kind.name == "change-pending-in-wal":
            assert walmode.PENDING in entry_values_of(bad)
    elif expect.rolls_back:
        # the cut-off save is gone: the file is its last committed state again, whole
        assert not journal_path(bad).exists()
        check_file(bad)
        assert "（途中）" not in "".join(str(v) for v in entry_values_of(bad))
    else:
        assert _sha_or_none(bad) == bad_before
    if bad.is_file() and expect.result != "read-only":
        assert not lock_path_for(bad).exists()


def test_the_whole_corpus_dropped_on_the_workbench(  # type: ignore[no-untyped-def]
    window, qtbot, dialogs: DialogGuard, env: Env
) -> None:
    """The division drops every rejected file at once: each row names its problem, nothing
    can be applied, and the master stays as it was."""
    from welfareplan.gui.division.view import TAB_MERGE, DivisionView

    kinds = [
        k for k in KINDS if k.merge.rejects_all and k.year is None and k.name != "closed-round"
    ]
    cases = [k.make(env, i) for i, k in enumerate(kinds, 1)]
    master = env.cycle.master
    before = sha256(master)
    assert window.open_path(master)
    view = window.view
    assert isinstance(view, DivisionView) and window.document.kind is FileKind.WORKBOOK
    view.add_files_to_merge([p for c in cases for p in c.paths])
    tab = view.tab(TAB_MERGE)
    qtbot.waitUntil(lambda: tab.preview is not None and not view.ctx.busy, timeout=60000)
    tree = tab.ui.fileTree
    rows = {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i).text(1)
        for i in range(tree.topLevelItemCount())
    }
    for kind, case in zip(kinds, cases, strict=True):
        status = rows[case.paths[0].name]
        assert status.startswith("却下: "), (kind.name, status)
        for w in kind.merge.words:
            assert w in status, (kind.name, status)
    assert all(f.outcome is FileOutcome.REJECTED for f in tab.preview.files)
    assert not tab.ui.applyButton.isEnabled()
    assert window.close_document()
    assert sha256(master) == before
    assert not dialogs.seen, dialogs.seen
    shutil.rmtree(env.folder)


@pytest.mark.parametrize("where", ["opening", "showing"])
def test_an_unexpected_error_while_opening_is_a_message(  # type: ignore[no-untyped-def]
    window,
    qtbot,
    answer,
    dialogs: DialogGuard,
    dept_file: Path,
    home: Path,
    monkeypatch,
    where: str,
) -> None:
    """A bug met while opening (here: made to happen) ends in one Japanese sentence and the
    crash log, never in a silent failure with a traceback on a console nobody sees."""
    from welfareplan.gui import department_view, document

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("仕込んだ不具合")

    if where == "opening":
        monkeypatch.setattr(document.Document, "open", broken)
    else:
        monkeypatch.setattr(department_view.DepartmentView, "__init__", broken)
    seen: list[str] = []
    answer(lambda box: (seen.append(dialog_text(box)), click_button(box, "OK")))
    before = sha256(dept_file)
    assert not window.open_path(dept_file)
    (message,) = seen
    assert (
        "予期しないエラーが発生しました（RuntimeError）" in message and "Traceback" not in message
    )
    assert "welfareplan.log" in message
    assert "RuntimeError: 仕込んだ不具合" in (home / "logs" / "welfareplan.log").read_text(
        encoding="utf-8"
    )
    assert window.document is None and window.ui.pages.currentWidget() is window.welcome
    assert not lock_path_for(dept_file).exists() and sha256(dept_file) == before
