"""A department's entries of one round, with their plan context and last year's text.

This is what the entry window shows: plain data, loaded in a few queries, so that the view
never touches the database itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from welfareplan.core.checks import EntryValues, Status, entry_checks, entry_status
from welfareplan.core.errors import DataError
from welfareplan.core.fileformat import FileKind
from welfareplan.core.labels import RATING_CRITERIA_DEFAULT, circled, direction_label, measure_label
from welfareplan.core.labels import project_number_label as _pnl
from welfareplan.core.model import Assignment, Department, Entry, Project, Round
from welfareplan.core.queries import previous_entries, previous_round
from welfareplan.core.storage import Workbook
from welfareplan.core.wareki import results_label


@dataclass
class WorkItem:
    entry_id: str
    project_id: str
    goal_number: int
    goal_name: str
    direction_label: str
    direction_name: str
    measure_label: str  # '(1) ①'
    measure_name: str
    number: int
    number_label: str
    name: str
    description: str
    department_label: str
    other_departments: list[str]
    values: EntryValues
    previous: EntryValues | None
    updated_at: dt.datetime | None = None
    updated_by: str = ""

    @property
    def status(self) -> Status:
        return entry_status(self.values, entry_checks(self.values, self.previous))

    @property
    def title(self) -> str:
        return f"事業{self.number_label} {self.name}"


@dataclass
class Worklist:
    round_id: str
    fiscal_year: int
    round_open: bool
    deadline: dt.date | None
    department_id: str | None
    department_name: str
    previous_fiscal_year: int | None
    rating_criteria: dict[str, str]
    items: list[WorkItem] = field(default_factory=list)

    @property
    def year_label(self) -> str:
        return results_label(self.fiscal_year)

    def progress(self) -> tuple[int, int]:
        return sum(i.status is Status.COMPLETE for i in self.items), len(self.items)

    def item(self, entry_id: str) -> WorkItem:
        for i in self.items:
            if i.entry_id == entry_id:
                return i
        raise KeyError(entry_id)


def _default_round(session: Session, meta: dict[str, str]) -> Round:
    if meta.get("round_id"):
        rnd = session.get(Round, meta["round_id"])
        if rnd is not None:
            return rnd
    rnd = session.scalar(select(Round).order_by(Round.fiscal_year.desc()))
    if rnd is None:
        raise DataError("このファイルには評価の年度がありません。")
    return rnd


def load_worklist(
    wb: Workbook, *, round_id: str | None = None, department_id: str | None = None
) -> Worklist:
    """The entries to show. A department file defaults to its own round and department; in a
    master workbook ``department_id=None`` means every department."""
    meta = wb.meta()
    if wb.kind is FileKind.DEPARTMENT and department_id is None:
        department_id = meta.get("department_id") or None
    with wb.session() as s:
        rnd = s.get(Round, round_id) if round_id else _default_round(s, meta)
        if rnd is None:
            raise DataError("指定された年度がファイルにありません。")
        prev_round = previous_round(s, rnd)
        prev = previous_entries(s, rnd)
        query = (
            select(Entry)
            .join(Project, Entry.project_id == Project.id)
            .where(Entry.round_id == rnd.id)
            .options(
                selectinload(Entry.project)
                .selectinload(Project.assignments)
                .selectinload(Assignment.department)
            )
            .order_by(Project.sort, Entry.sort)
        )
        if department_id:
            query = query.where(Entry.department_id == department_id)
        dept = s.get(Department, department_id) if department_id else None
        items = []
        for e in s.scalars(query):
            p = e.project
            m = p.measure
            d = m.direction
            g = d.goal
            pe = prev.get((p.id, e.department_id))
            items.append(
                WorkItem(
                    entry_id=e.id,
                    project_id=p.id,
                    goal_number=g.number,
                    goal_name=g.name,
                    direction_label=direction_label(d.number),
                    direction_name=d.name,
                    measure_label=measure_label(d.number, m.number),
                    measure_name=f"{circled(m.number)} {m.name}",
                    number=p.number,
                    number_label=_pnl(p.number, p.number_end),
                    name=p.name,
                    description=p.description,
                    department_label=e.label or e.department.name,
                    other_departments=[
                        a.label or a.department.name
                        for a in p.assignments
                        if a.department_id != e.department_id
                    ],
                    values=EntryValues(e.result, e.rating, e.outlook),
                    previous=EntryValues(pe.result, pe.rating, pe.outlook) if pe else None,
                    updated_at=e.updated_at,
                    updated_by=e.updated_by,
                )
            )
        return Worklist(
            round_id=rnd.id,
            fiscal_year=rnd.fiscal_year,
            round_open=rnd.is_open,
            deadline=rnd.deadline,
            department_id=department_id,
            department_name=dept.name if dept else "全担当課",
            previous_fiscal_year=prev_round.fiscal_year if prev_round else None,
            rating_criteria=dict(rnd.plan.rating_criteria or RATING_CRITERIA_DEFAULT),
            items=items,
        )
