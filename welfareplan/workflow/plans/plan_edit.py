"""Browsing and editing a plan in the workbench: names, 内容 and who reports on what.

Edits of a plan apply to the rounds made from it from now on. For the plan's *open* rounds an
added assignment gets its (empty) entry at once, and a removed assignment takes its entry away
only if nothing was written in it yet — a department's text is never deleted by a plan edit.
Every change is audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core import audittrail
from welfareplan.core.departments import display_label
from welfareplan.core.errors import DataError
from welfareplan.core.labels import circled, direction_label, project_number_label
from welfareplan.core.model import (
    Assignment,
    Department,
    Direction,
    Entry,
    Goal,
    Measure,
    Plan,
    Project,
    Round,
)
from welfareplan.core.storage import Workbook
from welfareplan.core.textclean import clean_text


@dataclass(frozen=True)
class AssignmentInfo:
    department_id: str
    department_name: str
    label: str


@dataclass(frozen=True)
class PlanNode:
    kind: str  # 'goal' | 'direction' | 'measure' | 'project'
    id: str
    label: str  # '基本目標1' / '(1)' / '①' / '事業4'
    name: str
    description: str = ""
    assignments: tuple[AssignmentInfo, ...] = ()
    children: tuple[PlanNode, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.label}　{self.name}"


@dataclass(frozen=True)
class PlanSummary:
    id: str
    key: str
    name: str
    period: str
    goals: tuple[PlanNode, ...]


def list_plans(wb: Workbook) -> list[tuple[str, str]]:
    """(plan key, '名前（2024～2029）') of every plan, newest first."""
    with wb.session() as s:
        return [
            (p.key, f"{p.name}（{p.period_start}～{p.period_end}）")
            for p in s.scalars(select(Plan).order_by(Plan.period_start.desc()))
        ]


def _project_node(p: Project) -> PlanNode:
    return PlanNode(
        "project",
        p.id,
        f"事業{project_number_label(p.number, p.number_end)}",
        p.name,
        p.description,
        tuple(
            AssignmentInfo(a.department_id, a.department.name, a.label or a.department.name)
            for a in p.assignments
        ),
    )


def plan_tree(wb: Workbook, plan_key: str | None = None) -> PlanSummary:
    with wb.session() as s:
        query = select(Plan).order_by(Plan.period_start.desc())
        if plan_key:
            query = select(Plan).where(Plan.key == plan_key)
        plan = s.scalars(query).first()
        if plan is None:
            raise DataError("このファイルには計画がありません。")
        goals = tuple(
            PlanNode(
                "goal",
                g.id,
                f"基本目標{g.number}",
                g.name,
                children=tuple(
                    PlanNode(
                        "direction",
                        d.id,
                        direction_label(d.number),
                        d.name,
                        children=tuple(
                            PlanNode(
                                "measure",
                                m.id,
                                circled(m.number),
                                m.name,
                                children=tuple(_project_node(p) for p in m.projects),
                            )
                            for m in d.measures
                        ),
                    )
                    for d in g.directions
                ),
            )
            for g in plan.goals
        )
        return PlanSummary(
            plan.id, plan.key, plan.name, f"{plan.period_start}～{plan.period_end}", goals
        )


def _audit(
    s: Session, field: str, old: str, new: str, *, project_id: str | None = None, note: str = ""
) -> None:
    audittrail.record(
        s, "plan-edit", project_id=project_id, field=field, old=old, new=new, note=note
    )


def _node(s: Session, kind: str, node_id: str) -> Goal | Direction | Measure | Project | None:
    if kind == "goal":
        return s.get(Goal, node_id)
    if kind == "direction":
        return s.get(Direction, node_id)
    if kind == "measure":
        return s.get(Measure, node_id)
    return s.get(Project, node_id)


def rename_node(wb: Workbook, kind: str, node_id: str, name: str) -> None:
    new = clean_text(name).strip()
    if not new:
        raise DataError("名前を空にはできません。")
    with wb.transaction() as s:
        node = _node(s, kind, node_id)
        if node is None:
            raise DataError("この項目は計画から削除されています。")
        if node.name != new:
            _audit(
                s, f"{kind}.name", node.name, new, project_id=node_id if kind == "project" else None
            )
            node.name = new


def set_description(wb: Workbook, project_id: str, description: str) -> None:
    new = clean_text(description).strip()
    with wb.transaction() as s:
        project = s.get(Project, project_id)
        if project is None:
            raise DataError("この事業は計画から削除されています。")
        if project.description != new:
            _audit(s, "project.description", project.description, new, project_id=project_id)
            project.description = new


def set_assignments(wb: Workbook, project_id: str, assignments: Sequence[tuple[str, str]]) -> None:
    """Replace who reports on ``project_id``: ordered (department id, printed label) pairs."""
    if not assignments:
        raise DataError("担当課を1つ以上指定してください。")
    ids = [d for d, _ in assignments]
    if len(set(ids)) != len(ids):
        raise DataError("同じ担当課が2回指定されています。")
    with wb.transaction() as s:
        project = s.get(Project, project_id)
        if project is None:
            raise DataError("この事業は計画から削除されています。")
        for dept_id, _ in assignments:
            if s.get(Department, dept_id) is None:
                raise DataError("担当課マスタにない課が指定されています。")
        open_rounds = s.scalars(
            select(Round).where(Round.plan_id == project.plan_id, Round.status == "open")
        ).all()
        before = {a.department_id: a for a in project.assignments}
        removed = [a for d, a in before.items() if d not in ids]
        for a in removed:
            for rnd in open_rounds:
                entry = s.scalar(
                    select(Entry).where(
                        Entry.round_id == rnd.id,
                        Entry.project_id == project.id,
                        Entry.department_id == a.department_id,
                    )
                )
                if entry is not None and not entry.is_blank:
                    raise DataError(
                        f"{rnd.fiscal_year}年度に「{a.label or a.department.name}」の記入があるため、"
                        "この担当課を外せません（記入は消されません）。"
                    )
                if entry is not None:
                    s.delete(entry)
            s.delete(a)
        s.flush()
        old_text = "、".join(a.label or a.department.name for a in before.values())
        printed_labels = []
        for order, (dept_id, label) in enumerate(assignments, 1):
            dept = s.get(Department, dept_id)
            assert dept is not None
            printed = display_label(label) if label.strip() else dept.name
            printed_labels.append(printed)
            existing = before.get(dept_id)
            if existing is None:
                s.add(Assignment(project=project, department=dept, label=printed, sort=order))
                for rnd in open_rounds:
                    s.add(
                        Entry(
                            round=rnd, project=project, department=dept, label=printed, sort=order
                        )
                    )
            else:
                existing.label, existing.sort = printed, order
        _audit(s, "project.assignments", old_text, "、".join(printed_labels), project_id=project.id)
