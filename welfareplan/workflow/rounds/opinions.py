"""The citizens' committee's opinions (推進委員会の意見) of a round, per top-level node of the
plan (基本目標).

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
from welfareplan.core.labels import opinion_heading, project_title
from welfareplan.core.model import CommitteeOpinion, PlanNode, Project, Round
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook
from welfareplan.core.textclean import clean_text


@dataclass(frozen=True)
class OpinionProject:
    project_id: str
    number: str  # the project's label ('4')
    label: str  # '事業4 移送サービスへの支援'


@dataclass(frozen=True)
class OpinionItem:
    id: str
    goal_number: int | None
    project_id: str | None
    heading: str
    text: str


@dataclass(frozen=True)
class GoalOpinions:
    node_id: str
    goal_number: int | None
    goal_name: str
    #: '基本目標1　福祉のまちづくり'
    title: str
    projects: tuple[OpinionProject, ...]
    opinions: tuple[OpinionItem, ...]


def _projects_under(node: PlanNode) -> list[Project]:
    out = list(node.projects)
    for child in node.children:
        out += _projects_under(child)
    return sorted(out, key=lambda p: p.sort)


def _goal_projects(goal: PlanNode) -> tuple[OpinionProject, ...]:
    return tuple(
        OpinionProject(p.id, p.label, project_title(p.label, p.name)) for p in _projects_under(goal)
    )


def _title(goal: PlanNode) -> str:
    level = goal.plan.plan_levels[0]
    return f"{level.name}{level.label(goal.number)}　{goal.name}"


def list_opinions(wb: Workbook, fiscal_year: int) -> list[GoalOpinions]:
    with wb.session() as s:
        rnd = round_for_year(s, fiscal_year)
        rows = s.scalars(
            select(CommitteeOpinion)
            .where(CommitteeOpinion.round_id == rnd.id)
            .order_by(CommitteeOpinion.sort)
        ).all()
        result = []
        for goal in rnd.plan.top_nodes:
            result.append(
                GoalOpinions(
                    node_id=goal.id,
                    goal_number=goal.number,
                    goal_name=goal.name,
                    title=_title(goal),
                    projects=_goal_projects(goal),
                    opinions=tuple(
                        OpinionItem(
                            id=o.id,
                            goal_number=goal.number,
                            project_id=o.project_id,
                            heading=opinion_heading(
                                o.project.label if o.project else None,
                                o.project.name if o.project else None,
                            ),
                            text=o.text,
                        )
                        for o in rows
                        if o.node_id == goal.id
                    ),
                )
            )
        return result


def _round_and_goal(s: Session, fiscal_year: int, goal: int | str) -> tuple[Round, PlanNode]:
    """The round and its plan's top-level node ``goal`` (its id, or its number)."""
    rnd = round_for_year(s, fiscal_year)
    found = next((g for g in rnd.plan.top_nodes if goal in (g.id, g.number)), None)
    if found is None:
        level = rnd.plan.plan_levels[0].name
        raise DataError(f"{level}{goal} はこの年度の計画にありません。")
    return rnd, found


def _top_of(node: PlanNode) -> PlanNode:
    while node.parent is not None:
        node = node.parent
    return node


def _check_project(s: Session, goal: PlanNode, project_id: str | None) -> Project | None:
    if project_id is None:
        return None
    project = s.get(Project, project_id)
    if project is None or _top_of(project.node).id != goal.id:
        raise DataError(f"選んだ事業は{_title(goal)} の事業ではありません。")
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
        note=_title(opinion.node),
    )


def _text(text: str) -> str:
    cleaned = clean_text(text).strip()
    if not cleaned:
        raise DataError("意見の本文を入力してください。")
    return cleaned


def append_opinion(
    s: Session, rnd: Round, node: PlanNode, project_id: str | None, text: str
) -> CommitteeOpinion:
    """Append an opinion at the end of ``node``'s list inside the caller's transaction
    (checked and audited); ``node`` is a top-level node of ``rnd``'s plan."""
    body = _text(text)
    _check_project(s, node, project_id)
    last = s.scalars(select(CommitteeOpinion.sort).where(CommitteeOpinion.round_id == rnd.id)).all()
    opinion = CommitteeOpinion(
        round=rnd, node=node, project_id=project_id, text=body, sort=max(last, default=0) + 1
    )
    s.add(opinion)
    s.flush()
    _audit(s, rnd, opinion, "opinion-add", old=None, new=body)
    return opinion


def goal_of(
    s: Session, fiscal_year: int, goal: int | str | None, project_id: str | None
) -> PlanNode:
    """The top-level node an opinion belongs to: ``goal`` (its id or number) or, without it,
    the one above ``project_id``."""
    if goal is not None:
        return _round_and_goal(s, fiscal_year, goal)[1]
    project = s.get(Project, project_id) if project_id is not None else None
    if project is None:
        level = round_for_year(s, fiscal_year).plan.plan_levels[0].name
        raise DataError(f"全般の意見は、載せる{level}を選んでください。", code="no-goal")
    return _top_of(project.node)


def add_opinion(
    wb: Workbook, fiscal_year: int, goal: int | str, project_id: str | None, text: str
) -> str:
    """Append an opinion at the end of the list of top-level node ``goal`` (its id or its
    number). Returns its id."""
    _text(text)
    with wb.transaction() as s:
        rnd, node = _round_and_goal(s, fiscal_year, goal)
        return append_opinion(s, rnd, node, project_id, text).id


def update_opinion(wb: Workbook, opinion_id: str, *, project_id: str | None, text: str) -> None:
    body = _text(text)
    with wb.transaction() as s:
        opinion = s.get(CommitteeOpinion, opinion_id)
        if opinion is None:
            raise DataError("この意見は削除されています。")
        _check_project(s, opinion.node, project_id)
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
                CommitteeOpinion.node_id == opinion.node_id,
            )
            .order_by(CommitteeOpinion.sort)
        ).all()
        i = siblings.index(opinion)
        j = i + step
        if not 0 <= j < len(siblings):
            return
        siblings[i].sort, siblings[j].sort = siblings[j].sort, siblings[i].sort
