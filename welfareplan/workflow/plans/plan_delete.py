"""Deleting a plan that nothing refers to (``welfareplan plan delete``, 計画・担当課 → 計画を削除…).

A plan is referred to by the rounds made on it (their entries, opinions and issued files) and
by the plans that name it as their predecessor (their project links reach its projects). Such
a plan is not deleted: :func:`plan_references` says what refers to it. A plan without
references goes with its levels' nodes, projects, assignments and project links, after a
backup copy, audited (``plan-delete``). Departments the plan added stay in the 担当課マスタ.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from welfareplan.core import audittrail
from welfareplan.core.errors import DataError
from welfareplan.core.labels import plan_row_label
from welfareplan.core.model import Assignment, Plan, PlanNode, Project, ProjectLink, Round
from welfareplan.core.storage import Workbook
from welfareplan.core.wareki import results_label
from welfareplan.workflow.master.backups import backed_up


@dataclass(frozen=True)
class PlanReferences:
    """What a plan holds and what refers to it."""

    key: str
    #: '「小金井市地域福祉計画」（koganei-chiiki-fukushi-r6、令和6年度～令和11年度）'
    label: str
    nodes: int
    projects: int
    assignments: int
    #: the fiscal years of the rounds made on the plan
    rounds: tuple[int, ...]
    #: labels of the plans that name it as their predecessor
    successors: tuple[str, ...]

    @property
    def deletable(self) -> bool:
        return not self.rounds and not self.successors

    def blockers(self) -> str:
        """What refers to the plan, in one Japanese sentence ('' when nothing does)."""
        parts = []
        if self.rounds:
            years = "、".join(results_label(y) for y in self.rounds)
            parts.append(f"この計画で作成した年度（{years}）")
        if self.successors:
            parts.append(f"この計画を前の計画とする計画（{'、'.join(self.successors)}）")
        if not parts:
            return ""
        return (
            f"計画{self.label}は、{'と'.join(parts)}から参照されているため削除できません。"
            "先にそれらを削除してください。"
        )

    def contents(self) -> str:
        """What deleting removes: '階層の項目 33、事業 47、担当 69'."""
        return f"階層の項目 {self.nodes}、事業 {self.projects}、担当 {self.assignments}"


def _plan(s: Session, key: str) -> Plan:
    plan = s.scalar(select(Plan).where(Plan.key == key))
    if plan is None:
        keys = "、".join(s.scalars(select(Plan.key).order_by(Plan.period_start))) or "なし"
        raise DataError(
            f"計画のキー「{key}」はこのワークブックにありません（ある計画: {keys}）。",
            code="no-plan",
        )
    return plan


def _references(s: Session, plan: Plan) -> PlanReferences:
    projects = select(Project.id).where(Project.plan_id == plan.id)
    return PlanReferences(
        key=plan.key,
        label=plan_row_label(plan),
        nodes=s.scalar(select(func.count()).where(PlanNode.plan_id == plan.id)) or 0,
        projects=s.scalar(select(func.count()).where(Project.plan_id == plan.id)) or 0,
        assignments=s.scalar(select(func.count()).where(Assignment.project_id.in_(projects))) or 0,
        rounds=tuple(
            s.scalars(
                select(Round.fiscal_year)
                .where(Round.plan_id == plan.id)
                .order_by(Round.fiscal_year)
            )
        ),
        successors=tuple(
            plan_row_label(p) for p in s.scalars(select(Plan).where(Plan.predecessor_id == plan.id))
        ),
    )


def plan_references(wb: Workbook, key: str) -> PlanReferences:
    """What the plan ``key`` holds and what refers to it (reads only)."""
    with wb.session() as s:
        return _references(s, _plan(s, key))


def delete_plan(wb: Workbook, key: str) -> PlanReferences:
    """Delete the plan ``key`` when nothing refers to it; raises :class:`DataError` saying
    what refers to it otherwise (nothing changed)."""
    found = plan_references(wb, key)
    if not found.deletable:
        raise DataError(found.blockers(), code="plan-referenced")
    with backed_up(wb, "delete", what=f"計画 {key} の削除") as (s, _):
        plan = _plan(s, key)
        found = _references(s, plan)
        if not found.deletable:  # pragma: no cover - the master is locked between the reads
            raise DataError(found.blockers(), code="plan-referenced")
        projects = select(Project.id).where(Project.plan_id == plan.id)
        s.execute(
            delete(ProjectLink).where(
                ProjectLink.predecessor_id.in_(projects) | ProjectLink.successor_id.in_(projects)
            )
        )
        s.execute(delete(Assignment).where(Assignment.project_id.in_(projects)))
        s.execute(delete(Project).where(Project.plan_id == plan.id))
        for depth in range(3, -1, -1):  # children before their parents
            s.execute(delete(PlanNode).where(PlanNode.plan_id == plan.id, PlanNode.depth == depth))
        audittrail.record(
            s, "plan-delete", note=f"計画 {plan.key}（{plan.name}）を削除（{found.contents()}）"
        )
        s.execute(delete(Plan).where(Plan.id == plan.id))
    return found
