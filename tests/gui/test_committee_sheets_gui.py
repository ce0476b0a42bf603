"""委員の意見・提案シート and 市の考え方, driven like a user: members typed in, sheets issued,
two members' sheets merged (one twice), an opinion put into the report, the city's answer
entered in the 委員会の意見 tab."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import click_button, type_text
from tests.gui.workbench import open_workbench, wait_idle
from tests.helpers.opinion_sheets import fill_opinions
from welfareplan.exports.opinion_sheet_xlsx import GENERAL_ID
from welfareplan.gui.division.view import TAB_OPINIONS
from welfareplan.workflow.committee.answers import answers_of_round

pytestmark = pytest.mark.gui

#: where screenshots go when WELFAREPLAN_SCREENSHOTS is set (for looking at the screens)
SHOTS = os.environ.get("WELFAREPLAN_SCREENSHOTS")


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_sheets_merged_chosen_and_answered(
    window, qtbot, master: Path, tmp_path: Path, backend, monkeypatch, answer
) -> None:  # type: ignore[no-untyped-def]
    from welfareplan.gui.division.committee_dialog import CommitteeSheetsDialog

    view = open_workbench(window, qtbot, master, backend)
    view.ui.tabs.setCurrentIndex(TAB_OPINIONS)
    tab = view.tab(TAB_OPINIONS)
    # the button opens the dialog (closed here; driven below without a modal loop)
    answer(lambda d: d.reject())
    qtbot.mouseClick(tab.ui.sheetsButton, Qt.MouseButton.LeftButton)
    dialog = CommitteeSheetsDialog(view.ctx, view)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 640)
    dialog.show()
    qtbot.waitExposed(dialog)
    ui = dialog.ui
    from tests.gui.test_accessibility import unnamed

    assert unnamed(dialog) == []  # every control of the dialog has an accessible name
    for name in ("中山 太郎", "石塚 花子"):
        ui.memberNameEdit.setFocus()
        type_text(qtbot, ui.memberNameEdit, name)
        qtbot.mouseClick(ui.addMemberButton, Qt.MouseButton.LeftButton)
    assert ui.memberList.count() == 2
    assert ui.memberList.item(0).text() == "中山 太郎（配布 0・意見 0）"
    # the same name again is refused with the reason
    messages: list[str] = []
    answer(lambda d: (messages.append(d.text()), click_button(d, "OK")))
    type_text(qtbot, ui.memberNameEdit, "中山 太郎")
    qtbot.mouseClick(ui.addMemberButton, Qt.MouseButton.LeftButton)
    assert messages == ["委員「中山 太郎」はすでに名簿にあります。"]
    ui.memberNameEdit.clear()

    out = tmp_path / "シート"
    out.mkdir()
    monkeypatch.setattr(
        "welfareplan.gui.division.committee_dialog.QFileDialog.getExistingDirectory",
        lambda *a, **k: str(out),
    )
    answer(lambda d: (messages.append(d.text()), click_button(d, "OK")))
    qtbot.mouseClick(ui.issueButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view)
    qtbot.waitUntil(lambda: len(messages) == 2, timeout=10000)
    assert messages[1].startswith("意見・提案シートを 2 件作成しました。")
    nakayama, ishizuka = sorted(out.glob("*.xlsx"), key=lambda p: "石塚" in p.name)
    fill_opinions(nakayama, {"4": "移送サービスの担い手の確保を。", GENERAL_ID: "周知の工夫を。"})
    fill_opinions(ishizuka, {"10": "権利擁護の体制づくりを。"})
    files = [str(nakayama), str(nakayama), str(ishizuka)]
    monkeypatch.setattr(
        "welfareplan.gui.division.committee_dialog.QFileDialog.getOpenFileNames",
        lambda *a, **k: (files, ""),
    )
    answer(lambda d: (messages.append(d.text()), click_button(d, "OK")))
    qtbot.mouseClick(ui.mergeButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view)
    qtbot.waitUntil(lambda: len(messages) == 3, timeout=10000)
    lines = messages[2].split("\n")
    assert "変更 2 件" in lines[0] and "取り込み済み" in lines[1] and "変更 1 件" in lines[2]
    tree = ui.receivedTree
    assert tree.topLevelItemCount() == 3
    first = tree.topLevelItem(0)
    assert first.text(1) == "【事業番号4:移送サービスへの支援】" and first.text(3) == ""
    tree.setCurrentItem(first)
    qtbot.mouseClick(ui.chooseButton, Qt.MouseButton.LeftButton)
    assert tree.topLevelItem(0).text(3) == "掲載"
    _shot(dialog, "committee_sheets_dialog")
    dialog.close()

    tab.refresh()
    top = tab.ui.opinionTree.topLevelItem(0)
    item = top.child(top.childCount() - 1)
    assert item.text(0) == "【事業番号4:移送サービスへの支援】 移送サービスの担い手の確保を。"
    tab.ui.opinionTree.setCurrentItem(item)
    tab.ui.answerEdit.setFocus()
    type_text(qtbot, tab.ui.answerEdit, "担い手養成講座を開きます。")
    combo = tab.ui.answerDepartmentCombo
    combo.setCurrentIndex(combo.findText("交通対策課"))
    qtbot.mouseClick(tab.ui.saveAnswerButton, Qt.MouseButton.LeftButton)
    top = tab.ui.opinionTree.topLevelItem(0)
    assert top.child(top.childCount() - 1).text(0).endswith("［市の考え方あり］")
    (found,) = answers_of_round(view.ctx.workbook, 2025).values()
    assert (found.text, found.department_name) == ("担い手養成講座を開きます。", "交通対策課")
    _shot(window, "opinions_tab_answer")
