"""The committee's members of a round (委員名簿), in list order. Every change is audited."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from welfareplan.core import audittrail
from welfareplan.core.errors import DataError
from welfareplan.core.model import CommitteeMember, MemberOpinion, OpinionSheet
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook
from welfareplan.core.textclean import clean_text

MAX_NAME = 40


@dataclass(frozen=True)
class MemberInfo:
    id: str
    name: str
    #: opinion sheets issued to the member
    sheets: int
    #: opinions received from the member (non-empty cells of their last returns)
    opinions: int


def list_members(wb: Workbook, fiscal_year: int) -> list[MemberInfo]:
    with wb.session() as s:
        rnd = round_for_year(s, fiscal_year)
        members = s.scalars(
            select(CommitteeMember)
            .where(CommitteeMember.round_id == rnd.id)
            .order_by(CommitteeMember.sort)
        ).all()
        sheets: dict[str, int] = dict(
            s.execute(
                select(OpinionSheet.member_id, func.count()).group_by(OpinionSheet.member_id)
            ).all()
        )
        opinions: dict[str, int] = dict(
            s.execute(
                select(MemberOpinion.member_id, func.count()).group_by(MemberOpinion.member_id)
            ).all()
        )
        return [
            MemberInfo(m.id, m.name, sheets.get(m.id, 0), opinions.get(m.id, 0)) for m in members
        ]


def member_name(text: str) -> str:
    """A typed name, cleaned; refused when empty or too long."""
    name = " ".join(clean_text(text).split())
    if not name:
        raise DataError("委員の氏名を入力してください。", code="bad-member")
    if len(name) > MAX_NAME:
        raise DataError(f"委員の氏名は {MAX_NAME} 文字以内にしてください。", code="bad-member")
    return name


def add_member(wb: Workbook, fiscal_year: int, name: str) -> str:
    """Add a member at the end of the round's list; returns the member's id."""
    cleaned = member_name(name)
    with wb.transaction() as s:
        rnd = round_for_year(s, fiscal_year)
        existing = s.scalars(
            select(CommitteeMember).where(CommitteeMember.round_id == rnd.id)
        ).all()
        if any(m.name == cleaned for m in existing):
            raise DataError(f"委員「{cleaned}」はすでに名簿にあります。", code="bad-member")
        member = CommitteeMember(
            round_id=rnd.id, name=cleaned, sort=max((m.sort for m in existing), default=0) + 1
        )
        s.add(member)
        s.flush()
        audittrail.record(s, "member-add", round_id=rnd.id, field="committee_member", new=cleaned)
        return member.id


def remove_member(wb: Workbook, member_id: str) -> None:
    """Remove a member; refused once a sheet was issued to them (their record stays)."""
    with wb.transaction() as s:
        member = s.get(CommitteeMember, member_id)
        if member is None:
            raise DataError("この委員は名簿から削除されています。", code="no-member")
        issued = s.scalar(select(func.count()).where(OpinionSheet.member_id == member_id))
        if issued:
            raise DataError(
                f"委員「{member.name}」には意見・提案シートを配布済みのため、名簿から削除できません。",
                code="member-issued",
            )
        audittrail.record(
            s, "member-delete", round_id=member.round_id, field="committee_member", old=member.name
        )
        s.delete(member)
