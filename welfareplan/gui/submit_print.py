"""The window's 提出 (submit) and 印刷 (print, preview, PDF) actions.

The department prints its worksheet for the section chief's approval and submits; in the
workbench the same actions print the report of the selected round.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStatusBar, QWidget

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.fileformat import FileKind
from welfareplan.core.settings import Settings
from welfareplan.gui.department_view import DepartmentView
from welfareplan.gui.document import Document

if TYPE_CHECKING:  # the workbench loads only when a master workbook is opened
    from welfareplan.gui.division.view import DivisionView
    from welfareplan.gui.worksheet_print import WorksheetPrint


class DocumentWindow(Protocol):
    """What these actions need from the window that shows a document
    (:class:`welfareplan.gui.main_window.MainWindow`)."""

    settings: Settings
    document: Document | None
    view: DepartmentView | DivisionView | None

    def window(self) -> QWidget:
        """The window itself (``QWidget.window()``): the parent of the dialogs."""
        ...

    def statusBar(self) -> QStatusBar: ...

    def error(self, message: str, title: str = ...) -> None: ...

    def write_back(self) -> bool:
        """Save everything and write the file back; False if the user cancelled."""
        ...

    def show_folder(self) -> None: ...


def submit(window: DocumentWindow) -> None:
    view, doc = window.view, window.document
    if (
        not isinstance(view, DepartmentView)
        or doc is None
        or view.read_only
        or doc.kind is not FileKind.DEPARTMENT
    ):
        return
    from welfareplan.core.submission import open_problems, submit
    from welfareplan.gui.submit_dialog import SubmitDialog

    view.save_all()
    view.reload()
    problems = open_problems(view.worklist)
    dialog = SubmitDialog(
        problems,
        len(view.worklist.items),
        entered_by=window.settings.entered_by,
        parent=window.window(),
    )
    dialog.jumpTo.connect(view.select_entry)
    if dialog.exec() != SubmitDialog.DialogCode.Accepted:
        return
    try:
        submit(doc.workbook, dialog.entered_by)
        doc.mark_saved_locally()
    except WelfareplanError as exc:
        window.error(exc.message)
        return
    window.settings.entered_by = dialog.entered_by
    window.settings.save()
    view.refresh_header()
    if not window.write_back():
        return
    box = QMessageBox(window.window())
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("提出済みにしました")
    box.setText(
        "提出済みとして記録しました。次のファイルを地域福祉課へ送ってください"
        "（共有フォルダに置く、メールに添付する など）。"
    )
    box.setInformativeText(str(doc.original))
    open_folder = box.addButton("ファイルのある場所を開く", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
    if box.clickedButton() is open_folder:
        window.show_folder()


# ------------------------------------------------------------------ printing


def worksheet_document(window: DocumentWindow) -> QTextDocument | WorksheetPrint:
    """What File › 印刷 prints: the department's worksheet, or the workbench's report."""
    from welfareplan.gui.printing import build_report_document, build_worksheet_document

    assert window.view is not None and window.document is not None
    window.view.save_all()
    if not isinstance(window.view, DepartmentView):
        assert window.view.ctx.round_id is not None
        return build_report_document(window.document.workbook, window.view.ctx.round_id)
    wl = window.view.worklist
    return build_worksheet_document(window.document.workbook, wl.round_id, wl.department_id)


def print_worksheet(window: DocumentWindow) -> None:
    if window.view is None:
        return
    from PySide6.QtPrintSupport import QPrintDialog

    from welfareplan.gui.printing import a4_landscape_printer, print_document

    doc = worksheet_document(window)
    printer = a4_landscape_printer()
    dialog = QPrintDialog(printer, window.window())
    if dialog.exec() == QPrintDialog.DialogCode.Accepted:
        print_document(doc, printer)


def print_preview(window: DocumentWindow) -> None:
    if window.view is None:
        return
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    from welfareplan.gui.printing import a4_landscape_printer, print_document

    doc = worksheet_document(window)
    printer = a4_landscape_printer()
    preview = QPrintPreviewDialog(printer, window.window())
    preview.setWindowTitle("印刷プレビュー")
    preview.paintRequested.connect(lambda p: print_document(doc, p))
    preview.exec()


def export_pdf_dialog(window: DocumentWindow) -> None:
    if window.view is None or window.document is None:
        return
    suffix = "評価シート" if isinstance(window.view, DepartmentView) else "評価表"
    start = str(window.document.original.with_name(f"{window.document.original.stem}_{suffix}.pdf"))
    path, _ = QFileDialog.getSaveFileName(window.window(), "PDFに出力", start, "PDF (*.pdf)")
    if not path:
        return
    from welfareplan.gui.printing import export_pdf

    try:
        export_pdf(worksheet_document(window), Path(path))
    except WelfareplanError as exc:  # a folder that cannot be written, a full disk
        window.error(exc.message)
        return
    window.statusBar().showMessage(f"PDFに出力しました: {path}", 5000)
