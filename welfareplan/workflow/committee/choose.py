"""The opinions received on the members' sheets, and choosing them into the report.

Choosing an opinion appends it to the report's 委員意見 (:mod:`welfareplan.workflow.rounds.opinions`)
under the top-level node of its project (a general opinion under the node the division picks),
with its heading 【事業番号N:事業名】 generated from the project; the received opinion keeps a
link to it, so the list shows what is already in the report. The text can then be edited and
the order changed there like any opinion; withdrawing the choice removes it from the report.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core.errors import DataError
from welfareplan.core.labels import opinion_heading
from welfareplan.core.model import CommitteeMember, CommitteeOpinion, MemberOpinion, Project
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook
from welfareplan.workflow.rounds.opinions import append_opinion, delete_opinion, goal_of


@dataclass(frozen=True)
class ReceivedOpinion:
    id: str
    member_name: str
    project_id: str | None
    #: '【事業番号4:移送サービスへの支援】' or '【全般】'
    heading: str
    text: str
    #: the report's opinion made from it (None: not chosen)
    chosen_id: str | None
    #: for ordering: the project's order in the plan (general opinions last)
    sort: int


def list_received(wb: Workbook, fiscal_year: int) -> list[ReceivedOpinion]:
    """Every received opinion of the round, by project in plan order, then by member."""
    with wb.session() as s:
        rnd = round_for_year(s, fiscal_year)
        rows = s.execute(
            select(MemberOpinion, CommitteeMember, Project)
            .join(CommitteeMember, CommitteeMember.id == MemberOpinion.member_id)
            .outerjoin(Project, Project.id == MemberOpinion.project_id)
            .where(CommitteeMember.round_id == rnd.id)
        ).all()
        out = [
            ReceivedOpinion(
                id=o.id,
                member_name=m.name,
                project_id=o.project_id,
                heading=opinion_heading(p.label if p else None, p.name if p else None),
                text=o.text,
                chosen_id=o.chosen_id,
                sort=p.sort if p else 1 << 30,
            )
            for o, m, p in rows
        ]
        order = {m: i for i, m in enumerate(_member_order(s, rnd.id))}
        return sorted(out, key=lambda r: (r.sort, order.get(r.member_name, 0)))


def _member_order(s: Session, round_id: str) -> list[str]:
    return list(
        s.scalars(
            select(CommitteeMember.name)
            .where(CommitteeMember.round_id == round_id)
            .order_by(CommitteeMember.sort)
        )
    )


def choose_opinion(
    wb: Workbook, fiscal_year: int, received_id: str, *, goal: int | str | None = None
) -> str:
    """Put a received opinion into the report (a general one under top-level node ``goal``,
    its id or number); returns the report opinion's id. Refused when already chosen."""
    with wb.transaction() as s:
        rnd = round_for_year(s, fiscal_year)
        received = s.get(MemberOpinion, received_id)
        member = s.get(CommitteeMember, received.member_id) if received else None
        if received is None or member is None or member.round_id != rnd.id:
            raise DataError("この意見はこの年度に受け取った意見にありません。", code="no-opinion")
        if received.chosen_id is not None:
            raise DataError("この意見はすでに報告書の委員意見に入っています。", code="chosen")
        node = goal_of(s, fiscal_year, goal, received.project_id)
        opinion = append_opinion(s, rnd, node, received.project_id, received.text)
        received.chosen_id = opinion.id
        return opinion.id


def unchoose_opinion(wb: Workbook, received_id: str) -> None:
    """Take a chosen opinion out of the report again."""
    with wb.session() as s:
        received = s.get(MemberOpinion, received_id)
        chosen = received.chosen_id if received is not None else None
        if chosen is None or s.get(CommitteeOpinion, chosen) is None:
            raise DataError("この意見は報告書の委員意見に入っていません。", code="not-chosen")
    delete_opinion(wb, chosen)
