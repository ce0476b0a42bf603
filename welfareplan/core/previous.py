"""Last year's round and values for a round's entries, following the plan's lineage — plain
SQL, no ORM objects (used while a window opens and by the report). Works on an ORM session or
a plain ``sqlite3`` connection, on a master workbook or a department file (which holds the rows
its department needs).

* The **lineage** of a plan is the plan and its ancestors through ``plan.predecessor_id``.
* The **previous round** of a round is the latest earlier round whose plan is in the round's
  lineage; a round of an unrelated plan is never "last year". There may be a gap (2018 →
  2024): :func:`welfareplan.core.wareki.previous_name` then names it with its year.
* The **previous values** of (project P, department D): P's own entry when the previous round
  is on the same plan, otherwise the entries of the projects reached from P through
  ``project_link`` (transitively, across intermediate plans) in the previous round's plan —
  several when projects were merged (many-to-one), in the order of the old plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from welfareplan.core.entry_values import EntryValues
from welfareplan.core.plainsql import rows
from welfareplan.core.roundlookup import ROUND_SELECT, RoundRow, round_row

if TYPE_CHECKING:  # the department window reads with plain sqlite3 and never loads SQLAlchemy
    from welfareplan.core.plainsql import Reader


@dataclass(frozen=True)
class PreviousEntry:
    """One entry of the previous round that a current entry continues."""

    entry_id: str
    project_id: str
    #: the project's label in its own plan ('12', '1-3-2-③')
    project_label: str
    values: EntryValues


def lineage(con: Reader, plan_id: str) -> list[str]:
    """The plan and its ancestors, nearest first."""
    parents = {str(pid): pred for pid, pred in rows(con, "SELECT id, predecessor_id FROM plan")}
    chain: list[str] = []
    current: str | None = plan_id
    while current is not None and current not in chain and current in parents:
        chain.append(current)
        pred = parents[current]
        current = str(pred) if pred is not None else None
    return chain


_EARLIER = ROUND_SELECT + " WHERE fiscal_year < :y ORDER BY fiscal_year DESC"


def previous_round_of(con: Reader, rnd: RoundRow) -> RoundRow | None:
    """The latest round before ``rnd`` in its plan's lineage (None when there is none)."""
    family = set(lineage(con, rnd.plan_id))
    for row in rows(con, _EARLIER, {"y": rnd.fiscal_year}):
        found = round_row(row)
        if found.plan_id in family:
            return found
    return None


def round_by_id(con: Reader, round_id: str) -> RoundRow | None:
    found = rows(con, ROUND_SELECT + " WHERE id = :r", {"r": round_id})
    return round_row(found[0]) if found else None


_VALUES_OF_ROUND = (
    "SELECT v.entry_id, v.field, v.value FROM entry_value v JOIN entry e ON e.id = v.entry_id "
    "WHERE e.round_id = :r"
)
#: added for one department (not ``:d IS NULL OR …``: PostgreSQL cannot type a NULL parameter)
_OF_DEPARTMENT = " AND e.department_id = :d"


def values_of_round(
    con: Reader, round_id: str, department_id: str | None = None
) -> dict[str, EntryValues]:
    """entry id → values of every entry of the round (of one department) that has any
    (an entry that is absent has all its values empty)."""
    found: dict[str, dict[str, str]] = {}
    sql, params = _VALUES_OF_ROUND, {"r": round_id}
    if department_id is not None:
        sql, params = sql + _OF_DEPARTMENT, params | {"d": department_id}
    for entry_id, field, value in rows(con, sql, params):
        found.setdefault(str(entry_id), {})[str(field)] = str(value)
    return {k: EntryValues(v) for k, v in found.items()}


def predecessors_in(con: Reader, project_ids: Iterable[str], plan_id: str) -> dict[str, list[str]]:
    """For each project, the projects of plan ``plan_id`` it continues through
    ``project_link`` (transitively), in that plan's order. Projects of ``plan_id`` itself
    map to themselves."""
    links: dict[str, list[str]] = {}
    for pred, succ in rows(con, "SELECT predecessor_id, successor_id FROM project_link"):
        links.setdefault(str(succ), []).append(str(pred))
    info = {
        str(pid): (str(plan), int(sort))
        for pid, plan, sort in rows(con, "SELECT id, plan_id, sort FROM project")
    }
    out: dict[str, list[str]] = {}
    for start in project_ids:
        found: list[str] = []
        seen = {start}
        todo = [start]
        while todo:
            pid = todo.pop()
            if pid in info and info[pid][0] == plan_id:
                found.append(pid)
                continue
            for pred in links.get(pid, []):
                if pred not in seen:
                    seen.add(pred)
                    todo.append(pred)
        out[start] = sorted(found, key=lambda p: (info[p][1], p))
    return out


def previous_text(found: tuple[PreviousEntry, ...], key: str, *, single: bool = False) -> str:
    """Last year's value of ``key`` from the entries an entry continues: the one value, or —
    for several continued projects — each headed with its label ('【事業12】…'). ``single``:
    the first entry's value only (a rating, compared with the first)."""
    if not found:
        return ""
    if len(found) == 1 or single:
        return found[0].values.get(key)
    return "\n".join(
        f"【事業{p.project_label}】{p.values.get(key)}" for p in found if p.values.get(key)
    )


_ENTRIES = "SELECT e.id, e.project_id, e.department_id, p.label FROM entry e JOIN project p ON p.id = e.project_id WHERE e.round_id = :r"


def previous_values(con: Reader, round_id: str) -> dict[tuple[str, str], tuple[PreviousEntry, ...]]:
    """Last round's entries keyed by (project id in this round's plan, department id): one,
    or several when merged projects continue into one (see the module docstring)."""
    rnd = round_by_id(con, round_id)
    if rnd is None:
        return {}
    prev = previous_round_of(con, rnd)
    if prev is None:
        return {}
    values = values_of_round(con, prev.id)
    old: dict[tuple[str, str], PreviousEntry] = {
        (str(pid), str(did)): PreviousEntry(
            str(eid), str(pid), str(label), values.get(str(eid), EntryValues())
        )
        for eid, pid, did, label in rows(con, _ENTRIES, {"r": prev.id})
    }
    current = [(str(pid), str(did)) for _, pid, did, _ in rows(con, _ENTRIES, {"r": round_id})]
    if prev.plan_id == rnd.plan_id:
        return {key: (old[key],) for key in current if key in old}
    mapping = predecessors_in(con, {pid for pid, _ in current}, prev.plan_id)
    out: dict[tuple[str, str], tuple[PreviousEntry, ...]] = {}
    for pid, did in current:
        found = tuple(old[(p, did)] for p in mapping.get(pid, []) if (p, did) in old)
        if found:
            out[(pid, did)] = found
    return out
