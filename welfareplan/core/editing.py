"""Saving what the user typed into an entry: one small transaction per save.

In a department file every save also increments ``wp_meta.revision`` (the merge orders returns
of the same issued file by it). In the master workbook every changed field is written to the
audit table, so a later return that changed the same field shows up as a conflict. One data
path for both: ``Workbook.writer()`` (a file's own ``sqlite3`` connection, a server master's
SQLAlchemy one) and ``:name`` SQL through :mod:`welfareplan.core.plainsql`. Saved with
``base`` (what the editor loaded), a field someone else changed meanwhile is not overwritten
but returned as a conflict (:mod:`welfareplan.core.stale_edit`).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from welfareplan.core.audittrail import AuditEntry, write_audit
from welfareplan.core.entry_values import EntryValues
from welfareplan.core.errors import DataError, ReadOnlyError
from welfareplan.core.evaluation_form import EvaluationForm, form_from_text
from welfareplan.core.fileformat import FileKind
from welfareplan.core.identity import now, os_user
from welfareplan.core.numbers import parse_number
from welfareplan.core.plainsql import execute, executemany, executemany_set, rows
from welfareplan.core.revision import bump_after_save
from welfareplan.core.stale_edit import FieldConflict, field_conflicts, stale_fields
from welfareplan.core.storage import Workbook
from welfareplan.core.textclean import clean_text
from welfareplan.core.timestamps import time_from_text, time_to_text

if TYPE_CHECKING:
    from welfareplan.core.plainsql import Writer


@dataclass(frozen=True)
class SaveResult:
    entry_id: str
    changed: tuple[str, ...]
    saved_at: dt.datetime | None
    revision: int | None
    #: fields not written: someone else changed them after ``base`` (see save_entry)
    conflicts: tuple[FieldConflict, ...] = ()


def read_revision(wb: Workbook) -> int:
    return int(wb.meta().get("revision", "0") or 0)


#: the entry, its round and plan's form, and its values: one row per value (one row with
#: field NULL for an entry without any)
_ENTRY_SQL = (
    "SELECT e.round_id, e.project_id, e.department_id, e.updated_at, r.fiscal_year, r.status, "
    "p.form, v.field, v.value FROM entry e JOIN round r ON r.id = e.round_id "
    "JOIN plan p ON p.id = r.plan_id LEFT JOIN entry_value v ON v.entry_id = e.id "
    "WHERE e.id = :id"
)
_UPSERT_SQL = (
    "INSERT INTO entry_value (entry_id, field, value) VALUES (:e, :f, :v) "
    "ON CONFLICT (entry_id, field) DO UPDATE SET value = excluded.value"
)
_DELETE_SQL = "DELETE FROM entry_value WHERE entry_id = :e AND field = :f"
#: a file's fast path for the many rows of a merge (positional parameters)
_UPSERT_FILE = (
    "INSERT INTO entry_value (entry_id, field, value) VALUES (?, ?, ?) "
    "ON CONFLICT (entry_id, field) DO UPDATE SET value = excluded.value"
)
_DELETE_FILE = "DELETE FROM entry_value WHERE entry_id = ? AND field = ?"
#: a server master: take the entry row's lock first, so two saves of one entry take turns
_LOCK_SQL = "UPDATE entry SET updated_by = updated_by WHERE id = :id"
_TOUCH_SQL = "UPDATE entry SET updated_at = :at, updated_by = :by WHERE id = :id"


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


def write_values(con: Writer, changes: Iterable[tuple[str, str, str]]) -> None:
    """Store ``changes``, (entry id, field, new value) each; '' removes the value's row."""
    todo = list(changes)
    stored = [row for row in todo if row[2]]
    cleared = [(e, f) for e, f, v in todo if not v]
    if isinstance(con, sqlite3.Connection):
        if stored:
            con.executemany(_UPSERT_FILE, stored)
        if cleared:
            con.executemany(_DELETE_FILE, cleared)
        return
    last = {(e, f): v for e, f, v in stored}  # one row each: a server upserts them at once
    executemany_set(  # (h16s: a merge writes hundreds)
        con,
        _UPSERT_SQL,
        [{"e": e, "f": f, "v": v} for (e, f), v in last.items()],
        server="INSERT INTO entry_value (entry_id, field, value) SELECT e, f, v FROM {rows} "
        "ORDER BY n ON CONFLICT (entry_id, field) DO UPDATE SET value = excluded.value",
        types={"e": "text", "f": "text", "v": "text"},
    )
    executemany(con, _DELETE_SQL, [{"e": e, "f": f} for e, f in cleared])


def save_entry(
    wb: Workbook,
    entry_id: str,
    values: EntryValues,
    *,
    base: EntryValues | None = None,
    user: str | None = None,
    source: str = "",
) -> SaveResult:
    """Store ``values`` in the entry. Unchanged fields are not touched; no change, no write.

    With ``base`` (the values the editor loaded or last saved) only the fields where
    ``values`` differ from it are written, and one that someone else changed meanwhile is not
    written but returned in :attr:`SaveResult.conflicts` (the other fields are saved).

    Plain SQL in one transaction (the department window saves without loading SQLAlchemy); on
    a server master the entry's row is locked first (:data:`_LOCK_SQL`)."""
    who = user or os_user()
    with wb.writer() as con:
        if not isinstance(con, sqlite3.Connection):
            execute(con, _LOCK_SQL, {"id": entry_id})
        found = rows(con, _ENTRY_SQL, {"id": entry_id})
        if not found:
            raise DataError("この記入欄はファイルにありません（削除されたか、別のファイルです）。")
        round_id, project_id, department_id, updated_at, year, status, form_json = found[0][:7]
        if status != "open":
            raise ReadOnlyError(f"{year}年度の評価は締め切られているため、変更できません。")
        form = form_from_text(form_json)
        new = checked_values(form, values)
        old = EntryValues({str(r[7]): str(r[8]) for r in found if r[7] is not None})
        where = {"round_id": round_id, "project_id": project_id, "department_id": department_id}
        conflicts: tuple[FieldConflict, ...] = ()
        if base is None:
            changed = tuple(k for k in form.keys if old.get(k) != new.get(k))
        else:
            changed, stale = stale_fields(form, old, new, base)
            if stale:
                conflicts = field_conflicts(con, form, where, stale, stored=old, new=new, base=base)
        if not changed:
            saved = time_from_text(updated_at or None)
            return SaveResult(entry_id, (), saved, None, conflicts)
        stamp = now()
        at = time_to_text(stamp)
        if wb.kind is FileKind.WORKBOOK:
            by, note = os_user(), f"入力者: {who}"
            write_audit(
                con,
                (
                    AuditEntry(
                        at,
                        by,
                        "edit",
                        round_id,
                        project_id,
                        department_id,
                        f,
                        old.get(f),
                        new.get(f),
                        source,
                        note=note,
                    )
                    for f in changed
                ),
            )
        write_values(con, ((entry_id, k, new.get(k)) for k in changed))
        execute(con, _TOUCH_SQL, {"at": at, "by": who, "id": entry_id})
        revision = None
        if wb.kind is FileKind.DEPARTMENT:
            assert isinstance(con, sqlite3.Connection)  # a department file is always a file
            revision = bump_after_save(con)
    return SaveResult(entry_id, changed, stamp, revision, conflicts)
