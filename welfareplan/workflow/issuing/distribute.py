"""Issuing department files (配布): one file per department for one round.

A department file is a complete welfareplan file of the master's schema holding only:

* ``department``: the department's own row, and the rows (names only) of the other departments
  on its projects;
* ``plan``, ``goal``, ``direction``, ``measure``, ``project``: the plan context of the
  department's projects (full 内容), plus, when last year's round used an older plan, the
  predecessor projects its reference entries belong to (linked by ``predecessor_id``);
* ``assignment``: every assignment of those projects (so "other departments" can be listed);
* ``round``: this round and the previous one;
* ``entry``: the department's entries of this round (empty, or the current values when a file
  is issued again) and its entries of the previous round (reference, same ids as the master);
* ``issued_file``: the issuance record (file UUID, round, department, entry keys, issued_at,
  plan-context digests, MAC).

Never the master's secret, other departments' entries, committee opinions or the audit trail.
Each file is created atomically (``Workbook.create``); the issuance records are written to the
master in one transaction after all files exist, so a cancelled or failed run leaves the master
unchanged and removes the files it wrote.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from welfareplan.core.errors import DataError
from welfareplan.core.fileformat import FileKind
from welfareplan.core.identity import os_user
from welfareplan.core.model import (
    Assignment,
    Base,
    Direction,
    Entry,
    Goal,
    Measure,
    Plan,
    Project,
    Round,
)
from welfareplan.core.queries import previous_entries, previous_round, round_for_year
from welfareplan.core.storage import Workbook
from welfareplan.workflow.issuing.department_file import (
    META_DEPARTMENT_ID,
    META_DEPARTMENT_NAME,
    META_FILE_UUID,
    META_FISCAL_YEAR,
    META_ISSUED_AT,
    META_REVISION,
    META_ROUND_ID,
    META_WORKBOOK_UUID,
    department_file_name,
)
from welfareplan.workflow.issuing.issue_record import IssueDraft, issued_file_row, prepare_issue
from welfareplan.workflow.issuing.issue_run import (
    DistributeResult,
    IssuedFileInfo,
    departments_to_issue,
    output_folder,
    record_issues,
    removed_if_failed,
    start_issue,
)
from welfareplan.workflow.issuing.worksheets import issue_worksheets
from welfareplan.workflow.master.locking import master_fingerprint
from welfareplan.workflow.progress import CancelFn, ProgressFn, Steps

Row = dict[str, Any]
#: Department files hold little data in many small tables: 1 KiB pages make them about a third
#: of the size (for e-mail and shared drives) and quicker to check when they come back.
DEPARTMENT_PAGE_SIZE = 1024
TABLES = Base.metadata.tables


def _rows(session: Session, table: Table, *where: Any) -> list[Row]:
    return [dict(r) for r in session.execute(select(table).where(*where)).mappings()]


def _row_of(obj: Any) -> Row:
    table = obj.__table__
    return {c.name: getattr(obj, c.name) for c in table.columns}


class _Snapshot:
    """What the department files are built from, read once from the master."""

    def __init__(self, session: Session, rnd: Round) -> None:
        self.round = _row_of(rnd)
        prev = previous_round(session, rnd)
        self.prev_round = _row_of(prev) if prev is not None else None
        plan_ids = {rnd.plan_id} | ({prev.plan_id} if prev is not None else set())
        self.plans = {r["id"]: r for r in _rows(session, TABLES["plan"], Plan.id.in_(plan_ids))}
        self.goals = {
            r["id"]: r for r in _rows(session, TABLES["goal"], Goal.plan_id.in_(plan_ids))
        }
        self.directions = {
            r["id"]: r
            for r in _rows(session, TABLES["direction"], Direction.goal_id.in_(list(self.goals)))
        }
        self.measures = {
            r["id"]: r
            for r in _rows(
                session, TABLES["measure"], Measure.direction_id.in_(list(self.directions))
            )
        }
        self.projects = {
            r["id"]: r for r in _rows(session, TABLES["project"], Project.plan_id.in_(plan_ids))
        }
        self.assignments: dict[str, list[Row]] = {}
        for r in _rows(
            session,
            TABLES["assignment"],
            Assignment.project_id.in_(
                [p for p, row in self.projects.items() if row["plan_id"] == rnd.plan_id]
            ),
        ):
            self.assignments.setdefault(r["project_id"], []).append(r)
        self.departments = {r["id"]: r for r in _rows(session, TABLES["department"])}
        self.entries: dict[str, list[Row]] = {}
        for r in _rows(session, TABLES["entry"], Entry.round_id == rnd.id):
            self.entries.setdefault(r["department_id"], []).append(r)
        self.previous = {key: _row_of(e) for key, e in previous_entries(session, rnd).items()}

    def content(self, department_id: str) -> dict[str, list[Row]]:
        """The rows of one department's file, per table, in insertion order."""
        entries = self.entries.get(department_id, [])
        current = {e["project_id"] for e in entries}
        prev_entries = [
            self.previous[(pid, department_id)]
            for pid in sorted(current)
            if (pid, department_id) in self.previous
        ]
        project_ids = current | {e["project_id"] for e in prev_entries}
        projects = [self.projects[pid] for pid in sorted(project_ids)]
        measures = {p["measure_id"]: self.measures[p["measure_id"]] for p in projects}
        directions = {
            m["direction_id"]: self.directions[m["direction_id"]] for m in measures.values()
        }
        goals = {d["goal_id"]: self.goals[d["goal_id"]] for d in directions.values()}
        plans = {g["plan_id"]: dict(self.plans[g["plan_id"]]) for g in goals.values()}
        plans[self.round["plan_id"]] = dict(self.plans[self.round["plan_id"]])
        for plan in plans.values():
            if plan["predecessor_id"] not in plans:
                plan["predecessor_id"] = None
        project_rows = []
        for p in projects:
            row = dict(p)
            if row["predecessor_id"] not in project_ids:
                row["predecessor_id"] = None
            project_rows.append(row)
        assignments = [a for pid in sorted(current) for a in self.assignments.get(pid, [])]
        dept_ids = {department_id} | {a["department_id"] for a in assignments}
        departments = []
        for did in sorted(dept_ids):
            row = dict(self.departments[did])
            if did != department_id:
                row["note"] = ""
            departments.append(row)
        rounds = [self.round] + ([self.prev_round] if self.prev_round and prev_entries else [])
        # Predecessor projects first, so that predecessor_id always points at an existing row.
        project_rows.sort(key=lambda r: (r["plan_id"] == self.round["plan_id"], r["sort"], r["id"]))
        plan_rows = sorted(plans.values(), key=lambda r: r["id"] == self.round["plan_id"])
        return {
            "department": departments,
            "plan": plan_rows,
            "goal": list(goals.values()),
            "direction": list(directions.values()),
            "measure": list(measures.values()),
            "project": project_rows,
            "assignment": assignments,
            "round": rounds,
            "entry": prev_entries + entries,
        }


