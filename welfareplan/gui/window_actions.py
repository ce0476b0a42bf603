"""Which of the main window's menu actions can be chosen: none of a file's without a file
shown, no editing of a file shown read-only, 提出 and 所属長の確認 only in a department file."""

from __future__ import annotations

from welfareplan.gui.forms.ui_main_window import Ui_MainWindow


def enable_actions(ui: Ui_MainWindow, *, shown: bool, editable: bool, department: bool) -> None:
    """``shown``: a file is open and shown; ``editable``: it can be changed; ``department``:
    it is a department file."""
    for action in (
        ui.actionSaveAs,
        ui.actionShowFolder,
        ui.actionClose,
        ui.actionPrint,
        ui.actionPrintPreview,
        ui.actionExportPdf,
        ui.actionFilterIncomplete,
        ui.actionNextProject,
        ui.actionPreviousProject,
        ui.actionNextIncomplete,
    ):
        action.setEnabled(shown)
    for action in (
        ui.actionSaveNow,
        ui.actionUndo,
        ui.actionRedo,
        ui.actionCopyPreviousOutlook,
    ):
        action.setEnabled(editable)
    ui.actionSubmit.setEnabled(editable and department)
    ui.actionConfirm.setEnabled(editable and department)
