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
from welfareplan.core.storage import Workbook
from welfareplan.core.submitted_values import settle_after_save
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
    "SELECT e.round_id, e.project_id, e.department_id, e.updated_at, r.fiscal_year, r.status, "
    "p.form FROM entry e JOIN round r ON r.id = e.round_id JOIN plan p ON p.id = r.plan_id "
    "WHERE e.id = ?"
)
_VALUES_SQL = "SELECT field, value FROM entry_value WHERE entry_id = ?"
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
    con.executemany(_UPSERT_SQL, [row for row in rows if row[2]])
    con.executemany(_DELETE_SQL, [(e, f) for e, f, v in rows if not v])


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
        row = con.execute(_ENTRY_SQL, (entry_id,)).fetchone()
        if row is None:
            raise DataError("この記入欄はファイルにありません（削除されたか、別のファイルです）。")
        round_id, project_id, department_id, updated_at, year, status, form_json = row
        if status != "open":
            raise ReadOnlyError(f"{year}年度の評価は締め切られているため、変更できません。")
        form = form_from_text(form_json)
        new = checked_values(form, values)
        old = EntryValues(dict(con.execute(_VALUES_SQL, (entry_id,)).fetchall()))
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
        revision = bump_revision(con) if wb.kind is FileKind.DEPARTMENT else None
        if revision is not None:
            settle_after_save(con, revision)
    return SaveResult(entry_id, changed, stamp, revision)
