"""Saving what the user typed into an entry: one small transaction per save.

In a department file every save also increments ``wp_meta.revision`` (the merge orders returns
of the same issued file by it). In the master workbook every changed field is written to the
audit table, so a later return that changed the same field shows up as a conflict.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from welfareplan.core.audittrail import AuditEntry, write_audit
from welfareplan.core.checks import EntryValues
from welfareplan.core.errors import DataError, ReadOnlyError
from welfareplan.core.fileformat import FileKind
from welfareplan.core.identity import now, os_user
from welfareplan.core.labels import ENTRY_FIELDS, RATINGS
from welfareplan.core.storage import Workbook
from welfareplan.core.textclean import clean_text
from welfareplan.core.timestamps import time_from_text, time_to_text


@dataclass(frozen=True)
class SaveResult:
    entry_id: str
    changed: tuple[str, ...]
    saved_at: dt.datetime | None
    revision: int | None


def bump_revision(con: sqlite3.Connection) -> int:
    """Increment ``wp_meta.revision`` inside the caller's transaction; the new value."""
    row = con.execute("SELECT value FROM wp_meta WHERE key = 'revision'").fetchone()
    value = int(row[0] or "0") + 1 if row else 1
    con.execute(
        "INSERT INTO wp_meta (key, value) VALUES ('revision', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (str(value),),
    )
    return value


def read_revision(wb: Workbook) -> int:
    return int(wb.meta().get("revision", "0") or 0)


_ENTRY_SQL = (
    "SELECT e.round_id, e.project_id, e.department_id, e.result, e.rating, e.outlook, "
    "e.updated_at, r.fiscal_year, r.status "
    "FROM entry e JOIN round r ON r.id = e.round_id WHERE e.id = ?"
)


def save_entry(
    wb: Workbook,
    entry_id: str,
    values: EntryValues,
    *,
    user: str | None = None,
    source: str = "",
) -> SaveResult:
    """Store ``values`` in the entry. Unchanged fields are not touched; no change, no write.

    Plain SQL in one transaction (the department window saves without loading SQLAlchemy)."""
    if values.rating not in ("", *RATINGS):
        raise DataError(
            f"事業評価「{values.rating}」は選べません。A・B・C・D のどれかを選んでください。"
        )
    new = {
        "result": clean_text(values.result),
        "rating": values.rating,
        "outlook": clean_text(values.outlook),
    }
    who = user or os_user()
    with wb.sql_transaction() as con:
        row = con.execute(_ENTRY_SQL, (entry_id,)).fetchone()
        if row is None:
            raise DataError("この記入欄はファイルにありません（削除されたか、別のファイルです）。")
        round_id, project_id, department_id, *old_values, updated_at, year, status = row
        if status != "open":
            raise ReadOnlyError(f"{year}年度の評価は締め切られているため、変更できません。")
        old = dict(zip(ENTRY_FIELDS, old_values, strict=True))
        changed = tuple(f for f in ENTRY_FIELDS if old[f] != new[f])
        if not changed:
            saved = time_from_text(updated_at or None)
            return SaveResult(entry_id, (), saved, None)
        stamp = now()
        at = time_to_text(stamp)
        if wb.kind is FileKind.WORKBOOK:
            by, note = os_user(), f"入力者: {who}"
            where = (round_id, project_id, department_id)
            write_audit(
                con,
                (
                    AuditEntry(at, by, "edit", *where, f, old[f], new[f], source, note=note)
                    for f in changed
                ),
            )
        assignments = ", ".join(f"{f} = ?" for f in changed)
        con.execute(
            f"UPDATE entry SET {assignments}, updated_at = ?, updated_by = ? WHERE id = ?",
            (*(new[f] for f in changed), at, who, entry_id),
        )
        revision = bump_revision(con) if wb.kind is FileKind.DEPARTMENT else None
    return SaveResult(entry_id, changed, stamp, revision)
