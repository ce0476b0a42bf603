"""Applying a merge preview to a server master (issue 16), where other staff keep working.

A file master proves that nothing changed since the preview by its fingerprint; a server
master changes all the time, so the apply transaction proves it for exactly what the preview
decided from (:class:`~welfareplan.workflow.returns.merge_types.MasterSide`):

one transaction: the advisory lock of each recorded file's issued-file id
(:mod:`welfareplan.core.serverlocks`: the same return merged twice at once waits here for the
first), then the returns of those files and the values of their entries read again (the entry
rows ``FOR UPDATE``: no edit lands in between) — if any differs from the preview, a Japanese
refusal, nothing written and nothing copied; else the ``.wpdb`` snapshot of exactly the state
the merge starts from is copied in a thread beside the merge's writes
(:mod:`welfareplan.workflow.master.snapshot_beside`), and the merge commits only once that
backup is complete and checked.

The same return a second time then finds the first's record and applies nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.plainsql import rows_in
from welfareplan.core.serverlocks import take_locks
from welfareplan.core.storage import Workbook
from welfareplan.workflow.master.backups import DEFAULT_KEEP, files_label, rotate
from welfareplan.workflow.master.server_folder import master_home
from welfareplan.workflow.master.snapshot_beside import SnapshotBeside
from welfareplan.workflow.returns.merge_types import MasterSide, MergePreview

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from welfareplan.core.plainsql import Writer

#: the advisory lock kind of a returned file (by its issued-file id)
LOCK_KIND = "issued-file"


def already_merged(names: list[str]) -> WelfareplanError:
    return WelfareplanError(
        f"プレビューの後に、{files_label(names)}の取り込みが別の操作で記録されました。"
        "同じファイルを二度取り込むことはありません。もう一度プレビューしてください。"
        "何も取り込んでいません。",
        code="already-merged",
    )


def changed_since_preview(fields: int) -> WelfareplanError:
    return WelfareplanError(
        f"プレビューの後に、取り込む記入の {fields} 項目がマスターで変更されました"
        "（他の職員の編集など）。もう一度プレビューしてから取り込んでください。"
        "何も取り込んでいません。",
        code="master-changed",
    )


def apply_on_server(
    wb: Workbook,
    preview: MergePreview,
    write: Callable[[Writer], None],
    *,
    keep: int = DEFAULT_KEEP,
) -> Path | None:
    """Lock, check again, snapshot beside ``write`` (see the module's text); the snapshot's
    path (None when the preview writes nothing)."""
    side = preview.master_side
    if side is None:
        raise WelfareplanError(
            "このプレビューはサーバーのマスターのものではありません。何も取り込んでいません。",
            code="wrong-workbook",
        )
    if not preview.writes:
        return None
    names = [f.name for f in preview.files if f.record]
    copy: SnapshotBeside | None = None
    try:
        with wb.writer() as conn:
            from sqlalchemy import Connection

            assert isinstance(conn, Connection)
            take_locks(conn, LOCK_KIND, side.returns)
            _check_again(conn, side, names)
            copy = SnapshotBeside(wb, conn, "merge", what=files_label(names))
            write(conn)
            backup = copy.finish()  # the backup first: a failed copy rolls the merge back
    except BaseException:
        if copy is not None:
            copy.abandon()
        raise
    rotate(master_home(wb), keep=keep)
    return backup


def _check_again(conn: Connection, side: MasterSide, names: list[str]) -> None:
    """Refuse unless the master is, for ``side``, what the preview saw."""
    merged: dict[str, set[str]] = {fid: set() for fid in side.returns}
    for fid, sha in rows_in(
        conn,
        "SELECT issued_file_id, sha256 FROM received_return WHERE issued_file_id IN :ids",
        {"ids": list(side.returns)},
        lists=["ids"],
    ):
        merged[fid].add(sha)
    if any(merged[fid] != set(seen) for fid, seen in side.returns.items()):
        raise already_merged(names)
    entries = sorted({eid for eid, _ in side.values})
    locked = rows_in(
        conn,
        "SELECT id FROM entry WHERE id IN :ids ORDER BY id FOR UPDATE",
        {"ids": entries},
        lists=["ids"],
    )
    now: dict[tuple[str, str], str] = {}
    for eid, field, value in rows_in(
        conn,
        "SELECT entry_id, field, value FROM entry_value WHERE entry_id IN :ids",
        {"ids": entries},
        lists=["ids"],
    ):
        now[(eid, field)] = value or ""
    gone = set(entries) - {r[0] for r in locked}
    changed = [
        key for key, value in side.values.items() if key[0] in gone or now.get(key, "") != value
    ]
    if changed:
        raise changed_since_preview(len(changed))
