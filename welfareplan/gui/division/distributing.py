"""配布 and Excel様式の配布 on the dashboard: the departments and the folder chosen in
:class:`welfareplan.gui.division.dialogs.DistributeDialog`, the files made in the background
(:mod:`welfareplan.workflow.issuing`), and a box that lists them and opens their folder."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from welfareplan.core.errortext import os_reason
from welfareplan.gui.division.context import DivisionContext
from welfareplan.gui.tasks import CancelledFn, ProgressFn
from welfareplan.workflow.rounds.round_list import RoundInfo


def issue_files(
    parent: QWidget, ctx: DivisionContext, rnd: RoundInfo | None, *, excel: bool
) -> None:
    """Issue department files (.wpdb) of the round ``rnd`` or, for departments that cannot
    run the app, registered Excel worksheets with a Word copy for printing."""
    from welfareplan.gui.division.dialogs import DistributeDialog
    from welfareplan.workflow.issuing.distribute import distribute
    from welfareplan.workflow.issuing.worksheets import issue_worksheets
    from welfareplan.workflow.status import round_status

    if rnd is None or ctx.document.read_only:
        return
    if not rnd.is_open:
        QMessageBox.information(
            parent,
            "配布",
            f"{rnd.label}は締め切られています。配布するには受付を再開してください。",
        )
        return
    status = round_status(ctx.workbook, rnd.fiscal_year)
    folder = ctx.document.original.parent / f"{rnd.label}_配布"
    if excel:
        title = "Excel様式の配布"
        intro = (
            f"{rnd.label}のExcel様式（入力欄だけ入力できる .xlsx と印刷用の .docx）を作ります。"
            "アプリを使えない担当課向けです。記入された .xlsx は「取込」でそのまま取り込めます。"
        )
    else:
        title = "担当課ファイルの配布"
        intro = f"{rnd.label}の担当課ファイルを作ります。配布済みの課を選ぶと、今の記入内容で配布し直します。"
    dialog = DistributeDialog(
        list(status.departments), folder, title=title, intro=intro, parent=parent
    )
    if dialog.exec() != DistributeDialog.DialogCode.Accepted:
        return
    departments, out = dialog.departments, dialog.folder
    if not departments:
        return
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        QMessageBox.warning(
            parent, "配布", f"保存先のフォルダ「{out}」を作れません（{os_reason(exc)}）。"
        )
        return
    wb, year = ctx.workbook, rnd.fiscal_year

    def work(progress: ProgressFn, cancelled: CancelledFn):  # type: ignore[no-untyped-def]
        if excel:
            return issue_worksheets(
                wb,
                year,
                out,
                departments=departments,
                print_copy=True,
                progress=progress,
                cancelled=cancelled,
            )
        return distribute(
            wb, year, out, departments=departments, progress=progress, cancelled=cancelled
        )

    def done(result) -> None:  # type: ignore[no-untyped-def]
        names = "\n".join(f"・{f.path.name}" for f in result.files)
        what = "Excel様式" if excel else "担当課ファイル"
        box = QMessageBox(parent)
        box.setWindowTitle(title)
        box.setText(f"{len(result.files)} 課の{what}を作りました。各課へ送ってください。\n{names}")
        box.setInformativeText(str(out))
        open_folder = box.addButton("フォルダを開く", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Ok)
        box.exec()
        if box.clickedButton() is open_folder:
            from PySide6.QtCore import QUrl
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))

    ctx.run(parent, title, work, done)
