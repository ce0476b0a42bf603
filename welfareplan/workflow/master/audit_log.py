"""The audit log for the audit view: ``audit_event`` rows with names resolved, newest first,
filtered (:func:`list_events`). Rows are written with the change they describe by
:mod:`welfareplan.core.audittrail`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select

from welfareplan.core.model import AuditEvent, Department, Plan, Project, Round
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook

#: What each audited action is called in the audit view and in messages.
ACTION_LABELS = {
    "merge": "取込",
    "edit": "修正",
    "conflict-resolve": "競合の解決",
    "distribute": "配布",
    "round-create": "年度の作成",
    "round-close": "締切",
    "round-reopen": "受付の再開",
    "round-deadline": "提出期限の変更",
    "round-published": "公表月の変更",
    "plan-import": "計画の取込",
    "department-add": "課の追加",
    "department-rename": "課の名前の変更",
    "department-merge": "課の統合",
    "alias-add": "別名の追加",
    "alias-remove": "別名の削除",
    "opinion-add": "意見の追加",
    "opinion-edit": "意見の修正",
    "opinion-delete": "意見の削除",
    "member-add": "委員の追加",
    "member-delete": "委員の削除",
    "opinion-sheet-issue": "意見・提案シートの配布",
    "opinion-sheet-merge": "意見・提案シートの取込",
    "member-opinion": "委員の意見の受け取り",
    "opinion-answer": "市の考え方・対応",
    "plan-edit": "計画の修正",
    "restore": "バックアップから復元",
    "merge-undo": "取込の取り消し",
    "workbook-create": "新規作成",
    "plan-delete": "計画の削除",
    "plan-link": "前の計画とのつなぎ",
    "round-delete": "年度の削除",
    "history-import": "過去の年度の取込",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


#: The fields of audit rows that are not an entry's (those are named by the form of the
#: round's plan); ``goal`` / ``direction`` / ``measure`` are those of rows written before
#: schema 3.
OTHER_FIELD_LABELS = {
    "name": "名前",
    "alias": "別名",
    "deadline": "提出期限",
    "published_on": "公表月",
    "committee_opinion": "委員会の意見",
    "committee_member": "委員名簿",
    "opinion_sheet": "意見・提案シート",
    "member_opinion": "委員の意見（シート）",
    "opinion_answer": "市の考え方・対応",
    "node.name": "計画の項目の名前",
    "goal.name": "基本目標の名前",
    "direction.name": "施策の方向性の名前",
    "measure.name": "施策の名前",
    "project.name": "事業名",
    "project.description": "内容",
    "project.assignments": "担当課",
}


def audit_field_label(field: str, form_labels: dict[str, str] | None = None) -> str:
    """The Japanese name of an audit row's field ('' for a row about no field): an entry's
    field by ``form_labels`` (the form of the round's plan), the others by their names."""
    return OTHER_FIELD_LABELS.get(field) or (form_labels or {}).get(field, field)


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

    @property
    def action_label(self) -> str:
        return action_label(self.action)


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
    text: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
) -> list[AuditRow]:
    """Audit rows, newest first, filtered by round, department, project, field or action, by
    ``text`` (found in the old or new value, the file, the note, the user, or the name of the
    project or department) and by the days ``since`` … ``until`` (both included)."""
    with wb.session() as s:
        q = select(AuditEvent).order_by(AuditEvent.id.desc())
        if text.strip():
            like = f"%{text.strip()}%"
            q = q.where(
                or_(
                    AuditEvent.old.like(like),
                    AuditEvent.new.like(like),
                    AuditEvent.source_file.like(like),
                    AuditEvent.note.like(like),
                    AuditEvent.os_user.like(like),
                    AuditEvent.project_id.in_(select(Project.id).where(Project.name.like(like))),
                    AuditEvent.department_id.in_(
                        select(Department.id).where(Department.name.like(like))
                    ),
                )
            )
        if since is not None:
            q = q.where(AuditEvent.at >= dt.datetime.combine(since, dt.time()))
        if until is not None:
            q = q.where(
                AuditEvent.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time())
            )
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
                    field_label=audit_field_label(
                        r.field, labels.get(plan_of.get(r.round_id or "", ""))
                    ),
                )
            )
        return out
