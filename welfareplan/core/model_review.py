"""The review tables (schema 4): 差戻し comments per field and the section chief's confirmation.

* :class:`ReviewComment`: the division marks one field of an entry (a key of the plan's
  evaluation form) as needing revision (差戻し). It stays ``open`` until the division closes it
  (``resolved``); ``sent_file_id`` / ``sent_at`` name the last re-issued file that carried it.
* :class:`ReviewNote`: every message on a comment, in order and never deleted: the division's
  comment (``comment``), a department's reply (``reply``, written in the department file like
  an entry and merged back), the division's closing note (``resolve``) or a note that keeps it
  open (``keep``).
* :class:`ReturnConfirmation`: a merged return's record of the section chief's confirmation
  (所属長・確認者: name, role, time, the file's revision at confirmation) or that it was
  submitted without one. It is a record, not a signature.

In a master workbook these hold every round's review; a department file holds the comments and
notes of its own entries (copied at issue) and the replies it adds. :mod:`welfareplan.core.model`
re-exports them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from welfareplan.core.identity import now
from welfareplan.core.model_base import Base, uuid_pk

COMMENT_STATUSES: tuple[str, ...] = ("open", "resolved")
NOTE_KINDS: tuple[str, ...] = ("comment", "reply", "resolve", "keep")
CONFIRMATION_KINDS: tuple[str, ...] = ("confirmed", "none")


class ReviewComment(Base):
    """A field of an entry the division sent back (差戻し), with its state."""

    __tablename__ = "review_comment"

    id: Mapped[str] = uuid_pk()
    round_id: Mapped[str] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    entry_id: Mapped[str] = mapped_column(ForeignKey("entry.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[dt.datetime] = mapped_column(default=now)
    created_by: Mapped[str] = mapped_column(default="")
    sent_file_id: Mapped[str | None] = mapped_column(String(36))
    sent_at: Mapped[dt.datetime | None]
    closed_at: Mapped[dt.datetime | None]
    closed_by: Mapped[str] = mapped_column(default="")

    __table_args__ = (
        CheckConstraint("status IN ('open', 'resolved')", name="ck_review_comment_status"),
        Index("ix_review_comment_entry", "entry_id", "field"),
        Index("ix_review_comment_round", "round_id", "status"),
    )


class ReviewNote(Base):
    """One message on a :class:`ReviewComment` (the comment itself, a reply, a closing note)."""

    __tablename__ = "review_note"

    id: Mapped[str] = uuid_pk()
    comment_id: Mapped[str] = mapped_column(ForeignKey("review_comment.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str]
    author: Mapped[str] = mapped_column(default="")
    at: Mapped[dt.datetime] = mapped_column(default=now)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    file_id: Mapped[str | None] = mapped_column(String(36))

    __table_args__ = (
        CheckConstraint(
            "kind IN ('comment', 'reply', 'resolve', 'keep')", name="ck_review_note_kind"
        ),
        Index("ix_review_note_comment", "comment_id", "seq"),
    )


class ReturnConfirmation(Base):
    """The confirmation a merged return carried (確認者 or none), one per return."""

    __tablename__ = "return_confirmation"

    return_id: Mapped[str] = mapped_column(
        ForeignKey("received_return.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(default="")
    role: Mapped[str] = mapped_column(default="")
    confirmed_at: Mapped[dt.datetime | None]
    #: a worksheet's revision (its save time as digits) needs 64 bits on a server
    confirmed_revision: Mapped[int | None] = mapped_column(
        Integer().with_variant(BigInteger(), "postgresql")
    )

    __table_args__ = (
        CheckConstraint("kind IN ('confirmed', 'none')", name="ck_return_confirmation_kind"),
    )
