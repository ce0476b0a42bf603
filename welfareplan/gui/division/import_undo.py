"""取り込みの取り消し in the 変更履歴・バックアップ tab: what undoing the selected import puts
back (or what blocks it), confirmed, then done off the UI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from welfareplan.core.errors import WelfareplanError
from welfareplan.gui.division.context import DivisionContext
from welfareplan.gui.division.review_dialog import Review, ReviewDialog
from welfareplan.gui.tasks import CancelledFn, ProgressFn
from welfareplan.workflow.returns.undo import UndoPlan, UndoResult, plan_undo, undo_import

TITLE = "取り込みの取り消し"


def undo_review(plan: UndoPlan) -> Review:
    """The review dialog's contents: the fields put back, or what blocks the undo."""
    r = plan.record
    which = f"{r.received_at:%Y-%m-%d %H:%M} に取り込んだ「{r.file_name}」（{r.department_name}・{r.revision_label}）"
    if not plan.possible:
        return Review(
            TITLE,
            f"{which}は取り消せません。取り込みの後に、次の変更が加えられています。",
            ["事業・担当課・項目", "取り消せない理由"],
            [[b.subject or "（取り込み全体）", b.reason] for b in plan.blockers],
            note="後の変更を先に取り消すか、「バックアップ」から取り込みの前の時点に戻してください"
            "（その後の変更もすべて取り消されます）。",
        )
    extra = []
    if plan.conflicts:
        extra.append(f"この取り込みの競合 {plan.conflicts} 項目を削除します")
    if plan.reopened:
        extra.append(f"それまでの競合 {plan.reopened} 項目を保留に戻します")
    return Review(
        TITLE,
        f"{which}を取り消します。次の {len(plan.fields)} 項目を取り込みの前の値に戻します。",
        ["事業・担当課", "項目", "取り込んだ値", "戻す値"],
        [
            [f.label, f.field_label, f.imported or "（空欄）", f.restored or "（空欄）"]
            for f in plan.fields
        ],
        note="。".join(
            [
                *extra,
                "同じファイルはもう一度取り込めます。取り消しの前の状態はバックアップとして残ります。",
            ]
        ),
        confirm="取り消す",
    )


def undo_with_review(
    parent: QWidget, ctx: DivisionContext, return_id: str, gone: Callable[[], None]
) -> None:
    """Show what undoing import ``return_id`` does (or what blocks it) and, confirmed, do it;
    ``gone`` is called when the import no longer exists."""
    wb = ctx.workbook
    try:
        plan = plan_undo(wb, return_id)
    except WelfareplanError as exc:
        QMessageBox.warning(parent, TITLE, exc.message)
        gone()
        return
    dialog = ReviewDialog(undo_review(plan), parent)
    if dialog.exec() != ReviewDialog.DialogCode.Accepted or not plan.possible:
        return

    def work(progress: ProgressFn, cancelled: CancelledFn) -> UndoResult:
        return undo_import(wb, return_id)

    def done(result: UndoResult) -> None:
        QMessageBox.information(
            parent,
            TITLE,
            f"「{result.plan.record.file_name}」の取り込みを取り消しました"
            f"（{len(result.plan.fields)} 項目を戻しました）。",
        )

    ctx.run(parent, TITLE, work, done)
