"""What a file holds, in numbers: used by ``welfareplan info`` and the GUI's status lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from welfareplan.core.fileformat import FileKind
from welfareplan.core.model import (
    RATINGS,
    Assignment,
    Department,
    Direction,
    Goal,
    Measure,
    Plan,
    Project,
)
from welfareplan.core.queries import entries_of_round, rounds
from welfareplan.core.storage import Workbook
from welfareplan.core.wareki import fiscal_year_label, results_label


@dataclass(frozen=True)
class RoundStats:
    fiscal_year: int
    status: str
    deadline: dt.date | None
    published_on: dt.date | None
    total: int
    complete: int
    blank: int
    counts: dict[str, int]

    @property
    def label(self) -> str:
        return results_label(self.fiscal_year)

    @property
    def rated(self) -> int:
        return sum(self.counts[r] for r in RATINGS)

    @property
    def status_label(self) -> str:
        return "受付中" if self.status == "open" else "締切済"


@dataclass(frozen=True)
class PlanStats:
    key: str
    name: str
    period_start: int
    period_end: int
    goals: int
    directions: int
    measures: int
    projects: int
    project_numbers: int
    assignments: int

    @property
    def period_label(self) -> str:
        return f"{fiscal_year_label(self.period_start)}～{fiscal_year_label(self.period_end)}"


@dataclass(frozen=True)
class FileSummary:
    path: Path
    kind: FileKind
    file_uuid: str
    app_version: str
    schema_version: int
    created_at: str
    departments: int
    plans: list[PlanStats] = field(default_factory=list)
    rounds: list[RoundStats] = field(default_factory=list)
    department_name: str | None = None


def summarize(wb: Workbook) -> FileSummary:
    meta = wb.meta()
    with wb.session() as s:
        plans = []
        for plan in s.scalars(select(Plan).order_by(Plan.period_start)):
            projects = s.scalars(select(Project).where(Project.plan_id == plan.id)).all()
            plans.append(
                PlanStats(
                    key=plan.key,
                    name=plan.name,
                    period_start=plan.period_start,
                    period_end=plan.period_end,
                    goals=len(plan.goals),
                    directions=s.scalar(
                        select(func.count())
                        .select_from(Direction)
                        .join(Goal)
                        .where(Goal.plan_id == plan.id)
                    )
                    or 0,
                    measures=s.scalar(
                        select(func.count())
                        .select_from(Measure)
                        .join(Direction)
                        .join(Goal)
                        .where(Goal.plan_id == plan.id)
                    )
                    or 0,
                    projects=len(projects),
                    project_numbers=sum(
                        (p.number_end or p.number) - p.number + 1 for p in projects
                    ),
                    assignments=s.scalar(
                        select(func.count())
                        .select_from(Assignment)
                        .join(Project)
                        .where(Project.plan_id == plan.id)
                    )
                    or 0,
                )
            )
        round_stats = []
        for rnd in rounds(s):
            entries = entries_of_round(s, rnd)
            counts = dict.fromkeys((*RATINGS, ""), 0)
            for e in entries:
                counts[e.rating] += 1
            round_stats.append(
                RoundStats(
                    fiscal_year=rnd.fiscal_year,
                    status=rnd.status,
                    deadline=rnd.deadline,
                    published_on=rnd.published_on,
                    total=len(entries),
                    complete=sum(e.is_complete for e in entries),
                    blank=sum(e.is_blank for e in entries),
                    counts=counts,
                )
            )
        departments = s.scalar(select(func.count()).select_from(Department)) or 0
        department_name = None
        if meta.get("department_id"):
            dept = s.get(Department, meta["department_id"])
            department_name = dept.name if dept else None
    return FileSummary(
        path=wb.path,
        kind=wb.kind,
        file_uuid=meta.get("file_uuid", ""),
        app_version=meta.get("app_version", ""),
        schema_version=int(meta.get("schema_version", "0") or 0),
        created_at=meta.get("created_at", ""),
        departments=departments,
        plans=plans,
        rounds=round_stats,
        department_name=department_name,
    )
