"""What restoring a backup would throw away: every change made to the master after the copy.

A backup is the master as it was before one change. Restoring it discards that change and
everything after it — later imports, edits, decided conflicts. :func:`restore_loss` compares the
copy with the master as it is now: audit rows the copy does not have (by id and time, so rows of
another branch after an earlier restore are not mistaken for the copy's), returns merged since,
and conflicts decided since (deciding 「マスターのまま」 changes no value and leaves no audit
row, but it is still work that would be lost).
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from welfareplan.core.fileformat import readonly_uri
from welfareplan.core.plainsql import rows
from welfareplan.core.storage import Workbook
from welfareplan.core.timestamps import time_from_text
from welfareplan.workflow.master.audit_log import AuditRow, action_label, list_events
from welfareplan.workflow.master.backups import BackupInfo, checked_copy


@dataclass(frozen=True)
class RestoreLoss:
    backup: BackupInfo
    #: audited changes made after the copy, newest first
    changes: tuple[AuditRow, ...]
    #: names of the returned files merged after the copy
    returns: tuple[str, ...]
    #: conflicts decided after the copy
    decided_conflicts: int

    @property
    def empty(self) -> bool:
        return not (self.changes or self.returns or self.decided_conflicts)

    @property
    def count(self) -> int:
        """How many changes the restore discards (audit rows and undocumented decisions)."""
        return len(self.changes) + self.decided_conflicts

    def summary(self) -> str:
        """'取込 12、修正 2、競合の解決 1（取り込んだファイル: R7_健康課.wpdb）' or that nothing is lost."""
        if self.empty:
            return "この時点の後の変更はありません。"
        counts = Counter(action_label(c.action) for c in self.changes)
        parts = [f"{label} {n}" for label, n in counts.items()]
        if self.decided_conflicts:
            parts.append(f"競合の判断 {self.decided_conflicts}")
        text = "この時点の後の変更: " + "、".join(parts)
        if self.returns:
            text += f"（取り込んだファイル: {'、'.join(self.returns)}）"
        return text


def _backup_rows(
    backup: BackupInfo, workbook: Path, file_uuid: str
) -> tuple[set[tuple[int, str]], set[str], dict[str, str]]:
    """The backup's audit rows, returns and conflicts, read from a private copy that passed the
    checks a restore makes (a backup that is not what it claims is refused here already)."""
    with tempfile.TemporaryDirectory(prefix="wp-restore-loss-") as tmp:
        private = checked_copy(backup, workbook, Path(tmp), file_uuid=file_uuid)
        return _rows_of(private)


def _rows_of(path: Path) -> tuple[set[tuple[int, str]], set[str], dict[str, str]]:
    con = sqlite3.connect(readonly_uri(path), uri=True)
    try:
        audits = {
            (int(i), str(at)) for i, at in con.execute("SELECT id, at FROM audit_event").fetchall()
        }
        returns = {str(r) for (r,) in con.execute("SELECT id FROM received_return")}
        conflicts = dict(con.execute("SELECT id, status FROM merge_conflict").fetchall())
    finally:
        con.close()
    return audits, returns, conflicts


def restore_loss(wb: Workbook, backup: BackupInfo) -> RestoreLoss:
    """What restoring ``backup`` over ``wb`` (open, as it is now) would discard. Reads only."""
    audits, returns, conflicts = _backup_rows(backup, wb.path, wb.file_uuid)
    kept = {(i, time_from_text(at)) for i, at in audits}
    changes = tuple(e for e in list_events(wb) if (e.id, e.at) not in kept)
    with wb.reader() as con:
        new_returns = tuple(
            str(name)
            for rid, name in rows(
                con, "SELECT id, file_name FROM received_return ORDER BY received_at"
            )
            if rid not in returns
        )
        decided = sum(
            1
            for cid, status in rows(con, "SELECT id, status FROM merge_conflict")
            if status == "resolved" and conflicts.get(cid) != "resolved"
        )
    return RestoreLoss(backup, changes, new_returns, decided)
