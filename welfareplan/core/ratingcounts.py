"""Rating counts per top-level node (基本目標) for a round and the round before it, per code of
the plan's scale, in plain SQL.

The division dashboard's chart needs only these numbers; assembling the whole report
(:func:`welfareplan.core.reportdata.build_report`, which gives the same counts as part of the
report) would load every entry each time the dashboard is shown. A test keeps the two equal.
A plan whose form has no rating has nothing to count (``codes`` is empty).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from welfareplan.core.plainsql import rows
from welfareplan.core.plan_shape import PlanShape, load_plan_shape
from welfareplan.core.previous import previous_round_of
from welfareplan.core.roundlookup import find_round

if TYPE_CHECKING:
    from welfareplan.core.plainsql import Reader

#: The key of the "not rated yet" count.
UNRATED = ""

_BY_NODE = """
SELECT p.node_id, COALESCE(v.value, ''), COUNT(*)
FROM entry e
JOIN project p ON p.id = e.project_id
LEFT JOIN entry_value v ON v.entry_id = e.id AND v.field = :field
WHERE e.round_id = :round_id
GROUP BY p.node_id, COALESCE(v.value, '')
"""


@dataclass(frozen=True)
class GoalRatings:
    number: int | None
    #: the number as the level prints it ('1')
    label: str
    name: str
    #: code of the scale, and "" (not rated yet) → number of entries
    counts: dict[str, int]
    #: the same for the previous round, None when there is none
    previous_counts: dict[str, int] | None

    @property
    def title(self) -> str:
        """'1 福祉のまちづくり'."""
        return f"{self.label} {self.name}" if self.label else self.name


@dataclass(frozen=True)
class RatingCounts:
    fiscal_year: int
    previous_fiscal_year: int | None
    #: the codes of the scale, best first (empty when the form has no rating)
    codes: tuple[str, ...]
    #: code → label shown
    labels: dict[str, str]
    goals: list[GoalRatings]


def _zero(codes: tuple[str, ...]) -> dict[str, int]:
    return dict.fromkeys((*codes, UNRATED), 0)


def _by_top(
    con: Reader, round_id: str, plan: PlanShape, rating: str, *, by_number: bool
) -> dict[object, dict[str, int]]:
    codes = plan.form.codes
    found: dict[object, dict[str, int]] = {}
    for node_id, code, n in rows(con, _BY_NODE, {"field": rating, "round_id": round_id}):
        path = plan.path(str(node_id))
        if not path:
            continue
        key: object = path[0].number if by_number else path[0].id
        bucket = found.setdefault(key, _zero(codes))
        bucket[str(code)] = bucket.get(str(code), 0) + int(n)
    return found


def rating_counts(con: Reader, fiscal_year: int) -> RatingCounts:
    """The counts of ``fiscal_year``'s round per top-level node of its plan, with the previous
    round's beside (the previous round of the plan's lineage; by node for the same plan, by
    the top-level number for an earlier plan)."""
    rnd = find_round(con, fiscal_year)
    plan = load_plan_shape(con, rnd.plan_id)
    form = plan.form
    rating = form.rating_key
    codes = form.codes
    previous_round = previous_round_of(con, rnd)
    goals: list[GoalRatings] = []
    if rating is not None:
        current = _by_top(con, rnd.id, plan, rating, by_number=False)
        previous = None
        same_plan = previous_round is not None and previous_round.plan_id == plan.id
        if previous_round is not None:
            old_plan = plan if same_plan else load_plan_shape(con, previous_round.plan_id)
            previous = _by_top(con, previous_round.id, old_plan, rating, by_number=not same_plan)
        for top in plan.top_nodes():
            key: object = top.id if same_plan or previous_round is None else top.number
            goals.append(
                GoalRatings(
                    number=top.number,
                    label=top.label,
                    name=top.name,
                    counts=current.get(top.id, _zero(codes)),
                    previous_counts=None if previous is None else previous.get(key, _zero(codes)),
                )
            )
    return RatingCounts(
        fiscal_year=fiscal_year,
        previous_fiscal_year=previous_round.fiscal_year if previous_round else None,
        codes=codes,
        labels={c.code: c.label for c in form.scale},
        goals=goals,
    )
