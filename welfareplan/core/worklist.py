"""A department's entries of one round, with their plan context and last year's text.

This is what the entry window shows: plain data, loaded in a few queries, so that the view
never touches the database itself.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from welfareplan.core.checks import (
    LAST_YEAR,
    Check,
    EntryValues,
    Status,
    entry_checks,
    entry_status,
)
from welfareplan.core.errors import DataError
from welfareplan.core.evaluation_form import EvaluationForm
from welfareplan.core.fileformat import FileKind
from welfareplan.core.labels import project_title
from welfareplan.core.plainsql import rows
from welfareplan.core.plan_shape import NodeRow, PlanShape, load_plan_shape
from welfareplan.core.previous import (
    PreviousEntry,
    previous_round_of,
    previous_text,
    previous_values,
    values_of_round,
)
from welfareplan.core.roundlookup import RoundRow
from welfareplan.core.storage import Workbook
from welfareplan.core.text_checks import CellLimit, text_checks
from welfareplan.core.timestamps import time_from_text
from welfareplan.core.wareki import previous_name, results_label

if TYPE_CHECKING:
    from welfareplan.core.plainsql import Reader


@dataclass
class WorkItem:
    entry_id: str
    project_id: str
    #: the project's nodes, top level first (基本目標 → 施策の方向性 → 施策)
    path: tuple[NodeRow, ...]
    #: the node column as printed in the report ('(1) ①')
    node_label: str
    #: 事業No as printed ('4', '31～34', '新')
    label: str
    name: str
    #: 内容, followed by the project's attributes (指標：…)
    description: str
    department_label: str
    other_departments: list[str]
    values: EntryValues
    #: last round's values of this project (or of the first project it continues)
    previous: EntryValues | None
    form: EvaluationForm
    #: every previous entry it continues (several when projects were merged)
    previous_entries: tuple[PreviousEntry, ...] = ()
    previous_label: str = LAST_YEAR
    #: the project's attribute values (key → text), e.g. a target shown beside a number field
    attributes: dict[str, str] = field(default_factory=dict)
    updated_at: dt.datetime | None = None
    updated_by: str = ""

    @property
    def status(self) -> Status:
        return status_of(self, self.values)

    @property
    def title(self) -> str:
        return project_title(self.label, self.name)

    def previous_text(self, key: str) -> str:
        """Last year's value of ``key`` (of several continued projects, each headed with its
        label; a rating: the first's)."""
        rating = self.form.rating_key
        return previous_text(self.previous_entries, key, single=key == rating)


def checks_of(
    item: WorkItem, values: EntryValues, *, limits: Mapping[str, CellLimit] | None = None
) -> list[Check]:
    """The checks of ``values`` typed for ``item`` (against last year's values), then the
    gentle checks of its texts (``limits``: the report cells' capacity, for the length hint)."""
    return [
        *entry_checks(item.form, values, item.previous, previous_label=item.previous_label),
        *text_checks(
            item.form, values, item.previous, limits=limits, previous_label=item.previous_label
        ),
    ]


def status_of(item: WorkItem, values: EntryValues) -> Status:
    checks = entry_checks(item.form, values, item.previous, previous_label=item.previous_label)
    return entry_status(item.form, values, checks)


@dataclass
class Worklist:
    round_id: str
    fiscal_year: int
    round_open: bool
    deadline: dt.date | None
    department_id: str | None
    department_name: str
    previous_fiscal_year: int | None
    plan: PlanShape
    items: list[WorkItem] = field(default_factory=list)

    @property
    def form(self) -> EvaluationForm:
        return self.plan.form

    @property
    def year_label(self) -> str:
        return results_label(self.fiscal_year)

    @property
    def previous_label(self) -> str:
        """'前年度', or '前回（平成30年度）' after a gap."""
        return previous_name(self.fiscal_year, self.previous_fiscal_year)

    def progress(self) -> tuple[int, int]:
        return sum(i.status is Status.COMPLETE for i in self.items), len(self.items)

    def item(self, entry_id: str) -> WorkItem:
        for i in self.items:
            if i.entry_id == entry_id:
                return i
        raise KeyError(entry_id)


