"""A round as plain SQL reads it (:class:`RoundRow`), finding one by its fiscal year on a plain
``sqlite3`` connection (the ORM twin is :func:`welfareplan.core.queries.round_for_year`), and
the message both give for a year the file does not have."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from welfareplan.core.errors import DataError
from welfareplan.core.timestamps import date_from_text
from welfareplan.core.wareki import fiscal_year_label

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


def find_round(con: sqlite3.Connection, fiscal_year: int) -> RoundRow:
    row = con.execute(ROUND_SELECT + " WHERE fiscal_year = ?", (fiscal_year,)).fetchone()
    if row is None:
        raise no_round_error(
            fiscal_year, (y for (y,) in con.execute("SELECT fiscal_year FROM round"))
        )
    return round_row(row)
