"""The audit log for the audit view: ``audit_event`` rows with names resolved, newest first,
filtered (:func:`list_events`). Rows are written with the change they describe by
:mod:`welfareplan.core.audittrail`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from welfareplan.core.model import AuditEvent, Department, Project, Round
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook
from welfareplan.workflow.fields import field_label


@dataclass(frozen=True)
class AuditRow:
    """One audit row with names resolved, for the audit view."""

    id: int
    at: dt.datetime
    os_user: str
    action: str
    fiscal_year: int | None
    project_number: int | None
    project_name: str
    department_name: str
    field: str
    old: str | None
    new: str | None
    source_file: str
    source_sha256: str
    note: str

    @property
    def field_label(self) -> str:
        return field_label(self.field)


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
        departments = dict(s.execute(select(Department.id, Department.name)).all())
        rows = s.scalars(q).all()
        pids = {r.project_id for r in rows if r.project_id}
        projects = {
            pid: (number, name)
            for pid, number, name in s.execute(
                select(Project.id, Project.number, Project.name).where(Project.id.in_(pids))
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
                )
            )
        return out