_ENTRIES_SQL = """
    SELECT e.id, e.department_id, e.label, e.updated_at, e.updated_by,
           p.id, p.label, p.name, p.description, p.attributes, p.node_id, dep.name
    FROM entry e
    JOIN project p ON p.id = e.project_id
    JOIN department dep ON dep.id = e.department_id
    WHERE e.round_id = :round_id
"""
_ENTRIES_ORDER = " ORDER BY p.sort, e.sort"
#: one department's entries (PostgreSQL cannot type an untyped ``:x IS NULL``: two texts)
_DEPARTMENT_ENTRIES_SQL = _ENTRIES_SQL + " AND e.department_id = :department_id" + _ENTRIES_ORDER
_ALL_ENTRIES_SQL = _ENTRIES_SQL + _ENTRIES_ORDER
_ASSIGNMENTS_SQL = """
    SELECT a.project_id, a.department_id, a.label, dep.name
    FROM assignment a JOIN department dep ON dep.id = a.department_id
    ORDER BY a.project_id, a.sort
"""


_ROUND_SQL = "SELECT id, fiscal_year, plan_id, status, deadline FROM round"


def _round_row(con: Reader, round_id: str | None, meta: dict[str, str]) -> RoundRow:
    from welfareplan.core.roundlookup import round_row

    for candidate in (round_id, meta.get("round_id")):
        if candidate:
            found = rows(con, _ROUND_SQL + " WHERE id = :r", {"r": candidate})
            if found:
                return round_row(found[0])
    if round_id:
        raise DataError("指定された年度がファイルにありません。")
    found = rows(con, _ROUND_SQL + " ORDER BY fiscal_year DESC LIMIT 1")
    if not found:
        raise DataError("このファイルには評価の年度がありません。")
    return round_row(found[0])


def load_worklist(
    wb: Workbook, *, round_id: str | None = None, department_id: str | None = None
) -> Worklist:
    """The entries to show. A department file defaults to its own round and department; in a
    master workbook ``department_id=None`` means every department.

    Plain SQL on purpose: this runs while the window opens, and a few joined queries are
    several times faster than walking the ORM relationships entry by entry.
    """
    meta = wb.meta()
    if wb.kind is FileKind.DEPARTMENT and department_id is None:
        department_id = meta.get("department_id") or None
    with wb.reader() as s:
        rnd = _round_row(s, round_id, meta)
        plan = load_plan_shape(s, rnd.plan_id)
        prev_round = previous_round_of(s, rnd)
        prev = previous_values(s, rnd.id) if prev_round is not None else {}
        prev_label = previous_name(rnd.fiscal_year, prev_round.fiscal_year if prev_round else None)
        values = values_of_round(s, rnd.id)
        others: dict[str, list[tuple[str, str]]] = {}
        for project_id, dept_id, label, dept_name in rows(s, _ASSIGNMENTS_SQL):
            others.setdefault(project_id, []).append((dept_id, label or dept_name))
        items = []
        department_name = "全担当課"
        entry_rows = (
            rows(s, _DEPARTMENT_ENTRIES_SQL, {"round_id": rnd.id, "department_id": department_id})
            if department_id
            else rows(s, _ALL_ENTRIES_SQL, {"round_id": rnd.id})
        )
        for (
            entry_id, dept_id, label, updated_at, updated_by,
            project_id, project_label, name, description, attributes, node_id, dept_name,
        ) in entry_rows:  # fmt: skip
            if department_id:
                department_name = dept_name
            found = prev.get((project_id, dept_id), ())
            attrs = dict(json.loads(attributes)) if attributes else {}
            items.append(
                WorkItem(
                    entry_id=entry_id,
                    project_id=project_id,
                    path=tuple(plan.path(node_id)),
                    node_label=plan.node_label(node_id),
                    label=project_label,
                    name=name,
                    description=plan.describe(description, attrs),
                    department_label=label or dept_name,
                    other_departments=[
                        lab for did, lab in others.get(project_id, []) if did != dept_id
                    ],
                    values=values.get(entry_id, EntryValues()),
                    previous=found[0].values if found else None,
                    form=plan.form,
                    previous_entries=found,
                    previous_label=prev_label,
                    attributes=attrs,
                    updated_at=time_from_text(updated_at or None),
                    updated_by=updated_by,
                )
            )
        if department_id and not items:
            named = rows(s, "SELECT name FROM department WHERE id = :d", {"d": department_id})
            department_name = named[0][0] if named else department_name
        return Worklist(
            round_id=rnd.id,
            fiscal_year=rnd.fiscal_year,
            round_open=rnd.is_open,
            deadline=rnd.deadline,
            department_id=department_id,
            department_name=department_name,
            previous_fiscal_year=prev_round.fiscal_year if prev_round else None,
            plan=plan,
            items=items,
        )
