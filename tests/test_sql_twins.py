"""Every plain-SQL twin of an ORM query gives what the ORM gives, across a plan change.

The hot paths read with plain SQL (core.previous, core.roundlookup, core.worklist,
workflow.status, the merge's MasterView, issue_record.sqlite_context) what the ORM reads
elsewhere (core.queries, core.reportdata, core.summary, issue_record.master_context and
claims_of). Each pair is compared here on a workbook whose newest round uses a new plan: its
projects are renumbered (number + 100), linked to the old ones only by ``predecessor_id``, one
old project is not carried over and one new project has no predecessor — so last year's values
can only be found through the links. (tests/test_rating_counts.py does the same for the
dashboard's rating counts.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from welfareplan.core.checks import EntryValues
from welfareplan.core.editing import save_entry
from welfareplan.core.errors import DataError
from welfareplan.core.model import (
    Assignment,
    Direction,
    Goal,
    IssuedEntry,
    IssuedFile,
    Measure,
    Plan,
    Project,
    Round,
    new_id,
)
from welfareplan.core.previous import previous_round_of, previous_values
from welfareplan.core.queries import previous_entries, previous_round, round_for_year
from welfareplan.core.reportdata import build_report
from welfareplan.core.roundlookup import RoundRow, find_round
from welfareplan.core.storage import Workbook
from welfareplan.core.summary import summarize
from welfareplan.core.worklist import load_worklist
from welfareplan.workflow.issuing.distribute import distribute
from welfareplan.workflow.issuing.issue_record import claims_of, master_context, sqlite_context
from welfareplan.workflow.returns.checks import MasterView
from welfareplan.workflow.returns.reading import read_returned
from welfareplan.workflow.rounds.lifecycle import create_round
from welfareplan.workflow.status import round_status

OLD_YEAR, NEW_YEAR = 2025, 2030  # 2024 (the demo's) and 2025 use the old plan, 2030 the new
DROPPED = 1  # the old project number not carried over into the new plan
ADDED = 200  # the new plan's project without a predecessor


def _new_plan(wb: Workbook) -> None:
    """A successor of the demo plan, as the plan import would make it (see the docstring)."""
    with wb.transaction() as s, s.no_autoflush:
        (old,) = s.scalars(select(Plan)).all()
        plan = Plan(
            id=new_id(),
            key="next",
            name="第二次 地域福祉計画",
            period_start=2030,
            period_end=2035,
            rating_criteria=dict(old.rating_criteria),
            predecessor_id=old.id,
        )
        s.add(plan)
        last_measure = None
        for g in old.goals:
            goal = Goal(id=new_id(), plan=plan, number=g.number, name=g.name)
            s.add(goal)
            for d in g.directions:
                direction = Direction(id=new_id(), goal=goal, number=d.number, name=d.name)
                s.add(direction)
                for m in d.measures:
                    measure = Measure(
                        id=new_id(), direction=direction, number=m.number, name=m.name
                    )
                    s.add(measure)
                    last_measure = measure
                    for p in m.projects:
                        if p.number == DROPPED:
                            continue
                        project = Project(
                            id=new_id(),
                            plan=plan,
                            measure=measure,
                            number=p.number + 100,
                            number_end=p.number_end + 100 if p.number_end else None,
                            name=p.name,
                            description=p.description,
                            sort=p.sort,
                            predecessor_id=p.id,
                        )
                        s.add(project)
                        for a in p.assignments:
                            project.assignments.append(
                                Assignment(
                                    department_id=a.department_id, label=a.label, sort=a.sort
                                )
                            )
        assert last_measure is not None
        added = Project(
            id=new_id(), plan=plan, measure=last_measure, number=ADDED, name="新しい事業", sort=999
        )
        department = old.goals[0].directions[0].measures[0].projects[0].assignments[0].department_id
        added.assignments.append(Assignment(department_id=department, label="", sort=0))
        s.add(added)


@pytest.fixture(scope="module")
def plan_change(tmp_path_factory: pytest.TempPathFactory, demo_master: Path) -> Path:
    """The demo workbook, a FY2025 round on the old plan with some entries written, the new
    plan, and a FY2030 round on it."""
    path = tmp_path_factory.mktemp("twins") / "計画の変わる年.wpdb"
    shutil.copyfile(demo_master, path)
    path.chmod(0o644)
    with Workbook.open(path) as wb:
        create_round(wb, OLD_YEAR)
        items = load_worklist(wb, round_id=find_round_id(wb, OLD_YEAR)).items
        for n, item in enumerate(items[::3]):
            save_entry(wb, item.entry_id, EntryValues(f"実績{n}", "ABCD"[n % 4], f"展望{n}"))
        _new_plan(wb)
        assert create_round(wb, NEW_YEAR).plan_key == "next"
    path.chmod(0o444)
    return path


@pytest.fixture
def wb(plan_change: Path, tmp_path: Path) -> Workbook:
    path = tmp_path / plan_change.name
    shutil.copyfile(plan_change, path)
    path.chmod(0o644)
    return Workbook.open(path)


def find_round_id(wb: Workbook, year: int) -> str:
    with wb.read_connection() as con:
        return find_round(con, year).id


YEARS = (2024, OLD_YEAR, NEW_YEAR)


def _fields(rnd: RoundRow | Round) -> tuple[object, ...]:
    return (rnd.id, rnd.fiscal_year, rnd.plan_id, rnd.status, rnd.deadline)


@pytest.mark.parametrize("year", YEARS)
def test_previous_values_equal_previous_entries(wb: Workbook, year: int) -> None:
    with wb, wb.session() as s:
        rnd = round_for_year(s, year)
        orm = {key: e.values for key, e in previous_entries(s, rnd).items()}
        with wb.read_connection() as con:
            assert previous_values(con, rnd.id) == orm
        assert previous_values(s, rnd.id) == orm
        if year == 2024:
            assert orm == {}
            return
        assert len(orm) > 40
        plan_projects = set(s.scalars(select(Project.id).where(Project.plan_id == rnd.plan_id)))
        assert {p for p, _ in orm} <= plan_projects
        if year == NEW_YEAR:  # keyed by the new plan's projects, found through the links
            numbers = dict(s.execute(select(Project.id, Project.number)).all())
            assert all(numbers[p] > 100 for p, _ in orm)
            assert ADDED not in {numbers[p] for p, _ in orm}
            assert any(v.result.startswith("実績") for v in orm.values())


@pytest.mark.parametrize("year", (2023, *YEARS, 2027, 2031))
def test_previous_round_of_equals_previous_round(wb: Workbook, year: int) -> None:
    with wb, wb.session() as s, wb.read_connection() as con:
        orm = previous_round(s, Round(fiscal_year=year))  # only its year is looked at
        plain = previous_round_of(con, year)
        if orm is None:
            assert plain is None and year <= 2024
            return
        assert plain is not None
        assert _fields(plain) == _fields(orm)


@pytest.mark.parametrize("year", (*YEARS, 2027))
def test_find_round_equals_round_for_year(wb: Workbook, year: int) -> None:
    with wb, wb.session() as s, wb.read_connection() as con:
        if year not in YEARS:
            with pytest.raises(DataError) as orm_error:
                round_for_year(s, year)
            with pytest.raises(DataError) as plain_error:
                find_round(con, year)
            assert plain_error.value.message == orm_error.value.message
            assert plain_error.value.code == orm_error.value.code == "no-round"
            return
        orm = round_for_year(s, year)
        plain = find_round(con, year)
        assert _fields(plain) == _fields(orm)
        assert plain.is_open == orm.is_open


@pytest.mark.parametrize("year", (OLD_YEAR, NEW_YEAR))
def test_work_list_equals_report(wb: Workbook, year: int) -> None:
    """What the entry window shows (plain SQL) is what the report prints (ORM)."""
    with wb:
        worklist = load_worklist(wb, round_id=find_round_id(wb, year))
        plain = {
            i.entry_id: (i.project_id, i.department_label, i.values, i.previous)
            for i in worklist.items
        }
        with wb.session() as s:
            report = build_report(s, round_for_year(s, year))
        orm = {
            e.entry_id: (
                p.project_id,
                e.label or e.department_name,
                EntryValues(e.result, e.rating, e.outlook),
                None
                if e.previous_rating is None
                else EntryValues(
                    e.previous_result or "", e.previous_rating, e.previous_outlook or ""
                ),
            )
            for g in report.goals
            for p in g.projects
            for e in p.entries
        }
        assert plain == orm
        assert worklist.previous_fiscal_year == report.previous_fiscal_year


@pytest.mark.parametrize("year", YEARS)
def test_status_totals_equal_the_summary(wb: Workbook, year: int) -> None:
    with wb:
        status = round_status(wb, year)
        (stats,) = [r for r in summarize(wb).rounds if r.fiscal_year == year]
        assert (status.complete, status.total) == (stats.complete, stats.total)


def test_issue_records_read_by_the_merge_equal_the_orm(wb: Workbook, tmp_path: Path) -> None:
    """The merge's MasterView (plain SQL) reads the issuance records, their MACs and merge
    bases as the ORM has them, and a file's plan-context digests (sqlite_context) equal the
    master's (master_context)."""
    out = tmp_path / "配布"
    out.mkdir()
    with wb:
        files = [f.path for f in distribute(wb, NEW_YEAR, out).files][:4]
        returned = [read_returned(p, tmp_path) for p in files]
        with wb.session() as s:
            view = MasterView(s, wb.file_uuid, returned)
            assert len(view.issued) == len(returned)
            for rf in returned:
                row = s.get(IssuedFile, rf.claims.file_id)
                assert row is not None
                record = view.issued[row.id]
                assert record.claims(wb.file_uuid) == claims_of(row, wb.file_uuid)
                assert record.mac == row.mac
                bases = {
                    e.entry_id: EntryValues(e.base_result, e.base_rating, e.base_outlook)
                    for e in s.scalars(
                        select(IssuedEntry).where(IssuedEntry.issued_file_id == row.id)
                    )
                }
                assert view.bases[row.id] == bases
                assert rf.context == master_context(s, row.context)
            with wb.read_connection() as con:
                ids = {pid for rf in returned for pid in rf.claims.context}
                assert sqlite_context(con, ids) == master_context(s, ids)
