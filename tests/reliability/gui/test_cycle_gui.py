"""A whole cycle in the window, offscreen, from folders whose paths hold Japanese and spaces
(as in C:\\Users\\山田 花子\\ドキュメント\\…), with every socket refused: open a department
file, type, save, submit, print to PDF; open the master, merge, export."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit

from tests.gui.conftest import click_button, type_text
from tests.reliability.cycle import no_network
from tests.reliability.gui.conftest import DialogGuard
from welfareplan.core.lockfile import lock_path_for
from welfareplan.core.storage import Workbook, backup_dir_for
from welfareplan.workflow.issuing.distribute import distribute
from welfareplan.workflow.rounds.lifecycle import create_round


@pytest.fixture
def documents(tmp_path: Path) -> Path:
    folder = tmp_path / "Users" / "山田 花子" / "ドキュメント" / "地域福祉 計画" / "令和7年度 評価"
    folder.mkdir(parents=True)
    return folder


def test_a_whole_cycle_in_the_window_with_no_network(  # type: ignore[no-untyped-def]
    window,
    qtbot,
    answer,
    dialogs: DialogGuard,
    demo_master: Path,
    documents: Path,
    home: Path,
    monkeypatch,
) -> None:
    from welfareplan.gui.division.view import TAB_EXPORTS, TAB_MERGE
    from welfareplan.gui.printing import export_pdf

    assert " " in str(home) and "山田 花子" in str(home)  # WELFAREPLAN_HOME too
    master = documents / "マスター ワークブック.wpdb"
    shutil.copyfile(demo_master, master)
    master.chmod(0o644)
    share = documents / "共有 フォルダ"
    share.mkdir()
    with Workbook.open(master) as wb:
        create_round(wb, 2025, deadline=dt.date(2026, 5, 29))
        (issued,) = distribute(wb, 2025, share, departments=["地域福祉課"]).files
    dept = issued.path
    with no_network() as attempts:
        # the department
        assert window.open_path(dept)
        local = window.document.working_copy.local
        assert home in local.parents and lock_path_for(dept).exists()
        editor = window.view.editor
        editor.text_edit("result").setFocus()
        type_text(qtbot, editor.text_edit("result"), "ネットワークのない端末での入力 👍🏽")
        qtbot.keyClick(editor.text_edit("result"), Qt.Key.Key_Tab)
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_1)
        window.save_now()

        def sign(dialog) -> None:  # type: ignore[no-untyped-def]
            type_text(qtbot, dialog.findChild(QLineEdit, "nameEdit"), "山田 花子")
            click_button(dialog, "未記入のまま提出する")

        answer(sign)
        answer(lambda box: click_button(box, "OK"))
        window.submit()
        pdf = export_pdf(window._worksheet(), documents / "評価シート 印刷.pdf")
        assert pdf.stat().st_size > 1000
        assert window.close_document()
        assert not lock_path_for(dept).exists()
        # the division
        assert window.open_path(master)
        view = window.view
        view.add_files_to_merge([dept])
        merge = view.tab(TAB_MERGE)
        qtbot.waitUntil(lambda: merge.preview is not None and not view.ctx.busy, timeout=30000)
        assert [f.outcome.value for f in merge.preview.files] == ["apply"]
        seen: list[str] = []
        answer(lambda box: (seen.append(box.text()), click_button(box, "OK")))
        qtbot.mouseClick(merge.ui.applyButton, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(seen) and not view.ctx.busy, timeout=30000)
        assert "合計: 反映" in seen[0]
        qtbot.waitUntil(lambda: not window.document.has_unwritten_changes, timeout=10000)
        out = documents / "出力 フォルダ" / "評価表 令和7年度.docx"
        out.parent.mkdir()
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
        view.ui.tabs.setCurrentIndex(TAB_EXPORTS)
        exports = view.tab(TAB_EXPORTS)
        # entries are still open: the export lists them first
        answer(lambda dialog: click_button(dialog, "このまま出力する"))
        qtbot.mouseClick(exports.ui.docxButton, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: out.is_file() and not view.ctx.busy, timeout=30000)
        assert window.close_document()
    assert attempts == []
    assert "PySide6.QtNetwork" not in sys.modules  # and Qt's own networking never loaded
    # everything beside the files, in the Japanese folders: backups of the merge, no leftovers
    assert list(backup_dir_for(master).glob("*.merge.wpdb"))
    assert not [p for p in documents.rglob(".*") if p.suffix == ".tmp"]
    with Workbook.open(master, read_only=True) as wb, wb.session() as s:
        from sqlalchemy import select

        from welfareplan.core.model import EntryValue

        texts = set(s.scalars(select(EntryValue.value).where(EntryValue.field == "result")))
    assert "ネットワークのない端末での入力 👍🏽" in texts
    assert not any("Traceback" in t for t in dialogs.seen)
