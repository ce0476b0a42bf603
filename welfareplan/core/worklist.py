"""A department's entries of one round, with their plan context and last year's text.

This is what the entry window shows: plain data, loaded in a few queries, so that the view
never touches the database itself.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from welfareplan.core.checks import EntryValues, Status, entry_checks, entry_status
from welfareplan.core.errors import DataError
from welfareplan.core.fileformat import FileKind
from welfareplan.core.labels import RATING_CRITERIA_DEFAULT, circled, direction_label, measure_label
from welfareplan.core.labels import project_number_label as _pnl
from welfareplan.core.previous import previous_round_of, previous_values
from welfareplan.core.storage import Workbook
from welfareplan.core.timestamps import date_from_text, time_from_text
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


_ENTRIES_SQL = """
    SELECT e.id, e.department_id, e.label, e.result, e.rating, e.outlook, e.updated_at, e.updated_by,
           p.id, p.number, p.number_end, p.name, p.description,
           m.number, m.name, d.number, d.name, g.number, g.name, dep.name
    FROM entry e
    JOIN project p ON p.id = e.project_id
    JOIN measure m ON m.id = p.measure_id
    JOIN direction d ON d.id = m.direction_id
    JOIN goal g ON g.id = d.goal_id
    JOIN department dep ON dep.id = e.department_id
    WHERE e.round_id = :round_id AND (:department_id IS NULL OR e.department_id = :department_id)
    ORDER BY p.sort, e.sort
"""
_ASSIGNMENTS_SQL = """
    SELECT a.project_id, a.department_id, a.label, dep.name
    FROM assignment a JOIN department dep ON dep.id = a.department_id
    ORDER BY a.project_id, a.sort
"""


_ROUND_SQL = """
    SELECT r.id, r.fiscal_year, r.status, r.deadline, p.rating_criteria
    FROM round r JOIN plan p ON p.id = r.plan_id
"""


def _round_row(
    con: sqlite3.Connection, round_id: str | None, meta: dict[str, str]
) -> tuple[Any, ...]:
    for candidate in (round_id, meta.get("round_id")):
        if candidate:
            row = con.execute(_ROUND_SQL + " WHERE r.id = :r", {"r": candidate}).fetchone()
            if row is not None:
                return tuple(row)
    if round_id:
        raise DataError("指定された年度がファイルにありません。")
    row = con.execute(_ROUND_SQL + " ORDER BY r.fiscal_year DESC LIMIT 1").fetchone()
    if row is None:
        raise DataError("このファイルには評価の年度がありません。")
    return tuple(row)


def load_worklist(
    wb: Workbook, *, round_id: str | None = None, department_id: str | None = None
) -> Worklist:
    """The entries to show. A department file defaults to its own round and department; in a
    master workbook ``department_id=None`` means every department.

    Plain SQL on purpose: this runs while the window opens, and one joined query is several
    times faster than walking the ORM relationships entry by entry.
    """
    meta = wb.meta()
    if wb.kind is FileKind.DEPARTMENT and department_id is None:
        department_id = meta.get("department_id") or None
    with wb.read_connection() as s:
        rnd_id, fiscal_year, status, deadline, criteria = _round_row(s, round_id, meta)
        prev_round = previous_round_of(s, fiscal_year)
        prev = previous_values(s, rnd_id) if prev_round is not None else {}
        others: dict[str, list[tuple[str, str]]] = {}
        for project_id, dept_id, label, dept_name in s.execute(_ASSIGNMENTS_SQL):
            others.setdefault(project_id, []).append((dept_id, label or dept_name))
        items = []
        department_name = "全担当課"
        rows = s.execute(
            _ENTRIES_SQL, {"round_id": rnd_id, "department_id": department_id}
        ).fetchall()
        for (
            entry_id, dept_id, label, result, rating, outlook, updated_at, updated_by,
            project_id, number, number_end, name, description,
            m_number, m_name, d_number, d_name, g_number, g_name, dept_name,
        ) in rows:  # fmt: skip
            if department_id:
                department_name = dept_name
            pe = prev.get((project_id, dept_id))
            items.append(
                WorkItem(
                    entry_id=entry_id,
                    project_id=project_id,
                    goal_number=g_number,
                    goal_name=g_name,
                    direction_label=direction_label(d_number),
                    direction_name=d_name,
                    measure_label=measure_label(d_number, m_number),
                    measure_name=f"{circled(m_number)} {m_name}",
                    number=number,
                    number_label=_pnl(number, number_end),
                    name=name,
                    description=description,
                    department_label=label or dept_name,
                    other_departments=[
                        lab for did, lab in others.get(project_id, []) if did != dept_id
                    ],
                    values=EntryValues(result, rating, outlook),
                    previous=pe,
                    updated_at=time_from_text(updated_at or None),
                    updated_by=updated_by,
                )
            )
        if department_id and not items:
            row = s.execute(
                "SELECT name FROM department WHERE id = :d", {"d": department_id}
            ).fetchone()
            department_name = row[0] if row else department_name
        return Worklist(
            round_id=rnd_id,
            fiscal_year=fiscal_year,
            round_open=status == "open",
            deadline=date_from_text(deadline or None),
            department_id=department_id,
            department_name=department_name,
            previous_fiscal_year=prev_round.fiscal_year if prev_round else None,
            rating_criteria=dict(json.loads(criteria) if criteria else RATING_CRITERIA_DEFAULT),
            items=items,
        )
