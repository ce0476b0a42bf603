"""Rounds (年度): create one from the current plan, set its deadline, close and reopen it.

A new round takes the plan in force for its fiscal year (the newest plan whose period covers
the year, otherwise the latest plan) and creates one empty entry per assignment, copying the
assignment's printed label and order. Last year's entries stay available as reference through
``core.queries.previous_entries``. A closed round is read-only everywhere: merging into it,
issuing files for it and editing its entries are refused (:func:`ensure_round_open`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core import audittrail
from welfareplan.core.errors import DataError, ReadOnlyError
from welfareplan.core.model import Base, Department, Plan, Project, Round, new_id, now
from welfareplan.core.plainsql import rows
from welfareplan.core.queries import round_for_year
from welfareplan.core.roundlookup import find_round
from welfareplan.core.storage import Workbook
from welfareplan.core.timestamps import date_from_text, date_to_text
from welfareplan.core.wareki import date_label, fiscal_year_label, results_label
from welfareplan.workflow.master.backups import backed_up

if TYPE_CHECKING:
    from welfareplan.core.plainsql import Reader


@dataclass(frozen=True)
class RoundInfo:
    id: str
    fiscal_year: int
    status: str
    deadline: dt.date | None
    published_on: dt.date | None
    plan_key: str
    plan_name: str
    entries: int
    departments: int

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def label(self) -> str:
        """'令和7年度実績'."""
        return results_label(self.fiscal_year)

    @property
    def status_label(self) -> str:
        return "受付中" if self.is_open else "締切済"


_INFO_SQL = """
SELECT r.id, r.fiscal_year, r.status, r.deadline, r.published_on, p.key, p.name,
       (SELECT COUNT(*) FROM entry e WHERE e.round_id = r.id),
       (SELECT COUNT(DISTINCT e.department_id) FROM entry e WHERE e.round_id = r.id)
