"""Last year's values for a round's entries — plain SQL, no ORM objects (used while a window
opens and by the report). Works on an ORM session or a plain ``sqlite3`` connection."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from welfareplan.core.checks import EntryValues
from welfareplan.core.plainsql import rows

if TYPE_CHECKING:  # the department window reads with plain sqlite3 and never loads SQLAlchemy
    from welfareplan.core.plainsql import Reader


@dataclass(frozen=True)
class PreviousRound:
    id: str
    fiscal_year: int


_PREVIOUS_SQL = "SELECT id, fiscal_year, plan_id FROM round WHERE fiscal_year < :y ORDER BY fiscal_year DESC LIMIT 1"


def previous_round_of(con: Reader, fiscal_year: int) -> PreviousRound | None:
    found = rows(con, _PREVIOUS_SQL, {"y": fiscal_year})
    return PreviousRound(found[0][0], found[0][1]) if found else None


def previous_values(con: Reader, round_id: str) -> dict[tuple[str, str], EntryValues]:
    """Last round's values keyed by (project id in this round's plan, department id).

    A project carried over into a new plan finds its predecessor's entries, so "last year"
    still works across a plan change.
    """
    current = rows(con, "SELECT fiscal_year, plan_id FROM round WHERE id = :r", {"r": round_id})
    if not current:
        return {}
    year, plan_id = current[0]
    prev = rows(con, _PREVIOUS_SQL, {"y": year})
    if not prev:
        return {}
    prev_id, _, prev_plan = prev[0]
    found = rows(
        con,
        "SELECT project_id, department_id, result, rating, outlook FROM entry WHERE round_id = :r",
        {"r": prev_id},
    )
    values = {(p, d): EntryValues(res, rat, out) for p, d, res, rat, out in found}
    if prev_plan == plan_id:
        return values
    links = rows(
        con,
        "SELECT predecessor_id, id FROM project WHERE plan_id = :p AND predecessor_id IS NOT NULL",
        {"p": plan_id},
    )
    mapping = {str(old): str(new) for old, new in links}
    return {(mapping[p], d): v for (p, d), v in values.items() if p in mapping}
