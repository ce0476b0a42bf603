"""The department window and its file (issue 15, item 5), driven like a user at 1280×720: the
file replaced / moved / deleted while open (Cancel and Escape, asked once, 上書き at close
closes), a folder that cannot be written to (read it, or copy it and edit the copy), work left
for another copy of the same file (named, never written into this one), and a read-only view
opened by yourself (says so, looks read-only, becomes editable when the other window closes)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from tests.conftest import sha256
from tests.gui.conftest import click_button, type_text, wait_saved
from tests.helpers.department_edits import fill
from tests.reliability.gui.conftest import DialogGuard, db_result, dialog_text
from tests.reliability.holders import held
from welfareplan.core.identity import host_name, os_user


def start(window, qtbot, path: Path, text: str) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 720)
    assert window.open_path(path)
    edit = window.view.editor.text_edit("result")
    edit.setFocus()
    type_text(qtbot, edit, text)
    wait_saved(window, qtbot, timeout=10000)


def replace_underneath(path: Path, tmp_path: Path) -> str:
    """A colleague's version of the file, with the entry being typed changed too, is put in its
    place (different entries would be brought together without a question)."""
    theirs = Path(shutil.copy(path, tmp_path / "同僚の版.wpdb"))
    fill(theirs, {1: {"result": "同僚の入力"}})
    shutil.copyfile(theirs, path)
    return sha256(path)


def test_replaced_cancel_escape_asked_once_and_overwrite_at_close_closes(  # type: ignore[no-untyped-def]
    window, qtbot, dept_file: Path, answer, dialogs: DialogGuard, tmp_path: Path
) -> None:
    start(window, qtbot, dept_file, "私の入力")
    replaced = replace_underneath(dept_file, tmp_path)
    seen: list[str] = []

    def escape(box) -> None:  # type: ignore[no-untyped-def]
        seen.append(dialog_text(box))
        names = [b.text() for b in box.buttons()]
        assert "キャンセル" in names or "Cancel" in names or "&Cancel" in names, names
        QTest.keyClick(box, Qt.Key.Key_Escape)

    answer(escape)
    edit = window.view.editor.text_edit("result")
    type_text(qtbot, edit, "、一")
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert "別の操作で変更されました" in seen[0] and dept_file.name in seen[0]
    assert "同僚の入力" in seen[0] or "事業1" in seen[0]  # names what overwriting discards
    assert "キャンセル" in seen[0]  # says what cancelling does
    # typing on: every autosave meets the replaced file again, but the question is not repeated
    for more in ("、二", "、三"):
        type_text(qtbot, edit, more)
        qtbot.waitUntil(lambda: "元のファイルに未保存" in window.save_label.text(), timeout=10000)
        qtbot.wait(800)
    assert len(seen) == 1 and sha256(dept_file) == replaced
    assert "別の操作で変更されました" in window.ui.bannerLabel.text()
    # closing asks again; 上書きして閉じる writes the work and closes
    answer(lambda box: (seen.append(dialog_text(box)), click_button(box, "上書きして閉じる")))
    assert window.close_document()
    assert window.document is None and len(seen) == 2
    assert db_result(dept_file, 1) == "私の入力、一、二、三"
    assert not dialogs.unexpected


def test_moved_or_deleted_says_so_and_saves_again_in_place(  # type: ignore[no-untyped-def]
    window, qtbot, dept_file: Path, answer, dialogs: DialogGuard
) -> None:
    start(window, qtbot, dept_file, "消される前の入力")
    dept_file.unlink()
    seen: list[str] = []
    answer(lambda box: (seen.append(dialog_text(box)), click_button(box, "元の場所に保存し直す")))
    type_text(qtbot, window.view.editor.text_edit("result"), "、続き")
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert seen[0].startswith("ファイルが見つかりません")
    assert "移動されたか削除されました" in seen[0] and "別の操作で変更されました" not in seen[0]
    assert str(dept_file.parent) in seen[0]
    qtbot.waitUntil(dept_file.exists, timeout=10000)
    assert db_result(dept_file, 1) == "消される前の入力、続き"
    assert window.close_document()


def test_unwritable_folder_offers_to_read_or_to_copy_and_edit(  # type: ignore[no-untyped-def]
    window, qtbot, dept_file: Path, answer, dialogs: DialogGuard, tmp_path: Path, monkeypatch
) -> None:
    from welfareplan.core import lockfile

    real_open = os.open

    def no_writing_there(path, flags, *args):  # type: ignore[no-untyped-def]
        if Path(path).parent == dept_file.parent and flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(lockfile.os, "open", no_writing_there)
    window.resize(1280, 720)
    seen: list[str] = []
    answer(lambda box: (seen.append(dialog_text(box)), click_button(box, "閲覧のみで開く")))
    assert window.open_path(dept_file)
    assert "書き込めない" in seen[0] and str(dept_file.parent) in seen[0]
    assert window.view.read_only and "閲覧のみ" in window.ui.bannerLabel.text()
    assert window.close_document()
    # or a copy in a place that can be written, edited from then on
    copy = tmp_path / "書ける場所" / "R7_地域福祉課.wpdb"
    copy.parent.mkdir()
    monkeypatch.setattr(
        "welfareplan.gui.file_dialogs.QFileDialog.getSaveFileName", lambda *a, **k: (str(copy), "")
    )
    answer(lambda box: click_button(box, "コピーして編集する…"))
    assert window.open_path(dept_file)
    assert window.document.original == copy.resolve() and not window.view.read_only
    edit = window.view.editor.text_edit("result")
    edit.setFocus()
    type_text(qtbot, edit, "コピーでの入力")
    wait_saved(window, qtbot)
    assert db_result(copy, 1) == "コピーでの入力" and db_result(dept_file, 1) == ""
    assert window.close_document()
    assert str(copy) in window.settings.recent_files[0]


def test_work_left_for_another_copy_is_named_and_not_written_here(  # type: ignore[no-untyped-def]
    window, qtbot, dept_file: Path, answer, dialogs: DialogGuard, tmp_path: Path
) -> None:
    other_folder = tmp_path / "別のフォルダ"
    other_folder.mkdir()
    other = Path(shutil.copy(dept_file, other_folder / dept_file.name))
    # work typed into this copy never reaches it: the share goes away, the user keeps it here
    window.resize(1280, 720)
    assert window.open_path(dept_file)
    share = dept_file.parent
    gone = share.with_name("切断中")
    share.rename(gone)
    edit = window.view.editor.text_edit("result")
    edit.setFocus()
    type_text(qtbot, edit, "共有フォルダの方の入力")
    qtbot.waitUntil(lambda: "接続できません" in window.ui.bannerLabel.text(), timeout=10000)
    answer(lambda box: click_button(box, "このコンピューターに残して閉じる"))
    assert window.close_document()
    gone.rename(share)
    # the other copy opens with a note saying where that work is — and without it
    seen: list[str] = []
    answer(lambda box: (seen.append(dialog_text(box)), click_button(box, "このファイルを開く")))
    assert window.open_path(other)
    assert "別の場所" in seen[0] and str(dept_file) in seen[0]
    assert "このファイルには書き込みません" in seen[0]
    assert window.view.editor.text_edit("result").toPlainText() == ""
    assert window.close_document()
    assert db_result(other, 1) == ""
    # the copy it belongs to offers it, naming the file, its folder and when it was typed
    answer(lambda box: (seen.append(dialog_text(box)), click_button(box, "復元する")))
    assert window.open_path(dept_file)
    assert dept_file.name in seen[1] and str(dept_file.parent) in seen[1]
    assert "に入力して" in seen[1] and "年" in seen[1]
    assert window.view.editor.text_edit("result").toPlainText() == "共有フォルダの方の入力"
    wait_saved(window, qtbot)
    assert db_result(dept_file, 1) == "共有フォルダの方の入力" and db_result(other, 1) == ""
    assert window.close_document()


def _background(edit) -> QColor:  # type: ignore[no-untyped-def]
    image = edit.viewport().grab().toImage()
    return image.pixelColor(image.width() - 3, image.height() - 3)


def test_read_only_view_opened_by_yourself(  # type: ignore[no-untyped-def]
    window, qtbot, dept_file: Path, dialogs: DialogGuard
) -> None:
    window.resize(1280, 720)
    with held(dept_file, "lock-file"):  # another window of the same user on this computer
        assert window.open_path(dept_file)
        banner = window.ui.bannerLabel.text()
        assert f"あなた（{os_user()}）" in banner and host_name() in banner
        assert "別のウィンドウで編集中" in banner
        edit = window.view.editor.text_edit("result")
        assert edit.isReadOnly() and _background(edit).lightness() < 245  # looks read-only
        assert not window.reopen_offer.button.isVisible()
    # the other window closed: the view says so and reopens for editing on request
    button = window.reopen_offer.button
    qtbot.waitUntil(button.isVisible, timeout=10000)
    assert "編集できるようになりました" in window.ui.bannerLabel.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.view is not None and not window.view.read_only
    edit = window.view.editor.text_edit("result")
    assert not edit.isReadOnly() and _background(edit).lightness() >= 250
    assert not button.isVisible()
    assert window.close_document()


@pytest.fixture(autouse=True)
def _fast_lock_watch(monkeypatch: pytest.MonkeyPatch) -> None:
    from welfareplan.gui import document

    monkeypatch.setattr(document, "LOCK_POLL_MS", 200)
