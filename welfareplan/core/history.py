"""Year over year (経年比較): a project's entries across every round of its plan's lineage,
following the project links back to the projects it continues, and the entries of a round
whose rating changed from last year or whose text is a copy of last year's (前年と同一)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from welfareplan.core.checks import comparable
from welfareplan.core.entry_values import EntryValues
from welfareplan.core.evaluation_form import EvaluationForm
from welfareplan.core.labels import project_title
from welfareplan.core.plainsql import rows
from welfareplan.core.plan_shape import load_plan_shape
from welfareplan.core.previous import lineage, predecessors_in, values_of_round
from welfareplan.core.storage import Workbook
from welfareplan.core.wareki import fiscal_year_label
from welfareplan.core.worklist import WorkItem, load_worklist

if TYPE_CHECKING:
    from welfareplan.core.plainsql import Reader


@dataclass(frozen=True)
class HistoryCell:
    fiscal_year: int
    #: the label of the project the entry belongs to, in its own plan ('12', '1-3-2-③')
    project_label: str
    values: EntryValues
    form: EvaluationForm

    @property
    def year_label(self) -> str:
        return fiscal_year_label(self.fiscal_year)

    @property
    def rating(self) -> str:
        return self.values.rating(self.form)


@dataclass(frozen=True)
class HistoryRow:
    department_id: str
    department_name: str
    #: year → the entries of that year (several when projects were merged)
    cells: dict[int, tuple[HistoryCell, ...]]


@dataclass(frozen=True)
class ProjectHistory:
    project_id: str
    title: str
    years: tuple[int, ...]
    rows: tuple[HistoryRow, ...]
    #: the project's own label
    label: str = ""

    @property
    def continues_others(self) -> bool:
        """Whether some year's entries belong to other projects (of an earlier plan, or
        several merged into this one): the cells then name their project."""
        return any(
            len(cells) > 1 or any(c.project_label != self.label for c in cells)
            for row in self.rows
            for cells in row.cells.values()
        )


@dataclass(frozen=True)
class ProjectChoice:
    project_id: str
    title: str


def current_plan_id(con: Reader) -> str | None:
    """The plan 経年比較 starts from: the plan of the newest round, or — before any round —
    the newest revision (a plan that is no other plan's predecessor, latest period)."""
    found = rows(con, "SELECT plan_id FROM round ORDER BY fiscal_year DESC LIMIT 1")
    if found:
        return str(found[0][0])
    plans = rows(
        con,
        "SELECT id FROM plan WHERE id NOT IN (SELECT predecessor_id FROM plan "
        "WHERE predecessor_id IS NOT NULL) ORDER BY period_start DESC, created_at DESC LIMIT 1",
    )
    return str(plans[0][0]) if plans else None


def project_choices(wb: Workbook) -> list[ProjectChoice]:
    """Projects of the current plan (:func:`current_plan_id`), in plan order."""
    with wb.reader() as con:
        plan_id = current_plan_id(con)
        if plan_id is None:
            return []
        return [
            ProjectChoice(str(pid), project_title(str(label), str(name)))
            for pid, label, name in rows(
                con,
                "SELECT id, label, name FROM project WHERE plan_id = :p ORDER BY sort",
                {"p": plan_id},
            )
        ]


def project_history(wb: Workbook, project_id: str) -> ProjectHistory:
    """Every entry of ``project_id`` and of the projects it continues, over the rounds of its
    plan's lineage. Plain SQL of any dialect (the master may be on a server)."""
    with wb.reader() as con:
        found = rows(
            con, "SELECT plan_id, label, name FROM project WHERE id = :p", {"p": project_id}
        )
        if not found:
            return ProjectHistory(project_id, "", (), ())
        plan_id, label, name = found[0]
        family = lineage(con, str(plan_id))
        rounds = [
            (str(rid), int(year), str(pid))
            for rid, year, pid in rows(
                con, "SELECT id, fiscal_year, plan_id FROM round ORDER BY fiscal_year"
            )
            if str(pid) in family
        ]
        forms = {pid: load_plan_shape(con, pid).form for pid in {p for _, _, p in rounds}}
        out: dict[str, HistoryRow] = {}
        years: list[int] = []
        for rid, year, pid in rounds:
            projects = predecessors_in(con, [project_id], pid)[project_id]
            if not projects:
                continue
            values = values_of_round(con, rid)
            # projects of the round's plan; those continued are picked here, not in SQL
            labels = {
                str(p): str(lab)
                for p, lab in rows(
                    con, "SELECT id, label FROM project WHERE plan_id = :p", {"p": pid}
                )
                if str(p) in projects
            }
            order = {p: i for i, p in enumerate(projects)}
            cells: dict[str, list[tuple[int, HistoryCell]]] = {}
            names: dict[str, str] = {}
            found_rows = [
                r
                for r in rows(
                    con,
                    "SELECT e.id, e.project_id, e.department_id, d.name, e.sort FROM entry e "
                    "JOIN department d ON d.id = e.department_id WHERE e.round_id = :r",
                    {"r": rid},
                )
                if r[1] in order
            ]
            # the entries' order within their project, then the continued projects' order
            # (entries of different projects share sort numbers: SQL alone would leave their
            # order to the database)
            found_rows.sort(key=lambda r: (int(r[4]), order[r[1]]))
            for eid, pid_, did, dname, _ in found_rows:
                names[did] = dname
                cell = HistoryCell(year, labels[pid_], values.get(eid, EntryValues()), forms[pid])
                cells.setdefault(did, []).append((order[pid_], cell))
            if cells:
                years.append(year)
            for did, found_cells in cells.items():
                row = out.setdefault(did, HistoryRow(did, names[did], {}))
                row.cells[year] = tuple(c for _, c in sorted(found_cells, key=lambda t: t[0]))
    return ProjectHistory(
        project_id,
        project_title(str(label), str(name)),
        tuple(years),
        tuple(out.values()),
        str(label),
    )


@dataclass(frozen=True)
class FlaggedEntry:
    entry_id: str
    title: str
    department: str
    previous_rating: str
    rating: str


def _flag(item: WorkItem) -> FlaggedEntry:
    assert item.previous is not None
    form = item.form
    return FlaggedEntry(
        item.entry_id,
        item.title,
        item.department_label,
        item.previous.rating(form),
        item.values.rating(form),
    )


def rating_changes(wb: Workbook, round_id: str) -> list[FlaggedEntry]:
    """Entries rated, whose rating differs from last year's."""
    items = load_worklist(wb, round_id=round_id).items
    return [
        _flag(i)
        for i in items
        if i.previous is not None
        and i.previous.rating(i.form)
        and i.values.rating(i.form)
        and i.values.rating(i.form) != i.previous.rating(i.form)
    ]


def same_as_last_year(wb: Workbook, round_id: str) -> list[FlaggedEntry]:
    """Entries whose text of a 前年と同一-checked field is last year's text again."""
    items = load_worklist(wb, round_id=round_id).items
    return [_flag(i) for i in items if _repeats(i)]


def _repeats(item: WorkItem) -> bool:
    if item.previous is None:
        return False
    for f in item.form.flagged("warn_same_as_last_year"):
        text = item.values.get(f.key)
        if text.strip() and comparable(text) == comparable(item.previous.get(f.key)):
            return True
    return False
