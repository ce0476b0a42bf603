"""Last year's values for a round's entries — plain SQL, no ORM objects (used while a window
opens and by the report)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class PreviousRound:
    id: str
    fiscal_year: int


@dataclass(frozen=True)
class PreviousValues:
    result: str
    rating: str
    outlook: str


def previous_round_of(session: Session, fiscal_year: int) -> PreviousRound | None:
    row = session.execute(
        text(
            "SELECT id, fiscal_year FROM round WHERE fiscal_year < :y ORDER BY fiscal_year DESC LIMIT 1"
        ),
        {"y": fiscal_year},
    ).first()
    return PreviousRound(row[0], row[1]) if row else None


def previous_values(session: Session, round_id: str) -> dict[tuple[str, str], PreviousValues]:
    """Last round's values keyed by (project id in this round's plan, department id).

    A project carried over into a new plan finds its predecessor's entries, so "last year"
    still works across a plan change.
    """
    current = session.execute(
        text("SELECT fiscal_year, plan_id FROM round WHERE id = :r"), {"r": round_id}
    ).first()
    if current is None:
        return {}
    prev = session.execute(
        text(
            "SELECT id, plan_id FROM round WHERE fiscal_year < :y ORDER BY fiscal_year DESC LIMIT 1"
        ),
        {"y": current[0]},
    ).first()
    if prev is None:
        return {}
    rows = session.execute(
        text(
            "SELECT project_id, department_id, result, rating, outlook FROM entry WHERE round_id = :r"
        ),
        {"r": prev[0]},
    )
    values = {(p, d): PreviousValues(res, rat, out) for p, d, res, rat, out in rows}
    if prev[1] == current[1]:
        return values
    mapping: dict[str, str] = dict(
        session.execute(
            text(
                "SELECT predecessor_id, id FROM project WHERE plan_id = :p AND predecessor_id IS NOT NULL"
            ),
            {"p": current[1]},
        ).all()
    )
    return {(mapping[p], d): v for (p, d), v in values.items() if p in mapping}
