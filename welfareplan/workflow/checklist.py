"""What is still open in a round — 未提出, 未記入, 保留 — listed before the round is closed and
before the report is exported, so that nobody closes or publishes a year by mistake while a
department has not submitted, an entry is empty or a conflict waits for a decision."""

from __future__ import annotations

from dataclasses import dataclass

from welfareplan.core.entry_values import EntryValues
from welfareplan.core.plainsql import rows
from welfareplan.core.plan_shape import load_plan_form
from welfareplan.core.previous import values_of_round
from welfareplan.core.roundlookup import find_round
from welfareplan.core.storage import Workbook
from welfareplan.workflow.returns.conflicts import list_conflicts
from welfareplan.workflow.status import round_status

NOT_SUBMITTED, INCOMPLETE, PENDING = "未提出", "未記入", "保留"

_ENTRIES_SQL = (
    "SELECT e.id, d.name, p.label, p.name "
    "FROM entry e JOIN project p ON p.id = e.project_id JOIN department d ON d.id = e.department_id "
    "WHERE e.round_id = :round_id ORDER BY d.sort, p.sort, e.sort"
)


@dataclass(frozen=True)
class ChecklistItem:
    kind: str  # NOT_SUBMITTED, INCOMPLETE or PENDING
    department: str
    detail: str


@dataclass(frozen=True)
class Checklist:
    fiscal_year: int
    items: tuple[ChecklistItem, ...]

    @property
    def clear(self) -> bool:
        return not self.items

    def count(self, kind: str) -> int:
        return sum(1 for i in self.items if i.kind == kind)

    def summary(self) -> str:
        """'未提出 3 課、保留 1 項目、未記入 12 件' ('' when nothing is open)."""
        parts = [
            f"{NOT_SUBMITTED} {self.count(NOT_SUBMITTED)} 課",
            f"{PENDING} {self.count(PENDING)} 項目",
            f"{INCOMPLETE} {self.count(INCOMPLETE)} 件",
        ]
        return "、".join(p for p in parts if " 0 " not in p)


def round_checklist(wb: Workbook, fiscal_year: int) -> Checklist:
    """Departments that have not submitted, entries not complete, conflicts left open."""
    status = round_status(wb, fiscal_year)
    # a department never issued a file has nothing to submit: its gaps show as 未記入
    items = [
        ChecklistItem(NOT_SUBMITTED, d.department_name, d.state_label)
        for d in status.departments
        if d.issued_files and not d.submitted
    ]
    # the few conflicts before the many empty entries
    items += [
        ChecklistItem(PENDING, c.entry.department_name, f"{c.entry.project_label} {c.field_label}")
        for c in list_conflicts(wb, fiscal_year)
    ]
    with wb.reader() as con:
        rnd = find_round(con, fiscal_year)
        form = load_plan_form(con, rnd.plan_id)
        values = values_of_round(con, rnd.id)
        for entry_id, dept, label, name in rows(con, _ENTRIES_SQL, {"round_id": rnd.id}):
            entry = values.get(entry_id, EntryValues())
            if entry.is_complete(form):
                continue
            missing = [form.field(k).label for k in entry.missing(form)]
            gap = "すべて空欄" if entry.is_blank(form) else "・".join(missing) + "が空欄"
            items.append(ChecklistItem(INCOMPLETE, dept, f"事業{label} {name}（{gap}）"))
    return Checklist(fiscal_year, tuple(items))
