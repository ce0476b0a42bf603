"""Issue 14's new dialogs, driven like a user at 1280×720: ファイル → 新規作成…, the round
selector's 年度を削除…, and 計画・担当課's 計画を削除… / 前の計画とつなぐ… / 過去の年度を取り込む….
Each dialog is also saved as a screenshot when WELFAREPLAN_SHOTS names a folder."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QMessageBox, QWidget
from sqlalchemy import select

from tests.gui.conftest import click_button
from tests.gui.workbench import open_workbench, wait_written
from tests.helpers.shaped_plans import PLANS
from tests.workflow.test_history_import import h30_lines, table_xlsx
from welfareplan.core.model import Plan, Round
from welfareplan.core.storage import Workbook
from welfareplan.gui.division.view import TAB_PLAN
from welfareplan.workflow.plans.plan_import import import_plan


def shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("WELFAREPLAN_SHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def small(window) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 720)


def years(master: Path) -> list[int]:
    with Workbook.open(master, read_only=True) as wb, wb.session() as s:
        return sorted(s.scalars(select(Round.fiscal_year)))


def plan_keys(master: Path) -> list[str]:
    with Workbook.open(master, read_only=True) as wb, wb.session() as s:
        return sorted(s.scalars(select(Plan.key)))


def new_master_from_the_menu(
    window, qtbot, answer, plan: Path, target: Path, shot_name: str = ""
) -> None:  # type: ignore[no-untyped-def]
    """ファイル → 新規作成… (keyboard N), the plan file and the target typed, 作成する."""

    def fill(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.ui.planEdit, str(plan))
        qtbot.keyClicks(dialog.ui.targetEdit, str(target))
        if shot_name:
            shot(dialog, shot_name)
        click_button(dialog, "作成する")

    answer(fill)
    window.ui.menuFile.popup(window.mapToGlobal(window.rect().topLeft()))
    qtbot.keyClick(window.ui.menuFile, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: window.document is not None, timeout=20000)
    assert window.document.original == target


def test_new_master_from_the_file_menu(window, qtbot, answer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    small(window)
    target = tmp_path / "shakyo.wpdb"
    plan = PLANS / "shakyo-katsudo-3.json"
    new_master_from_the_menu(window, qtbot, answer, plan, target, "new_master_dialog")
    assert plan_keys(target) == ["koganei-shakyo-katsudo-3"] and years(target) == []


def test_new_master_from_an_excel_template(window, qtbot, answer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """ファイル → 新規作成… from a template of version 2 (the 架空市 plan: two levels, eight
    codes, number fields): the new master holds its plan and departments."""
    from welfareplan.core.model import Department
    from welfareplan.workflow.plans.new_master import create_master
    from welfareplan.workflow.plans.plan_export import export_plan

    small(window)
    source = tmp_path / "source.wpdb"
    template = tmp_path / "kakuu-plan.xlsx"  # keyClicks types ASCII only
    create_master(source, PLANS / "other-city-five-codes.json")
    with Workbook.open(source) as wb:
        export_plan(wb, template)
    target = tmp_path / "kakuu.wpdb"
    new_master_from_the_menu(window, qtbot, answer, template, target)
    assert plan_keys(target) == ["kakuu-chiiki-fukushi-4"] and years(target) == []
    with Workbook.open(target, read_only=True) as wb, wb.session() as s:
        (plan,) = s.scalars(select(Plan)).all()
        assert plan.evaluation_form.codes == ("S", "A", "B", "C", "D", "X", "Y", "Z")
        assert [lv.name for lv in plan.plan_levels] == ["基本目標", "施策"]
        assert s.scalar(select(Department).where(Department.name == "架空市社会福祉協議会"))


def test_new_master_shows_the_plans_problems(window, qtbot, answer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    small(window)
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "welfareplan-plan/2", "key": "x", "name": "x"}', "utf-8")
    seen: list[str] = []

    def fill(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.ui.planEdit, str(broken))
        qtbot.keyClicks(dialog.ui.targetEdit, str(tmp_path / "x.wpdb"))
        click_button(dialog, "作成する")
        qtbot.waitUntil(lambda: dialog.task is None and "period" in dialog.ui.messageLabel.text())
        seen.append(dialog.ui.messageLabel.text())
        shot(dialog, "new_master_dialog_problem")
        click_button(dialog, "キャンセル")

    answer(fill)
    window.new_master()
    assert seen and "broken.json" in seen[0]
    assert not (tmp_path / "x.wpdb").exists() and window.document is None


def test_delete_a_round_with_entries_needs_the_checkbox(
    window, qtbot, answer, master: Path
) -> None:  # type: ignore[no-untyped-def]
    small(window)
    view = open_workbench(window, qtbot, master)
    view.ui.roundCombo.setCurrentIndex(view.ui.roundCombo.findData(2024))
    seen: list[str] = []

    def confirm(box: QMessageBox) -> None:
        qtbot.waitExposed(box)
        seen.append(box.text() + box.informativeText())
        delete = next(b for b in box.buttons() if b.text() == "削除する")
        assert not delete.isEnabled()
        check = box.checkBox()
        assert isinstance(check, QCheckBox) and "内容の書かれた記入 69 件" in check.text()
        shot(box, "delete_round")
        qtbot.mouseClick(check, Qt.MouseButton.LeftButton)
        assert delete.isEnabled()
        qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)

    answer(confirm)
    view.ui.roundMenuButton.menu().actions()[0].trigger()
    assert "令和6年度実績を削除しますか" in seen[0] and "記入 69 件" in seen[0]
    assert [r.fiscal_year for r in view.rounds] == [2025]
    wait_written(window, qtbot)
    assert years(master) == [2025]


def test_plan_tab_delete_link_and_history(
    window, qtbot, answer, master: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    with Workbook.open(master) as wb:
        import_plan(wb, PLANS / "koganei-previous.json")
        import_plan(wb, PLANS / "koganei-three-levels.json")
    small(window)
    view = open_workbench(window, qtbot, master)
    view.ui.tabs.setCurrentIndex(TAB_PLAN)
    tab = view.tab(TAB_PLAN)
    combo = tab.ui.planCombo

    # a plan with rounds: the dialog says what refers to it
    said: list[str] = []
    combo.setCurrentIndex(combo.findData("koganei-chiiki-fukushi-r6"))
    answer(lambda box: (said.append(box.text()), click_button(box, "OK")))
    qtbot.mouseClick(tab.ui.deletePlanButton, Qt.MouseButton.LeftButton)
    assert "この計画で作成した年度" in said[0]

    # a plan nothing refers to is deleted after the confirmation
    combo.setCurrentIndex(combo.findData("koganei-three-levels-draft"))

    def confirm(box: QMessageBox) -> None:
        said.append(box.informativeText())
        shot(box, "delete_plan")
        click_button(box, "削除する")

    answer(confirm)
    qtbot.mouseClick(tab.ui.deletePlanButton, Qt.MouseButton.LeftButton)
    assert "事業 3、担当 4" in said[-1]
    assert combo.findData("koganei-three-levels-draft") == -1

    # 過去の年度を取り込む…: a table with a bad row shows the problem, the good one imports
    lines = h30_lines()
    bad = table_xlsx(tmp_path / "bad.xlsx", [*lines, ["9-9-9", "地域福祉課", "", "A", ""]])
    good = table_xlsx(tmp_path / "h30.xlsx", lines)

    def history(dialog: QDialog) -> None:
        ui = dialog.ui
        qtbot.keyClicks(ui.fileEdit, str(bad))
        qtbot.mouseClick(ui.yearCheck, Qt.MouseButton.LeftButton)
        ui.yearSpin.setValue(2018)
        qtbot.mouseClick(ui.previewButton, Qt.MouseButton.LeftButton)
        assert "問題が 1 件" in ui.summaryLabel.text() and not dialog.ok.isEnabled()
        assert "54行目" in ui.previewTable.item(0, 0).text()
        shot(dialog, "history_problems")
        ui.fileEdit.clear()
        qtbot.keyClicks(ui.fileEdit, str(good))
        qtbot.mouseClick(ui.publishedCheck, Qt.MouseButton.LeftButton)
        ui.publishedEdit.setDate(ui.publishedEdit.date().fromString("2020-03-01", "yyyy-MM-dd"))
        qtbot.mouseClick(ui.previewButton, Qt.MouseButton.LeftButton)
        assert ui.previewTable.rowCount() == 52 and dialog.ok.isEnabled()
        assert (
            "平成30年度実績" in ui.summaryLabel.text()
            and "公表 2020年3月" in ui.summaryLabel.text()
        )
        shot(dialog, "history_preview")
        click_button(dialog, "取り込む")

    answer(history)
    answer(lambda box: click_button(box, "OK"))
    qtbot.mouseClick(tab.ui.historyButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: 2018 in [r.fiscal_year for r in view.rounds])
    assert view.ui.roundCombo.findData(2018) >= 0

    # 前の計画とつなぐ…: the link table is shown before linking
    combo.setCurrentIndex(combo.findData("koganei-chiiki-fukushi-r6"))

    def link(dialog: QDialog) -> None:
        ui = dialog.ui
        assert ui.predecessorCombo.currentData() == "koganei-chiiki-fukushi-h30"
        dialog.activateWindow()
        ui.linksEdit.setFocus()
        qtbot.keyClicks(ui.linksEdit, str(PLANS / "koganei-lineage.json"))
        qtbot.keyClick(ui.linksEdit, Qt.Key.Key_Tab)  # leaving the field reads the table
        qtbot.waitUntil(lambda: ui.linkTable.rowCount() > 0)
        assert ui.linkTable.rowCount() == 38 and "つながり 40 組" in ui.summaryLabel.text()
        shot(dialog, "link_dialog")
        click_button(dialog, "つなぐ")

    answer(link)
    answer(lambda box: (said.append(box.text()), click_button(box, "OK")))
    qtbot.mouseClick(tab.ui.linkPlanButton, Qt.MouseButton.LeftButton)
    assert "事業 38 件（つながり 40 組）" in said[-1]
    wait_written(window, qtbot)
    assert years(master) == [2018, 2024, 2025]
    with Workbook.open(master, read_only=True) as wb, wb.session() as s:
        r6 = s.scalar(select(Plan).where(Plan.key == "koganei-chiiki-fukushi-r6"))
        assert r6 is not None and r6.predecessor_id is not None
