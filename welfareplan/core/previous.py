"""Last year's round and values for a round's entries — plain SQL, no ORM objects (used while a
window opens and by the report). Works on an ORM session or a plain ``sqlite3`` connection.
The ORM twins are :func:`welfareplan.core.queries.previous_round` and
:func:`~welfareplan.core.queries.previous_entries` (tests/test_sql_twins.py keeps them equal)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfareplan.core.checks import EntryValues
from welfareplan.core.plainsql import rows
from welfareplan.core.roundlookup import ROUND_SELECT, RoundRow, round_row

if TYPE_CHECKING:  # the department window reads with plain sqlite3 and never loads SQLAlchemy
    from welfareplan.core.plainsql import Reader


_PREVIOUS = ROUND_SELECT + " WHERE fiscal_year < :y ORDER BY fiscal_year DESC LIMIT 1"


def previous_round_of(con: Reader, fiscal_year: int) -> RoundRow | None:
    """The latest round before ``fiscal_year`` (the ORM twin is
    :func:`welfareplan.core.queries.previous_round`)."""
    found = rows(con, _PREVIOUS, {"y": fiscal_year})
    return round_row(found[0]) if found else None


def previous_values(con: Reader, round_id: str) -> dict[tuple[str, str], EntryValues]:
    """Last round's values keyed by (project id in this round's plan, department id).

    A project carried over into a new plan finds its predecessor's entries, so "last year"
    still works across a plan change.
    """
    current = rows(con, ROUND_SELECT + " WHERE id = :r", {"r": round_id})
    if not current:
        return {}
    rnd = round_row(current[0])
    prev = previous_round_of(con, rnd.fiscal_year)
    if prev is None:
        return {}
    found = rows(
        con,
        "SELECT project_id, department_id, result, rating, outlook FROM entry WHERE round_id = :r",
        {"r": prev.id},
    )
    values = {(p, d): EntryValues(res, rat, out) for p, d, res, rat, out in found}
    if prev.plan_id == rnd.plan_id:
        return values
    links = rows(
        con,
        "SELECT predecessor_id, id FROM project WHERE plan_id = :p AND predecessor_id IS NOT NULL",
        {"p": rnd.plan_id},
    )
    mapping = {str(old): str(new) for old, new in links}
    return {(mapping[p], d): v for (p, d), v in values.items() if p in mapping}
