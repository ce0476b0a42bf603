"""Deleting a round (``welfareplan round WB --delete YEAR``, the round selector's menu →
年度を削除…).

A round is removed with everything that belongs to it: its entries and their values, the
committee's opinions, the records of the files issued for it and of the files received back,
and their conflicts. Files already sent to departments are then unknown to the master (a return
of one is refused as a file of another round). The audit trail keeps its rows.

A round whose entries hold what departments wrote (any value) is deleted only when the caller
confirms that too (``with_entries``: ``--with-entries``, the dialog's checkbox), and always
after a backup copy of the master; the deletion is audited (``round-delete``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from welfareplan.core import audittrail
from welfareplan.core.errors import DataError
from welfareplan.core.model import (
    CommitteeOpinion,
    Entry,
    EntryValue,
    IssuedFile,
    IssuedValue,
    MergeConflict,
    ReceivedReturn,
    Round,
)
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook
from welfareplan.core.wareki import results_label
from welfareplan.workflow.master.backups import backed_up
from welfareplan.workflow.wording import where_to


@dataclass(frozen=True)
class RoundContents:
    """What deleting a round removes."""

    fiscal_year: int
    entries: int
    #: entries holding anything a department wrote (or a history import brought in)
    written: int
    opinions: int
    issued_files: int
    returns: int

    @property
    def label(self) -> str:
        return results_label(self.fiscal_year)

    def summary(self) -> str:
        """'記入 69 件（うち内容のあるもの 69 件）、委員意見 8 件、配布の記録 0 件、取込の記録 0 件'."""
        return (
            f"記入 {self.entries} 件（うち内容のあるもの {self.written} 件）、"
            f"委員意見 {self.opinions} 件、配布の記録 {self.issued_files} 件、"
            f"取込の記録 {self.returns} 件"
        )


def _contents(s: Session, rnd: Round) -> RoundContents:
    entries = select(Entry.id).where(Entry.round_id == rnd.id)

    def count(stmt: object) -> int:
        return int(s.scalar(stmt) or 0)  # type: ignore[call-overload]

    return RoundContents(
        fiscal_year=rnd.fiscal_year,
        entries=count(select(func.count()).where(Entry.round_id == rnd.id)),
        written=count(
            select(func.count(func.distinct(EntryValue.entry_id))).where(
                EntryValue.entry_id.in_(entries), EntryValue.value != ""
            )
        ),
        opinions=count(select(func.count()).where(CommitteeOpinion.round_id == rnd.id)),
        issued_files=count(select(func.count()).where(IssuedFile.round_id == rnd.id)),
        returns=count(select(func.count()).where(ReceivedReturn.round_id == rnd.id)),
    )


def round_contents(wb: Workbook, fiscal_year: int) -> RoundContents:
    """What deleting the round of ``fiscal_year`` would remove (reads only)."""
    with wb.session() as s:
        return _contents(s, round_for_year(s, fiscal_year))


def _refuse_written(found: RoundContents) -> DataError:
    return DataError(
        f"{found.label}には内容の書かれた記入が {found.written} 件あります。"
        f"それも消してよければ、{where_to('confirm-delete-entries')}（消す前にバックアップを作ります）。",
        code="round-has-entries",
    )


def delete_round(wb: Workbook, fiscal_year: int, *, with_entries: bool = False) -> RoundContents:
    """Delete the round of ``fiscal_year`` after a backup; a round with written entries only
    ``with_entries`` (otherwise :class:`DataError`, nothing changed)."""
    found = round_contents(wb, fiscal_year)
    if found.written and not with_entries:
        raise _refuse_written(found)
    with backed_up(wb, "delete", what=f"{found.label}の削除") as (s, _):
        rnd = round_for_year(s, fiscal_year)
        found = _contents(s, rnd)
        if found.written and not with_entries:  # pragma: no cover - locked between the reads
            raise _refuse_written(found)
        plan_key = rnd.plan.key
        files = select(IssuedFile.id).where(IssuedFile.round_id == rnd.id)
        entries = select(Entry.id).where(Entry.round_id == rnd.id)
        s.execute(
            delete(MergeConflict).where(
                MergeConflict.issued_file_id.in_(files) | MergeConflict.entry_id.in_(entries)
            )
        )
        s.execute(delete(ReceivedReturn).where(ReceivedReturn.round_id == rnd.id))
        s.execute(delete(IssuedValue).where(IssuedValue.issued_file_id.in_(files)))
        s.execute(delete(IssuedFile).where(IssuedFile.round_id == rnd.id))
        # the committee's members, sheets, received opinions and the city's answers go with
        # the round and its opinions (ON DELETE CASCADE)
        s.execute(delete(CommitteeOpinion).where(CommitteeOpinion.round_id == rnd.id))
        s.execute(delete(EntryValue).where(EntryValue.entry_id.in_(entries)))
        s.execute(delete(Entry).where(Entry.round_id == rnd.id))
        s.execute(delete(Round).where(Round.id == rnd.id))
        audittrail.record(
            s,
            "round-delete",
            note=f"{found.label}（計画 {plan_key}）を削除: {found.summary()}",
        )
    return found
