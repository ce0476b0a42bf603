"""A bug met while saving an entry or merging files (made to happen here): the user keeps the
text and gets a Japanese message, and the traceback is in the log of the profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.conftest import click_button, type_text


def log_text(home: Path) -> str:
    return (home / "logs" / "welfareplan.log").read_text(encoding="utf-8")


def broken(*args: object, **kwargs: object) -> None:
    raise RuntimeError("仕込んだ不具合")


@pytest.mark.parametrize(
    ("where", "banner", "what", "frame"),
    [
        ("save_entry", "保存できません", "記入の保存で予期しないエラー", "in save_current"),
        (
            "write_back",
            "（予期しないエラー RuntimeError）",
            "元のファイルへの保存で予期しないエラー",
            "in work",
        ),
    ],
)
def test_a_bug_while_saving_is_logged(  # type: ignore[no-untyped-def]
    window, qtbot, dept_file: Path, home: Path, monkeypatch, where, banner, what, frame
) -> None:
    """Saving to the working copy (save_entry) or writing it back to the share (write_back)."""
    from welfareplan.core import editing
    from welfareplan.core.workcopy import WorkingCopy

    assert window.open_path(dept_file)
    qtbot.waitUntil(lambda: window.view is not None)
    monkeypatch.setattr(editing if where == "save_entry" else WorkingCopy, where, broken)
    editor = window.view.editor
    editor.text_edit("result").setFocus()
    type_text(qtbot, editor.text_edit("result"), "消えてはならない文")
    qtbot.waitUntil(lambda: banner in window.ui.bannerLabel.text(), timeout=10000)
    assert editor.text_edit("result").toPlainText() == "消えてはならない文"
    logged = log_text(home)
    assert f"{what}: RuntimeError: 仕込んだ不具合" in logged
    assert "Traceback (most recent call last)" in logged and frame in logged
    monkeypatch.undo()
    assert window.view.save_current()  # the text was kept and now reaches the file
    window.document.write_back_now()


def test_a_bug_while_merging_is_logged_and_named_in_the_message(  # type: ignore[no-untyped-def]
    window, qtbot, answer, demo_copy: Path, dept_file: Path, home: Path, monkeypatch
) -> None:
    from welfareplan.gui.division import merge_tab

    assert window.open_path(demo_copy)
    monkeypatch.setattr(merge_tab, "preview_merge", broken)
    seen: list[str] = []
    answer(lambda box: (seen.append(box.text()), click_button(box, "OK")))
    window.view.add_files_to_merge([dept_file])
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    (message,) = seen
    log = home / "logs" / "welfareplan.log"
    assert "予期しないエラーが発生しました（RuntimeError）" in message
    assert f"詳細はログ {log} に記録しました" in message and "Traceback" not in message
    logged = log_text(home)
    assert "取り込む内容を確認しています: 予期しないエラー: RuntimeError: 仕込んだ不具合" in logged
    assert "Traceback (most recent call last)" in logged and "in broken" in logged
    assert not window.view.ctx.busy
