"""The main window: menus, opening files (dialog, drag and drop, recent list), the pages."""

from __future__ import annotations

import contextlib
import gc
import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QDragEnterEvent, QDropEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMainWindow, QMessageBox, QWidget

from welfareplan import __version__
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.fileformat import FileKind
from welfareplan.core.settings import Settings
from welfareplan.gui import accessible, saving, submit_print, window_place
from welfareplan.gui.department_view import DepartmentView
from welfareplan.gui.document import Document, SaveState
from welfareplan.gui.forms.ui_main_window import Ui_MainWindow
from welfareplan.gui.help_text import help_text
from welfareplan.gui.opening import open_document
from welfareplan.gui.preload import DIVISION_LATER
from welfareplan.gui.reopen_offer import ReopenOffer
from welfareplan.gui.saving import FILE_FILTER
from welfareplan.gui.style import (
    BANNER_STYLE,
    ERROR_BANNER_STYLE,
    OK_COLOR,
    WARNING_COLOR,
    apply_zoom,
)
from welfareplan.gui.welcome import WelcomePage

if TYPE_CHECKING:  # the workbench loads only when a master workbook is opened
    from welfareplan.gui.division.view import DivisionView
    from welfareplan.gui.worksheet_print import WorksheetPrint


class MainWindow(QMainWindow):
    #: a warm-up froze a file's objects: the next one thaws everything first (_warm_up)
    _thaw_first = False

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            accessible.install(app)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.settings = settings or Settings.load()
        self.document: Document | None = None
        self.view: DepartmentView | DivisionView | None = None
        self.welcome = WelcomePage(self)
        self.ui.pages.addWidget(self.welcome)
        self.save_label = QLabel("")
        self.ui.statusbar.addPermanentWidget(self.save_label)
        self.reopen_offer = ReopenOffer(self, self)
        self._connect_actions()
        self.welcome.openRequested.connect(self.open_dialog)
        self.welcome.ui.serverButton.clicked.connect(self.connect_server)
        self.welcome.demoRequested.connect(lambda dept: self.open_demo(department=dept))
        self.welcome.recentRequested.connect(self.open_path)
        self._refresh_recent()
        self.welcome.highlight_demo(not self.settings.first_run_done)
        self._update_actions()
        window_place.place(self, self.settings)

    # ------------------------------------------------------------------ wiring

    def _connect_actions(self) -> None:
        ui = self.ui
        ui.actionNew.triggered.connect(self.new_master)
        ui.actionOpen.triggered.connect(self.open_dialog)
        ui.actionConnectServer.triggered.connect(self.connect_server)
        ui.actionOpenDemo.triggered.connect(lambda: self.open_demo(department=True))
        ui.actionSaveNow.triggered.connect(self.save_now)
        ui.actionSaveAs.triggered.connect(self.save_as)
        ui.actionShowFolder.triggered.connect(self.show_folder)
        ui.actionSubmit.triggered.connect(self.submit)
        ui.actionConfirm.triggered.connect(self.confirm)
        ui.actionPrint.triggered.connect(self.print_worksheet)
        ui.actionPrintPreview.triggered.connect(self.print_preview)
        ui.actionExportPdf.triggered.connect(self.export_pdf_dialog)
        ui.actionClose.triggered.connect(self.close_document)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionUndo.triggered.connect(self.undo)
        ui.actionRedo.triggered.connect(self.redo)
        ui.actionCopyPreviousOutlook.triggered.connect(self.copy_previous_outlook)
        ui.actionZoomIn.triggered.connect(lambda: self.set_zoom(self.settings.zoom_in()))
        ui.actionZoomOut.triggered.connect(lambda: self.set_zoom(self.settings.zoom_out()))
        ui.actionZoomReset.triggered.connect(lambda: self.set_zoom(100))
        ui.actionFilterIncomplete.toggled.connect(self._toggle_filter)
        ui.actionNextProject.triggered.connect(lambda: self.go(1))
        ui.actionPreviousProject.triggered.connect(lambda: self.go(-1))
        ui.actionNextIncomplete.triggered.connect(lambda: self.go(1, incomplete_only=True))
        ui.actionHelp.triggered.connect(self.show_help)
        ui.actionAbout.triggered.connect(
            lambda: QMessageBox.about(
                self,
                "バージョン情報",
                f"<b>welfareplan</b> {__version__}<br/>地域福祉計画の進捗状況及び評価表を作成・集約するアプリです。",
            )
        )

    def connect_server(self) -> None:
        """ファイル › サーバーに接続… (loaded when chosen, not at start-up)."""
        from welfareplan.gui.server_open import connect_dialog

        connect_dialog(self)

    def show_help(self) -> None:
        view = self.entry_view()
        QMessageBox.information(self, "使い方", help_text(view.editor.form if view else None))

    def entry_view(self) -> DepartmentView | None:
        """The entry editor in front: the department view, or the workbench's 記入内容 tab."""
        if self.view is None or isinstance(self.view, DepartmentView):
            return self.view
        return self.view.entry_view()

    def _division_view(self) -> DivisionView | None:
        return None if self.view is None or isinstance(self.view, DepartmentView) else self.view

    def undo(self) -> None:
        view = self.entry_view()
        if view is not None:
            view.editor.undo()

    def redo(self) -> None:
        view = self.entry_view()
        if view is not None:
            view.editor.redo()

    def copy_previous_outlook(self) -> None:
        view = self.entry_view()
        if view is not None:
            view.editor.copy_previous()

    def go(self, step: int, *, incomplete_only: bool = False) -> None:
        division = self._division_view()
        if incomplete_only and division is not None and division.next_conflict():
            return  # F8 on the 取込 tab: the next conflict
        view = self.entry_view()
        if view is not None and not view.go(step, incomplete_only=incomplete_only):
            self.statusBar().showMessage("これ以上の事業はありません。", 3000)

    def _update_actions(self) -> None:
        ui = self.ui
        has_doc = self.document is not None
        editable = has_doc and self.view is not None and not self.view.read_only
        is_dept = (
            has_doc and self.document is not None and self.document.kind is FileKind.DEPARTMENT
        )
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
            action.setEnabled(has_doc and self.view is not None)
        for action in (
            ui.actionSaveNow,
            ui.actionUndo,
            ui.actionRedo,
            ui.actionCopyPreviousOutlook,
        ):
            action.setEnabled(bool(editable))
        ui.actionSubmit.setEnabled(bool(editable and is_dept))
        ui.actionConfirm.setEnabled(bool(editable and is_dept))

    def _refresh_recent(self) -> None:
        menu = self.ui.menuRecent
        menu.clear()
        for f in self.settings.recent_files:
            action = menu.addAction(Path(f).name)
            action.setToolTip(f)
            action.triggered.connect(lambda _=False, f=f: self.open_path(Path(f)))
        menu.setEnabled(bool(self.settings.recent_files))
        self.welcome.set_recent(self.settings.recent_files)

    def set_zoom(self, percent: int) -> None:
        self.settings.zoom = percent
        self.settings.save()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_zoom(app, percent)
        self.statusBar().showMessage(f"文字の大きさ: {percent}%", 3000)

    def _toggle_filter(self, checked: bool) -> None:
        view = self.entry_view()
        if view is not None:
            view.ui.filterCheck.setChecked(checked)

    # ------------------------------------------------------------------ messages

    def error(self, message: str, title: str = "welfareplan") -> None:
        QMessageBox.warning(self, title, message)

    def _unexpected(self, exc: Exception, title: str) -> None:
        """One Japanese sentence for the user; the traceback goes to the crash log."""
        from welfareplan.core.crashlog import unexpected_error_message, write_crash_report

        self.error(unexpected_error_message(exc, write_crash_report(exc)), title)

    def set_banner(self, text: str, *, error: bool = False) -> None:
        self.ui.bannerLabel.setText(text)
        self.ui.bannerLabel.setStyleSheet(ERROR_BANNER_STYLE if error else BANNER_STYLE)
        self.ui.bannerLabel.setVisible(bool(text))

    def _on_save_status(self, state: str, message: str) -> None:
        color = {"saved": OK_COLOR, "error": "#b00020"}.get(state, WARNING_COLOR)
        self.save_label.setText(f'<span style="color:{color}">{message}</span>')
        if state == "error":
            self.set_banner(message, error=True)
        elif state == "saved" and self.document and self.document.state != SaveState.LOCAL_ONLY:
            self._restore_banner()

    def _on_document_state(self, state: str, message: str) -> None:
        if state == SaveState.LOCAL_ONLY:
            self.save_label.setText('<span style="color:#b00020">元のファイルに未保存</span>')
            self.set_banner(message, error=True)
        elif state == SaveState.SAVED:
            if self.view is not None and self.view.has_pending_edits():
                return  # the write-back finished, but newer typing is still on its way
            self.save_label.setText(f'<span style="color:{OK_COLOR}">保存済み</span>')
            self._restore_banner()
        elif state == SaveState.SAVING:
            self.save_label.setText(f'<span style="color:{WARNING_COLOR}">保存中…</span>')

    def _restore_banner(self) -> None:
        doc = self.document
        if doc is None:
            self.set_banner("")
        elif doc.read_only:
            self.set_banner(f"読み取り専用: {doc.read_only_reason}")
        elif isinstance(self.view, DepartmentView) and not self.view.worklist.round_open:
            self.set_banner("この年度の評価は締め切られています（閲覧のみ）。")
        else:
            self.set_banner(doc.notice)

    # ------------------------------------------------------------------ opening

    def open_dialog(self) -> None:
        start = self.settings.last_folder or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "ファイルを開く", start, FILE_FILTER)
        if path:
            self.open_path(Path(path))

    def new_master(self) -> None:
        """ファイル → 新規作成…: a master from a plan file, then opened."""
        from welfareplan.gui.new_master_dialog import NewMasterDialog

        dialog = NewMasterDialog(self, folder=self.settings.last_folder or str(Path.home()))
        if dialog.exec() == NewMasterDialog.DialogCode.Accepted and dialog.created is not None:
            self.open_path(dialog.created)

    def open_demo(self, *, department: bool) -> None:
        from welfareplan.workflow import demo

        try:
            path = demo.ensure_demo_department_file() if department else demo.ensure_demo_workbook()
        except WelfareplanError as exc:
            self.error(exc.message)
            return
        self.open_path(path, remember=False)

    def open_path(self, path: Path, *, remember: bool = True) -> bool:
        path = Path(path)
        if self.document is not None and not self.close_document():
            return False
        try:
            document = open_document(self, path)
            if document is None:
                return False
            path = document.original  # a copy made to edit, when the folder was not writable
        except WelfareplanError as exc:
            self.error(exc.message, "ファイルを開けません")
            return False
        except Exception as exc:  # a bug must still end in a message, never a silent failure
            self._unexpected(exc, "ファイルを開けません")
            return False
        if not self._show_document(document):
            return False
        if isinstance(self.view, DepartmentView):
            window_place.restore_view(self.view, self.settings, document.original)
        if remember:
            self.settings.add_recent(path)
            self.settings.last_folder = str(path.resolve().parent)
        self.settings.first_run_done = True
        self.settings.save()
        self._refresh_recent()
        return True

    def _show_document(self, document: Document) -> bool:
        self.document = document
        if not self._make_view(document):
            document.close()
            self.document = None
            return False
        document.stateChanged.connect(self._on_document_state)
        document.replacedDetected.connect(self._on_replaced)
        document.caughtUp.connect(self._on_caught_up)
        document.aboutToCatchUp.connect(self._save_typing)
        QTimer.singleShot(300, lambda: self._warm_up(document))
        return True

    def _make_view(self, document: Document) -> bool:
        view: DepartmentView | DivisionView
        try:
            if document.kind is FileKind.WORKBOOK:
                from welfareplan.gui.division.view import DivisionView

                view = DivisionView(document, self)
            else:
                view = DepartmentView(document, self)
        except Exception as exc:
            if isinstance(exc, WelfareplanError):
                self.error(exc.message, "ファイルを開けません")
            else:
                self._unexpected(exc, "ファイルを開けません")
            return False
        self.view = view
        view.saveStatus.connect(self._on_save_status)
        self.reopen_offer.watch(document)
        self.ui.pages.addWidget(view)
        self.ui.pages.setCurrentWidget(view)
        if isinstance(view, DepartmentView):
            view.ui.submitButton.clicked.connect(self.submit)
            view.notice.connect(lambda text: self.statusBar().showMessage(text, 5000))
            view.ui.filterCheck.toggled.connect(self.ui.actionFilterIncomplete.setChecked)
            name = view.worklist.department_name
            self.setWindowTitle(f"{document.title} — {name}（担当課ファイル） — welfareplan")
            view.editor.focus_first_input()
        else:
            self.setWindowTitle(
                f"{document.title} — 地域福祉課（マスターワークブック） — welfareplan"
            )
        self.save_label.setText("保存済み" if not view.read_only else "閲覧のみ")
        self._restore_banner()
        self._update_actions()
        return True

    def _save_typing(self) -> None:
        if self.view is not None and not self.view.read_only:
            self.view.save_all()

    def _on_caught_up(self, message: str) -> None:
        """The file changed underneath and our edits were re-applied on top of it: show it
        again as it is now (at the same entry or tab), and say what happened."""
        document, old = self.document, self.view
        if document is None:
            return
        place: str | int | None = None
        if isinstance(old, DepartmentView):
            place = old.current_id
        elif old is not None:
            place = old.ui.tabs.currentIndex()
        if old is not None:
            self.ui.pages.removeWidget(old)
            old.deleteLater()
            self.view = None
        if not self._make_view(document):
            self.ui.pages.setCurrentWidget(self.welcome)
            return
        if isinstance(self.view, DepartmentView) and isinstance(place, str):
            self.view.select_entry(place)
        elif self.view is not None and not isinstance(self.view, DepartmentView):
            self.view.ui.tabs.setCurrentIndex(int(place or 0))
        self.set_banner(message)

    def _warm_up(self, document: Document) -> None:
        """Load the save path and SQLAlchemy's engine (printing, exports) — and for a master
        workbook the ORM and the services of the workbench's other tabs — in the background,
        after the window is up, so neither start-up nor the first save, print or click on
        another tab waits for them."""
        from welfareplan.gui.tasks import run_task

        if self.document is not document:
            return
        # What is alive now lives as long as the window: keep it out of the garbage collector's
        # full scans, whose pauses (holding the GIL) would otherwise freeze the window while
        # an export or merge runs in the background. What an earlier file froze is thawed
        # first: once that file is closed its cycles (its engine, its views' data) are
        # garbage the collector never looks at while frozen. What start-up froze (gui/preload.py)
        # stays frozen until then: the first collection scans less (less time on the UI thread).
        if MainWindow._thaw_first:
            gc.unfreeze()
        gc.collect()
        gc.freeze()
        MainWindow._thaw_first = True

        workbench = document.kind is FileKind.WORKBOOK

        def work(progress: object, cancelled: object) -> None:
            import welfareplan.core.editing  # noqa: F401 - the save path

            if workbench:  # the ORM and services of the workbench's other tabs
                for name in DIVISION_LATER:
                    importlib.import_module(name)
            if self.document is document and not document.read_only:
                _ = document.workbook.engine

        if workbench or not document.read_only:
            run_task(work)

    # ------------------------------------------------------------------ closing

    def write_back(self) -> bool:
        """Save everything and write the file back. False if the user cancelled."""
        return saving.flush(self)

    def close_document(self) -> bool:
        if self.document is None:
            return True
        if not self.write_back():
            return False
        doc, view = self.document, self.view
        if isinstance(view, DepartmentView):
            window_place.remember_view(view, self.settings, doc.original)
            self.settings.save()
        self.document, self.view = None, None
        if view is not None:
            self.ui.pages.removeWidget(view)
            view.deleteLater()
        with contextlib.suppress(Exception):
            doc.close()
        self.ui.pages.setCurrentWidget(self.welcome)
        self.setWindowTitle("welfareplan 地域福祉計画 進捗状況及び評価表")
        self.save_label.setText("")
        self.set_banner("")
        self.reopen_offer.hide()
        self._update_actions()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_document():
            window_place.remember_window(self, self.settings)
            self.settings.save()
            event.accept()
        else:
            event.ignore()

    def _on_replaced(self) -> None:
        """The original was replaced, moved or deleted: overwrite, save elsewhere, or not now
        (the banner stays; 保存 or closing asks again)."""
        saving.on_replaced(self)

    # ------------------------------------------------------------------ file actions

    def save_now(self) -> None:
        saving.save_now(self)

    def save_as(self) -> bool:
        return saving.save_as(self)

    def show_folder(self) -> None:
        if self.document is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.document.original.parent)))

    # ------------------------------------------------------------------ submit and print

    def submit(self) -> None:
        submit_print.submit(self)

    def confirm(self) -> None:
        """ファイル › 所属長の確認を記録: the department view records it."""
        view = self.entry_view()
        if view is not None and view.document.kind is FileKind.DEPARTMENT:
            view.confirm()

    def _worksheet(self) -> QTextDocument | WorksheetPrint:
        return submit_print.worksheet_document(self)

    def print_worksheet(self) -> None:
        submit_print.print_worksheet(self)

    def print_preview(self) -> None:
        submit_print.print_preview(self)

    def export_pdf_dialog(self) -> None:
        submit_print.export_pdf_dialog(self)

    # ------------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if not files:
            return
        event.acceptProposedAction()
        if (
            self.view is not None
            and not isinstance(self.view, DepartmentView)
            and not self.view.read_only
        ):
            # returned files dropped on the workbench are merged, not opened
            self.view.add_files_to_merge(files)
        else:
            self.open_path(files[0])
