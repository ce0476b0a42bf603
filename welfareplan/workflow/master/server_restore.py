"""Restoring a server master from one of its ``.wpdb`` snapshots (issue 16):
``welfareplan backups URL --restore NAME``.

The snapshot passes every check of a file we open and must be of this master (its file UUID,
:func:`welfareplan.workflow.master.backups.checked_copy`); then the current state is kept as a
snapshot of its own (「復元の前」), and one transaction replaces every row of the server's master
with the snapshot's, checks the result against it by content digest
(:func:`welfareplan.core.mastercopy.replace_from_file`) and records the restore in the audit
trail. Any failure rolls the whole transaction back: the server is as before.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from welfareplan.core.audittrail import AuditEntry, write_audit
from welfareplan.core.identity import now, os_user
from welfareplan.core.storage import Workbook
from welfareplan.core.timestamps import time_to_text
from welfareplan.workflow.master.backups import (
    DEFAULT_KEEP,
    RestoreResult,
    checked_copy,
    discard_backup,
    find_backup,
    rotate,
    take_snapshot,
)
from welfareplan.workflow.master.server_folder import master_home


def restore_server_backup(
    wb: Workbook, name: str, *, keep: int = DEFAULT_KEEP, discarded: int | None = None
) -> RestoreResult:
    """Replace the content of the server master ``wb`` (opened to write) with its snapshot
    ``name`` (see the module's text); ``discarded``: the changes the restore throws away
    (:mod:`welfareplan.workflow.master.restore_loss`), for the audit row's note."""
    from sqlalchemy import Connection

    from welfareplan.core.mastercopy import replace_from_file

    home = master_home(wb)
    backup = find_backup(home, name)
    with tempfile.TemporaryDirectory(prefix="wp-restore-") as tmp:
        private = checked_copy(backup, home, Path(tmp), file_uuid=wb.file_uuid)
        safety = take_snapshot(
            wb,
            "before-restore",
            what=f"{backup.created:%Y-%m-%d %H:%M:%S}「{backup.reason_label}」へ",
            keep=None,
        )
        lost = "" if discarded is None else f"。この時点の後の変更 {discarded} 件を取り消し"
        note = (
            f"バックアップ {backup.created:%Y-%m-%d %H:%M:%S}「{backup.reason_label}」から復元"
            f"（戻す前の状態: {safety.name}）{lost}"
        )
        try:
            with wb.writer() as conn:
                assert isinstance(conn, Connection)
                replace_from_file(private, conn)
                entry = AuditEntry(
                    time_to_text(now()), os_user(), "restore", source_file=backup.name, note=note
                )
                write_audit(conn, [entry])
        except BaseException:
            discard_backup(safety)
            raise
    rotate(home, keep=keep)
    return RestoreResult(restored=backup, safety_backup=safety)
