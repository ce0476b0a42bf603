"""Where each department stands, as a table to print or to save in Excel (the dashboard's
「一覧を印刷」 and 「一覧をExcelに保存」): who submitted, when, which version and how it came
(a department file or an Excel worksheet), besides the state and the counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from welfareplan.core.wareki import results_label
from welfareplan.workflow.status import DepartmentStatus, RoundStatus

STATUS_COLUMNS = (
    "担当課",
    "状態",
    "完了/全体",
    "提出者",
    "提出日時",
    "版",
    "方法",
    "最終取込",
    "保留の競合",
    "未解決の指摘",
    "所属長の確認",
    "備考",
)
#: Column widths in the Excel file (Excel units).
STATUS_WIDTHS = (22, 13, 10, 14, 17, 8, 15, 17, 10, 10, 18, 40)


def _when(value: dt.datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


def status_note(d: DepartmentStatus) -> str:
    """Why the department is where it is, when the state alone does not say."""
    notes = []
    if d.rejected_reason:
        notes.append(d.rejected_reason)
    if d.changed_after_submission:
        notes.append("提出後に変更あり")
    if d.open_conflicts:
        notes.append(f"地域福祉課で確認中の競合 {d.open_conflicts} 項目")
    if d.open_comments:
        unsent = d.open_comments - d.sent_comments
        notes.append(
            f"差戻しの指摘 {d.open_comments} 件が未解決"
            + (f"（うち未送付 {unsent} 件）" if unsent else "")
        )
    return " ".join(notes)


def status_row(d: DepartmentStatus) -> list[str]:
    """One department as the table shows it (texts in :data:`STATUS_COLUMNS` order)."""
    # an Excel worksheet has no version number: its save time is its 提出日時
    version = (
        str(d.last_revision) if d.last_revision is not None and d.last_file_format == "wpdb" else ""
    )
    return [
        d.department_name,
        d.state_label,
        f"{d.complete} / {d.total}",
        d.submitted_by if d.submitted else "",
        _when(d.submitted_at) if d.submitted else "",
        version,
        d.channel_label,
        _when(d.last_merge_at),
        str(d.open_conflicts) if d.open_conflicts else "",
        str(d.open_comments) if d.open_comments else "",
        d.confirmation_label,
        status_note(d),
    ]


def status_title(status: RoundStatus, at: dt.datetime) -> str:
    """'令和7年度実績 担当課の状況（2026-05-10 10:23 現在）'."""
    return f"{results_label(status.fiscal_year)} 担当課の状況（{at:%Y-%m-%d %H:%M} 現在）"


def status_rows(status: RoundStatus) -> list[list[str]]:
    return [status_row(d) for d in status.departments]


def save_status_xlsx(status: RoundStatus, path: Path, *, at: dt.datetime) -> Path:
    """The table as an Excel workbook (written atomically)."""
    from welfareplan.exports.table_xlsx import write_table_xlsx

    return write_table_xlsx(
        path,
        status_title(status, at),
        STATUS_COLUMNS,
        status_rows(status),
        widths=STATUS_WIDTHS,
        sheet_name="担当課の状況",
    )
