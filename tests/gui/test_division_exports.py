"""The 出力 tab: print previews of the ticked departments' worksheets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from tests.gui.workbench import open_workbench
from welfareplan.gui.division.view import TAB_EXPORTS


def test_preview_shows_the_ticked_departments_not_the_highlighted_row(
    window, qtbot, master: Path, answer, monkeypatch, backend
) -> None:  # type: ignore[no-untyped-def]
    """Bug (issue 15, item 10): 選んだ課の印刷プレビュー previewed the highlighted row."""
    from welfareplan.gui import printing

    printed: list[str] = []
    real = printing.print_document
    monkeypatch.setattr(
        printing, "print_document", lambda doc, p: (printed.append(doc.toPlainText()), real(doc, p))
    )
    view = open_workbench(window, qtbot, master, backend)
    view.ui.roundCombo.setCurrentIndex(view.ui.roundCombo.findData(2024))
    view.ui.tabs.setCurrentIndex(TAB_EXPORTS)
    exports = view.tab(TAB_EXPORTS)
    lst = exports.ui.departmentList
    names = [lst.item(i).text() for i in range(lst.count())]
    highlighted, first, second = names[0], names[2], names[4]
    # the user ticks two departments by clicking their check boxes, then clicks the first row
    for row in (2, 4):
        rect = lst.visualItemRect(lst.item(row))
        qtbot.mouseClick(
            lst.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.x() + 10, rect.center().y())
        )
    assert [lst.item(i).checkState() == Qt.CheckState.Checked for i in (2, 4)] == [True, True]
    rect = lst.visualItemRect(lst.item(0))
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert lst.currentItem().text() == highlighted
    assert lst.item(0).checkState() == Qt.CheckState.Unchecked
    seen: list[str] = []
    answer(lambda dialog: (seen.append(dialog.windowTitle()), dialog.close()))
    qtbot.mouseClick(exports.ui.previewWorksheetButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen) and bool(printed), timeout=10000)
    text = printed[-1]
    assert f"担当課: {first}" in text and f"担当課: {second}" in text
    assert f"担当課: {highlighted}" not in text
