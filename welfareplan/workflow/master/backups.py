"""Rotating backup copies of the master workbook: made before every change, listed, restored.

Copies live in ``NAME.backups/`` beside the workbook (``storage.backup_dir_for``) and are named
``NAME.YYYYMMDD-HHMMSS[-n].REASON.wpdb``. Copies made by the workflow (merge, round, plan
import, department edits, restore) rotate: only the newest :data:`DEFAULT_KEEP` are kept.
Copies made before a schema upgrade (``schemaN``) are never deleted automatically.

A copy is named after what it precedes: beside it, ``COPY.about.json`` says what the change was
(the files of an import, the round created, …) and who made it, so the list reads
「取り込みの前（R7_健康課.wpdb ほか 2 件）」 instead of a row of identical 「取り込みの前」.
A server master's backups are ``.wpdb`` snapshots (:func:`take_snapshot`, issue 16) in the
user's data folder for that master (:mod:`welfareplan.workflow.master.server_folder`), named,
listed and rotated the same way; restored by :mod:`welfareplan.workflow.master.server_restore`.
Restoring a copy is audited in the restored workbook itself (action ``restore``), in the same
atomic replacement; what a restore would discard is listed by
:mod:`welfareplan.workflow.master.restore_loss`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from welfareplan.core.atomic import atomic_target, copy_file_atomic
from welfareplan.core.audittrail import AuditEntry, write_audit
from welfareplan.core.backupnames import new_copy_name
from welfareplan.core.errors import FileCheckError, ReadOnlyError, WelfareplanError
from welfareplan.core.fileformat import FileKind, check_file
from welfareplan.core.heldwrite import busy_error, copy_database, write_from_here
from welfareplan.core.identity import now, os_user
from welfareplan.core.storage import Workbook, backup_copy, backup_dir_for
from welfareplan.core.timestamps import time_to_text
from welfareplan.core.walfiles import converted_copy
from welfareplan.workflow.master.locking import master_fingerprint
from welfareplan.workflow.wording import where_to

#: How many rotating backups are kept.
DEFAULT_KEEP = 20
#: Reasons whose copies rotate (everything the workflow makes).
ROTATING_REASONS = frozenset(
    {
        "merge",
        "round",
        "plan-import",
        "department",
        "before-restore",
        "conflicts",
        "undo-import",
        "delete",
        "history",
        "link",
        "distribute",
    }
)

REASON_LABELS = {
    "merge": "取り込みの前",
    "round": "年度の作成の前",
    "plan-import": "計画の取り込みの前",
    "department": "担当課マスタの変更の前",
    "before-restore": "復元の前",
    "conflicts": "競合の解決の前",
    "undo-import": "取り込みの取り消しの前",
    "delete": "削除の前",
    "history": "過去の年度の取り込みの前",
    "link": "前の計画とのつなぎの前",
    "distribute": "配布の前",
    "now": "手動のバックアップ",
}
#: The description written beside a copy: ``COPY.about.json``.
ABOUT_SUFFIX = ".about.json"

_NAME = re.compile(r"\.(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.(?P<reason>[A-Za-z0-9-]+)\.wpdb$")


@dataclass(frozen=True)
class BackupInfo:
    name: str
    path: Path
    created: dt.datetime
    reason: str
    size: int
    #: what the change this copy precedes was ('R7_健康課.wpdb ほか 2 件'; '' if unknown)
    what: str = ""
    #: who made that change (the OS user; '' if unknown)
    by: str = ""

    @property
    def reason_label(self) -> str:
        """'取り込みの前（R7_健康課.wpdb）': the kind of change and, when known, what it was."""
        if self.reason.startswith("schema"):
            return f"形式の更新の前（形式 {self.reason.removeprefix('schema')}）"
        label = REASON_LABELS.get(self.reason, self.reason)
        return f"{label}（{self.what}）" if self.what else label

    @property
    def rotates(self) -> bool:
        return self.reason in ROTATING_REASONS


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    safety_backup: Path


def _parse(path: Path, stem: str) -> tuple[BackupInfo, tuple[str, int, int]] | None:
    if not path.name.startswith(stem + "."):
        return None
    m = _NAME.search(path.name)
    if m is None or m.start() != len(stem):
        return None
    try:
        stat = path.stat()
    except OSError:  # removed meanwhile (another program's rotation): not a backup any more
        return None
    about = _read_about(path)
    info = BackupInfo(
        name=path.name,
        path=path,
        created=dt.datetime.strptime(m.group("stamp"), "%Y%m%d-%H%M%S"),
        reason=m.group("reason"),
        size=stat.st_size,
        what=about.get("what", ""),
        by=about.get("by", ""),
    )
    # Same-second copies: the file's own time orders them (names can be reused by rotation).
    return info, (m.group("stamp"), stat.st_mtime_ns, int(m.group("n") or 1))


def about_path(copy: Path) -> Path:
    return copy.with_name(copy.name + ABOUT_SUFFIX)


def _read_about(copy: Path) -> dict[str, str]:
    try:
        data = json.loads(about_path(copy).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def describe_backup(copy: Path, what: str) -> None:
    """Write what the change after ``copy`` is, beside it (best effort: a copy without its
    description is still a good copy)."""
    if not what:
        return
    with contextlib.suppress(OSError):
        about_path(copy).write_text(
            json.dumps({"what": what, "by": os_user()}, ensure_ascii=False), encoding="utf-8"
        )


def files_label(names: Sequence[str], *, shown: int = 2) -> str:
    """'R7_健康課.wpdb、R7_介護福祉課.wpdb ほか 3 件' (the files of an import)."""
    head = "、".join(names[:shown])
    return head + (f" ほか {len(names) - shown} 件" if len(names) > shown else "")


def remove_backup(path: Path) -> None:
    """Delete a copy and its description."""
    path.unlink()
    with contextlib.suppress(OSError):
        about_path(path).unlink(missing_ok=True)


def list_backups(workbook: Path | str) -> list[BackupInfo]:
    """Every backup copy of ``workbook``, newest first."""
    workbook = Path(workbook)
    folder = backup_dir_for(workbook)
    if not folder.is_dir():
        return []
    found = [b for p in folder.glob("*.wpdb") if (b := _parse(p, workbook.stem)) is not None]
    return [info for info, _ in sorted(found, key=lambda b: b[1], reverse=True)]


def make_backup(
    workbook: Path | str, reason: str, *, keep: int = DEFAULT_KEEP, what: str = ""
) -> Path:
    """Copy ``workbook`` (consistently, via SQLite's backup API) and rotate old copies."""
    workbook = Path(workbook)
    path = backup_copy(workbook, reason)
    describe_backup(path, what)
    rotate(workbook, keep=keep)
    return path


def rotate(workbook: Path | str, *, keep: int = DEFAULT_KEEP) -> list[Path]:
    """Delete rotating backups beyond the newest ``keep``; returns the deleted paths."""
    rotating = [b for b in list_backups(workbook) if b.rotates]
    removed = []
    for b in rotating[keep:]:
        try:
            remove_backup(b.path)
        except OSError:
            continue
        removed.append(b.path)
    return removed


@contextlib.contextmanager
def backed_up(
    wb: Workbook,
    reason: str,
    *,
    keep: int = DEFAULT_KEEP,
    what: str = "",
    unchanged_since: str | None = None,
    changed: Callable[[], WelfareplanError] | None = None,
) -> Iterator[tuple[Session, Path]]:
    """One write transaction on ``wb``, after a backup copy of the master as it is at its start.

    ``what`` names the change (the files of an import, the round created, …) in the copy's
    description, so the list of backups says what each one precedes.

    The copy is made by SQLite's backup API from the connection that then writes, and the
    transaction proves that nothing was committed between the copy and its write lock
    (:func:`welfareplan.core.heldwrite.write_from_here`): the copy is exactly the state this
    change starts from, and no second handle to the master is ever opened while it is locked.
    With ``unchanged_since`` (a :func:`~welfareplan.workflow.master.locking.master_fingerprint`)
    the master must still be that state, else ``changed()`` is raised and nothing is written.
    If the block fails or is cancelled the transaction rolls back and the copy is removed
    again; old copies rotate only on success.
    """
    if wb.on_server:
        with _backed_up_on_server(wb, reason, keep=keep, what=what) as done:
            yield done
        return
    if wb.read_only:
        raise ReadOnlyError(f"ファイル「{wb.path.name}」は読み取り専用で開いています。")
    made: list[Path] = []

    def not_now() -> WelfareplanError:
        return changed() if changed is not None else busy_error(wb.path)

    def before(con: sqlite3.Connection) -> None:
        if unchanged_since is not None and master_fingerprint(wb) != unchanged_since:
            raise not_now()
        dest = new_copy_name(backup_dir_for(wb.path), wb.path, reason)
        with atomic_target(dest, overwrite=False) as tmp:
            copy_database(con, tmp)
        made.append(dest)
        describe_backup(dest, what)

    try:
        with write_from_here(wb, before=before, changed=not_now) as session:
            yield session, made[0]
    except BaseException:
        discard_backup(made[0] if made else None)
        raise
    rotate(wb.path, keep=keep)


#: One snapshot at a time per process: two made in the same second would get the same name.
_NAMING = threading.Lock()


def take_snapshot(
    wb: Workbook,
    reason: str,
    *,
    what: str = "",
    keep: int | None = DEFAULT_KEEP,
    exported: str | None = None,
) -> Path:
    """A checked ``.wpdb`` snapshot of the server master ``wb`` as it is now — or, with
    ``exported`` (``pg_export_snapshot()`` of a transaction still open), exactly as that
    transaction saw it (:mod:`welfareplan.workflow.master.snapshot_beside`); old rotating
    copies beyond ``keep`` are removed afterwards (None: none, the caller rotates)."""
    from welfareplan.core.mastercopy import snapshot_to_file
    from welfareplan.workflow.master.server_folder import master_home

    home = master_home(wb)
    folder = backup_dir_for(home)
    folder.mkdir(parents=True, exist_ok=True)
    with _NAMING, wb.engine.connect() as plain:
        conn = plain.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            if exported is not None:
                from welfareplan.core.serversnapshots import import_snapshot

                import_snapshot(conn, exported)
            dest = new_copy_name(folder, home, reason)
            snapshot_to_file(conn, dest)
    describe_backup(dest, what)
    if keep is not None:
        rotate(home, keep=keep)
    return dest


@contextlib.contextmanager
def _backed_up_on_server(
    wb: Workbook, reason: str, *, keep: int, what: str
) -> Iterator[tuple[Session, Path]]:
    """:func:`backed_up` on a server master: a ``.wpdb`` snapshot, then one ORM transaction
    (other staff keep working: no fingerprint to compare, the change's own checks decide)."""
    from welfareplan.workflow.master.server_folder import master_home

    if wb.read_only:
        with wb.transaction():  # refused in Japanese before anything is copied
            pass
    snapshot = take_snapshot(wb, reason, what=what, keep=None)
    try:
        with wb.transaction() as session:
            yield session, snapshot
    except BaseException:
        discard_backup(snapshot)
        raise
    rotate(master_home(wb), keep=keep)


def discard_backup(path: Path | None) -> None:
    """Remove a backup made for an operation that was cancelled or failed (master unchanged)."""
    if path is not None:
        with contextlib.suppress(OSError):
            remove_backup(path)


def restore_backup(
    workbook: Path | str, name: str, *, keep: int = DEFAULT_KEEP, discarded: int | None = None
) -> RestoreResult:
    """Replace ``workbook`` with its backup ``name``, after keeping a copy of the current state.

    The backup passes the same checks as any file we open (header, integrity, exactly our
    schema, no duplicated keys, no hot journal) — on a private copy, which is then exactly
    what is put in place (a WAL-mode copy with its -wal applied), with the restore recorded in
    its audit trail first (so both happen or neither); ``discarded`` (the number of changes the
    restore throws away, from :mod:`restore_loss`) goes into that row's note. The workbook must
    not be open (close the :class:`Workbook` first and reopen it after) and its writer's lock
    must be held by the caller.
    """
    workbook = Path(workbook)
    backup = find_backup(workbook, name)
    with tempfile.TemporaryDirectory(prefix="wp-restore-") as tmp:
        private = checked_copy(backup, workbook, Path(tmp))
        if Path(f"{workbook}-journal").exists():
            raise WelfareplanError(
                f"「{workbook.name}」は使用中か、前回の処理が途中で終わっています。"
                "アプリで一度開いて閉じてから、もう一度復元してください。",
                code="in-use",
            )
        safety = backup_copy(workbook, "before-restore")
        describe_backup(safety, f"{backup.created:%Y-%m-%d %H:%M:%S}「{backup.reason_label}」へ")
        try:
            _audit_restore(private, backup, safety, discarded)
            copy_file_atomic(private, workbook)
        except BaseException:
            discard_backup(safety)
            raise
    rotate(workbook, keep=keep)
    return RestoreResult(restored=backup, safety_backup=safety)


def find_backup(workbook: Path, name: str) -> BackupInfo:
    """The backup ``name`` of ``workbook`` (a server master's stand-in path too), or a Japanese
    refusal that says where to see the list."""
    for b in list_backups(workbook):
        if b.name == name:
            return b
    raise WelfareplanError(
        f"バックアップ「{name}」は見つかりません。{where_to('backups')}で一覧を確認してください。",
        code="no-backup",
    )


def checked_copy(
    backup: BackupInfo, workbook: Path, folder: Path, *, file_uuid: str | None = None
) -> Path:
    """A private copy of ``backup`` in ``folder`` that passed every check of a file we open
    (header, integrity, exactly our schema, no duplicated keys, no hot journal beside the
    backup) and belongs to ``workbook``; what a restore puts in place and what
    :mod:`restore_loss` reads. A backup that fails is refused with a Japanese reason."""
    name = backup.name
    try:
        check_file(backup.path, expect=FileKind.WORKBOOK)  # e.g. a hot journal beside it
        private = converted_copy(backup.path, folder)
        check = check_file(private, expect=FileKind.WORKBOOK)
        if file_uuid is None:  # (a server master has no file: its own UUID is given)
            file_uuid = check_file(workbook, expect=FileKind.WORKBOOK).file_uuid
    except (FileCheckError, OSError, sqlite3.Error) as exc:
        reason = exc.message if isinstance(exc, FileCheckError) else "読み取れません。"
        raise WelfareplanError(
            f"バックアップ「{name}」から復元できません: {reason}"
            "マスターワークブックは変更していません。",
            code="bad-backup",
        ) from exc
    if check.file_uuid != file_uuid:
        raise WelfareplanError(
            f"バックアップ「{name}」は別のワークブックのものです。復元しませんでした。",
            code="foreign-backup",
        )
    return private


def _audit_restore(copy: Path, backup: BackupInfo, safety: Path, discarded: int | None) -> None:
    """Record the restore in the audit trail of ``copy`` (not yet in place: no other handle)."""
    lost = "" if discarded is None else f"。この時点の後の変更 {discarded} 件を取り消し"
    note = (
        f"バックアップ {backup.created:%Y-%m-%d %H:%M:%S}「{backup.reason_label}」から復元"
        f"（戻す前の状態: {safety.name}）{lost}"
    )
    entry = AuditEntry(
        time_to_text(now()), os_user(), "restore", source_file=backup.name, note=note
    )
    con = sqlite3.connect(copy, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        write_audit(con, [entry])
        con.execute("COMMIT")
    finally:
        con.close()
