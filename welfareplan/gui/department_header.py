"""The department window's header: the file's state (submitted, confirmed, changed since) and
the progress of its entries, each as the text shown and its colour ('' for the usual one)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QLabel, QProgressBar

from welfareplan.core.confirmation import changed_since_confirmation, confirmation_from_meta
from welfareplan.core.storage import Workbook
from welfareplan.core.submission import submission_from_meta
from welfareplan.gui.style import OK_COLOR, WARNING_COLOR


def submission_text(meta: Mapping[str, str], *, gaps: bool) -> tuple[str, str]:
    """The submission state of a department file whose ``wp_meta`` is ``meta``; ``gaps``:
    entries are still incomplete. An incomplete submission does not look like a complete
    one; 提出後に変更あり only while the values differ from the submitted ones
    (:mod:`welfareplan.core.submitted_values`)."""
    state = submission_from_meta(meta)
    if state is None:
        return "未提出", ""
    at = f"{state.submitted_at:%m/%d %H:%M}"
    if state.changed_after_submission:
        return f"提出後に変更あり（提出 {at}）", WARNING_COLOR
    if gaps:
        return f"提出済み（未記入あり）（{at} {state.submitted_by}）", WARNING_COLOR
    return f"提出済み（{at} {state.submitted_by}）", OK_COLOR


def confirmation_text(wb: Workbook, meta: Mapping[str, str]) -> tuple[str, str]:
    """The section chief's confirmation of a department file ('' before one is recorded: the
    所属長の確認 button is there), and what changed after it."""
    found = confirmation_from_meta(meta)
    if found is None:
        return "", ""
    changed = changed_since_confirmation(wb, found)
    if changed:
        names = "、".join(changed[:5]) + ("…" if len(changed) > 5 else "")
        return f"{found.label}　確認後に変更あり: {names}", WARNING_COLOR
    return found.label, OK_COLOR if found.confirmed else ""


def file_state_text(wb: Workbook, *, gaps: bool) -> tuple[str, str]:
    """Submission and confirmation in one line (the file's meta read once for both); a
    warning in either colours the line as a warning."""
    meta = wb.meta()
    text, color = submission_text(meta, gaps=gaps)
    confirmed, confirm_color = confirmation_text(wb, meta)
    if confirmed:
        text += "　／　" + confirmed
        color = color or confirm_color
        if confirm_color == WARNING_COLOR:
            color = WARNING_COLOR
    return text, color


def show_progress(label: QLabel, bar: QProgressBar, done: int, total: int) -> None:
    """``done`` of ``total`` entries complete, in the label and the bar (and its tooltip and
    accessible description, which say how to reach the rest)."""
    label.setText(f"{done} / {total} 件 完了")
    bar.setMaximum(max(total, 1))
    bar.setValue(done)
    text = f"{total} 件の事業のうち {done} 件の記入が完了しています（未完了 {total - done} 件: F8 で次の未完了の事業へ）。"
    bar.setToolTip(text)
    bar.setAccessibleDescription(text)
