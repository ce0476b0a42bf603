"""Year over year: a project's entries across all rounds, and the entries of a round whose
rating changed from last year or whose text is a copy of last year's (前年と同一)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from welfareplan.core.checks import comparable
from welfareplan.core.labels import project_number_label
from welfareplan.core.storage import Workbook
from welfareplan.core.wareki import fiscal_year_label
from welfareplan.core.worklist import WorkItem, load_worklist


@dataclass(frozen=True)
class HistoryCell:
    fiscal_year: int
    rating: str
    result: str
    outlook: str

    @property
    def year_label(self) -> str:
        return fiscal_year_label(self.fiscal_year)


@dataclass(frozen=True)
class HistoryRow:
    department_id: str
    department_name: str
    cells: dict[int, HistoryCell]


@dataclass(frozen=True)
class ProjectHistory:
    project_id: str
    title: str
    years: tuple[int, ...]
    rows: tuple[HistoryRow, ...]


@dataclass(frozen=True)
class ProjectChoice:
    project_id: str
    title: str


def project_choices(wb: Workbook) -> list[ProjectChoice]:
    """Projects of the newest plan, in plan order."""
    with wb.engine.connect() as con:
        plan = con.execute(text("SELECT id FROM plan ORDER BY period_start DESC LIMIT 1")).first()
        if plan is None:
            return []
        rows = con.execute(
            text(
                "SELECT id, number, number_end, name FROM project WHERE plan_id = :p ORDER BY sort"
            ),
            {"p": plan[0]},
        )
        return [
            ProjectChoice(pid, f"事業{project_number_label(n, ne)} {name}")
            for pid, n, ne, name in rows
        ]


def project_history(wb: Workbook, project_id: str) -> ProjectHistory:
    """Every round's entries of ``project_id`` and of the projects it was carried over from."""
    with wb.engine.connect() as con:
        chain = []
        current: str | None = project_id
        title = ""
        while current and current not in chain:
            row = con.execute(
                text(
                    "SELECT id, number, number_end, name, predecessor_id FROM project WHERE id = :p"
                ),
                {"p": current},
            ).first()
            if row is None:
                break
            if not title:
                title = f"事業{project_number_label(row[1], row[2])} {row[3]}"
            chain.append(row[0])
            current = row[4]
        found: dict[str, HistoryRow] = {}
        years: set[int] = set()
        for pid in chain:
            rows = con.execute(
                text(
                    "SELECT r.fiscal_year, e.department_id, d.name, e.rating, e.result, e.outlook "
                    "FROM entry e JOIN round r ON r.id = e.round_id JOIN department d ON d.id = e.department_id "
                    "WHERE e.project_id = :p ORDER BY r.fiscal_year, e.sort"
                ),
                {"p": pid},
            )
            for year, dept_id, dept_name, rating, result, outlook in rows:
                years.add(year)
                row_ = found.setdefault(dept_id, HistoryRow(dept_id, dept_name, {}))
                row_.cells[year] = HistoryCell(year, rating, result, outlook)
    return ProjectHistory(project_id, title, tuple(sorted(years)), tuple(found.values()))


@dataclass(frozen=True)
class FlaggedEntry:
    entry_id: str
    title: str
    department: str
    previous_rating: str
    rating: str


def _flag(item: WorkItem) -> FlaggedEntry:
    assert item.previous is not None
    return FlaggedEntry(
        item.entry_id, item.title, item.department_label, item.previous.rating, item.values.rating
    )


def rating_changes(wb: Workbook, round_id: str) -> list[FlaggedEntry]:
    """Entries rated, whose rating differs from last year's."""
    items = load_worklist(wb, round_id=round_id).items
    return [
        _flag(i)
        for i in items
        if i.previous is not None
        and i.previous.rating
        and i.values.rating
        and i.values.rating != i.previous.rating
    ]


def same_as_last_year(wb: Workbook, round_id: str) -> list[FlaggedEntry]:
    """Entries whose 事業実績・評価理由 is last year's text again (前年と同一)."""
    items = load_worklist(wb, round_id=round_id).items
    return [
        _flag(i)
        for i in items
        if i.previous is not None
        and i.values.result.strip()
        and comparable(i.values.result) == comparable(i.previous.result)
    ]
