"""A plan as plain data, its validation, and turning it into rows.

Plans are data, never code: the shipped plan (``resources/plans/*.json``) and plans imported
from the Excel template are both read into a :class:`PlanSpec`, validated with every problem
reported at once (with its location), and only then written, in one transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core.departments import DepartmentResolver, display_label
from welfareplan.core.errors import DataError
from welfareplan.core.labels import RATING_CRITERIA_DEFAULT
from welfareplan.core.model import Assignment, Direction, Goal, Measure, Plan, Project, new_id

#: Namespace of the deterministic UUIDs given to shipped data (so every demo has the same keys).
SHIPPED_NAMESPACE = uuid.UUID("5b0f7f0e-4d0c-4f53-9a63-77656c666172")


@dataclass
class ProjectSpec:
    number: int
    name: str
    description: str = ""
    number_end: int | None = None
    departments: list[str] = field(default_factory=list)
    predecessor: int | None = None
    where: str = ""


@dataclass
class MeasureSpec:
    number: int
    name: str
    projects: list[ProjectSpec] = field(default_factory=list)
    where: str = ""


@dataclass
class DirectionSpec:
    number: int
    name: str
    measures: list[MeasureSpec] = field(default_factory=list)
    where: str = ""


@dataclass
class GoalSpec:
    number: int
    name: str
    directions: list[DirectionSpec] = field(default_factory=list)
    where: str = ""


@dataclass
class PlanSpec:
    key: str
    name: str
    period_start: int
    period_end: int
    philosophy: str = ""
    issuer: str = ""
    rating_criteria: dict[str, str] = field(default_factory=lambda: dict(RATING_CRITERIA_DEFAULT))
    outlook_note: str = ""
    goals: list[GoalSpec] = field(default_factory=list)
    predecessor_key: str | None = None

    def projects(self) -> list[ProjectSpec]:
        return [p for g in self.goals for d in g.directions for m in d.measures for p in m.projects]


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


# ---------------------------------------------------------------------------- JSON


def _req(data: dict[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise DataError(f"{where}: 「{key}」がありません。", code="plan-json")
    return data[key]


def spec_from_json(data: dict[str, Any]) -> PlanSpec:
    """Read the shipped plan format (``welfareplan-plan/1``)."""
    if data.get("format") != "welfareplan-plan/1":
        raise DataError("計画ファイルの形式が違います（welfareplan-plan/1 ではありません）。")
    period = _req(data, "period", "計画")
    spec = PlanSpec(
        key=_req(data, "key", "計画"),
        name=_req(data, "name", "計画"),
        period_start=int(period[0]),
        period_end=int(period[1]),
        philosophy=data.get("philosophy", ""),
        issuer=data.get("issuer", ""),
        rating_criteria=dict(data.get("rating_criteria") or RATING_CRITERIA_DEFAULT),
        outlook_note=data.get("outlook_note", ""),
        predecessor_key=data.get("predecessor"),
    )
    for g in _req(data, "goals", "計画"):
        gw = f"基本目標{g.get('number', '?')}"
        goal = GoalSpec(int(_req(g, "number", gw)), _req(g, "name", gw), where=gw)
        for d in _req(g, "directions", gw):
            dw = f"{gw} 施策の方向性({d.get('number', '?')})"
            direction = DirectionSpec(int(_req(d, "number", dw)), _req(d, "name", dw), where=dw)
            for m in _req(d, "measures", dw):
                mw = f"{dw} 施策{m.get('number', '?')}"
                measure = MeasureSpec(int(_req(m, "number", mw)), _req(m, "name", mw), where=mw)
                for p in _req(m, "projects", mw):
                    pw = f"事業{p.get('number', '?')}"
                    measure.projects.append(
                        ProjectSpec(
                            number=int(_req(p, "number", pw)),
                            number_end=p.get("number_end"),
                            name=_req(p, "name", pw),
                            description=p.get("description", ""),
                            departments=list(_req(p, "departments", pw)),
                            predecessor=p.get("predecessor"),
                            where=pw,
                        )
                    )
                direction.measures.append(measure)
            goal.directions.append(direction)
        spec.goals.append(goal)
    return spec


# ---------------------------------------------------------------------------- validation


def _dupes(numbers: list[int]) -> set[int]:
    seen: set[int] = set()
    return {n for n in numbers if n in seen or seen.add(n)}  # type: ignore[func-returns-value]


def validate_spec(spec: PlanSpec, resolver: DepartmentResolver) -> list[Problem]:
    """Every problem of ``spec``, each with its location; empty when the plan is sound."""
    problems: list[Problem] = []
    add = problems.append
    if not spec.name.strip():
        add(Problem("計画", "計画の名前が空です。"))
    if not spec.key.strip():
        add(Problem("計画", "計画のキーが空です。"))
    if spec.period_start > spec.period_end:
        add(Problem("計画", f"計画期間が逆です（{spec.period_start}〜{spec.period_end}）。"))
    if not spec.goals:
        add(Problem("計画", "基本目標がありません。"))
    for n in sorted(_dupes([g.number for g in spec.goals])):
        add(Problem("計画", f"基本目標の番号 {n} が重複しています。"))
    covered: dict[int, str] = {}
    for goal in spec.goals:
        if not goal.name.strip():
            add(Problem(goal.where, "基本目標の名前が空です。"))
        for n in sorted(_dupes([d.number for d in goal.directions])):
            add(Problem(goal.where, f"施策の方向性の番号 ({n}) が重複しています。"))
        for direction in goal.directions:
            if not direction.name.strip():
                add(Problem(direction.where, "施策の方向性の名前が空です。"))
            for n in sorted(_dupes([m.number for m in direction.measures])):
                add(Problem(direction.where, f"施策の番号 {n} が重複しています。"))
            for measure in direction.measures:
                if not measure.name.strip():
                    add(Problem(measure.where, "施策の名前が空です。"))
                for project in measure.projects:
                    problems.extend(_validate_project(project, resolver, covered))
    return problems


def _validate_project(
    project: ProjectSpec, resolver: DepartmentResolver, covered: dict[int, str]
) -> list[Problem]:
    problems: list[Problem] = []
    where = project.where
    if project.number < 1:
        problems.append(Problem(where, f"事業番号 {project.number} は 1 以上にしてください。"))
    if project.number_end is not None and project.number_end <= project.number:
        problems.append(
            Problem(
                where, f"事業番号の範囲 {project.number}～{project.number_end} が正しくありません。"
            )
        )
    last = project.number_end or project.number
    for n in range(project.number, last + 1):
        if n in covered:
            problems.append(
                Problem(where, f"事業番号 {n} が重複しています（{covered[n]} と同じ）。")
            )
        else:
            covered[n] = where
    if not project.name.strip():
        problems.append(Problem(where, "事業名が空です。"))
    if not project.departments:
        problems.append(Problem(where, "担当課がありません。"))
    seen: dict[str, str] = {}
    for text in project.departments:
        dept = resolver.resolve(text)
        if dept is None:
            problems.append(Problem(where, f"担当課「{text}」は担当課マスタにありません。"))
        elif dept.id in seen:
            problems.append(
                Problem(where, f"担当課「{text}」は「{seen[dept.id]}」と同じ課です（重複）。")
            )
        else:
            seen[dept.id] = text
    return problems


# ---------------------------------------------------------------------------- building rows


def _sid(*parts: object) -> str:
    return str(uuid.uuid5(SHIPPED_NAMESPACE, "/".join(str(p) for p in parts)))


def build_plan(
    session: Session,
    spec: PlanSpec,
    resolver: DepartmentResolver,
    *,
    deterministic_ids: bool = False,
) -> Plan:
    """Insert ``spec`` as a new plan. Raises :class:`DataError` listing every problem."""
    problems = validate_spec(spec, resolver)
    if problems:
        raise DataError(
            "計画に問題があるため取り込めません:\n" + "\n".join(f"・{p}" for p in problems),
            code="plan-invalid",
        )
    if session.scalar(select(Plan).where(Plan.key == spec.key)) is not None:
        raise DataError(f"計画「{spec.key}」は既にあります。", code="plan-exists")

    def ident(*parts: object) -> str:
        return _sid("plan", spec.key, *parts) if deterministic_ids else new_id()

    predecessor = None
    if spec.predecessor_key:
        predecessor = session.scalar(select(Plan).where(Plan.key == spec.predecessor_key))
    plan = Plan(
        id=ident(),
        key=spec.key,
        name=spec.name,
        period_start=spec.period_start,
        period_end=spec.period_end,
        philosophy=spec.philosophy,
        issuer=spec.issuer,
        rating_criteria=spec.rating_criteria,
        outlook_note=spec.outlook_note,
        predecessor_id=predecessor.id if predecessor else None,
    )
    session.add(plan)
    old_projects: dict[int, Project] = {}
    if predecessor is not None:
        old_projects = {
            p.number: p
            for p in session.scalars(select(Project).where(Project.plan_id == predecessor.id))
        }
    sort = 0
    for g in spec.goals:
        goal = Goal(id=ident("goal", g.number), number=g.number, name=g.name)
        plan.goals.append(goal)
        for d in g.directions:
            direction = Direction(
                id=ident("goal", g.number, "direction", d.number), number=d.number, name=d.name
            )
            goal.directions.append(direction)
            for m in d.measures:
                measure = Measure(
                    id=ident("goal", g.number, "direction", d.number, "measure", m.number),
                    number=m.number,
                    name=m.name,
                )
                direction.measures.append(measure)
                for p in m.projects:
                    sort += 1
                    prev = old_projects.get(p.predecessor) if p.predecessor else None
                    project = Project(
                        id=ident("project", p.number),
                        plan=plan,
                        number=p.number,
                        number_end=p.number_end,
                        name=p.name,
                        description=p.description,
                        sort=sort,
                        predecessor_id=prev.id if prev else None,
                    )
                    measure.projects.append(project)
                    for order, text in enumerate(p.departments, 1):
                        dept = resolver.resolve(text)
                        assert dept is not None  # validated above
                        project.assignments.append(
                            Assignment(
                                id=ident("project", p.number, "department", dept.name),
                                department=dept,
                                label=display_label(text),
                                sort=order,
                            )
                        )
    session.flush()
    return plan
