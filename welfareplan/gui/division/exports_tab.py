"""出力: the report in Word and Excel, per-department worksheets, print previews."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QWidget

from welfareplan.core.queries import round_for_year
from welfareplan.core.wareki import short_fiscal_year
from welfareplan.gui.division.context import DivisionContext
from welfareplan.gui.forms.ui_exports_tab import Ui_ExportsTab
from welfareplan.gui.tasks import CancelledFn, ProgressFn

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ExportsTab(QWidget):
    def __init__(self, ctx: DivisionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ExportsTab()
        self.ui.setupUi(self)
        self.ctx = ctx
        self.last_paths: list[Path] = []
        ui = self.ui
        ui.paperCombo.addItem("A4 横", "A4")
        ui.paperCombo.addItem("A3 横", "A3")
        ui.docxButton.clicked.connect(lambda: self.export_report("docx"))
        ui.xlsxButton.clicked.connect(lambda: self.export_report("xlsx"))
        ui.previewReportButton.clicked.connect(self.preview_report)
        ui.previewWorksheetButton.clicked.connect(self.preview_worksheet)
        ui.worksheetsButton.clicked.connect(self.export_worksheets)
        ui.selectAllButton.clicked.connect(lambda: self._check_all(True))
        ui.openResultButton.clicked.connect(self.open_result)
        ui.openFolderButton.clicked.connect(self.open_folder)
        self._show_result([], "")

    @property
    def paper(self) -> str:
        return str(self.ui.paperCombo.currentData())

    def refresh(self) -> None:
        from welfareplan.exports.round_export import round_departments

        if self.ctx.fiscal_year is None:
            return
        with self.ctx.workbook.session() as s:
            departments = [
                (d.id, d.name)
                for d in round_departments(s, round_for_year(s, self.ctx.fiscal_year))
            ]
        checked = {
            self.ui.departmentList.item(i).data(ID_ROLE)
            for i in range(self.ui.departmentList.count())
            if self.ui.departmentList.item(i).checkState() == Qt.CheckState.Checked
        }
        self.ui.departmentList.clear()
        for dept_id, name in departments:
            item = QListWidgetItem(name)
            item.setData(ID_ROLE, dept_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if dept_id in checked else Qt.CheckState.Unchecked
            )
            self.ui.departmentList.addItem(item)

    def _check_all(self, on: bool) -> None:
        for i in range(self.ui.departmentList.count()):
            self.ui.departmentList.item(i).setCheckState(
                Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
            )

    def _selected_departments(self) -> list[tuple[str, str]]:
        out = []
        for i in range(self.ui.departmentList.count()):
            item = self.ui.departmentList.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append((item.data(ID_ROLE), item.text()))
        return out

    def _default_dir(self) -> Path:
        return self.ctx.document.original.parent

    # ------------------------------------------------------------------ exports

    def export_report(self, kind: str) -> None:
        from welfareplan.exports.round_export import export_report
        from welfareplan.gui.division.round_checks import confirm_with_checklist

        year = self.ctx.fiscal_year
        if year is None:
            return
        if not confirm_with_checklist(
            self,
            self.ctx,
            "評価表の出力",
            "評価表を出力します。",
            "このまま出力する",
            always=False,
        ):
            return
        suffix = {"docx": "Word 文書 (*.docx)", "xlsx": "Excel ブック (*.xlsx)"}[kind]
        start = (
            self._default_dir()
            / f"{short_fiscal_year(year)}_地域福祉計画_進捗状況及び評価表.{kind}"
        )
        path, _ = QFileDialog.getSaveFileName(self, "評価表の出力", str(start), suffix)
        if not path:
            return
        out = Path(path)
        wb, paper = self.ctx.workbook, self.paper

        def work(progress: ProgressFn, cancelled: CancelledFn) -> list[Path]:
            progress(0, 1, "評価表を作成しています…")
            _, written = export_report(wb, year, paper_size=paper, **{kind: out})
            progress(1, 1, "")
            return written

        self.ctx.run(
            self,
            "評価表の出力",
            work,
            lambda paths: self._show_result(paths, "評価表を出力しました"),
            writes=False,
        )

    def export_worksheets(self) -> None:
        from welfareplan.exports.round_export import export_worksheets

        year = self.ctx.fiscal_year
        selected = self._selected_departments()
        if year is None:
            return
        if not selected:
            self.ui.resultLabel.setText("出力する担当課を選んでください。")
            return
        folder = QFileDialog.getExistingDirectory(
            self, "評価シートの保存先", str(self._default_dir())
        )
        if not folder:
            return
        wb, paper, blank = self.ctx.workbook, self.paper, self.ui.blankCheck.isChecked()

        def work(progress: ProgressFn, cancelled: CancelledFn) -> list[Path]:
            paths: list[Path] = []
            for k, (_, name) in enumerate(selected):
                if cancelled():
                    break
                progress(k, len(selected), f"{name} の評価シートを作成しています…")
                for w in export_worksheets(
                    wb, year, Path(folder), blank=blank, department=name, paper_size=paper
                ):
                    paths += [w.xlsx, w.docx]
            progress(len(selected), len(selected), "")
            return paths

        self.ctx.run(
            self,
            "評価シートの出力",
            work,
            lambda paths: self._show_result(paths, "評価シートを出力しました"),
            writes=False,
        )

    def _show_result(self, paths: list[Path], message: str) -> None:
        self.last_paths = list(paths)
        if paths:
            names = "、".join(p.name for p in paths[:4]) + (
                f" ほか {len(paths) - 4} 件" if len(paths) > 4 else ""
            )
            self.ui.resultLabel.setText(f"{message}: {names}（{paths[0].parent}）")
        elif message:
            self.ui.resultLabel.setText(message)
        self.ui.openResultButton.setEnabled(len(paths) >= 1)
        self.ui.openFolderButton.setEnabled(bool(paths))

    def open_result(self) -> None:
        if self.last_paths:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_paths[0])))

    def open_folder(self) -> None:
        if self.last_paths:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_paths[0].parent)))

    # ------------------------------------------------------------------ previews

    def _preview(self, document) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        from welfareplan.gui.printing import a4_landscape_printer, print_document

        printer = a4_landscape_printer(paper=self.paper)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle("印刷プレビュー")
        dialog.paintRequested.connect(lambda p: print_document(document, p))
        dialog.exec()

    def preview_report(self) -> None:
        from welfareplan.gui.printing import build_report_document

        if self.ctx.round_id:
            self._preview(build_report_document(self.ctx.workbook, self.ctx.round_id))

    def preview_worksheet(self) -> None:
        """The worksheets of the ticked departments (the ones the export would write)."""
        from welfareplan.gui.printing import build_worksheets_document

        selected = self._selected_departments()
        if not self.ctx.round_id:
            return
        if not selected:
            self.ui.resultLabel.setText(
                "プレビューする担当課にチェックを付けてください（「すべて選ぶ」で全担当課）。"
            )
            return
        self._preview(
            build_worksheets_document(
                self.ctx.workbook, self.ctx.round_id, [dept_id for dept_id, _ in selected]
            )
        )
