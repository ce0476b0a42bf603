"""Rounds (年度): create one from the current plan, set its deadline, close and reopen it.

A new round takes the plan in force for its fiscal year (:func:`choose_plan`: the plan whose
period covers the year; of several, the revision — the one no other covering plan descends
from) and creates one empty entry per assignment, copying the assignment's printed label and
order. A year no plan covers is refused, as is a named plan whose period does not cover it.
Last year's entries stay available as reference through ``core.previous.previous_values``. A closed round is read-only everywhere: merging into it,
issuing files for it and editing its entries are refused (:func:`ensure_round_open`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core import audittrail
from welfareplan.core.errors import DataError, ReadOnlyError
from welfareplan.core.labels import plan_row_label
from welfareplan.core.model import Base, Department, Plan, Project, Round, new_id, now
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook
from welfareplan.core.timestamps import date_to_text
from welfareplan.core.wareki import date_label, fiscal_year_label, results_label
from welfareplan.workflow.master.backups import backed_up
from welfareplan.workflow.rounds.round_list import (  # noqa: F401 (listing needs no ORM)
    RoundInfo,
    list_rounds,
    round_info,
    round_infos,
)


def _info(session: Session, rnd: Round) -> RoundInfo:
    session.flush()
    return round_infos(session, "WHERE r.id = :id", {"id": rnd.id})[0]


def ensure_round_open(rnd: Round) -> None:
    """Refuse any change to a closed round (merge, issue, editing an entry)."""
    if not rnd.is_open:
        raise ReadOnlyError(
            f"{results_label(rnd.fiscal_year)}は締め切られているため変更できません。"
            "変更するには先に年度を再開してください。",
            code="round-closed",
        )


def _covers(plan: Plan, fiscal_year: int) -> bool:
    return plan.period_start <= fiscal_year <= plan.period_end


def choose_plan(session: Session, fiscal_year: int, plan_key: str | None = None) -> Plan:
    """The plan of a new round of ``fiscal_year``.

    Named (``plan_key``): that plan, if its period covers the year. Otherwise the plan whose
    period covers the year; when several do, the newest of a lineage (a covering plan that no
    other covering plan descends from, i.e. the revision); when that is still ambiguous
    (unrelated plans of the same years), the user must name one. Every refusal names the
    plans by name, key and period.
    """
    plans = session.scalars(select(Plan).order_by(Plan.period_start, Plan.created_at)).all()
    year = fiscal_year_label(fiscal_year)
    if not plans:
        raise DataError(
            "このワークブックには計画がありません。先に計画を取り込んでください。", code="no-plan"
        )
    if plan_key is not None:
        plan = next((p for p in plans if p.key == plan_key), None)
        if plan is None:
            keys = "、".join(plan_row_label(p) for p in plans)
            raise DataError(f"計画「{plan_key}」はありません（あるのは {keys}）。", code="no-plan")
        if not _covers(plan, fiscal_year):
            raise DataError(
                f"計画{plan_row_label(plan)}の期間に{year}（{fiscal_year}年度）は含まれません。"
                "その年度を期間に含む計画を指定してください。",
                code="plan-period",
            )
        return plan
    covering = [p for p in plans if _covers(p, fiscal_year)]
    if not covering:
        listed = "、".join(plan_row_label(p) for p in plans)
        raise DataError(
            f"{year}（{fiscal_year}年度）を期間に含む計画がありません（あるのは {listed}）。"
            "その年度の計画を取り込んでから作成してください。",
            code="no-plan-for-year",
        )
    by_id = {p.id: p for p in plans}
    ancestors: set[str] = set()
    for p in covering:
        pred = p.predecessor_id
        seen: set[str] = set()
        while pred is not None and pred not in seen and pred in by_id:
            seen.add(pred)
            ancestors.add(pred)
            pred = by_id[pred].predecessor_id
    newest = [p for p in covering if p.id not in ancestors]
    if len(newest) > 1:
        listed = "、".join(plan_row_label(p) for p in newest)
        raise DataError(
            f"{year}（{fiscal_year}年度）を期間に含む計画が複数あります（{listed}）。"
            "使う計画をキーで指定してください（--plan キー）。",
            code="plan-ambiguous",
        )
    return newest[0]


def plan_for_year(wb: Workbook, fiscal_year: int, plan_key: str | None = None) -> str:
    """The plan a new round of ``fiscal_year`` would use, named by name, key and period
    (raises :class:`DataError` saying why there is none)."""
    with wb.session() as s:
        return plan_row_label(choose_plan(s, fiscal_year, plan_key))


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
        choose_plan(s, fiscal_year, plan_key)
        if deadline is not None and deadline.year < fiscal_year:
            raise DataError(
                f"締切 {date_label(deadline)} は{fiscal_year_label(fiscal_year)}より前です。",
                code="bad-deadline",
            )
    with backed_up(wb, "round", what=results_label(fiscal_year)) as (s, _):
        plan = choose_plan(s, fiscal_year, plan_key)
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
                        "updated_at": None,
                        "updated_by": "",
                    }
                )
        if not rows:
            raise DataError(
                f"計画{plan_row_label(plan)}には担当課の割り当てがないため、年度を作成できません。",
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


def _set_date(
    wb: Workbook,
    fiscal_year: int,
    name: str,
    value: dt.date | None,
    *,
    action: str,
    open_only: bool,
) -> RoundInfo:
    """Set the round's date column ``name``, with an audit row when it changes."""
    with wb.transaction() as s:
        rnd = round_for_year(s, fiscal_year)
        if open_only:
            ensure_round_open(rnd)
        old = getattr(rnd, name)
        if old != value:
            setattr(rnd, name, value)
            audittrail.record(
                s,
                action,
                round_id=rnd.id,
                field=name,
                old=date_to_text(old),
                new=date_to_text(value),
            )
        s.flush()
        return _info(s, rnd)


def set_deadline(wb: Workbook, fiscal_year: int, deadline: dt.date | None) -> RoundInfo:
    return _set_date(wb, fiscal_year, "deadline", deadline, action="round-deadline", open_only=True)


def set_published(wb: Workbook, fiscal_year: int, published_on: dt.date | None) -> RoundInfo:
    """Set the publication month printed on the report (None: the month of the export).
    Allowed for a closed round too: it changes no entry."""
    return _set_date(
        wb, fiscal_year, "published_on", published_on, action="round-published", open_only=False
    )
