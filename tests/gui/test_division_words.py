"""Words for the window (issue 15, item 12): messages shown in the window name its tabs and
buttons, never command-line commands; a print/check worksheet is named apart from an
importable one and, dropped on 取込, is explained in the window's words; merging departments
reports what it did; a late file of a merged department says so."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui.conftest import click_button
from tests.gui.workbench import issue, open_workbench, wait_idle
from welfareplan.core.storage import Workbook
from welfareplan.gui.division.view import TAB_MERGE, TAB_PLAN
from welfareplan.workflow.rounds.lifecycle import close_round


def reasons(view) -> dict[str, str]:  # type: ignore[no-untyped-def]
    merge = view.tab(TAB_MERGE)
    return {f.name: f.reason for f in merge.preview.files}


def test_rejections_in_the_window_name_tabs_and_buttons(
    window, qtbot, master: Path, tmp_path: Path, backend
) -> None:  # type: ignore[no-untyped-def]
    from welfareplan.exports.round_export import export_worksheets

    with Workbook.open(master, read_only=True) as wb:
        (copy,) = export_worksheets(wb, 2025, tmp_path / "確認", department="健康課")
    assert copy.xlsx.name == "R7_健康課_評価シート_確認用.xlsx"
    view = open_workbench(window, qtbot, master, backend)
    view.add_files_to_merge([copy.xlsx, copy.docx])
    wait_idle(qtbot, view)
    found = reasons(view)
    sheet, word = found[copy.xlsx.name], found[copy.docx.name]
    assert "「出力」タブの「評価シートを出力」で作成した確認・印刷用の評価シート" in sheet
    assert "「状況」タブの「Excel様式を配布」で配布してください" in sheet
    assert "「状況」タブの「担当課ファイルを配布」で配布した担当課ファイル" in word
    tree = view.tab(TAB_MERGE).ui.fileTree
    shown = [tree.topLevelItem(i).toolTip(1) for i in range(tree.topLevelItemCount())]
    assert all(
        "welfareplan " not in text and "--" not in text for text in [*found.values(), *shown]
    )


def test_merging_departments_reports_and_a_late_file_says_so(
    window, qtbot, master: Path, tmp_path: Path, backend, answer, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    (late,) = issue(master, tmp_path / "out", ["男女共同参画室"])
    with Workbook.open(master) as wb:
        close_round(wb, 2025)
    view = open_workbench(window, qtbot, master, backend)
    view.ui.tabs.setCurrentIndex(TAB_PLAN)
    plan = view.tab(TAB_PLAN)
    lst = plan.ui.departmentList
    row = next(i for i in range(lst.count()) if lst.item(i).text().startswith("男女共同参画室"))
    lst.setCurrentRow(row)
    monkeypatch.setattr(
        "welfareplan.gui.division.plan_tab.QInputDialog.getItem",
        lambda *a, **k: ("健康課", True),
    )
    seen: list[str] = []
    answer(lambda box: (seen.append(box.text()), click_button(box, "OK")))
    qtbot.mouseClick(plan.ui.mergeDepartmentButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen[0].startswith("「男女共同参画室」を「健康課」に統合しました: 記入 ")
    assert "別名になりました" in seen[0]
    # the round reopens for the late file; the file's department no longer exists
    answer(lambda dialog: click_button(dialog, "受付を再開する"))
    qtbot.mouseClick(view.ui.closeRoundButton, Qt.MouseButton.LeftButton)
    view.add_files_to_merge([late])
    wait_idle(qtbot, view)
    (reason,) = reasons(view).values()
    assert "男女共同参画室は担当課の統合で健康課に統合されました" in reason
    assert "「記入内容」タブで健康課の記入を直接直してください" in reason
