"""Merging a returned opinion sheet into the master (意見・提案シートの取り込み).

The same checks as a department return, in the same words where they mean the same: the sheet
must have been issued by this master (its workbook id, its MAC made with the master's secret,
its issuance record), for the round being merged into, with its reference cells and rows as
issued. The member's opinions then replace what was last received from them per project (an
emptied cell withdraws the opinion); every change is audited. The same file twice is
recognised by its SHA-256 and never applied twice; a sheet saved again without changes is
recorded as unchanged. Anything refused changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from welfareplan.core import audittrail
from welfareplan.core.errors import DataError
from welfareplan.core.identity import os_user
from welfareplan.core.model import (
    CommitteeMember,
    MemberOpinion,
    OpinionSheet,
    OpinionSheetReturn,
    Project,
    Round,
    now,
)
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook
from welfareplan.core.wareki import fiscal_year_label
from welfareplan.exports.opinion_sheet_xlsx import GENERAL_ID
from welfareplan.workflow.committee.sheet_reading import OpinionSheetContent, read_opinion_sheet
from welfareplan.workflow.issuing.signing import load_secret, verify_worksheet_mac

#: The longest opinion kept (a cell holds at most 32,767 characters).
MAX_OPINION = 4000


@dataclass(frozen=True)
class OpinionMergeResult:
    member_name: str
    #: 'applied', 'unchanged', or 'already' (this very file was merged before: nothing done)
    outcome: str
    #: opinions added, changed or withdrawn
    changed: int
    #: the member's opinions held after the merge
    opinions: int

    @property
    def message(self) -> str:
        if self.outcome == "already":
            return f"{self.member_name} 委員のこのシートは取り込み済みです。何も変えていません。"
        if self.outcome == "unchanged":
            return f"{self.member_name} 委員のシートを取り込みました（前回から変更はありません）。"
        return (
            f"{self.member_name} 委員のシートを取り込みました"
            f"（変更 {self.changed} 件、意見 {self.opinions} 件）。"
        )


def _refuse(path: Path, why: str, code: str) -> DataError:
    return DataError(f"「{path.name}」は取り込めません。{why}何も変えていません。", code=code)


def _check(
    s: Session, wb: Workbook, rnd: Round, path: Path, sheet: OpinionSheetContent
) -> OpinionSheet:
    keys = sheet.keys
    not_ours = "このマスターワークブックから配布した意見・提案シートではありません。"
    if keys.workbook_uuid != wb.file_uuid:
        raise _refuse(path, not_ours, "opinion-sheet-foreign")
    if not verify_worksheet_mac(load_secret(s), sheet.payload, sheet.mac):
        raise _refuse(
            path,
            "署名が一致しません（このマスターワークブックで配布したシートではないか、"
            "識別情報が書き換えられています）。",
            "opinion-sheet-mac",
        )
    issued = s.get(OpinionSheet, keys.sheet_id)
    if issued is None or issued.member_id != keys.member_id:
        raise _refuse(path, "配布の記録がありません。" + not_ours, "opinion-sheet-unknown")
    if issued.round_id != rnd.id:
        other = s.get(Round, issued.round_id)
        year = fiscal_year_label(other.fiscal_year) if other else "別の年度"
        raise _refuse(
            path,
            f"{year}の意見・提案シートです。{fiscal_year_label(rnd.fiscal_year)}の意見としては"
            "取り込めません。",
            "opinion-sheet-round",
        )
    if not sheet.intact:
        raise _refuse(
            path,
            "参考欄または行が配布したときから変わっています。"
            "配布したシートに記入して送り直してもらってください。",
            "opinion-sheet-changed",
        )
    for pid, text in sheet.opinions.items():
        if pid != GENERAL_ID and s.get(Project, pid) is None:
            raise _refuse(path, "シートの事業が計画から削除されています。", "opinion-sheet-project")
        if len(text) > MAX_OPINION:
            raise _refuse(path, f"意見が長すぎます（{MAX_OPINION} 文字まで）。", "opinion-too-long")
    return issued


def merge_opinion_sheet(wb: Workbook, fiscal_year: int, path: Path | str) -> OpinionMergeResult:
    """Merge the opinion sheet at ``path`` into ``fiscal_year``'s round."""
    path = Path(path)
    sheet = read_opinion_sheet(path)
    with wb.transaction() as s:
        rnd = round_for_year(s, fiscal_year)
        issued = _check(s, wb, rnd, path, sheet)
        member = s.get(CommitteeMember, issued.member_id)
        assert member is not None
        held = {
            o.project_id or GENERAL_ID: o
            for o in s.scalars(select(MemberOpinion).where(MemberOpinion.member_id == member.id))
        }
        seen = s.scalar(
            select(OpinionSheetReturn.id).where(
                OpinionSheetReturn.sheet_id == issued.id,
                OpinionSheetReturn.sha256 == sheet.sha256,
            )
        )
        if seen is not None:
            return OpinionMergeResult(member.name, "already", 0, len(held))
        at = now()
        changed = 0
        for pid, text in sheet.opinions.items():
            row = held.get(pid)
            old = row.text if row is not None else ""
            if old == text:
                continue
            changed += 1
            project_id = None if pid == GENERAL_ID else pid
            if row is None:
                s.add(
                    MemberOpinion(
                        member_id=member.id, project_id=project_id, text=text, received_at=at
                    )
                )
            elif not text:
                s.delete(row)
            else:
                row.text, row.received_at = text, at
            audittrail.record(
                s,
                "member-opinion",
                round_id=rnd.id,
                project_id=project_id,
                field="member_opinion",
                old=old or None,
                new=text or None,
                source_file=path.name,
                source_sha256=sheet.sha256,
                note=f"{member.name} 委員",
                at=at,
            )
        outcome = "applied" if changed else "unchanged"
        s.add(
            OpinionSheetReturn(
                sheet_id=issued.id,
                file_name=path.name,
                sha256=sheet.sha256,
                received_at=at,
                os_user=os_user(),
                outcome=outcome,
                changed=changed,
            )
        )
        audittrail.record(
            s,
            "opinion-sheet-merge",
            round_id=rnd.id,
            field="opinion_sheet",
            source_file=path.name,
            source_sha256=sheet.sha256,
            note=f"{member.name} 委員の意見・提案シート（変更 {changed} 件）",
            at=at,
        )
        s.flush()
        count = s.scalar(select(func.count()).where(MemberOpinion.member_id == member.id))
        return OpinionMergeResult(member.name, outcome, changed, int(count or 0))
