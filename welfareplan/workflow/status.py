"""Where each department stands in a round (the dashboard and ``welfareplan status``).

States, decided in this order:

* **却下（再送待ち）** (``returned``): the latest file received from the department was rejected
  (rejections are journaled for every user of the master,
  :mod:`welfareplan.workflow.returns.rejections`) and no return of it was merged after that — the department must send it again.
* **差戻し** (``sent-back``): the division sent fields back with comments (a file carrying open
  comments was issued, :mod:`welfareplan.workflow.review`) and nothing was merged from the
  department since. Only a real send-back is 差戻し: conflicts the division has left open (保留)
  are the division's to decide and keep their own name (counted in ``open_conflicts``); open
  comments are counted per department (``open_comments``) in every state.
* **取込済** (``merged``): its latest merged return was submitted (提出) and not changed after
  submission, all its entries in the master are complete and none of them has an open conflict.
* **提出済** (``submitted``): its latest merged return was submitted, but some of its entries are
  still incomplete (submitted with gaps — the division follows up or completes them) or wait
  for the division to decide a conflict.

  An Excel worksheet (``distribute --format xlsx``) has no 提出 step: sending it back *is* the
  submission, so a merged worksheet return always counts as submitted (its save time and last
  author stand for the submission's time and name). A department that returned a worksheet
  is therefore 取込済 when all its entries are complete and 提出済 otherwise.
* **下書きを取込** (``draft``): a file came back and was merged, but it was not submitted (an
  interim return, or one changed after 提出): the department has not finished and stays on the
  reminder list.
* **配布済** (``issued``): a file was issued; nothing has come back yet.
* **未配布** (``not-issued``): no file was issued to it for this round.

"Sent nothing" means: no return merged and no rejected file journaled. The reminder
(:attr:`RoundStatus.to_remind`) lists every department that has not submitted: those that sent
nothing, those whose draft was merged, those whose file was rejected and those with open
差戻し comments. Each status also says whether the latest merged return carried the section
chief's confirmation (:mod:`welfareplan.core.confirmation`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from welfareplan.core.entry_values import EntryValues
from welfareplan.core.plainsql import rows
from welfareplan.core.plan_shape import load_plan_shape
from welfareplan.core.previous import values_of_round
from welfareplan.core.roundlookup import find_round
from welfareplan.core.storage import Workbook
from welfareplan.core.timestamps import time_from_text
from welfareplan.workflow.returns.rejections import Rejection, rejections_of

#: How a return came, as the status table names it (the window's words: 「Excel様式を配布」).
CHANNEL_LABELS = {"wpdb": "担当課ファイル", "xlsx": "Excel様式"}


class DepartmentState(StrEnum):
    NOT_ISSUED = "not-issued"
    ISSUED = "issued"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    MERGED = "merged"
    RETURNED = "returned"
    SENT_BACK = "sent-back"

    @property
    def label(self) -> str:
        return {
            "not-issued": "未配布",
            "issued": "配布済",
            "draft": "下書きを取込",
            "submitted": "提出済",
            "merged": "取込済",
            "returned": "却下（再送待ち）",
            "sent-back": "差戻し",
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
    #: 差戻し comments not yet closed, and of those the ones sent back to the department
    open_comments: int = 0
    sent_comments: int = 0
    #: the latest merged return's confirmation: 'confirmed', 'none' (submitted without one)
    #: or '' (nothing recorded), with the confirming person and whether the file was saved
    #: after the confirmation
    confirmation: str = ""
    confirmed_by: str = ""
    changed_after_confirmation: bool = False

    @property
    def confirmation_label(self) -> str:
        if self.confirmation == "confirmed":
            changed = "（確認後に変更あり）" if self.changed_after_confirmation else ""
            return f"確認済み {self.confirmed_by}{changed}"
        if self.confirmation == "none":
            return "確認なし"
        return ""

    @property
    def state_label(self) -> str:
        return self.state.label

    @property
    def sent_nothing(self) -> bool:
        return self.returns == 0 and self.rejected_at is None

    @property
    def channel_label(self) -> str:
        """How its latest return came: '担当課ファイル' or 'Excel様式' ('' for none)."""
        return CHANNEL_LABELS.get(self.last_file_format, "")

    @property
    def submitted(self) -> bool:
        return self.state in (DepartmentState.SUBMITTED, DepartmentState.MERGED)


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
    def to_remind(self) -> tuple[DepartmentStatus, ...]:
        """Departments that have not submitted (sent nothing, a draft merged, rejected or sent
        back) and those with open 差戻し comments."""
        return tuple(
            d
            for d in self.departments
            if d.sent_nothing
            or d.open_comments
            or d.state
            in (DepartmentState.DRAFT, DepartmentState.RETURNED, DepartmentState.SENT_BACK)
        )

    @property
    def complete(self) -> int:
        return sum(d.complete for d in self.departments)

    @property
    def total(self) -> int:
        return sum(d.total for d in self.departments)

    @property
    def open_conflicts(self) -> int:
        return sum(d.open_conflicts for d in self.departments)

    @property
    def open_comments(self) -> int:
        return sum(d.open_comments for d in self.departments)

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


@dataclass(frozen=True)
class _Return:
    """The fields of a ``received_return`` row the status needs."""

    issued_file_id: str
    file_name: str
    revision: int
    received_at: dt.datetime
    submitted_at: dt.datetime | None
    submitted_by: str
    submitted_revision: int | None
    #: the return's confirmation: kind, name, revision ('' kind: none recorded)
    confirmation: tuple[str, str, int | None] = ("", "", None)


def _when(value: str | None) -> dt.datetime | None:
    return time_from_text(value or None)


_RETURNS_SQL = (
    "SELECT r.department_id, r.issued_file_id, r.file_name, r.revision, r.received_at, "
    "r.submitted_at, r.submitted_by, r.submitted_revision, c.kind, c.name, c.confirmed_revision "
    "FROM received_return r LEFT JOIN return_confirmation c ON c.return_id = r.id "
    "WHERE r.round_id = :r ORDER BY r.received_at, r.revision"
)
_COMMENTS_SQL = (
    "SELECT e.department_id, COUNT(*), COUNT(c.sent_at), MAX(c.sent_at) FROM review_comment c "
    "JOIN entry e ON e.id = c.entry_id WHERE c.round_id = :r AND c.status = 'open' "
    "GROUP BY e.department_id"
)
_CONFLICTS_SQL = (
    "SELECT e.department_id, COUNT(*) FROM merge_conflict c JOIN entry e ON e.id = c.entry_id "
    "WHERE e.round_id = :r AND c.status = 'open' GROUP BY e.department_id"
)


def round_status(wb: Workbook, fiscal_year: int) -> RoundStatus:
    """Plain SQL on a read connection: the dashboard refreshes it after every merge, and the
    division window shows it when it opens (before anything needs the ORM). Any dialect: the
    master may be on a server (:meth:`Workbook.reader`)."""
    with wb.reader() as con:
        rnd = find_round(con, fiscal_year)
        form = load_plan_shape(con, rnd.plan_id).form
        values = values_of_round(con, rnd.id)
        this = {"r": rnd.id}
        totals: dict[str, list[int]] = {}
        blank = EntryValues()  # one for every entry without values
        for eid, did in rows(con, "SELECT id, department_id FROM entry WHERE round_id = :r", this):
            t = totals.setdefault(did, [0, 0])
            t[1] += 1
            t[0] += values.get(eid, blank).is_complete(form)
        depts = {
            did: (int(sort), str(name))
            for did, sort, name in rows(con, "SELECT id, sort, name FROM department")
            if did in totals
        }
        issued: dict[str, tuple[int, dt.datetime | None]] = {
            did: (int(n), _when(at))
            for did, n, at in rows(
                con,
                "SELECT department_id, COUNT(*), MAX(issued_at) FROM issued_file "
                "WHERE round_id = :r GROUP BY department_id",
                this,
            )
        }
        worksheets = {
            fid
            for (fid,) in rows(
                con,
                "SELECT id FROM issued_file WHERE round_id = :r AND file_format = 'xlsx'",
                this,
            )
        }
        returns: dict[str, list[_Return]] = {}
        for row in rows(con, _RETURNS_SQL, this):
            did, fid, name, revision, received, submitted, by, submitted_rev = row[:8]
            kind, confirmed_by, confirmed_rev = row[8:]
            returns.setdefault(did, []).append(
                _Return(
                    issued_file_id=fid,
                    file_name=name,
                    revision=int(revision),
                    received_at=time_from_text(received),
                    submitted_at=_when(submitted),
                    submitted_by=by,
                    submitted_revision=None if submitted_rev is None else int(submitted_rev),
                    confirmation=(kind or "", confirmed_by or "", confirmed_rev),
                )
            )
        comments = {
            did: (int(n), int(sent), _when(last_sent))
            for did, n, sent, last_sent in rows(con, _COMMENTS_SQL, this)
        }
        conflicts = {str(did): int(n) for did, n in rows(con, _CONFLICTS_SQL, this)}
        # rejected returns: a server master's table; for a file also the journal beside it
        rejected = _latest_rejections(rejections_of(con, wb, rnd.id), rnd.id)
        out = []
        for did in sorted(totals, key=lambda d: depts[d]):
            complete, total = totals[did]
            n_issued, last_issued = issued.get(did, (0, None))
            rets = returns.get(did, [])
            last = rets[-1] if rets else None
            rej = rejected.get(did)
            if rej is not None and len(rets) > rej.returns_seen:
                rej = None  # a return merged after the rejection
            open_conflicts = int(conflicts.get(did, 0))
            n_comments, n_sent, last_sent = comments.get(did, (0, 0, None))
            waiting = last_sent is not None and (last is None or last.received_at < last_sent)
            kind, confirmed_by, confirmed_rev = last.confirmation if last else ("", "", None)
            is_sheet = last is not None and last.issued_file_id in worksheets
            final = last is not None and (
                is_sheet
                or (
                    last.submitted_at is not None
                    and last.submitted_revision is not None
                    and last.revision <= last.submitted_revision
                )
            )
            if rej is not None:
                state = DepartmentState.RETURNED
            elif waiting:
                state = DepartmentState.SENT_BACK
            elif final:
                done = complete == total and not open_conflicts
                state = DepartmentState.MERGED if done else DepartmentState.SUBMITTED
            elif rets:
                state = DepartmentState.DRAFT
            elif n_issued:
                state = DepartmentState.ISSUED
            else:
                state = DepartmentState.NOT_ISSUED
            out.append(
                DepartmentStatus(
                    department_id=did,
                    department_name=depts[did][1],
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
                    open_comments=n_comments,
                    sent_comments=n_sent,
                    confirmation=kind,
                    confirmed_by=confirmed_by,
                    changed_after_confirmation=bool(
                        last
                        and kind == "confirmed"
                        and confirmed_rev is not None
                        and last.revision > int(confirmed_rev)
                    ),
                )
            )
        return RoundStatus(
            fiscal_year=rnd.fiscal_year,
            round_id=rnd.id,
            is_open=rnd.is_open,
            deadline=rnd.deadline,
            departments=tuple(out),
        )
