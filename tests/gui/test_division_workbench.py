"""The division workbench, driven like a user: a whole FY2025 cycle from the GUI."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialog

from tests.conftest import sha256
from tests.gui.conftest import click_button, type_text
from tests.gui.workbench import (
    fill,
    issue,
    master_value,
    open_workbench,
    wait_idle,
    wait_written,
)
from tests.helpers.koganei import kv
from welfareplan.core.storage import Workbook
from welfareplan.gui.division.view import (
    TAB_AUDIT,
    TAB_DASHBOARD,
    TAB_ENTRIES,
    TAB_EXPORTS,
    TAB_HISTORY,
    TAB_MERGE,
    TAB_OPINIONS,
    TAB_PLAN,
)
from welfareplan.workflow.status import round_status


def test_dashboard_matches_status(window, qtbot, master: Path, tmp_path: Path, backend) -> None:  # type: ignore[no-untyped-def]
    issue(master, tmp_path / "out", ["地域福祉課", "介護福祉課"])
    view = open_workbench(window, qtbot, master, backend)
    dash = view.tab(TAB_DASHBOARD)
    with Workbook.open(master, read_only=True) as wb:
        status = round_status(wb, 2025)
    model = dash.model
    rows = {
        model.item(r, 0).text(): [model.item(r, c).text() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    }
    assert len(rows) == len(status.departments) == 12
    for d in status.departments:
        assert rows[d.department_name][1] == d.state_label
        assert rows[d.department_name][2] == f"{d.complete} / {d.total}"
    assert rows["地域福祉課"][1] == "配布済" and rows["健康課"][1] == "未配布"
    assert "・健康課" in dash.ui.reminderText.toPlainText()
    assert "記入 0 / 69 件完了" in dash.ui.summaryLabel.text()
    # sortable by clicking the header
    header = dash.ui.statusTable.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionPosition(1) + 5, 5)
    )
    first = dash.proxy.index(0, 1).data()
    assert first in ("未配布", "配布済")
    dash.copy_reminder()
    assert QApplication.clipboard().text().startswith("【令和7年度実績】")


def test_drop_files_merge_with_a_conflict_chosen_per_field(
    window, qtbot, master: Path, tmp_path: Path, answer
) -> None:  # type: ignore[no-untyped-def]
    files = issue(master, tmp_path / "out", ["地域福祉課", "介護福祉課", "健康課"])
    fill(files[0], {1: kv("地域福祉課の実績", "A", "展望1")})
    fill(files[1], {9: kv("介護福祉課の実績", "B", "展望9")})
    fill(files[2], {7: kv("健康課の実績", "B", "展望7")})
    from welfareplan.core.submission import submit

    with Workbook.open(files[2]) as wb:
        submit(wb, "健康 一郎")  # 健康課 submits its only entry
    view = open_workbench(window, qtbot, master)
    # the division corrects the same field in the master after issuing: a conflict
    entries = view.tab(TAB_ENTRIES)
    view.ui.tabs.setCurrentIndex(TAB_ENTRIES)
    ev = view.entry_view()
    item1 = next(i for i in ev.worklist.items if i.label == "1")
    ev.select_entry(item1.entry_id)
    ev.editor.text_edit("result").setFocus()
    type_text(qtbot, ev.editor.text_edit("result"), "マスターでの訂正")
    assert ev.save_current()
    assert entries is not None
    # drop all three returned files onto the window
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    window.dropEvent(
        QDropEvent(
            QPointF(10, 10),
            Qt.DropAction.CopyAction,
            data,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    assert view.ui.tabs.currentIndex() == TAB_MERGE
    merge = view.tab(TAB_MERGE)
    wait_idle(qtbot, view)
    assert merge.preview is not None and len(merge.preview.files) == 3
    assert len(merge.preview.conflicts) == 1
    conflict_item = next(
        merge.ui.fileTree.topLevelItem(t).child(c)
        for t in range(merge.ui.fileTree.topLevelItemCount())
        for c in range(merge.ui.fileTree.topLevelItem(t).childCount())
        if merge.ui.fileTree.topLevelItem(t).child(c).data(0, Qt.ItemDataRole.UserRole + 1)
        == "conflict"
    )
    merge.ui.fileTree.setCurrentItem(conflict_item)
    assert merge.ui.choiceGroup.isVisible()
    assert (
        "マスターでの訂正" in merge.ui.diffBrowser.toPlainText()
        and "地域福祉課の実績" in merge.ui.diffBrowser.toPlainText()
    )
    qtbot.mouseClick(
        merge.ui.chooseFile,
        Qt.MouseButton.LeftButton,
        pos=QPoint(8, merge.ui.chooseFile.height() // 2),
    )
    assert conflict_item.text(1) == "競合 → ファイル"
    seen: list[str] = []
    answer(lambda box: (seen.append(box.text()), click_button(box, "OK")))
    qtbot.mouseClick(merge.ui.applyButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "合計: 反映" in seen[0]
    wait_written(window, qtbot)
    assert master_value(master, 1, "地域福祉課", "result") == "地域福祉課の実績"
    assert master_value(master, 9, "介護福祉課", "rating") == "B"
    assert master_value(master, 7, "健康課", "outlook") == "展望7"
    # the dashboard shows it at once
    view.ui.tabs.setCurrentIndex(TAB_DASHBOARD)
    dash = view.tab(TAB_DASHBOARD)
    states = {
        dash.model.item(r, 0).text(): dash.model.item(r, 1).text()
        for r in range(dash.model.rowCount())
    }
    assert states["健康課"] == "取込済"  # submitted, merged, complete
    assert states["地域福祉課"] == "下書きを取込"  # returned but not submitted yet
    assert states["交通対策課"] == "未配布"
    # and the audit view lists the applied changes with their source file
    view.ui.tabs.setCurrentIndex(TAB_AUDIT)
    audit = view.tab(TAB_AUDIT)
    table = audit.ui.auditTable
    rows = [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]
    assert any(r[2] == "取込" and r[9] == files[2].name for r in rows)
    assert any(r[2] == "修正" and r[8].startswith("マスターでの訂正") for r in rows)


def test_rejected_file_is_listed_with_its_reason(
    window, qtbot, master: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "壊れた ファイル.wpdb"
    bad.write_bytes(b"not a database at all")
    view = open_workbench(window, qtbot, master)
    before = sha256(master)
    view.add_files_to_merge([bad])
    wait_idle(qtbot, view)
    merge = view.tab(TAB_MERGE)
    top = merge.ui.fileTree.topLevelItem(0)
    assert top.text(0) == "壊れた ファイル.wpdb" and top.text(1).startswith("却下: ")
    assert "welfareplan のファイルではありません" in top.text(1)
    assert not merge.ui.applyButton.isEnabled()
    assert sha256(master) == before


def test_committee_opinion_is_added_and_exported(
    window, qtbot, master: Path, tmp_path: Path, monkeypatch, answer
) -> None:  # type: ignore[no-untyped-def]
    view = open_workbench(window, qtbot, master)
    view.ui.tabs.setCurrentIndex(TAB_OPINIONS)
    tab = view.tab(TAB_OPINIONS)
    ui = tab.ui
    ui.goalCombo.setCurrentIndex(0)
    ui.projectCombo.setCurrentIndex(ui.projectCombo.findText("事業4 移送サービスへの支援"))
    assert ui.headingPreview.text() == "【事業番号4:移送サービスへの支援】"
    ui.textEdit.setFocus()
    type_text(qtbot, ui.textEdit, "移送サービスの継続を検討してほしい。")
    qtbot.mouseClick(ui.addButton, Qt.MouseButton.LeftButton)
    top = ui.opinionTree.topLevelItem(0)
    assert top.text(0).endswith("（1 件）")
    assert (
        top.child(0).text(0)
        == "【事業番号4:移送サービスへの支援】 移送サービスの継続を検討してほしい。"
    )
    # export the Word report from the 出力 tab and find the opinion in it
    out = tmp_path / "評価表.docx"
    monkeypatch.setattr(
        "welfareplan.gui.division.exports_tab.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(out), ""),
    )
    view.ui.tabs.setCurrentIndex(TAB_EXPORTS)
    exports = view.tab(TAB_EXPORTS)
    checklist: list[str] = []
    # FY2025 has only empty entries: the export first lists what is still open
    answer(
        lambda d: (checklist.append(d.ui.introLabel.text()), click_button(d, "このまま出力する"))
    )
    qtbot.mouseClick(exports.ui.docxButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view)
    assert "未記入 69 件" in checklist[0]
    import docx

    text = "\n".join(
        p.text
        for t in docx.Document(str(out)).tables
        for r in t.rows
        for p in r.cells[-1].paragraphs
    )
    assert "移送サービスの継続を検討してほしい。" in text
    assert exports.ui.openResultButton.isEnabled()


def test_exports_produce_files_that_reopen(
    window, qtbot, master: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    view = open_workbench(window, qtbot, master)
    view.ui.roundCombo.setCurrentIndex(view.ui.roundCombo.findData(2024))
    view.ui.tabs.setCurrentIndex(TAB_EXPORTS)
    exports = view.tab(TAB_EXPORTS)
    out = tmp_path / "R6.xlsx"
    monkeypatch.setattr(
        "welfareplan.gui.division.exports_tab.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(out), ""),
    )
    qtbot.mouseClick(exports.ui.xlsxButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view)
    import openpyxl

    book = openpyxl.load_workbook(out)
    assert "集計" in book.sheetnames
    folder = tmp_path / "シート"
    folder.mkdir()
    monkeypatch.setattr(
        "welfareplan.gui.division.exports_tab.QFileDialog.getExistingDirectory",
        lambda *a, **k: str(folder),
    )
    exports.ui.departmentList.item(0).setCheckState(Qt.CheckState.Checked)
    exports.ui.departmentList.item(1).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(exports.ui.worksheetsButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view)
    made = sorted(p.name for p in folder.iterdir())
    assert len(made) == 4 and all(n.startswith("R6_") for n in made)
    # print/check copies: never mistaken for the worksheets issued to be imported
    assert all(Path(n).stem.endswith("_評価シート_確認用") for n in made)
    for p in folder.glob("*.xlsx"):
        openpyxl.load_workbook(p)


def test_plan_import_with_an_error_shows_the_report_and_changes_nothing(
    window, qtbot, master: Path, tmp_path: Path, monkeypatch, answer
) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    from welfareplan.workflow.plans.plan_export import export_plan

    template = tmp_path / "計画.xlsx"
    with Workbook.open(master, read_only=True) as wb:
        export_plan(wb, template)
    book = openpyxl.load_workbook(template)
    sheet = next(ws for ws in book.worksheets if ws.max_row > 40)
    sheet.cell(row=5, column=sheet.max_column).value = "存在しない課"
    book.save(template)
    view = open_workbench(window, qtbot, master)
    view.ui.tabs.setCurrentIndex(TAB_PLAN)
    plan = view.tab(TAB_PLAN)
    plans_before = plan.ui.planCombo.count()
    before = sha256(master)
    monkeypatch.setattr(
        "welfareplan.gui.division.plan_tab.QFileDialog.getOpenFileName",
        lambda *a, **k: (str(template), ""),
    )
    seen: list[str] = []

    def read_report(box) -> None:  # type: ignore[no-untyped-def]
        seen.append(box.text() + "\n" + box.detailedText())
        click_button(box, "OK")

    answer(read_report)
    qtbot.mouseClick(plan.ui.importButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "取り込みませんでした" in seen[0] and "行" in seen[0]
    plan.refresh()
    assert plan.ui.planCombo.count() == plans_before
    wait_written(window, qtbot)
    assert sha256(master) == before


def test_new_round_close_and_year_over_year(window, qtbot, master: Path, answer) -> None:  # type: ignore[no-untyped-def]
    view = open_workbench(window, qtbot, master)

    def create(dialog: QDialog) -> None:
        dialog.ui.yearSpin.setValue(2026)
        click_button(dialog, "作成する")

    answer(create)
    qtbot.mouseClick(view.ui.newRoundButton, Qt.MouseButton.LeftButton)
    assert view.ui.roundCombo.currentData() == 2026
    assert "令和9年5月31日" in view.round_facts.text
    answer(lambda dialog: click_button(dialog, "締め切る"))  # after the checklist
    qtbot.mouseClick(view.ui.closeRoundButton, Qt.MouseButton.LeftButton)
    assert "締切済" in view.ui.roundCombo.currentText()
    assert view.ui.closeRoundButton.text() == "受付を再開する"
    view.ui.tabs.setCurrentIndex(TAB_HISTORY)
    history = view.tab(TAB_HISTORY)
    history.ui.projectCombo.setCurrentIndex(
        history.ui.projectCombo.findText("事業9 市民に対する啓発活動の推進")
    )
    table = history.ui.historyTable
    assert [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())] == [
        "令和6年度",
        "令和7年度",
        "令和8年度",
    ]
    assert table.rowCount() == 4


def test_excel_worksheets_are_issued_and_merged_from_the_gui(
    window, qtbot, master: Path, tmp_path: Path, answer
) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers.worksheet_edits import fill_sheet

    view = open_workbench(window, qtbot, master)
    dash = view.tab(TAB_DASHBOARD)
    out = tmp_path / "Excel様式"

    def choose(dialog) -> None:  # type: ignore[no-untyped-def]
        lst = dialog.ui.departmentList
        for i in range(lst.count()):
            lst.item(i).setCheckState(
                Qt.CheckState.Checked
                if lst.item(i).text().startswith("健康課")
                else Qt.CheckState.Unchecked
            )
        dialog.ui.folderEdit.setText(str(out))
        click_button(dialog, "配布用ファイルを作成")

    done: list[str] = []
    answer(choose)
    answer(lambda box: (done.append(box.text()), click_button(box, "OK")))
    qtbot.mouseClick(dash.ui.worksheetsButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert "1 課のExcel様式を作りました" in done[0]
    sheets = sorted(out.glob("*.xlsx"))
    assert len(sheets) == 1 and sheets[0].name.startswith("R7_健康課") and list(out.glob("*.docx"))
    fill_sheet(
        sheets[0],
        values={
            7: {"result": "Excelで記入した実績", "rating": "ｂ", "outlook": "Excelで記入した展望"}
        },
    )
    merged: list[str] = []
    view.add_files_to_merge(sheets)
    wait_idle(qtbot, view)
    merge = view.tab(TAB_MERGE)
    assert merge.preview is not None and merge.preview.files[0].accepted
    assert "Excel" in merge.preview.files[0].file_label
    answer(lambda box: (merged.append(box.text()), click_button(box, "OK")))
    qtbot.mouseClick(merge.ui.applyButton, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, view)
    qtbot.waitUntil(lambda: bool(merged), timeout=5000)
    wait_written(window, qtbot)
    assert master_value(master, 7, "健康課", "result") == "Excelで記入した実績"
    assert master_value(master, 7, "健康課", "rating") == "B"


def test_deadline_and_publication_month_are_asked_and_stored(  # type: ignore[no-untyped-def]
    window, qtbot, master: Path, monkeypatch
) -> None:
    import sqlite3

    from PySide6.QtWidgets import QInputDialog

    view = open_workbench(window, qtbot, master)
    typed = iter([("令和8年6月30日", True), ("2027-03", True), ("", True), ("2027-04", False)])
    asked: list[str] = []

    def get_text(parent, title, prompt, text=""):  # type: ignore[no-untyped-def]
        asked.append(f"{title}:{text}")
        return next(typed)

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    qtbot.mouseClick(view.ui.deadlineButton, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.ui.publishedButton, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.ui.deadlineButton, Qt.MouseButton.LeftButton)  # emptied: no deadline
    qtbot.mouseClick(view.ui.publishedButton, Qt.MouseButton.LeftButton)  # cancelled
    assert asked == ["提出期限:2026-05-29", "公表月:", "提出期限:2026-06-30", "公表月:令和9年3月"]
    wait_written(window, qtbot)
    con = sqlite3.connect(master)
    try:
        row = con.execute("SELECT deadline, published_on FROM round WHERE fiscal_year = 2025")
        assert row.fetchone() == (None, "2027-03-01")
    finally:
        con.close()


def test_the_workbench_fits_a_laptop_screen(window, qtbot, master: Path) -> None:  # type: ignore[no-untyped-def]
    """The round's facts (deadline, counts, publication month, the plan's long name) are cut
    to fit: before, they set the window's minimum width to 1805 px on the demo."""
    view = open_workbench(window, qtbot, master)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() == 1280)
    assert window.minimumSizeHint().width() <= 1280
    full = view.round_facts.text
    assert "提出期限: " in full and "計画: 「小金井市地域福祉計画」（koganei" in full
    assert view.ui.roundStateLabel.toolTip() == full
    shown = view.ui.roundStateLabel.text()
    assert shown.endswith("…") and full.startswith(shown[:-1])
    window.resize(2400, 850)
    qtbot.waitUntil(lambda: view.ui.roundStateLabel.text() == full)
