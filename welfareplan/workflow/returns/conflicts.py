"""Conflicts left open by a merge: list them and resolve them later (file / master / by hand).

An open conflict keeps the master's value. Resolving with ``file`` or a typed text changes the
entry (audited as ``conflict-resolve``); ``master`` keeps it. Resolving is refused for a closed
round, like every other change to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from welfareplan.core import audittrail
from welfareplan.core.errors import DataError
from welfareplan.core.identity import os_user
from welfareplan.core.model import Entry, MergeConflict, ReceivedReturn, Round, now
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook
from welfareplan.workflow.fields import field_label
from welfareplan.workflow.master.backups import backed_up
from welfareplan.workflow.returns.apply import normalize_choice
from welfareplan.workflow.returns.merge_types import Choice, Conflict, EntryRef
from welfareplan.workflow.rounds.lifecycle import ensure_round_open


@dataclass(frozen=True)
class StoredConflict:
    id: str
    entry: EntryRef
    field: str
    issued: str
    file: str
    master_then: str
    master_now: str
    file_name: str
    created_at: dt.datetime
    status: str
    resolution: str
    resolved_value: str | None
    resolved_at: dt.datetime | None
    resolved_by: str

    @property
    def field_label(self) -> str:
        return field_label(self.field)

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def as_conflict(self) -> Conflict:
        return Conflict(
            self.entry, self.field, self.issued, self.file, self.master_now, self.file_name
        )


@dataclass(frozen=True)
class ResolveResult:
    resolved: int
    changed: int
    backup: Path | None


def _ref(entry: Entry) -> EntryRef:
    return EntryRef(
        entry_id=entry.id,
        round_id=entry.round_id,
        fiscal_year=entry.round.fiscal_year,
        project_id=entry.project_id,
        project_number=entry.project.number,
        project_number_end=entry.project.number_end,
        project_name=entry.project.name,
        department_id=entry.department_id,
        department_name=entry.department.name,
    )


def list_conflicts(
    wb: Workbook, fiscal_year: int | None = None, *, only_open: bool = True
) -> list[StoredConflict]:
    """Conflicts of one round (or all rounds), open ones only unless ``only_open=False``."""
    with wb.session() as s:
        q = (
            select(MergeConflict, Entry, ReceivedReturn.file_name)
            .join(Entry, MergeConflict.entry_id == Entry.id)
            .join(ReceivedReturn, MergeConflict.return_id == ReceivedReturn.id)
            .order_by(MergeConflict.created_at, MergeConflict.id)
        )
        if fiscal_year is not None:
            q = q.where(Entry.round_id == round_for_year(s, fiscal_year).id)
        if only_open:
            q = q.where(MergeConflict.status == "open")
        out = []
        for c, entry, file_name in s.execute(q).all():
            out.append(
                StoredConflict(
                    id=c.id,
                    entry=_ref(entry),
                    field=c.field,
                    issued=c.base_value,
                    file=c.file_value,
                    master_then=c.master_value,
                    master_now=getattr(entry, c.field),
                    file_name=file_name,
                    created_at=c.created_at,
                    status=c.status,
                    resolution=c.resolution,
                    resolved_value=c.resolved_value,
                    resolved_at=c.resolved_at,
                    resolved_by=c.resolved_by,
                )
            )
        return sorted(
            out, key=lambda x: (x.entry.fiscal_year, x.entry.project_number, x.created_at)
        )


def resolve_conflicts(wb: Workbook, choices: Mapping[str, Choice]) -> ResolveResult:
    """Resolve open conflicts by id: ``'file'``, ``'master'`` or ``('manual', text)``."""
    if not choices:
        return ResolveResult(0, 0, None)
    stored = {c.id: c for c in list_conflicts(wb)}
    checked: dict[str, Choice] = {}
    for cid, choice in choices.items():
        if cid not in stored:
            raise DataError(f"競合 {cid} は見つからないか、既に解決済みです。", code="no-conflict")
        checked[cid] = normalize_choice(stored[cid].as_conflict(), choice)
    user = os_user()
    at = now()
    changed = 0
    with backed_up(wb, "conflicts") as (s, backup):
        for cid, choice in checked.items():
            row = s.get(MergeConflict, cid)
            assert row is not None
            entry = s.get(Entry, row.entry_id)
            assert entry is not None
            rnd = s.get(Round, entry.round_id)
            assert rnd is not None
            ensure_round_open(rnd)
            old = getattr(entry, row.field)
            if choice == "file":
                value = row.file_value
            elif choice == "master":
                value = old
            else:
                value = choice[1]
            if value != old:
                setattr(entry, row.field, value)
                entry.updated_at = at
                entry.updated_by = user
                changed += 1
                audittrail.record(
                    s,
                    "conflict-resolve",
                    round_id=entry.round_id,
                    project_id=entry.project_id,
                    department_id=entry.department_id,
                    field=row.field,
                    old=old,
                    new=value,
                    source_file=stored[cid].file_name,
                    note={"file": "ファイルの値を採用", "manual": "手入力の値"}.get(
                        choice if isinstance(choice, str) else "manual", ""
                    ),
                    at=at,
                    user=user,
                )
            row.status = "resolved"
            row.resolution = choice if isinstance(choice, str) else "manual"
            row.resolved_value = value
            row.resolved_at = at
            row.resolved_by = user
    return ResolveResult(resolved=len(checked), changed=changed, backup=backup)
