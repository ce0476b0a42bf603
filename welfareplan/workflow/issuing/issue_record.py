"""Issuance records: what a file was issued with, so that its return can be checked.

Shared by department files (:mod:`welfareplan.workflow.issuing.distribute`) and, later, the Excel
worksheets: :func:`prepare_issue` computes the record (entry keys, the values as issued, the
digest of every plan project the file shows, the MAC) and :func:`record_issue` stores it in the
master. The digests let a merge recognise edited plan rows without comparing against the
master, whose plan the division may have corrected since.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core.entry_values import EntryValues
from welfareplan.core.evaluation_form import EvaluationForm
from welfareplan.core.model import Base, Department, Entry, IssuedFile, Round
from welfareplan.core.plainsql import reader_of, rows_in
from welfareplan.core.previous import values_of_round
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook
from welfareplan.core.timestamps import time_to_text
from welfareplan.workflow.issuing.signing import IssueClaims, compute_mac

#: Project columns that make up a project's plan context (what the department sees).
PROJECT_COLUMNS = ("id", "plan_id", "node_id", "label", "name", "description", "attributes")
ASSIGNMENT_COLUMNS = ("department_id", "label", "sort")
_PROJECTS_SQL = f"SELECT {', '.join(PROJECT_COLUMNS)} FROM project WHERE id IN :ids"
_ASSIGNMENTS_SQL = (
    f"SELECT project_id, {', '.join(ASSIGNMENT_COLUMNS)} FROM assignment WHERE project_id IN :ids"
)


def project_digest(project: Sequence[object], assignments: Iterable[Sequence[object]]) -> str:
    """A digest of one project's rows (columns as in :data:`PROJECT_COLUMNS`)."""
    text = repr((tuple(project), sorted(tuple(a) for a in assignments)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def master_context(session: Session, project_ids: Iterable[str]) -> dict[str, str]:
    """The digests of the master's plan rows of ``project_ids`` (plain SQL, so the values
    are the stored text exactly as :func:`sqlite_context` reads them from a file)."""
    ids = sorted(set(project_ids))
    con = reader_of(session)
    params = {"ids": ids}
    projects = {row[0]: tuple(row) for row in rows_in(con, _PROJECTS_SQL, params, lists=["ids"])}
    assignments: dict[str, list[tuple[object, ...]]] = {pid: [] for pid in ids}
    for row in rows_in(con, _ASSIGNMENTS_SQL, params, lists=["ids"]):
        assignments[row[0]].append(tuple(row[1:]))
    return {pid: project_digest(projects[pid], assignments[pid]) for pid in ids}


PlanRows = tuple[dict[str, tuple[object, ...]], dict[str, list[tuple[object, ...]]]]


def sqlite_plan_rows(
    con: sqlite3.Connection,
    project_ids: Iterable[str],
    columns: Sequence[str] = PROJECT_COLUMNS,
) -> PlanRows:
    """The project rows (``columns``) of ``project_ids`` in a returned file and their
    assignment rows (:data:`ASSIGNMENT_COLUMNS`). A department file holds only its own
    projects, so whole tables are read."""
    wanted = set(project_ids)
    projects = {
        row[0]: tuple(row)
        for row in con.execute(f"SELECT {', '.join(columns)} FROM project")
        if row[0] in wanted
    }
    assignments: dict[str, list[tuple[object, ...]]] = {pid: [] for pid in projects}
    for row in con.execute(f"SELECT project_id, {', '.join(ASSIGNMENT_COLUMNS)} FROM assignment"):
        if row[0] in assignments:
            assignments[row[0]].append(tuple(row[1:]))
    return projects, assignments


def digests(rows: PlanRows) -> dict[str, str]:
    """Project id → :func:`project_digest` of its rows."""
    projects, assignments = rows
    return {pid: project_digest(projects[pid], assignments[pid]) for pid in sorted(projects)}


def sqlite_context(
    con: sqlite3.Connection,
    project_ids: Iterable[str],
    columns: Sequence[str] = PROJECT_COLUMNS,
) -> dict[str, str]:
    """The digests of :func:`master_context` computed from a returned file (raw ``sqlite3``
    connection). ``columns``: the project columns of the file's schema (a file issued before
    schema 3 was signed over its own columns, see :mod:`welfareplan.workflow.returns.legacy`)."""
    return digests(sqlite_plan_rows(con, project_ids, columns))


@dataclass(frozen=True)
class IssueDraft:
    """Everything needed to write an issued file and to record it in the master."""

    claims: IssueClaims
    mac: str
    issued_at: dt.datetime
    #: entry id → the values as issued (the file's first merge base), in entry id order
    values: Mapping[str, EntryValues]
    project_ids: tuple[str, ...]
    #: the form of the round's plan (the fields recorded per issued entry)
    form: EvaluationForm


def prepare_issue(
    session: Session,
    *,
    secret: bytes,
    workbook_uuid: str,
    rnd: Round,
    department_id: str,
    issued_at: dt.datetime,
    file_format: str = "wpdb",
    file_id: str | None = None,
) -> IssueDraft:
    """The issuance record of a new file for ``department_id`` in ``rnd`` (writes nothing)."""
    rows = session.execute(
        select(Entry.id, Entry.project_id)
        .where(Entry.round_id == rnd.id, Entry.department_id == department_id)
        .order_by(Entry.id)
    ).all()
    values = values_of_round(session, rnd.id, department_id)
    project_ids = tuple(sorted({r.project_id for r in rows}))
    claims = IssueClaims(
        file_id=file_id or str(uuid.uuid4()),
        workbook_uuid=workbook_uuid,
        round_id=rnd.id,
        department_id=department_id,
        entry_keys=tuple(r.id for r in rows),
        issued_at=time_to_text(issued_at),
        file_format=file_format,
        context=master_context(session, project_ids),
    )
    return IssueDraft(
        claims=claims,
        mac=compute_mac(secret, claims),
        issued_at=issued_at,
        values={r.id: values.get(r.id, EntryValues()) for r in rows},
        project_ids=project_ids,
        form=rnd.plan.evaluation_form,
    )


def issued_file_values(draft: IssueDraft, *, file_name: str, issued_by: str) -> dict[str, Any]:
    """The ``issued_file`` row of ``draft``, by column."""
    c = draft.claims
    return {
        "id": c.file_id,
        "round_id": c.round_id,
        "department_id": c.department_id,
        "file_format": c.file_format,
        "file_name": file_name,
        "issued_at": draft.issued_at,
        "issued_by": issued_by,
        "entry_keys": list(c.entry_keys),
        "context": dict(c.context),
        "mac": draft.mac,
    }


def issued_file_row(draft: IssueDraft, *, file_name: str, issued_by: str) -> IssuedFile:
    return IssuedFile(**issued_file_values(draft, file_name=file_name, issued_by=issued_by))


def record_issue(session: Session, draft: IssueDraft, *, file_name: str, issued_by: str) -> None:
    """Store the issuance record and the issued values (the first merge base) in the master."""
    session.add(issued_file_row(draft, file_name=file_name, issued_by=issued_by))
    session.flush()
    session.execute(
        Base.metadata.tables["issued_value"].insert(),
        [
            {
                "issued_file_id": draft.claims.file_id,
                "entry_id": entry_id,
                "field": key,
                "value": v.get(key),
                "base_value": v.get(key),
            }
            for entry_id, v in draft.values.items()
            for key in draft.form.keys
        ],
    )


def claims_of(row: IssuedFile, workbook_uuid: str) -> IssueClaims:
    """The claims of a stored issuance record (to verify its MAC)."""
    return IssueClaims(
        file_id=row.id,
        workbook_uuid=workbook_uuid,
        round_id=row.round_id,
        department_id=row.department_id,
        entry_keys=tuple(row.entry_keys),
        issued_at=time_to_text(row.issued_at),
        file_format=row.file_format,
        context=dict(row.context),
    )


@dataclass(frozen=True)
class IssuedFileRecord:
    file_id: str
    department_id: str
    department_name: str
    file_name: str
    file_format: str
    issued_at: dt.datetime
    issued_by: str
    entries: int


def issued_files(wb: Workbook, fiscal_year: int) -> list[IssuedFileRecord]:
    """Every file issued for the round, oldest first."""
    with wb.session() as s:
        rnd = round_for_year(s, fiscal_year)
        rows = s.execute(
            select(IssuedFile, Department.name)
            .join(Department, Department.id == IssuedFile.department_id)
            .where(IssuedFile.round_id == rnd.id)
            .order_by(IssuedFile.issued_at)
        ).all()
        return [
            IssuedFileRecord(
                file_id=r.id,
                department_id=r.department_id,
                department_name=name,
                file_name=r.file_name,
                file_format=r.file_format,
                issued_at=r.issued_at,
                issued_by=r.issued_by,
                entries=len(r.entry_keys),
            )
            for r, name in rows
        ]
