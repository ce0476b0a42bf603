"""Where each department stands in a round (the dashboard and ``welfareplan status``).

States, decided in this order:

* **差戻し** (``returned``): the department's entries have open merge conflicts, or the latest
  file received from it was rejected (rejections are journaled beside the master,
  :mod:`welfareplan.workflow.rejections`) and no return of it was merged after that.
* **取込済** (``merged``): its latest merged return was submitted (提出) and not changed after
  submission, and all its entries in the master are complete.
* **提出済** (``submitted``): its latest merged return was submitted, but some of its entries are
  still incomplete (submitted with gaps — the division follows up or completes them).

  An Excel worksheet (``distribute --format xlsx``) has no 提出 step: sending it back *is* the
  submission, so a merged worksheet return always counts as submitted (its save time and last
  author stand for the submission's time and name). A department that returned a worksheet
  is therefore 取込済 when all its entries are complete and 提出済 otherwise.
* **配布済** (``issued``): a file was issued; nothing submitted has come back yet (an interim
  return sent before 提出 is merged but keeps this state; see ``returns``/``last_merge_at``).
* **未配布** (``not-issued``): no file was issued to it for this round.

"Sent nothing" means: no return merged and no rejected file journaled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select

from welfareplan.core.model import (
    Department,
    Entry,
    IssuedFile,
    MergeConflict,
    ReceivedReturn,
)
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook
from welfareplan.workflow.rejections import Rejection, read_rejections


class DepartmentState(StrEnum):
    NOT_ISSUED = "not-issued"
    ISSUED = "issued"
    SUBMITTED = "submitted"
    MERGED = "merged"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        return {
            "not-issued": "未配布",
            "issued": "配布済",
            "submitted": "提出済",
            "merged": "取込済",
            "returned": "差戻し",
        }[self.value]


@dataclass(frozen=True)
class DepartmentStatus:
    department_id: str
    department_name: str
    state: DepartmentState
    complete: int
    total: int
    issued_files: int = 0
    last_issued_at: dt.datetime | None = None
    returns: int = 0
    last_merge_at: dt.datetime | None = None
    last_file_name: str = ""
    last_revision: int | None = None
    #: 'wpdb' or 'xlsx': the kind of the latest merged return ('' when none)
    last_file_format: str = ""
    submitted_at: dt.datetime | None = None
    submitted_by: str = ""
    changed_after_submission: bool = False
    open_conflicts: int = 0
    rejected_at: dt.datetime | None = None
    rejected_reason: str = ""

    @property
    def state_label(self) -> str:
        return self.state.label

    @property
    def sent_nothing(self) -> bool:
        return self.returns == 0 and self.rejected_at is None


@dataclass(frozen=True)
class RoundStatus:
    fiscal_year: int
    round_id: str
    is_open: bool
    deadline: dt.date | None
    departments: tuple[DepartmentStatus, ...]

    @property
    def not_returned(self) -> tuple[DepartmentStatus, ...]:
        """Departments that have sent nothing back yet."""
        return tuple(d for d in self.departments if d.sent_nothing)

    @property
    def complete(self) -> int:
        return sum(d.complete for d in self.departments)

    @property
    def total(self) -> int:
        return sum(d.total for d in self.departments)

    @property
    def open_conflicts(self) -> int:
        return sum(d.open_conflicts for d in self.departments)

    def count(self, state: DepartmentState) -> int:
        return sum(1 for d in self.departments if d.state is state)


def _latest_rejections(rejections: list[Rejection], round_id: str) -> dict[str, Rejection]:
    latest: dict[str, Rejection] = {}
    for r in rejections:
        if r.round_id == round_id and (
            r.department_id not in latest or r.at >= latest[r.department_id].at
        ):
            latest[r.department_id] = r
    return latest


def round_status(wb: Workbook, fiscal_year: int) -> RoundStatus:
    with wb.session() as s:
        rnd = round_for_year(s, fiscal_year)
        totals: dict[str, list[int]] = {}
        for did, result, rating, outlook in s.execute(
            select(Entry.department_id, Entry.result, Entry.rating, Entry.outlook).where(
                Entry.round_id == rnd.id
            )
        ):
            t = totals.setdefault(did, [0, 0])
            t[1] += 1
            t[0] += bool(rating and result.strip() and outlook.strip())
        depts = {
            d.id: d for d in s.scalars(select(Department).where(Department.id.in_(list(totals))))
        }
        issued: dict[str, tuple[int, dt.datetime]] = {
            did: (int(n), at)
            for did, n, at in s.execute(
                select(IssuedFile.department_id, func.count(), func.max(IssuedFile.issued_at))
                .where(IssuedFile.round_id == rnd.id)
                .group_by(IssuedFile.department_id)
            ).all()
        }
        worksheets = set(
            s.scalars(
                select(IssuedFile.id).where(
                    IssuedFile.round_id == rnd.id, IssuedFile.file_format == "xlsx"
                )
            )
        )
        returns: dict[str, list[ReceivedReturn]] = {}
        for r in s.scalars(
            select(ReceivedReturn)
            .where(ReceivedReturn.round_id == rnd.id)
            .order_by(ReceivedReturn.received_at, ReceivedReturn.revision)
        ):
            returns.setdefault(r.department_id, []).append(r)
        conflicts = dict(
            s.execute(
                select(Entry.department_id, func.count())
                .join(MergeConflict, MergeConflict.entry_id == Entry.id)
                .where(Entry.round_id == rnd.id, MergeConflict.status == "open")
                .group_by(Entry.department_id)
            ).all()
        )
        rejected = _latest_rejections(read_rejections(wb.path), rnd.id)
        out = []
        for did in sorted(totals, key=lambda d: (depts[d].sort, depts[d].name)):
            complete, total = totals[did]
            n_issued, last_issued = issued.get(did, (0, None))
            rets = returns.get(did, [])
            last = rets[-1] if rets else None
            rej = rejected.get(did)
            if rej is not None and len(rets) > rej.returns_seen:
                rej = None  # a return merged after the rejection
            open_conflicts = int(conflicts.get(did, 0))
            is_sheet = last is not None and last.issued_file_id in worksheets
            final = last is not None and (
                is_sheet
                or (
                    last.submitted_at is not None
                    and last.submitted_revision is not None
                    and last.revision <= last.submitted_revision
                )
            )
            if open_conflicts or rej is not None:
                state = DepartmentState.RETURNED
            elif final:
                state = DepartmentState.MERGED if complete == total else DepartmentState.SUBMITTED
            elif n_issued:
                state = DepartmentState.ISSUED
            else:
                state = DepartmentState.NOT_ISSUED
            out.append(
                DepartmentStatus(
                    department_id=did,
                    department_name=depts[did].name,
                    state=state,
                    complete=complete,
                    total=total,
                    issued_files=n_issued,
                    last_issued_at=last_issued,
                    returns=len(rets),
                    last_merge_at=last.received_at if last else None,
                    last_file_name=last.file_name if last else "",
                    last_revision=last.revision if last else None,
                    last_file_format=("xlsx" if is_sheet else "wpdb") if last else "",
                    submitted_at=last.submitted_at if last else None,
                    submitted_by=last.submitted_by if last else "",
                    changed_after_submission=bool(
                        last
                        and last.submitted_revision is not None
                        and last.revision > last.submitted_revision
                    ),
                    open_conflicts=open_conflicts,
                    rejected_at=rej.at if rej else None,
                    rejected_reason=rej.reason if rej else "",
                )
            )
        return RoundStatus(
            fiscal_year=rnd.fiscal_year,
            round_id=rnd.id,
            is_open=rnd.is_open,
            deadline=rnd.deadline,
            departments=tuple(out),
        )
