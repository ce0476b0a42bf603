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
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core import audittrail
from welfareplan.core.errors import DataError
from welfareplan.core.evaluation_form import EvaluationForm
from welfareplan.core.identity import os_user
from welfareplan.core.model import Entry, IssuedFile, MergeConflict, ReceivedReturn, Round, now
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook
from welfareplan.workflow.master.backups import backed_up
from welfareplan.workflow.returns.apply import normalize_choice
from welfareplan.workflow.returns.merge_types import (
    ISSUED_BASE,
    Choice,
    Conflict,
    EntryRef,
    base_label,
)
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
    #: What ``issued`` (the merge base) is: as issued, or as received before this file.
    base_label: str = ISSUED_BASE
    #: the field's label in the plan's form, its kind and (a rating) the scale's codes
    field_label: str = ""
    kind: str = "text"
    codes: tuple[str, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def as_conflict(self) -> Conflict:
        return Conflict(
            self.entry,
            self.field,
            self.issued,
            self.file,
            self.master_now,
            self.file_name,
            base_label=self.base_label,
            field_label=self.field_label,
            kind=self.kind,
            codes=self.codes,
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
        project_number=entry.project.label,
        project_name=entry.project.name,
        department_id=entry.department_id,
        department_name=entry.department.name,
        project_sort=entry.project.sort,
    )


def list_conflicts(
    wb: Workbook, fiscal_year: int | None = None, *, only_open: bool = True
) -> list[StoredConflict]:
    """Conflicts of one round (or all rounds), open ones only unless ``only_open=False``."""
    with wb.session() as s:
        q = (
            select(MergeConflict, Entry, ReceivedReturn)
            .join(Entry, MergeConflict.entry_id == Entry.id)
            .join(ReceivedReturn, MergeConflict.return_id == ReceivedReturn.id)
            .order_by(MergeConflict.created_at, MergeConflict.id)
        )
        if fiscal_year is not None:
            q = q.where(Entry.round_id == round_for_year(s, fiscal_year).id)
        if only_open:
            q = q.where(MergeConflict.status == "open")
        found = s.execute(q).all()
        earlier = _earlier_returns(s, {r.issued_file_id for _, _, r in found})
        out = []
        forms: dict[str, EvaluationForm] = {}
        for c, entry, received in found:
            form = forms.get(entry.round_id)
            if form is None:
                form = forms[entry.round_id] = entry.round.plan.evaluation_form
            f = form.field(c.field) if form.has(c.field) else None
            out.append(
                StoredConflict(
                    id=c.id,
                    entry=_ref(entry),
                    field=c.field,
                    issued=c.base_value,
                    file=c.file_value,
                    master_then=c.master_value,
                    master_now=entry.values.get(c.field),
                    file_name=received.file_name,
                    created_at=c.created_at,
                    status=c.status,
                    resolution=c.resolution,
                    resolved_value=c.resolved_value,
                    resolved_at=c.resolved_at,
                    resolved_by=c.resolved_by,
                    base_label=_base_label(earlier, received),
                    field_label=f.label if f is not None else c.field,
                    kind=f.kind if f is not None else "text",
                    codes=form.codes if f is not None and f.is_rating else (),
                )
            )
        return sorted(out, key=lambda x: (x.entry.fiscal_year, x.entry.project_sort, x.created_at))


def _earlier_returns(s: Session, issued_file_ids: set[str]) -> dict[str, tuple[str, list[Any]]]:
    """Per issued file: its format and its returns in the order they were merged."""
    out: dict[str, tuple[str, list[Any]]] = {}
    if not issued_file_ids:
        return out
    formats = dict(
        s.execute(
            select(IssuedFile.id, IssuedFile.file_format).where(IssuedFile.id.in_(issued_file_ids))
        ).all()
    )
    for fid, rid, revision in s.execute(
        select(ReceivedReturn.issued_file_id, ReceivedReturn.id, ReceivedReturn.revision)
        .where(ReceivedReturn.issued_file_id.in_(issued_file_ids))
        .order_by(ReceivedReturn.received_at, ReceivedReturn.revision)
    ):
        out.setdefault(fid, (formats.get(fid, "wpdb"), []))[1].append((rid, revision))
    return out


def _base_label(earlier: dict[str, tuple[str, list[Any]]], received: ReceivedReturn) -> str:
    """The merge base of a stored conflict: the return of the same file merged before it."""
    file_format, returns = earlier.get(received.issued_file_id, ("wpdb", []))
    ids = [rid for rid, _ in returns]
    at = ids.index(received.id) if received.id in ids else 0
    return base_label(file_format, returns[at - 1][1] if at > 0 else None)


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
    with backed_up(wb, "conflicts", what=f"保留中の競合 {len(checked)} 項目") as (s, backup):
        for cid, choice in checked.items():
            row = s.get(MergeConflict, cid, with_for_update=True)
            assert row is not None
            if row.status != "open":  # resolved meanwhile by someone else (a server master)
                raise DataError(
                    f"競合 {cid} は他の操作で既に解決されました。もう一度一覧を確認してください。"
                    "何も変更していません。",
                    code="no-conflict",
                )
            entry = s.get(Entry, row.entry_id)
            assert entry is not None
            rnd = s.get(Round, entry.round_id)
            assert rnd is not None
            ensure_round_open(rnd)
            old = entry.values.get(row.field)
            if choice == "file":
                value = row.file_value
            elif choice == "master":
                value = old
            else:
                value = choice[1]
            if value != old:
                entry.set_value(row.field, value)
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