FROM round r JOIN plan p ON p.id = r.plan_id
"""


def _infos(
    con: Reader, where: str = "", params: dict[str, object] | None = None
) -> list[RoundInfo]:
    """Rounds as :class:`RoundInfo`, by plain SQL on a ``sqlite3`` connection or (inside a
    write transaction, seeing its changes) an ORM session."""
    return [
        RoundInfo(
            id=str(rid),
            fiscal_year=int(year),
            status=str(status),
            deadline=date_from_text(deadline or None),
            published_on=date_from_text(published or None),
            plan_key=str(key),
            plan_name=str(name),
            entries=int(entries),
            departments=int(departments),
        )
        for rid, year, status, deadline, published, key, name, entries, departments in rows(
            con, _INFO_SQL + where + " ORDER BY r.fiscal_year", params
        )
    ]


def _info(session: Session, rnd: Round) -> RoundInfo:
    session.flush()
    return _infos(session, "WHERE r.id = :id", {"id": rnd.id})[0]


def ensure_round_open(rnd: Round) -> None:
    """Refuse any change to a closed round (merge, issue, editing an entry)."""
    if not rnd.is_open:
        raise ReadOnlyError(
            f"{results_label(rnd.fiscal_year)}は締め切られているため変更できません。"
            "変更するには先に年度を再開してください。",
            code="round-closed",
        )


def choose_plan(session: Session, fiscal_year: int) -> Plan:
    """The plan for a new round: the newest covering ``fiscal_year``, else the latest."""
    plans = session.scalars(
        select(Plan).order_by(Plan.period_start.desc(), Plan.created_at.desc())
    ).all()
    if not plans:
        raise DataError(
            "このワークブックには計画がありません。先に計画を取り込んでください。", code="no-plan"
        )
    covering = [p for p in plans if p.period_start <= fiscal_year <= p.period_end]
    return covering[0] if covering else plans[0]


def list_rounds(wb: Workbook) -> list[RoundInfo]:
    with wb.read_connection() as con:
        return _infos(con)


def round_info(wb: Workbook, fiscal_year: int) -> RoundInfo:
    with wb.read_connection() as con:
        return _infos(con, "WHERE r.id = :id", {"id": find_round(con, fiscal_year).id})[0]


def create_round(
    wb: Workbook,
    fiscal_year: int,
    *,
    deadline: dt.date | None = None,
    plan_key: str | None = None,
) -> RoundInfo:
    """Create the round of ``fiscal_year`` with one empty entry per assignment."""
    with wb.session() as s:
        if s.scalar(select(Round).where(Round.fiscal_year == fiscal_year)) is not None:
            raise DataError(
                f"{fiscal_year_label(fiscal_year)}の評価は既にあります。", code="round-exists"
            )
        if plan_key is not None and s.scalar(select(Plan).where(Plan.key == plan_key)) is None:
            raise DataError(f"計画「{plan_key}」はありません。", code="no-plan")
        if deadline is not None and deadline.year < fiscal_year:
            raise DataError(
                f"締切 {date_label(deadline)} は{fiscal_year_label(fiscal_year)}より前です。",
                code="bad-deadline",
            )
    with backed_up(wb, "round") as (s, _):
        if plan_key is not None:
            plan = s.scalars(select(Plan).where(Plan.key == plan_key)).one()
        else:
            plan = choose_plan(s, fiscal_year)
        rnd = Round(id=new_id(), plan=plan, fiscal_year=fiscal_year, deadline=deadline)
        s.add(rnd)
        s.flush()
        inactive = set(s.scalars(select(Department.id).where(Department.active.is_(False))))
        rows = []
        stamp = now()
        for project in s.scalars(select(Project).where(Project.plan_id == plan.id)):
            for a in project.assignments:
                if a.department_id in inactive:
                    continue
                rows.append(
                    {
                        "id": new_id(),
                        "round_id": rnd.id,
                        "project_id": project.id,
                        "department_id": a.department_id,
                        "label": a.label,
                        "sort": a.sort,
                        "result": "",
                        "rating": "",
                        "outlook": "",
                        "updated_at": None,
                        "updated_by": "",
                    }
                )
        if not rows:
            raise DataError(
                f"計画「{plan.name}」には担当課の割り当てがないため、年度を作成できません。",
                code="no-assignments",
            )
        s.execute(Base.metadata.tables["entry"].insert(), rows)
        audittrail.record(
            s,
            "round-create",
            round_id=rnd.id,
            note=f"{results_label(fiscal_year)}（計画 {plan.key}、{len(rows)} 件）",
            at=stamp,
        )
        s.flush()
        return _info(s, rnd)


def _set_status(wb: Workbook, fiscal_year: int, status: str) -> RoundInfo:
    with wb.transaction() as s:
        rnd = round_for_year(s, fiscal_year)
        if rnd.status != status:
            rnd.status = status
            audittrail.record(
                s,
                "round-close" if status == "closed" else "round-reopen",
                round_id=rnd.id,
                note=results_label(fiscal_year),
            )
        s.flush()
        return _info(s, rnd)


def close_round(wb: Workbook, fiscal_year: int) -> RoundInfo:
    """Close the round: from now on it is read-only (merge and issue refuse it)."""
    return _set_status(wb, fiscal_year, "closed")


def reopen_round(wb: Workbook, fiscal_year: int) -> RoundInfo:
    return _set_status(wb, fiscal_year, "open")


def set_deadline(wb: Workbook, fiscal_year: int, deadline: dt.date | None) -> RoundInfo:
    with wb.transaction() as s:
        rnd = round_for_year(s, fiscal_year)
        ensure_round_open(rnd)
        old = rnd.deadline
        rnd.deadline = deadline
        audittrail.record(
            s,
            "round-deadline",
            round_id=rnd.id,
            field="deadline",
            old=date_to_text(old),
            new=date_to_text(deadline),
        )
        s.flush()
        return _info(s, rnd)
