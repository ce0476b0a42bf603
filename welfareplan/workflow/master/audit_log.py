"""The audit log for the audit view: ``audit_event`` rows with names resolved, newest first,
filtered (:func:`list_events`). Rows are written with the change they describe by
:mod:`welfareplan.core.audittrail`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from welfareplan.core.model import AuditEvent, Department, Plan, Project, Round
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook


@dataclass(frozen=True)
class AuditRow:
    """One audit row with names resolved, for the audit view."""

    id: int
    at: dt.datetime
    os_user: str
    action: str
    fiscal_year: int | None
    #: the project's label as printed ('4', '新'), None when the row is about no project
    project_number: str | None
    project_name: str
    department_name: str
    field: str
    old: str | None
    new: str | None
    source_file: str
    source_sha256: str
    note: str
    #: the field's label in the form of the round's plan (the key itself otherwise)
    field_label: str = ""


def form_fields(wb: Workbook, fiscal_year: int | None = None) -> list[tuple[str, str]]:
    """(key, label) of the fields of the form of ``fiscal_year``'s plan (default: of every
    plan with a round, newest first, each key once), for filtering the audit view."""
    with wb.session() as s:
        q = select(Round).order_by(Round.fiscal_year.desc())
        if fiscal_year is not None:
            q = q.where(Round.fiscal_year == fiscal_year)
        out: dict[str, str] = {}
        for rnd in s.scalars(q):
            for f in rnd.plan.evaluation_form.fields:
                out.setdefault(f.key, f.label)
        return list(out.items())


def list_events(
    wb: Workbook,
    *,
    fiscal_year: int | None = None,
    department_id: str | None = None,
    project_id: str | None = None,
    field: str | None = None,
    action: str | None = None,
    limit: int | None = None,
) -> list[AuditRow]:
    """Audit rows, newest first, filtered by round, department, project, field or action."""
    with wb.session() as s:
        q = select(AuditEvent).order_by(AuditEvent.id.desc())
        if fiscal_year is not None:
            q = q.where(AuditEvent.round_id == round_for_year(s, fiscal_year).id)
        if department_id is not None:
            q = q.where(AuditEvent.department_id == department_id)
        if project_id is not None:
            q = q.where(AuditEvent.project_id == project_id)
        if field is not None:
            q = q.where(AuditEvent.field == field)
        if action is not None:
            q = q.where(AuditEvent.action == action)
        if limit is not None:
            q = q.limit(limit)
        years = dict(s.execute(select(Round.id, Round.fiscal_year)).all())
        plan_of = dict(s.execute(select(Round.id, Round.plan_id)).all())
        labels = {
            p.id: {f.key: f.label for f in p.evaluation_form.fields}
            for p in s.scalars(select(Plan))
        }
        departments = dict(s.execute(select(Department.id, Department.name)).all())
        rows = s.scalars(q).all()
        pids = {r.project_id for r in rows if r.project_id}
        projects = {
            pid: (number, name)
            for pid, number, name in s.execute(
                select(Project.id, Project.label, Project.name).where(Project.id.in_(pids))
            ).all()
        }
        out = []
        for r in rows:
            number, name = projects.get(r.project_id or "", (None, ""))
            out.append(
                AuditRow(
                    id=r.id,
                    at=r.at,
                    os_user=r.os_user,
                    action=r.action,
                    fiscal_year=years.get(r.round_id) if r.round_id else None,
                    project_number=number,
                    project_name=name,
                    department_name=departments.get(r.department_id, "") if r.department_id else "",
                    field=r.field,
                    old=r.old,
                    new=r.new,
                    source_file=r.source_file,
                    source_sha256=r.source_sha256,
                    note=r.note,
                    field_label=labels.get(plan_of.get(r.round_id or "", ""), {}).get(
                        r.field, r.field
                    ),
                )
            )
        return out
