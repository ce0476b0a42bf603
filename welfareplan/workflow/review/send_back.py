"""Sending fields back (差戻し): re-issue a department's file — or Excel worksheet — carrying its
open comments. The issue itself is the ordinary one (:mod:`welfareplan.workflow.issuing`),
which copies the comments into the file and records them as sent with the issuance; this only
refuses a send-back with nothing to send."""

from __future__ import annotations

from pathlib import Path

from welfareplan.core.errors import DataError
from welfareplan.core.storage import Workbook
from welfareplan.workflow.issuing.distribute import distribute
from welfareplan.workflow.issuing.issue_run import DistributeResult
from welfareplan.workflow.progress import CancelFn, ProgressFn
from welfareplan.workflow.review.comments import list_comments


def send_back(
    wb: Workbook,
    fiscal_year: int,
    department: str,
    out_dir: Path | str,
    *,
    file_format: str = "wpdb",
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> DistributeResult:
    """Re-issue ``department``'s file with its open comments (refused when it has none)."""
    comments = list_comments(wb, fiscal_year, department=department, open_only=True)
    if not comments:
        raise DataError(
            f"担当課「{department}」には未解決の指摘がありません。"
            "差戻すには、先に項目ごとの指摘を追加してください。",
            code="nothing-to-send-back",
        )
    return distribute(
        wb,
        fiscal_year,
        out_dir,
        departments=[department],
        file_format=file_format,
        progress=progress,
        cancelled=cancelled,
    )
