"""The committee's tables (schema 4): the members of a round's committee (委員名簿), the opinion
sheets issued to them (意見・提案シート), the sheets received back, the opinions they hold, and
the city's answer to an opinion of the report (市の考え方・対応).

* :class:`CommitteeMember` — one member of the round's committee, in list order.
* :class:`OpinionSheet` — one sheet issued to one member: its id is the id written into the
  sheet's hidden keys and covered by its MAC (the worksheet signing of
  :mod:`welfareplan.workflow.issuing.signing`).
* :class:`OpinionSheetReturn` — each received file of a sheet (its SHA-256): the same file
  twice is recognised and never applied twice.
* :class:`MemberOpinion` — what a member wrote for one project (or in general, ``project_id``
  NULL) as last received; ``chosen_id`` is the report's :class:`~welfareplan.core.model.CommitteeOpinion`
  made from it (NULL: not chosen).
* :class:`OpinionAnswer` — the city's answer to one opinion of the report, with the department
  responsible.

The tables hold a few dozen rows per round and have no indexes beyond their keys: every table
and index is a page of every department file too, and department files are kept small.

:mod:`welfareplan.core.model` re-exports them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from welfareplan.core.identity import now
from welfareplan.core.model_base import Base, uuid_pk

OPINION_RETURN_OUTCOMES: tuple[str, ...] = ("applied", "unchanged")


class CommitteeMember(Base):
    """A member of the committee (推進委員会の委員) for one round."""

    __tablename__ = "committee_member"

    id: Mapped[str] = uuid_pk()
    round_id: Mapped[str] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    name: Mapped[str]
    sort: Mapped[int] = mapped_column(default=0)

    __table_args__ = (UniqueConstraint("round_id", "name"),)


class OpinionSheet(Base):
    """An opinion sheet issued to one member (its id is the sheet's signed file id)."""

    __tablename__ = "opinion_sheet"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    member_id: Mapped[str] = mapped_column(ForeignKey("committee_member.id", ondelete="CASCADE"))
    file_name: Mapped[str] = mapped_column(default="")
    issued_at: Mapped[dt.datetime]
    issued_by: Mapped[str] = mapped_column(default="")
    mac: Mapped[str] = mapped_column(String(64))


class OpinionSheetReturn(Base):
    """One received file of an opinion sheet."""

    __tablename__ = "opinion_sheet_return"

    id: Mapped[str] = uuid_pk()
    sheet_id: Mapped[str] = mapped_column(ForeignKey("opinion_sheet.id", ondelete="CASCADE"))
    file_name: Mapped[str] = mapped_column(default="")
    sha256: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[dt.datetime] = mapped_column(default=now)
    os_user: Mapped[str] = mapped_column(default="")
    outcome: Mapped[str] = mapped_column(String(16))
    changed: Mapped[int] = mapped_column(default=0)

    __table_args__ = (
        CheckConstraint("outcome IN ('applied', 'unchanged')", name="ck_opinion_return_outcome"),
    )


class MemberOpinion(Base):
    """What one member wrote about one project (``project_id`` NULL: the general opinion)."""

    __tablename__ = "member_opinion"

    id: Mapped[str] = uuid_pk()
    member_id: Mapped[str] = mapped_column(ForeignKey("committee_member.id", ondelete="CASCADE"))
    project_id: Mapped[str | None] = mapped_column(ForeignKey("project.id"))
    text: Mapped[str]
    received_at: Mapped[dt.datetime] = mapped_column(default=now)
    chosen_id: Mapped[str | None] = mapped_column(
        ForeignKey("committee_opinion.id", ondelete="SET NULL")
    )


class OpinionAnswer(Base):
    """The city's answer (市の考え方・対応) to one opinion of the report."""

    __tablename__ = "opinion_answer"

    opinion_id: Mapped[str] = mapped_column(
        ForeignKey("committee_opinion.id", ondelete="CASCADE"), primary_key=True
    )
    department_id: Mapped[str | None] = mapped_column(ForeignKey("department.id"))
    text: Mapped[str]
    updated_at: Mapped[dt.datetime] = mapped_column(default=now)
    updated_by: Mapped[str] = mapped_column(default="")
