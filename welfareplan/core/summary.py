"""What a file holds, in numbers: used by ``welfareplan info`` and the GUI's status lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from welfareplan.core.entry_values import EntryValues
from welfareplan.core.fileformat import FileKind
from welfareplan.core.labels import period_label, plan_label
from welfareplan.core.model import Assignment, Department, Entry, Plan, PlanNode, Project
from welfareplan.core.previous import values_of_round
from welfareplan.core.queries import rounds
from welfareplan.core.storage import Workbook
from welfareplan.core.wareki import results_label


@dataclass(frozen=True)
class RoundStats:
    fiscal_year: int
    status: str
    deadline: dt.date | None
    published_on: dt.date | None
    total: int
    complete: int
    blank: int
    #: code of the plan's scale (and '' for not rated) → entries; empty without a rating
    counts: dict[str, int]
    #: the scale's codes, best first
    codes: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return results_label(self.fiscal_year)

    @property
    def rated(self) -> int:
        return sum(self.counts.get(c, 0) for c in self.codes)

    @property
    def status_label(self) -> str:
        return "受付中" if self.status == "open" else "締切済"


@dataclass(frozen=True)
class PlanStats:
    key: str
    name: str
    period_start: int
    period_end: int
    #: (level name, number of nodes) per level: ('基本目標', 3), ('施策の方向性', 10), …
    levels: tuple[tuple[str, int], ...]
    projects: int
    assignments: int
    predecessor_key: str | None = None

    @property
    def period_label(self) -> str:
        return period_label(self.period_start, self.period_end)

    @property
    def label(self) -> str:
        return plan_label(self.name, self.key, self.period_start, self.period_end)


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
        keys = {str(i): str(k) for i, k in s.execute(select(Plan.id, Plan.key))}
        for plan in s.scalars(select(Plan).order_by(Plan.period_start, Plan.created_at)):
            depth_counts = {
                int(depth): int(n)
                for depth, n in s.execute(
                    select(PlanNode.depth, func.count())
                    .where(PlanNode.plan_id == plan.id)
                    .group_by(PlanNode.depth)
                )
            }
            plans.append(
                PlanStats(
                    key=plan.key,
                    name=plan.name,
                    period_start=plan.period_start,
                    period_end=plan.period_end,
                    levels=tuple(
                        (level.name, depth_counts.get(depth, 0))
                        for depth, level in enumerate(plan.plan_levels)
                    ),
                    projects=s.scalar(
                        select(func.count()).select_from(Project).where(Project.plan_id == plan.id)
                    )
                    or 0,
                    assignments=s.scalar(
                        select(func.count())
                        .select_from(Assignment)
                        .join(Project)
                        .where(Project.plan_id == plan.id)
                    )
                    or 0,
                    predecessor_key=keys.get(plan.predecessor_id) if plan.predecessor_id else None,
                )
            )
        round_stats = []
        forms = {p.id: p.evaluation_form for p in s.scalars(select(Plan))}
        for rnd in rounds(s):
            form = forms[rnd.plan_id]
            rating = form.rating_key
            values = values_of_round(s, rnd.id)
            entry_ids = list(s.scalars(select(Entry.id).where(Entry.round_id == rnd.id)))
            counts: dict[str, int] = dict.fromkeys((*form.codes, ""), 0) if rating else {}
            complete = blank = 0
            for eid in entry_ids:
                v = values.get(eid, EntryValues())
                complete += v.is_complete(form)
                blank += v.is_blank(form)
                if rating is not None:
                    counts[v.get(rating)] = counts.get(v.get(rating), 0) + 1
            round_stats.append(
                RoundStats(
                    fiscal_year=rnd.fiscal_year,
                    status=rnd.status,
                    deadline=rnd.deadline,
                    published_on=rnd.published_on,
                    total=len(entry_ids),
                    complete=complete,
                    blank=blank,
                    counts=counts,
                    codes=form.codes,
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
