"""Issuing department files (配布): one file per department for one round.

A department file is a complete welfareplan file of the master's schema holding only:

* ``department``: the department's own row, and the rows (names only) of the other departments
  on its projects;
* ``plan``, ``plan_node``, ``project``: the plan context of the department's projects (full
  内容, the plan's levels, evaluation form and report texts, so the department window reads
  everything it shows from its own file), plus, when last year's round used an earlier plan
  of the lineage, that plan (and those between) and the projects its reference entries belong
  to, with the ``project_link`` rows that lead to them;
* ``assignment``: every assignment of those projects (so "other departments" can be listed);
* ``round``: this round and the previous one;
* ``entry`` and ``entry_value``: the department's entries of this round (empty, or the current
  values when a file is issued again) and its entries of the previous round (reference, same
  ids as the master);
* ``review_comment`` and ``review_note``: the 差戻し comments on the department's entries of
  this round, with every note on them (a file issued after a send-back carries them);
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
    Entry,
    Plan,
    PlanNode,
    Project,
    ReviewComment,
    ReviewNote,
    Round,
)
from welfareplan.core.previous import lineage, previous_values
from welfareplan.core.queries import previous_round, round_for_year
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
from welfareplan.workflow.issuing.issue_record import IssueDraft, issued_file_values, prepare_issue
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
        chain = lineage(session, rnd.plan_id)
        self.chain = chain[: chain.index(prev.plan_id) + 1] if prev is not None else chain[:1]
        chain = self.chain
        self.plans = {r["id"]: r for r in _rows(session, TABLES["plan"], Plan.id.in_(chain))}
        self.nodes = {
            r["id"]: r for r in _rows(session, TABLES["plan_node"], PlanNode.plan_id.in_(chain))
        }
        self.projects = {
            r["id"]: r for r in _rows(session, TABLES["project"], Project.plan_id.in_(chain))
        }
        self.links: dict[str, list[str]] = {}
        for r in _rows(session, TABLES["project_link"]):
            if r["successor_id"] in self.projects and r["predecessor_id"] in self.projects:
                self.links.setdefault(r["successor_id"], []).append(r["predecessor_id"])
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
        round_ids = [rnd.id] + ([prev.id] if prev is not None else [])
        self.values: dict[str, list[Row]] = {}
        for r in _rows(
            session,
            TABLES["entry_value"],
            TABLES["entry_value"].c.entry_id.in_(
                select(Entry.id).where(Entry.round_id.in_(round_ids))
            ),
        ):
            self.values.setdefault(r["entry_id"], []).append(r)
        self.comments: dict[str, list[Row]] = {}
        for r in _rows(session, TABLES["review_comment"], ReviewComment.round_id == rnd.id):
            self.comments.setdefault(r["entry_id"], []).append(r)
        self.notes: dict[str, list[Row]] = {}
        for r in _rows(
            session,
            TABLES["review_note"],
            ReviewNote.comment_id.in_(
                select(ReviewComment.id).where(ReviewComment.round_id == rnd.id)
            ),
        ):
            self.notes.setdefault(r["comment_id"], []).append(r)
        self.previous = previous_values(session, rnd.id)
        self.prev_entries: dict[str, Row] = {}
        if prev is not None:
            wanted = {p.entry_id for found in self.previous.values() for p in found}
            self.prev_entries = {
                r["id"]: r
                for r in _rows(session, TABLES["entry"], Entry.round_id == prev.id)
                if r["id"] in wanted
            }

    def _linked(self, project_ids: set[str]) -> set[str]:
        """``project_ids`` and every project their links lead back to (within the chain)."""
        found = set(project_ids)
        todo = list(project_ids)
        while todo:
            for pred in self.links.get(todo.pop(), []):
                if pred not in found:
                    found.add(pred)
                    todo.append(pred)
        return found

    def content(self, department_id: str) -> dict[str, list[Row]]:
        """The rows of one department's file, per table, in insertion order."""
        entries = self.entries.get(department_id, [])
        current = {e["project_id"] for e in entries}
        prev_entries = [
            self.prev_entries[p.entry_id]
            for pid in sorted(current)
            for p in self.previous.get((pid, department_id), ())
            if p.entry_id in self.prev_entries
        ]
        prev_entries = list({e["id"]: e for e in prev_entries}.values())
        project_ids = current | {e["project_id"] for e in prev_entries}
        if prev_entries and self.prev_round and self.prev_round["plan_id"] != self.round["plan_id"]:
            project_ids = self._linked(current) | project_ids
        projects = sorted(
            (self.projects[pid] for pid in project_ids),
            key=lambda r: (self.chain.index(r["plan_id"]) * -1, r["sort"], r["id"]),
        )
        node_ids: set[str] = set()
        for p in projects:
            nid: str | None = p["node_id"]
            while nid is not None and nid not in node_ids:
                node_ids.add(nid)
                nid = self.nodes[nid]["parent_id"]
        nodes = sorted(
            (self.nodes[n] for n in node_ids), key=lambda r: (r["depth"], r["sort"], r["id"])
        )
        plan_ids = {p["plan_id"] for p in projects} | {self.round["plan_id"]}
        if prev_entries and self.prev_round is not None:
            plan_ids |= set(self.chain)
        plans = []
        for pid in reversed(self.chain):  # predecessors first
            if pid in plan_ids:
                row = dict(self.plans[pid])
                if row["predecessor_id"] not in plan_ids:
                    row["predecessor_id"] = None
                plans.append(row)
        links = [
            {"predecessor_id": pred, "successor_id": succ}
            for succ in sorted(project_ids)
            for pred in self.links.get(succ, [])
            if pred in project_ids
        ]
        assignments = [a for pid in sorted(current) for a in self.assignments.get(pid, [])]
        dept_ids = {department_id} | {a["department_id"] for a in assignments}
        departments = []
        for did in sorted(dept_ids):
            row = dict(self.departments[did])
            if did != department_id:
                row["note"] = ""
            departments.append(row)
        rounds = [self.round] + ([self.prev_round] if self.prev_round and prev_entries else [])
        all_entries = prev_entries + entries
        values = [v for e in all_entries for v in self.values.get(e["id"], [])]
        comments = [c for e in entries for c in self.comments.get(e["id"], [])]
        notes = [n for c in comments for n in self.notes.get(c["id"], [])]
        return {
            "department": departments,
            "plan": plans,
            "plan_node": nodes,
            "project": projects,
            "project_link": links,
            "assignment": assignments,
            "round": rounds,
            "entry": all_entries,
            "entry_value": values,
            "review_comment": comments,
            "review_note": notes,
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
        # Core inserts only: an ORM flush would file its statement in the mapper's compiled
        # cache under this file's dialect, keeping the dialect alive after the file is written
        # (every full garbage collection then scans it again: the pauses of a long distribute)
        for name, rows in content.items():
            if rows:
                session.execute(TABLES[name].insert(), rows)
        issued = issued_file_values(draft, file_name=path.name, issued_by=os_user())
        session.execute(TABLES["issued_file"].insert(), [issued])

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
    fingerprint = "" if wb.on_server else master_fingerprint(wb)  # a server: round_state
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