def _free_name(out_dir: Path, fiscal_year: int, name: str, taken: set[str]) -> Path:
    counter = 1
    while True:
        candidate = department_file_name(fiscal_year, name, counter=counter)
        path = out_dir / candidate
        if candidate not in taken and not path.exists():
            taken.add(candidate)
            return path
        counter += 1


def _write_department_file(
    path: Path, content: dict[str, list[Row]], draft: IssueDraft, meta: dict[str, str]
) -> None:
    def populate(session: Session) -> None:
        for name, rows in content.items():
            if rows:
                session.execute(TABLES[name].insert(), rows)
        session.add(issued_file_row(draft, file_name=path.name, issued_by=os_user()))

    Workbook.create(path, FileKind.DEPARTMENT, populate, meta=meta, page_size=DEPARTMENT_PAGE_SIZE)


def distribute(
    wb: Workbook,
    fiscal_year: int,
    out_dir: Path | str,
    *,
    departments: Sequence[str] | None = None,
    file_format: str = "wpdb",
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> DistributeResult:
    """Write one department file per department (or per named department) into ``out_dir``.

    With ``file_format="xlsx"`` registered Excel worksheets are issued instead
    (:func:`welfareplan.workflow.issuing.worksheets.issue_worksheets`, default options).
    """
    if file_format == "xlsx":
        return issue_worksheets(
            wb,
            fiscal_year,
            out_dir,
            departments=departments,
            progress=progress,
            cancelled=cancelled,
        )
    if file_format != "wpdb":
        raise DataError(
            f"配布の形式「{file_format}」は使えません（wpdb か xlsx）。", code="bad-format"
        )
    out_dir = output_folder(out_dir)
    workbook_uuid = wb.file_uuid
    fingerprint = master_fingerprint(wb.path)
    with wb.session() as s:
        rnd = round_for_year(s, fiscal_year)
        start = start_issue(s, rnd)
        snapshot = _Snapshot(s, rnd)
        chosen = [did for did, _ in departments_to_issue(s, rnd, departments)]
        drafts = [
            prepare_issue(
                s,
                secret=start.secret,
                workbook_uuid=workbook_uuid,
                rnd=rnd,
                department_id=did,
                issued_at=start.issued_at,
            )
            for did in chosen
        ]
    steps = Steps(len(chosen) + 1, progress, cancelled, what="配布")
    written: list[IssuedFileInfo] = []
    taken: set[str] = set()
    with removed_if_failed(written):
        for did, draft in zip(chosen, drafts, strict=True):
            name = snapshot.departments[did]["name"]
            steps.step(f"{name} のファイルを作成しています")
            path = _free_name(out_dir, fiscal_year, name, taken)
            meta = {
                META_FILE_UUID: draft.claims.file_id,
                META_WORKBOOK_UUID: workbook_uuid,
                META_ROUND_ID: rnd.id,
                META_DEPARTMENT_ID: did,
                META_DEPARTMENT_NAME: name,
                META_FISCAL_YEAR: str(fiscal_year),
                META_ISSUED_AT: draft.claims.issued_at,
                META_REVISION: "0",
            }
            _write_department_file(path, snapshot.content(did), draft, meta)
            written.append(
                IssuedFileInfo(
                    path=path,
                    file_id=draft.claims.file_id,
                    department_id=did,
                    department_name=name,
                    entries=len(draft.values),
                    reissue=did in start.already_issued,
                )
            )
        issued = list(zip(written, drafts, strict=True))
        record_issues(wb, fingerprint, start, issued=issued, round_id=rnd.id, steps=steps)
    steps.finish("配布が終わりました")
    return DistributeResult(fiscal_year=fiscal_year, out_dir=out_dir, files=tuple(written))
