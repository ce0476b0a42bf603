"""Saving what the user typed into an entry: one small transaction per save.

In a department file every save also increments ``wp_meta.revision`` (the merge orders returns
of the same issued file by it). In the master workbook every changed field is written to the
audit table, so a later return that changed the same field shows up as a conflict.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from welfareplan.core.audittrail import AuditEntry, write_audit
from welfareplan.core.entry_values import EntryValues
from welfareplan.core.errors import DataError, ReadOnlyError
from welfareplan.core.evaluation_form import EvaluationForm, form_from_text
from welfareplan.core.fileformat import FileKind
from welfareplan.core.identity import now, os_user
from welfareplan.core.numbers import parse_number
from welfareplan.core.revision import bump_after_save
from welfareplan.core.storage import Workbook
from welfareplan.core.textclean import clean_text
from welfareplan.core.timestamps import time_from_text, time_to_text


@dataclass(frozen=True)
class SaveResult:
    entry_id: str
    changed: tuple[str, ...]
    saved_at: dt.datetime | None
    revision: int | None


def read_revision(wb: Workbook) -> int:
    return int(wb.meta().get("revision", "0") or 0)


#: the entry, its round and plan's form, and its values: one row per value (one row with
#: field NULL for an entry without any)
_ENTRY_SQL = (
    "SELECT e.round_id, e.project_id, e.department_id, e.updated_at, r.fiscal_year, r.status, "
    "p.form, v.field, v.value FROM entry e JOIN round r ON r.id = e.round_id "
    "JOIN plan p ON p.id = r.plan_id LEFT JOIN entry_value v ON v.entry_id = e.id "
    "WHERE e.id = ?"
)
_UPSERT_SQL = (
    "INSERT INTO entry_value (entry_id, field, value) VALUES (?, ?, ?) "
    "ON CONFLICT (entry_id, field) DO UPDATE SET value = excluded.value"
)
_DELETE_SQL = "DELETE FROM entry_value WHERE entry_id = ? AND field = ?"


def checked_values(form: EvaluationForm, values: EntryValues) -> EntryValues:
    """``values`` as stored: texts cleaned, numbers normalised, the rating one of the scale's
    codes. Raises :class:`DataError` (naming the field) for anything that cannot be stored."""
    unknown = [k for k in values if not form.has(k)]
    if unknown:
        raise DataError(f"項目「{'」「'.join(unknown)}」はこの計画の評価項目にありません。")
    out: dict[str, str] = {}
    for f in form.fields:
        value = values.get(f.key)
        if f.is_rating:
            if value not in ("", *form.codes):
                raise DataError(
                    f"{f.label}「{value}」は選べません。{'・'.join(form.codes)} のどれかを選んでください。"
                )
            out[f.key] = value
        elif f.is_number:
            out[f.key] = parse_number(value, f.label, unit=f.unit)
        else:
            out[f.key] = clean_text(value)
    return EntryValues(out)


def write_values(con: sqlite3.Connection, changes: Iterable[tuple[str, str, str]]) -> None:
    """Store ``changes``, (entry id, field, new value) each; '' removes the value's row."""
    rows = list(changes)
    stored = [row for row in rows if row[2]]
    cleared = [(e, f) for e, f, v in rows if not v]
    if stored:
        con.executemany(_UPSERT_SQL, stored)
    if cleared:
        con.executemany(_DELETE_SQL, cleared)


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
    who = user or os_user()
    with wb.sql_transaction() as con:
        rows = con.execute(_ENTRY_SQL, (entry_id,)).fetchall()
        if not rows:
            raise DataError("この記入欄はファイルにありません（削除されたか、別のファイルです）。")
        round_id, project_id, department_id, updated_at, year, status, form_json = rows[0][:7]
        if status != "open":
            raise ReadOnlyError(f"{year}年度の評価は締め切られているため、変更できません。")
        form = form_from_text(form_json)
        new = checked_values(form, values)
        old = EntryValues({row[7]: row[8] for row in rows if row[7] is not None})
        changed = tuple(k for k in form.keys if old.get(k) != new.get(k))
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
                    AuditEntry(at, by, "edit", *where, f, old.get(f), new.get(f), source, note=note)
                    for f in changed
                ),
            )
        write_values(con, ((entry_id, k, new.get(k)) for k in changed))
        con.execute(
            "UPDATE entry SET updated_at = ?, updated_by = ? WHERE id = ?", (at, who, entry_id)
        )
        revision = bump_after_save(con) if wb.kind is FileKind.DEPARTMENT else None
    return SaveResult(entry_id, changed, stamp, revision)
