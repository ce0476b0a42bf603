"""Plan import (see docs/plan-template.md; export: plan_export).

Import reads a plan file — the Excel template (:mod:`~welfareplan.workflow.plans.template_read`)
or the plan JSON — into a :class:`welfareplan.core.planspec.PlanSpec` with where every item is,
validates everything at once (structure, numbers, names, departments, predecessor links, the
key) and only then writes the new plan in one transaction, beside the plans already there.
Rounds keep pointing at the plan they were made from. A project carried over from the previous
plan names its number there, so "last year" works across the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from welfareplan.core import audittrail
from welfareplan.core.departments import DepartmentResolver
from welfareplan.core.errors import DataError
from welfareplan.core.model import Assignment, Project, ProjectLink
from welfareplan.core.planbuild import build_plan
from welfareplan.core.planspec import PlanSpec, Problem
from welfareplan.core.storage import Workbook
from welfareplan.workflow.master.backups import backed_up
from welfareplan.workflow.plans.plan_files import read_plan_spec
from welfareplan.workflow.progress import CancelFn, ProgressFn, Steps


class PlanImportError(DataError):
    """The template has problems; ``problems`` lists each with its sheet and row."""

    code = "plan-invalid"

    def __init__(self, name: str, problems: list[Problem]) -> None:
        lines = "\n".join(f"・{p}" for p in problems)
        super().__init__(
            f"計画ファイル「{name}」に {len(problems)} 件の問題があるため取り込みませんでした"
            f"（何も変更していません）:\n{lines}"
        )
        self.problems = problems


@dataclass(frozen=True)
class PlanImportResult:
    key: str
    name: str
    period_start: int
    period_end: int
    #: (level name, number of nodes) per level of the plan
    levels: tuple[tuple[str, int], ...]
    projects: int
    assignments: int
    linked_projects: int
    predecessor_key: str | None


def read_plan_file(wb: Workbook, path: Path | str) -> tuple[PlanSpec | None, list[Problem]]:
    """Read and validate a plan file (template or JSON); returns the spec and every problem."""
    with wb.session() as s:
        return read_plan_spec(s, Path(path))


def import_plan(
    wb: Workbook,
    path: Path | str,
    *,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> PlanImportResult:
    """Import a new plan from the template; raises :class:`PlanImportError` listing problems."""
    path = Path(path)
    steps = Steps(3, progress, cancelled, what="計画の取り込み")
    steps.step(f"{path.name} を読み込んでいます")
    spec, problems = read_plan_file(wb, path)
    steps.step("計画を確認しています")
    if spec is None or problems:
        raise PlanImportError(path.name, problems)
    steps.step("計画を書き込んでいます")
    with backed_up(wb, "plan-import", what=f"{spec.name}（{path.name}）") as (s, _):
        plan = build_plan(s, spec, DepartmentResolver.from_session(s))
        steps.check()
        projects = s.scalars(select(Project).where(Project.plan_id == plan.id)).all()
        assignments = s.scalar(
            select(func.count())
            .select_from(Assignment)
            .join(Project)
            .where(Project.plan_id == plan.id)
        )
        audittrail.record(
            s, "plan-import", note=f"計画 {plan.key}（{plan.name}）を {path.name} から取り込み"
        )
        linked = s.scalar(
            select(func.count(func.distinct(ProjectLink.successor_id))).where(
                ProjectLink.successor_id.in_([p.id for p in projects])
            )
        )
        depth_counts: dict[int, int] = {}
        for depth, _ in spec.walk():
            depth_counts[depth] = depth_counts.get(depth, 0) + 1
        result = PlanImportResult(
            key=plan.key,
            name=plan.name,
            period_start=plan.period_start,
            period_end=plan.period_end,
            levels=tuple(
                (level.name, depth_counts.get(d, 0)) for d, level in enumerate(spec.levels)
            ),
            projects=len(projects),
            assignments=assignments or 0,
            linked_projects=linked or 0,
            predecessor_key=spec.predecessor_key,
        )
    steps.finish("計画を取り込みました")
    return result
