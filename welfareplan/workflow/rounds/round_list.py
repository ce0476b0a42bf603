"""The rounds (年度) of a master workbook as plain data, read with plain SQL.

:mod:`welfareplan.workflow.rounds.lifecycle` changes rounds through the ORM; listing them
needs no ORM, so the workbench's first paint (the round selector and 状況) does not load it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from welfareplan.core.labels import plan_label
from welfareplan.core.plainsql import rows
from welfareplan.core.roundlookup import find_round
from welfareplan.core.timestamps import date_from_text
from welfareplan.core.wareki import results_label

if TYPE_CHECKING:
    from welfareplan.core.plainsql import Reader
    from welfareplan.core.storage import Workbook


@dataclass(frozen=True)
class RoundInfo:
    id: str
    fiscal_year: int
    status: str
    deadline: dt.date | None
    published_on: dt.date | None
    plan_key: str
    plan_name: str
    entries: int
    departments: int
    plan_start: int = 0
    plan_end: int = 0

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def label(self) -> str:
        """'令和7年度実績'."""
        return results_label(self.fiscal_year)

    @property
    def status_label(self) -> str:
        return "受付中" if self.is_open else "締切済"

    @property
    def plan_label(self) -> str:
        """'小金井市地域福祉計画（koganei-chiiki-fukushi-r6、令和6年度～令和11年度）'."""
        return plan_label(self.plan_name, self.plan_key, self.plan_start, self.plan_end)


_INFO_SQL = """
SELECT r.id, r.fiscal_year, r.status, r.deadline, r.published_on, p.key, p.name,
       (SELECT COUNT(*) FROM entry e WHERE e.round_id = r.id),
       (SELECT COUNT(DISTINCT e.department_id) FROM entry e WHERE e.round_id = r.id),
       p.period_start, p.period_end
FROM round r JOIN plan p ON p.id = r.plan_id
"""


def round_infos(
    con: Reader, where: str = "", params: dict[str, object] | None = None
) -> list[RoundInfo]:
    """Rounds as :class:`RoundInfo`, by plain SQL on a reader (a file's ``sqlite3``
    connection, a server's) or (inside a write transaction, seeing its changes) an ORM
    session."""
    return [
        RoundInfo(
            id=str(rid),
            fiscal_year=int(year),
            status=str(status),
            deadline=date_from_text(deadline or None),
            published_on=date_from_text(published or None),
            plan_key=str(key),
            plan_name=str(name),
            entries=int(entries),
            departments=int(departments),
            plan_start=int(start),
            plan_end=int(end),
        )
        for (
            rid,
            year,
            status,
            deadline,
            published,
            key,
            name,
            entries,
            departments,
            start,
            end,
        ) in rows(con, _INFO_SQL + where + " ORDER BY r.fiscal_year", params)
    ]


def list_rounds(wb: Workbook) -> list[RoundInfo]:
    with wb.reader() as con:
        return round_infos(con)


def round_info(wb: Workbook, fiscal_year: int) -> RoundInfo:
    with wb.reader() as con:
        return round_infos(con, "WHERE r.id = :id", {"id": find_round(con, fiscal_year).id})[0]
