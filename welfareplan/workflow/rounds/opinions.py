"""The citizens' committee's opinions (推進委員会の意見) of a round, per 基本目標.

An opinion is general (printed 【全般】) or tied to one of the goal's projects (printed
【事業番号N:事業名】 — generated from the project, never typed). Their order within a goal is the
order of the report. Every change is audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core import audittrail
from welfareplan.core.errors import DataError
from welfareplan.core.labels import opinion_heading, project_number_label
from welfareplan.core.model import CommitteeOpinion, Goal, Project, Round
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook
from welfareplan.core.textclean import clean_text


@dataclass(frozen=True)
class OpinionProject:
    project_id: str
    number: int
    label: str  # '事業4 移送サービスへの支援'


@dataclass(frozen=True)
class OpinionItem:
    id: str
    goal_number: int
    project_id: str | None
    heading: str
    text: str


@dataclass(frozen=True)
class GoalOpinions:
    goal_number: int
    goal_name: str
    projects: tuple[OpinionProject, ...]
    opinions: tuple[OpinionItem, ...]


def _goal_projects(goal: Goal) -> tuple[OpinionProject, ...]:
    return tuple(
        OpinionProject(
            p.id, p.number, f"事業{project_number_label(p.number, p.number_end)} {p.name}"
        )
        for d in goal.directions
        for m in d.measures
        for p in m.projects
    )


def list_opinions(wb: Workbook, fiscal_year: int) -> list[GoalOpinions]:
    with wb.session() as s:
        rnd = round_for_year(s, fiscal_year)
        rows = s.scalars(
            select(CommitteeOpinion)
            .where(CommitteeOpinion.round_id == rnd.id)
            .order_by(CommitteeOpinion.sort)
        ).all()
        result = []
        for goal in rnd.plan.goals:
            result.append(
                GoalOpinions(
                    goal_number=goal.number,
                    goal_name=goal.name,
                    projects=_goal_projects(goal),
                    opinions=tuple(
                        OpinionItem(
                            id=o.id,
                            goal_number=goal.number,
                            project_id=o.project_id,
                            heading=opinion_heading(
                                o.project.number if o.project else None,
                                o.project.name if o.project else None,
                            ),
                            text=o.text,
                        )
                        for o in rows
                        if o.goal_id == goal.id
                    ),
                )
            )
        return result


def _round_and_goal(s: Session, fiscal_year: int, goal_number: int) -> tuple[Round, Goal]:
    rnd = round_for_year(s, fiscal_year)
    goal = next((g for g in rnd.plan.goals if g.number == goal_number), None)
    if goal is None:
        raise DataError(f"基本目標{goal_number} はこの年度の計画にありません。")
    return rnd, goal


def _check_project(s: Session, goal: Goal, project_id: str | None) -> Project | None:
    if project_id is None:
        return None
    project = s.get(Project, project_id)
    if project is None or project.measure.direction.goal_id != goal.id:
        raise DataError(f"選んだ事業は基本目標{goal.number} の事業ではありません。")
    return project


def _audit(
    s: Session,
    rnd: Round,
    opinion: CommitteeOpinion,
    action: str,
    *,
    old: str | None,
    new: str | None,
) -> None:
    audittrail.record(
        s,
        action,
        round_id=rnd.id,
        project_id=opinion.project_id,
        field="committee_opinion",
        old=old,
        new=new,
        note=f"基本目標{opinion.goal.number}",
    )


def _text(text: str) -> str:
    cleaned = clean_text(text).strip()
    if not cleaned:
        raise DataError("意見の本文を入力してください。")
    return cleaned


def add_opinion(
    wb: Workbook, fiscal_year: int, goal_number: int, project_id: str | None, text: str
) -> str:
    """Append an opinion at the end of the goal's list. Returns its id."""
    body = _text(text)
    with wb.transaction() as s:
        rnd, goal = _round_and_goal(s, fiscal_year, goal_number)
        _check_project(s, goal, project_id)
        last = s.scalars(
            select(CommitteeOpinion.sort).where(CommitteeOpinion.round_id == rnd.id)
        ).all()
        opinion = CommitteeOpinion(
            round=rnd, goal=goal, project_id=project_id, text=body, sort=max(last, default=0) + 1
        )
        s.add(opinion)
        s.flush()
        _audit(s, rnd, opinion, "opinion-add", old=None, new=body)
        return opinion.id


def update_opinion(wb: Workbook, opinion_id: str, *, project_id: str | None, text: str) -> None:
    body = _text(text)
    with wb.transaction() as s:
        opinion = s.get(CommitteeOpinion, opinion_id)
        if opinion is None:
            raise DataError("この意見は削除されています。")
        _check_project(s, opinion.goal, project_id)
        old = opinion.text
        opinion.project_id = project_id
        opinion.text = body
        _audit(s, opinion.round, opinion, "opinion-edit", old=old, new=body)


def delete_opinion(wb: Workbook, opinion_id: str) -> None:
    with wb.transaction() as s:
        opinion = s.get(CommitteeOpinion, opinion_id)
        if opinion is None:
            return
        _audit(s, opinion.round, opinion, "opinion-delete", old=opinion.text, new=None)
        s.delete(opinion)


def move_opinion(wb: Workbook, opinion_id: str, step: int) -> None:
    """Move an opinion up (-1) or down (+1) within its goal."""
    with wb.transaction() as s:
        opinion = s.get(CommitteeOpinion, opinion_id)
        if opinion is None:
            return
        siblings = s.scalars(
            select(CommitteeOpinion)
            .where(
                CommitteeOpinion.round_id == opinion.round_id,
                CommitteeOpinion.goal_id == opinion.goal_id,
            )
            .order_by(CommitteeOpinion.sort)
        ).all()
        i = siblings.index(opinion)
        j = i + step
        if not 0 <= j < len(siblings):
            return
        siblings[i].sort, siblings[j].sort = siblings[j].sort, siblings[i].sort
