"""事業評価 counts per 基本目標 for a round and the round before it, in plain SQL.

The division dashboard's chart needs only these numbers; assembling the whole report
(:func:`welfareplan.core.reportdata.build_report`, which gives the same counts as part of the
report) would load every entry as an ORM object each time the dashboard is shown. A test keeps
the two equal.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from welfareplan.core.labels import RATINGS
from welfareplan.core.previous import previous_round_of
from welfareplan.core.roundlookup import find_round

_BY_GOAL = """
SELECT g.number, e.rating, COUNT(*)
FROM entry e
JOIN project p ON p.id = e.project_id
JOIN measure m ON m.id = p.measure_id
JOIN direction d ON d.id = m.direction_id
JOIN goal g ON g.id = d.goal_id
WHERE e.round_id = ?
GROUP BY g.number, e.rating
"""


@dataclass(frozen=True)
class GoalRatings:
    number: int
    name: str
    #: A, B, C, D and "" (not rated yet) → number of entries
    counts: dict[str, int]
    #: the same for the previous round (by goal number), None when there is none
    previous_counts: dict[str, int] | None


@dataclass(frozen=True)
class RatingCounts:
    fiscal_year: int
    previous_fiscal_year: int | None
    goals: list[GoalRatings]


def _zero() -> dict[str, int]:
    return dict.fromkeys((*RATINGS, ""), 0)


def _by_goal(con: sqlite3.Connection, round_id: str) -> dict[int, dict[str, int]]:
    found: dict[int, dict[str, int]] = {}
    for number, rating, n in con.execute(_BY_GOAL, (round_id,)):
        found.setdefault(int(number), _zero())[str(rating)] += int(n)
    return found


def rating_counts(con: sqlite3.Connection, fiscal_year: int) -> RatingCounts:
    """The counts of ``fiscal_year``'s round per goal of its plan, with last round's beside."""
    rnd = find_round(con, fiscal_year)
    current = _by_goal(con, rnd.id)
    previous_round = previous_round_of(con, fiscal_year)
    previous = _by_goal(con, previous_round.id) if previous_round else None
    goals = [
        GoalRatings(
            number=int(number),
            name=str(name),
            counts=current.get(int(number), _zero()),
            previous_counts=None if previous is None else previous.get(int(number), _zero()),
        )
        for number, name in con.execute(
            "SELECT number, name FROM goal WHERE plan_id = ? ORDER BY number", (rnd.plan_id,)
        )
    ]
    return RatingCounts(
        fiscal_year=fiscal_year,
        previous_fiscal_year=previous_round.fiscal_year if previous_round else None,
        goals=goals,
    )
