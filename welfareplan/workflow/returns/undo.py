"""Undoing one import (取り込みの取り消し): the audited changes of one merged return, reversed
when nothing has changed them since — otherwise the reasons it cannot be undone.

Importing a returned file leaves an audit row per changed field (action ``merge``, with the
file's name and SHA-256 and the import's time), a ``received_return`` row, the return's
conflicts (``merge_conflict``) and the file's advanced merge base (``issued_value.base_value``).
:func:`undo_import` — one transaction, after a backup named after it — puts each field back to
its value before the import (audited as ``merge-undo``), puts the merge base back (so the same
file can be imported again), removes the return and its conflicts, and reopens the conflicts of
earlier imports that this one had superseded.

It is refused, with every reason (:func:`plan_undo` lists them without writing), when
* a later return of the same issued file was imported (undo that one first);
* a field it changed was changed again since (an edit, another import, a decided conflict, an
  undo) or no longer holds the imported value;
* one of its conflicts was decided later;
* the round is closed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import literal_column, select
from sqlalchemy.orm import Session

from welfareplan.core import audittrail
from welfareplan.core.errors import DataError, WelfareplanError
from welfareplan.core.identity import os_user
from welfareplan.core.model import (
    AuditEvent,
    Department,
    Entry,
    IssuedFile,
    IssuedValue,
    MergeConflict,
    Project,
    ReceivedReturn,
    Round,
    now,
)
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook
from welfareplan.workflow.master.audit_log import action_label
from welfareplan.workflow.master.backups import backed_up
from welfareplan.workflow.returns.returned_file import revision_label
from welfareplan.workflow.rounds.lifecycle import ensure_round_open

#: (round id, project id, department id, field): what an audit row is about
Key = tuple[str, str, str, str]


@dataclass(frozen=True)
class ImportRecord:
    """One merged return, as the list of imports shows it."""

    return_id: str
    file_name: str
    received_at: dt.datetime
    os_user: str
    department_name: str
    revision_label: str
    applied: int
    conflicts: int

    @property
    def title(self) -> str:
        """'2026-05-10 10:23　R7_健康課.wpdb（健康課・版 3）反映 12 項目'."""
        counts = f"反映 {self.applied} 項目" + (
            f"・競合 {self.conflicts} 項目" if self.conflicts else ""
        )
        return (
            f"{self.received_at:%Y-%m-%d %H:%M}　{self.file_name}"
            f"（{self.department_name}・{self.revision_label}）{counts}"
        )


@dataclass(frozen=True)
class FieldUndo:
    """One field the undo puts back."""

    label: str
    field: str
    imported: str
    restored: str
    #: the field's label in the form of the round's plan
    field_label: str = ""


@dataclass(frozen=True)
class Blocker:
    """Why an import cannot be undone: what (an entry's field; '' for the import as a whole)
    and the reason."""

    subject: str
    reason: str

    def __str__(self) -> str:
        return f"{self.subject}: {self.reason}" if self.subject else self.reason


@dataclass(frozen=True)
class UndoPlan:
    record: ImportRecord
    fields: tuple[FieldUndo, ...]
    #: why it cannot be undone (empty: it can)
    blockers: tuple[Blocker, ...]
    #: conflicts of this import that go away with it
    conflicts: int
    #: conflicts of earlier imports that this one had superseded, open again after the undo
    reopened: int

    @property
    def possible(self) -> bool:
        return not self.blockers


@dataclass(frozen=True)
class UndoResult:
    plan: UndoPlan
    backup: Path


def _record(s: Session, rr: ReceivedReturn) -> ImportRecord:
    issued = s.get(IssuedFile, rr.issued_file_id)
    dept = s.get(Department, rr.department_id)
    return ImportRecord(
        return_id=rr.id,
        file_name=rr.file_name,
        received_at=rr.received_at,
        os_user=rr.os_user,
        department_name=dept.name if dept is not None else "",
        revision_label=revision_label(issued.file_format if issued else "wpdb", rr.revision),
        applied=rr.applied_fields,
        conflicts=rr.conflict_fields,
    )


def list_imports(wb: Workbook, fiscal_year: int) -> list[ImportRecord]:
    """The imports (merged returns) of a round, newest first."""
    with wb.session() as s:
        rnd = round_for_year(s, fiscal_year)
        # newest first; imports of one second in the order they were made: a file's rowid; on
        # a server the transaction that wrote the row (xmin: the rows are never updated), then,
        # for files of one merge, the later revision and the id, so the order stays fixed
        then = (
            [literal_column("received_return.rowid").desc()]
            if s.get_bind().dialect.name == "sqlite"
            else [
                literal_column("received_return.xmin::text::bigint").desc(),
                ReceivedReturn.revision.desc(),
                ReceivedReturn.id,
            ]
        )
        returns = s.scalars(
            select(ReceivedReturn)
            .where(ReceivedReturn.round_id == rnd.id)
            .order_by(ReceivedReturn.received_at.desc(), *then)
        ).all()
        return [_record(s, rr) for rr in returns]


@dataclass
class _Work:
    """What the undo changes, found by :func:`_plan`."""

    rr: ReceivedReturn
    audits: list[AuditEvent]
    entries: dict[Key, Entry]
    conflicts: list[MergeConflict]
    reopen: list[MergeConflict]


def _entry_label(s: Session, round_id: str, project_id: str, department_id: str) -> str:
    project = s.get(Project, project_id)
    dept = s.get(Department, department_id)
    number = project.label if project is not None else "?"
    name = project.name if project is not None else ""
    return f"事業{number} {name}（{dept.name if dept is not None else '担当課不明'}）"


def _later_change(row: AuditEvent) -> str:
    who = row.os_user + (f"、{row.source_file}" if row.source_file else "")
    return f"{row.at:%Y-%m-%d %H:%M} に{action_label(row.action)}（{who}）"


def _plan(s: Session, return_id: str) -> tuple[UndoPlan, _Work]:
    rr = s.get(ReceivedReturn, return_id)
    if rr is None:
        raise DataError(
            "この取り込みは見つかりません（取り消し済みか、バックアップから戻されています）。",
            code="no-import",
        )
    blockers: list[Blocker] = []
    rnd = s.get(Round, rr.round_id)
    assert rnd is not None
    form = rnd.plan.evaluation_form

    def field_label(key: str) -> str:
        return form.field(key).label if form.has(key) else key

    try:
        ensure_round_open(rnd)
    except WelfareplanError as exc:
        blockers.append(Blocker("", exc.message))
    for later in s.scalars(
        select(ReceivedReturn).where(
            ReceivedReturn.issued_file_id == rr.issued_file_id, ReceivedReturn.id != rr.id
        )
    ):
        if (later.received_at, later.revision) > (rr.received_at, rr.revision):
            blockers.append(
                Blocker(
                    "",
                    f"同じファイルの後の版「{later.file_name}」を {later.received_at:%Y-%m-%d %H:%M} に"
                    "取り込んでいます。先にそちらを取り消してください。",
                )
            )
    audits = list(
        s.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.action == "merge",
                AuditEvent.round_id == rr.round_id,
                AuditEvent.source_sha256 == rr.sha256,
                AuditEvent.at == rr.received_at,
            )
            .order_by(AuditEvent.id)
        )
    )
    conflicts = list(s.scalars(select(MergeConflict).where(MergeConflict.return_id == rr.id)))
    keys: dict[Key, str] = {}  # key → entry label
    entries: dict[Key, Entry] = {}
    for row in audits:
        key = (row.round_id or "", row.project_id or "", row.department_id or "", row.field)
        keys[key] = _entry_label(s, *key[:3])
        entry = s.scalar(
            select(Entry).where(
                Entry.round_id == key[0], Entry.project_id == key[1], Entry.department_id == key[2]
            )
        )
        if entry is None:
            blockers.append(
                Blocker(keys[key], "記入が見つかりません（担当課の統合などで移されています）。")
            )
            continue
        entries[key] = entry
    by_entry: dict[str, Key] = {}
    for c in conflicts:
        entry = s.get(Entry, c.entry_id)
        if entry is None:
            continue
        key = (entry.round_id, entry.project_id, entry.department_id, c.field)
        keys.setdefault(key, _entry_label(s, *key[:3]))
        by_entry[c.entry_id] = key
        if c.status == "superseded" or (
            c.status == "resolved" and c.resolved_at is not None and c.resolved_at > rr.received_at
        ):
            when = f"{c.resolved_at:%Y-%m-%d %H:%M} に" if c.resolved_at else "後で"
            blockers.append(
                Blocker(
                    f"{keys[key]} {field_label(c.field)}",
                    f"この取り込みの競合を{when}"
                    f"{'解決' if c.status == 'resolved' else '後の取り込みで置き換え'}しています。",
                )
            )
    first = min((row.id for row in audits), default=None)
    later_rows = s.scalars(
        select(AuditEvent)
        .where(AuditEvent.id > first if first is not None else AuditEvent.at > rr.received_at)
        .where(AuditEvent.id.not_in([row.id for row in audits]))
        .order_by(AuditEvent.id)
    ).all()
    blocked: set[Key] = set()
    for row in later_rows:
        key = (row.round_id or "", row.project_id or "", row.department_id or "", row.field)
        if key in keys and key not in blocked and not _undone(s, row):
            blocked.add(key)
            blockers.append(
                Blocker(
                    f"{keys[key]} {field_label(key[3])}", f"取り込みの後、{_later_change(row)}。"
                )
            )
    fields = []
    for row in audits:
        key = (row.round_id or "", row.project_id or "", row.department_id or "", row.field)
        entry = entries.get(key)
        if entry is None:
            continue
        if key not in blocked and entry.values.get(row.field) != (row.new or ""):
            blocked.add(key)
            blockers.append(
                Blocker(
                    f"{keys[key]} {field_label(row.field)}", "取り込んだ後で値が変わっています。"
                )
            )
        fields.append(
            FieldUndo(keys[key], row.field, row.new or "", row.old or "", field_label(row.field))
        )
    reopen = _superseded_by(
        s,
        rr,
        {(c.entry_id, c.field) for c in conflicts}
        | {(entry.id, key[3]) for key, entry in entries.items()},
    )
    plan = UndoPlan(
        record=_record(s, rr),
        fields=tuple(fields),
        blockers=tuple(blockers),
        conflicts=len(conflicts),
        reopened=len(reopen),
    )
    return plan, _Work(rr, audits, entries, conflicts, reopen)


def _undone(s: Session, row: AuditEvent) -> bool:
    """A later import that was itself undone (its rows and the undo's net out; whether the
    field still holds this import's value is checked on its own)."""
    if row.action == "merge-undo":
        return True
    if row.action != "merge":
        return False
    kept = s.scalar(
        select(ReceivedReturn.id).where(
            ReceivedReturn.sha256 == row.source_sha256, ReceivedReturn.received_at == row.at
        )
    )
    return kept is None


def _superseded_by(
    s: Session, rr: ReceivedReturn, touched: set[tuple[str, str]]
) -> list[MergeConflict]:
    """The conflicts of earlier imports that importing ``rr`` superseded: on a field it
    touched, the latest earlier conflict, if superseded and no import in between touched it."""
    out = []
    for entry_id, field in sorted(touched):
        earlier = s.scalars(
            select(MergeConflict)
            .where(
                MergeConflict.entry_id == entry_id,
                MergeConflict.field == field,
                MergeConflict.return_id != rr.id,
                MergeConflict.created_at <= rr.received_at,
            )
            .order_by(MergeConflict.created_at.desc())
        ).first()
        if earlier is None or earlier.status != "superseded":
            continue
        entry = s.get(Entry, entry_id)
        assert entry is not None
        between = s.scalar(
            select(AuditEvent.id).where(
                AuditEvent.action == "merge",
                AuditEvent.round_id == entry.round_id,
                AuditEvent.project_id == entry.project_id,
                AuditEvent.department_id == entry.department_id,
                AuditEvent.field == field,
                AuditEvent.at > earlier.created_at,
                AuditEvent.at < rr.received_at,
            )
        ) or s.scalar(
            select(MergeConflict.id).where(
                MergeConflict.entry_id == entry_id,
                MergeConflict.field == field,
                MergeConflict.created_at > earlier.created_at,
                MergeConflict.created_at < rr.received_at,
            )
        )
        if between is None:
            out.append(earlier)
    return out


def plan_undo(wb: Workbook, return_id: str) -> UndoPlan:
    """What undoing the import ``return_id`` would put back, or why it cannot. Reads only."""
    with wb.session() as s:
        return _plan(s, return_id)[0]


def _set_value(entry: Entry, field: str, value: str, at: dt.datetime, user: str) -> None:
    entry.set_value(field, value)
    entry.updated_at = at
    entry.updated_by = user


def _set_base(s: Session, issued_file_id: str, entry_id: str, field: str, value: str) -> None:
    row = s.get(IssuedValue, (issued_file_id, entry_id, field))
    if row is not None:
        row.base_value = value


def _lock_on_server(s: Session, return_id: str) -> None:
    """On a server master: the returned file's advisory lock (no merge of that file meanwhile,
    :mod:`welfareplan.workflow.returns.apply_server`) and the department's entry rows of the
    round (``FOR UPDATE``), before the undo is planned again."""
    from sqlalchemy import Connection

    from welfareplan.core.plainsql import rows
    from welfareplan.core.serverlocks import take_locks
    from welfareplan.workflow.returns.apply_server import LOCK_KIND

    rr = s.get(ReceivedReturn, return_id)
    if rr is None:
        return  # _plan says so
    conn = s.connection()
    assert isinstance(conn, Connection)
    take_locks(conn, LOCK_KIND, [rr.issued_file_id])
    rows(
        conn,
        "SELECT id FROM entry WHERE round_id = :r AND department_id = :d ORDER BY id FOR UPDATE",
        {"r": rr.round_id, "d": rr.department_id},
    )


def undo_import(wb: Workbook, return_id: str) -> UndoResult:
    """Undo the import ``return_id``; raises :class:`DataError` listing what blocks it."""
    with wb.session() as s:
        plan = _plan(s, return_id)[0]
    if not plan.possible:
        raise DataError(
            f"「{plan.record.file_name}」の取り込みは取り消せません。\n"
            + "\n".join(f"・{b}" for b in plan.blockers),
            code="undo-blocked",
        )
    what = f"{plan.record.file_name} の取り込み（{plan.record.received_at:%Y-%m-%d %H:%M}）"
    with backed_up(wb, "undo-import", what=what) as (s, backup):
        if wb.on_server:
            _lock_on_server(s, return_id)
        plan, work = _plan(s, return_id)  # again, under the write lock
        if not plan.possible:
            raise DataError(
                "取り込みの後に変更がありました。もう一度確認してください。", code="undo-blocked"
            )
        rr, at, user = work.rr, now(), os_user()
        note = f"{rr.received_at:%Y-%m-%d %H:%M:%S} の取り込みの取り消し"
        conflict_bases = {(c.entry_id, c.field): c.base_value for c in work.conflicts}
        for row in work.audits:
            key = (row.round_id or "", row.project_id or "", row.department_id or "", row.field)
            entry = work.entries[key]
            _set_value(entry, row.field, row.old or "", at, user)
            base = conflict_bases.get((entry.id, row.field), row.old or "")
            _set_base(s, rr.issued_file_id, entry.id, row.field, base)
            audittrail.record(
                s,
                "merge-undo",
                round_id=row.round_id,
                project_id=row.project_id,
                department_id=row.department_id,
                field=row.field,
                old=row.new,
                new=row.old,
                source_file=rr.file_name,
                source_sha256=rr.sha256,
                note=note,
                at=at,
                user=user,
            )
        for c in work.conflicts:
            _set_base(s, rr.issued_file_id, c.entry_id, c.field, c.base_value)
            s.delete(c)
        for c in work.reopen:
            c.status, c.resolution, c.resolved_value, c.resolved_at, c.resolved_by = (
                "open",
                "",
                None,
                None,
                "",
            )
        audittrail.record(
            s,
            "merge-undo",
            round_id=rr.round_id,
            department_id=rr.department_id,
            source_file=rr.file_name,
            source_sha256=rr.sha256,
            note=f"{note}: {len(plan.fields)} 項目を戻し、競合 {plan.conflicts} 件を削除"
            + (f"、前の競合 {plan.reopened} 件を保留に戻しました" if plan.reopened else ""),
            at=at,
            user=user,
        )
        s.flush()
        s.delete(rr)
    return UndoResult(plan, backup)
