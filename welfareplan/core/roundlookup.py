"""A round as plain SQL reads it (:class:`RoundRow`), finding one by its fiscal year with plain
SQL (a file's ``sqlite3`` connection or SQLAlchemy's; the ORM twin is
:func:`welfareplan.core.queries.round_for_year`), and the message both give for a year the
master does not have."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from welfareplan.core.errors import DataError
from welfareplan.core.plainsql import rows
from welfareplan.core.timestamps import date_from_text
from welfareplan.core.wareki import fiscal_year_label

if TYPE_CHECKING:
    from welfareplan.core.plainsql import Reader

#: Read a round's row for :func:`round_row` (add ``WHERE …``).
ROUND_SELECT = "SELECT id, fiscal_year, plan_id, status, deadline FROM round"


@dataclass(frozen=True)
class RoundRow:
    """A ``round`` row as plain SQL reads it (:data:`ROUND_SELECT`)."""

    id: str
    fiscal_year: int
    plan_id: str
    status: str
    deadline: dt.date | None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


def no_round_error(fiscal_year: int, existing: Iterable[int]) -> DataError:
    years = "、".join(fiscal_year_label(y) for y in sorted(existing)) or "なし"
    return DataError(
        f"{fiscal_year_label(fiscal_year)}（{fiscal_year}年度）の評価はこのファイルにありません"
        f"（あるのは {years}）。",
        code="no-round",
    )


def round_row(row: Sequence[Any]) -> RoundRow:
    """A row of :data:`ROUND_SELECT` as a :class:`RoundRow`."""
    rid, year, plan_id, status, deadline = row
    return RoundRow(
        str(rid),
        int(year),
        str(plan_id),
        str(status),
        date_from_text(deadline or None),
    )


def find_round(con: Reader, fiscal_year: int) -> RoundRow:
    found = rows(con, ROUND_SELECT + " WHERE fiscal_year = :y", {"y": fiscal_year})
    if not found:
        raise no_round_error(
            fiscal_year, (int(y) for (y,) in rows(con, "SELECT fiscal_year FROM round"))
        )
    return round_row(found[0])
