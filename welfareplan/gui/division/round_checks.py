"""Asking before a step that ends or publishes a round: the checklist of what is still
未提出 / 未記入 / 保留 before closing it or exporting the report, and a confirmation before
reopening it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from welfareplan.gui.division.context import DivisionContext
from welfareplan.gui.division.review_dialog import Review, ReviewDialog
from welfareplan.workflow.checklist import Checklist, round_checklist


def checklist_review(checklist: Checklist, title: str, intro: str, confirm: str) -> Review:
    if checklist.clear:
        intro += "未提出・未記入・保留はありません。"
    else:
        intro += f"まだ次のものが残っています（{checklist.summary()}）。"
    return Review(
        title,
        intro,
        ["区分", "担当課", "内容"],
        [[i.kind, i.department, i.detail] for i in checklist.items],
        note=""
        if checklist.clear
        else "残っているものは「状況」「記入内容」「取込」の各タブで確認できます。",
        confirm=confirm,
    )


def confirm_with_checklist(
    parent: QWidget,
    ctx: DivisionContext,
    title: str,
    intro: str,
    confirm: str,
    *,
    always: bool,
) -> bool:
    """Show what is still open in the selected round and ask; without ``always`` a round with
    nothing open goes ahead without asking."""
    if ctx.fiscal_year is None:
        return False
    checklist = round_checklist(ctx.workbook, ctx.fiscal_year)
    if checklist.clear and not always:
        return True
    dialog = ReviewDialog(checklist_review(checklist, title, intro, confirm), parent)
    return dialog.exec() == ReviewDialog.DialogCode.Accepted


def confirm_reopen(parent: QWidget, label: str) -> bool:
    review = Review(
        "受付を再開する",
        f"{label}の受付を再開しますか？再開すると、この年度の取込や記入内容の修正ができるようになります"
        "（報告書を出力した後なら、出力し直しが必要になることがあります）。",
        [],
        [],
        confirm="受付を再開する",
    )
    return ReviewDialog(review, parent).exec() == ReviewDialog.DialogCode.Accepted
