"""``welfareplan --self-test``: the core self-test plus the windowed program's own checks
(``--startup-check FILE`` is :mod:`welfareplan.gui.startup_check`).

After the Qt-free cycle of :mod:`welfareplan.selftest` this creates the application (platform
plugin, Japanese translations, fonts), opens the filled-in department file in the main window
the way a user would, checks that the view shows its entries, prints the worksheet to PDF
(QtPrintSupport), closes the window and checks that the file was released.

With a display the result is also shown in a message box (the windowed program on Windows has
no console to print to); with ``QT_QPA_PLATFORM=offscreen`` it is only printed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from welfareplan.gui.startup_check import DialogWatch
from welfareplan.gui.startup_check import application as _application
from welfareplan.selftest import (
    SampleDepartmentFile,
    SelfTest,
    SelfTestReport,
    expect,
    print_report,
    run_self_test,
)

HEADLESS_PLATFORMS = ("offscreen", "minimal")


def check_qt(app: QApplication) -> str:
    from welfareplan.gui.icons import app_icon

    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    expect(
        cancel != "Cancel",
        "Qt の日本語訳（qtbase_ja.qm）を読み込めません（ボタンが英語で表示されます）。",
    )
    icon = app_icon()
    expect(
        not icon.isNull(), "アプリのアイコン（resources/icons/welfareplan.png）を読み込めません。"
    )
    style = app.style().name() if app.style() is not None else "?"
    font = QFontInfo(app.font()).family()  # the font actually used, not the one asked for
    return (
        f"表示: {app.platformName()}、スタイル: {style}、日本語訳: 「{cancel}」、フォント: {font}"
    )


class WindowCheck:
    def __init__(self, sample: SampleDepartmentFile) -> None:
        self.sample = sample
        self.window: QWidget | None = None

    def open(self) -> str:
        from welfareplan.core.appdirs import working_dir
        from welfareplan.core.lockfile import lock_path_for
        from welfareplan.core.settings import Settings
        from welfareplan.gui.department_view import DepartmentView
        from welfareplan.gui.main_window import MainWindow
        from welfareplan.gui.project_tree import iter_entry_items

        watch = DialogWatch()
        try:
            window = MainWindow(Settings())
            self.window = window
            window.resize(1200, 800)
            window.show()
            QApplication.processEvents()
            opened = window.open_path(self.sample.path, remember=False)
            QApplication.processEvents()
        finally:
            watch.stop()
        expect(
            opened and window.view is not None and window.document is not None,
            "担当課ファイルを開けません"
            + (f"（{' / '.join(watch.seen)}）" if watch.seen else "")
            + "。",
        )
        view, document = window.view, window.document
        assert view is not None and document is not None
        expect(
            isinstance(view, DepartmentView), "担当課ファイルが担当課の画面で開かれませんでした。"
        )
        assert isinstance(view, DepartmentView)
        leaves = list(iter_entry_items(view.ui.projectTree))
        expect(
            len(leaves) == self.sample.entries,
            f"一覧の記入欄が {len(leaves)} 件です（ファイルには {self.sample.entries} 件）。",
        )
        expect(
            view.ui.departmentLabel.text() == self.sample.department_name,
            f"担当課名の表示が「{view.ui.departmentLabel.text()}」です。",
        )
        first = view.worklist.form.text_fields[0]
        shown = view.editor.text_edit(first.key).toPlainText()
        expect(
            shown == self.sample.first_result,
            f"最初の事業の「{first.label}」が違います（表示: {shown[:30]!r}）。",
        )
        expect(not view.read_only, "担当課ファイルが読み取り専用で開かれました。")
        expect(
            lock_path_for(self.sample.path).exists(), "開いている間のロックファイルがありません。"
        )
        local = document.working_copy.local if document.working_copy is not None else None
        expect(
            local is not None and working_dir() in local.parents,
            "作業用コピーがプロファイルのフォルダにありません。",
        )
        return f"{self.sample.path.name} を開き、{len(leaves)} 件の記入を表示しました（{window.windowTitle()}）"

    def print_pdf(self) -> str:
        from welfareplan.gui.department_view import DepartmentView
        from welfareplan.gui.main_window import MainWindow
        from welfareplan.gui.printing import build_worksheet_document, export_pdf

        window = self.window
        assert isinstance(window, MainWindow) and isinstance(window.view, DepartmentView)
        assert window.document is not None
        worklist = window.view.worklist
        doc = build_worksheet_document(
            window.document.workbook, worklist.round_id, worklist.department_id
        )
        pdf = export_pdf(doc, self.sample.work_folder / "評価シート.pdf")
        expect(
            pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-",
            "評価シートを PDF に出力できません。",
        )
        return f"評価シートを {pdf.name}（{pdf.stat().st_size // 1024} KB）に印刷しました"

    def close(self) -> str:
        from welfareplan.core.fileformat import FileKind, check_file
        from welfareplan.core.lockfile import lock_path_for
        from welfareplan.gui.main_window import MainWindow

        window = self.window
        assert isinstance(window, MainWindow)
        watch = DialogWatch()
        try:
            closed = window.close()
            QApplication.processEvents()
        finally:
            watch.stop()
        expect(
            closed and window.document is None,
            "ウィンドウを閉じられません"
            + (f"（{' / '.join(watch.seen)}）" if watch.seen else "")
            + "。",
        )
        expect(
            not lock_path_for(self.sample.path).exists(),
            "閉じた後もロックファイルが残っています。",
        )
        expect(
            check_file(self.sample.path).kind is FileKind.DEPARTMENT,
            "閉じた後の担当課ファイルを検査できません。",
        )
        window.deleteLater()
        self.window = None
        return "ウィンドウを閉じ、ファイルを解放しました（ロックファイルなし、検査 OK）"


def gui_checks(test: SelfTest, sample: SampleDepartmentFile) -> None:
    app = _application()
    test.step("Qt の初期化", lambda: check_qt(app))
    window = WindowCheck(sample)
    try:
        test.step("ウィンドウで開く", window.open)
        test.step("印刷（PDF）", window.print_pdf)
        test.step("ウィンドウを閉じる", window.close)
    finally:
        if window.window is not None:
            window.window.hide()
            window.window.deleteLater()
        QApplication.processEvents()


def show_result(report: SelfTestReport) -> None:
    """A message box with the summary, when there is a screen to show it on."""
    if os.environ.get("QT_QPA_PLATFORM", "") in HEADLESS_PLATFORMS:
        return
    app = _application()
    if app.platformName() in HEADLESS_PLATFORMS:
        return
    icon = QMessageBox.Icon.Information if report.ok else QMessageBox.Icon.Critical
    QMessageBox(icon, "welfareplan 自己診断", report.text()).exec()


def main(argv: Sequence[str] = ()) -> int:
    """``--self-test`` (see the module docstring); it takes no options of its own."""
    report = run_self_test(gui=gui_checks)
    print_report(report)
    show_result(report)
    return 0 if report.ok else 1
