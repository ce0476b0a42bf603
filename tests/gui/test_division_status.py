"""Status you can act on (issue 15, item 11), driven like a user at 1280×720: the department
table with 提出者, 日時, 版 and 方法, printed and saved in Excel; a merged draft is shown as
such and stays on the reminder; a conflict the division left open is not 差戻し; a checklist
before closing a round, a confirmation before reopening it; a late file offers to reopen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import click_button
from tests.gui.workbench import (
    edit_master,
    fill,
    issue,
    merge_into,
    open_workbench,
    wait_idle,
    wait_written,
)
from tests.helpers.koganei import kv
from tests.helpers.worksheet_edits import fill_sheet
from welfareplan.core.storage import Workbook
from welfareplan.core.submission import submit
from welfareplan.gui.division.view import TAB_DASHBOARD, TAB_MERGE
from welfareplan.workflow.issuing.worksheets import issue_worksheets
from welfareplan.workflow.rounds.lifecycle import close_round


def dashboard_rows(dash) -> dict[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    m = dash.model
    head = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    return {
        m.item(r, 0).text(): {head[c]: m.item(r, c).text() for c in range(m.columnCount())}
        for r in range(m.rowCount())
    }


@pytest.fixture
def returned(master: Path, tmp_path: Path) -> dict[str, Path]:
    """地域福祉課 submitted its file (with a conflict the division leaves open), 健康課 sent
    its Excel worksheet, 介護福祉課 sent a draft without submitting."""
    files = dict(
        zip(
            ["地域福祉課", "介護福祉課"],
            issue(master, tmp_path / "out", ["地域福祉課", "介護福祉課"]),
            strict=True,
        )
    )
    (tmp_path / "xl").mkdir()
    with Workbook.open(master) as wb:
        (sheet,) = [
            f.path
            for f in issue_worksheets(wb, 2025, tmp_path / "xl", departments=["健康課"]).files
        ]
    fill(files["地域福祉課"], {1: kv("実績", "A", "展望")})
    with Workbook.open(files["地域福祉課"]) as wb:
        submit(wb, "福祉 花子")
    edit_master(master, 1, "地域福祉課", outlook="地域福祉課が先に書いた展望")
    fill(files["介護福祉課"], {9: kv("途中まで", "", "")})
    fill_sheet(sheet, values={7: {"result": "Excelの実績", "rating": "B", "outlook": "展望"}})
    merge_into(master, files["地域福祉課"], files["介護福祉課"], sheet)
    return files | {"健康課": sheet}


def test_the_table_says_who_when_which_version_and_how(
    window,
    qtbot,
    master: Path,
    returned: dict[str, Path],
    tmp_path: Path,
    answer,
    monkeypatch,
    backend,
) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 720)
    view = open_workbench(window, qtbot, master, backend)
    dash = view.tab(TAB_DASHBOARD)
    rows = dashboard_rows(dash)
    welfare, health, care = rows["地域福祉課"], rows["健康課"], rows["介護福祉課"]
    # a conflict the division left open is not 差戻し: the department has submitted
    assert welfare["状態"] == "提出済" and welfare["保留の競合"] == "1"
    assert "地域福祉課で確認中の競合 1 項目" in welfare["備考"]
    assert welfare["提出者"] == "福祉 花子" and welfare["版"] == "1"
    assert welfare["方法"] == "担当課ファイル" and welfare["提出日時"] != ""
    assert health["方法"] == "Excel様式" and health["状態"] == "取込済"
    assert health["版"] == "" and health["提出日時"] != ""  # a worksheet's version is its save time
    # the draft is shown as such, with no submitter, and stays on the reminder
    assert care["状態"] == "下書きを取込" and care["提出者"] == "" and care["最終取込"] != ""
    reminder = dash.ui.reminderText.toPlainText()
    assert "・介護福祉課（下書きを取込" in reminder and "・地域福祉課" not in reminder
    assert "・交通対策課（未配布" in reminder

    # saved in Excel …
    out = tmp_path / "状況.xlsx"
    monkeypatch.setattr(
        "welfareplan.gui.division.dashboard.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(out), ""),
    )
    qtbot.mouseClick(dash.ui.saveStatusButton, Qt.MouseButton.LeftButton)
    import openpyxl

    ws = openpyxl.load_workbook(out)["担当課の状況"]
    assert ws["A1"].value.startswith("令和7年度実績 担当課の状況（")
    head = [c.value for c in ws[3]]
    assert head[:7] == ["担当課", "状態", "完了/全体", "提出者", "提出日時", "版", "方法"]
    cells = {r[0].value: [c.value for c in r] for r in ws.iter_rows(min_row=4)}
    assert cells["地域福祉課"][3] == "福祉 花子" and cells["健康課"][6] == "Excel様式"
    assert len(cells) == 12

    # … and printed (through the print preview)
    from welfareplan.gui import printing

    printed: list[str] = []
    real = printing.print_document
    monkeypatch.setattr(
        printing, "print_document", lambda doc, p: (printed.append(doc.toPlainText()), real(doc, p))
    )
    answer(lambda dialog: dialog.close())
    qtbot.mouseClick(dash.ui.printStatusButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(printed), timeout=10000)
    assert "提出者" in printed[-1] and "福祉 花子" in printed[-1] and "下書きを取込" in printed[-1]


def test_closing_lists_what_is_open_and_reopening_asks(
    window, qtbot, master: Path, returned: dict[str, Path], answer
) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 720)
    view = open_workbench(window, qtbot, master)
    seen: list = []

    def read(button: str):  # type: ignore[no-untyped-def]
        def act(dialog) -> None:  # type: ignore[no-untyped-def]
            seen.append((dialog.ui.introLabel.text(), dialog.rows))
            click_button(dialog, button)

        return act

    answer(read("やめる"))
    qtbot.mouseClick(view.ui.closeRoundButton, Qt.MouseButton.LeftButton)
    intro, rows = seen[-1]
    assert "受付を締め切ります" in intro and "まだ次のものが残っています" in intro
    kinds = {(k, d) for k, d, _ in rows}
    assert ("未提出", "介護福祉課") in kinds and ("保留", "地域福祉課") in kinds
    assert ("未提出", "地域福祉課") not in kinds  # submitted
    assert ("未提出", "交通対策課") not in kinds  # never issued: its gaps are 未記入
    assert any(k == "未記入" and d == "交通対策課" for k, d, _ in rows)
    assert any(
        k == "未記入" and "事業9" in t and "事業評価・今後の事業計画・展望が空欄" in t
        for k, _, t in rows
    )
    assert "受付中" in view.ui.roundCombo.currentText()  # cancelled: still open
    answer(read("締め切る"))
    qtbot.mouseClick(view.ui.closeRoundButton, Qt.MouseButton.LeftButton)
    assert "締切済" in view.ui.roundCombo.currentText()
    answer(read("やめる"))
    qtbot.mouseClick(view.ui.closeRoundButton, Qt.MouseButton.LeftButton)
    assert "受付を再開しますか" in seen[-1][0] and "締切済" in view.ui.roundCombo.currentText()
    answer(read("受付を再開する"))
    qtbot.mouseClick(view.ui.closeRoundButton, Qt.MouseButton.LeftButton)
    assert "受付中" in view.ui.roundCombo.currentText()


def test_a_late_file_for_a_closed_round_offers_to_reopen_and_import(
    window, qtbot, master: Path, returned: dict[str, Path], answer
) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 720)
    with Workbook.open(master) as wb:
        close_round(wb, 2025)
    late = returned["介護福祉課"]
    fill(late, {9: kv("遅れて仕上げた実績", "B", "展望")})
    with Workbook.open(late) as wb:
        submit(wb, "介護 次郎")
    view = open_workbench(window, qtbot, master)
    assert "締切済" in view.ui.roundCombo.currentText()
    view.add_files_to_merge([late])
    wait_idle(qtbot, view)
    merge_tab = view.tab(TAB_MERGE)
    assert merge_tab.preview.files[0].code == "round-closed"
    assert merge_tab.ui.lateBar.isVisible()
    assert "令和7年度実績" in merge_tab.ui.lateLabel.text()
    answer(lambda dialog: click_button(dialog, "受付を再開する"))
    qtbot.mouseClick(merge_tab.ui.reopenButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view)
    assert "受付中" in view.ui.roundCombo.currentText()
    assert merge_tab.preview.files[0].accepted and not merge_tab.ui.lateBar.isVisible()
    answer(lambda box: click_button(box, "OK"))
    qtbot.mouseClick(merge_tab.ui.applyButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view)
    wait_written(window, qtbot)
    view.ui.tabs.setCurrentIndex(TAB_DASHBOARD)
    assert dashboard_rows(view.tab(TAB_DASHBOARD))["介護福祉課"]["提出者"] == "介護 次郎"
