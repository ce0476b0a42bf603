"""The division's workflow tables (schema 2; values per form field since 3): issued department
files and worksheets, the merge base, received returns and conflicts. In a master workbook
these record the yearly cycle; a department file holds only its own ``issued_file`` row (its
issuance record) and never the secret. :mod:`welfareplan.core.model` re-exports them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from welfareplan.core.columntypes import JsonText
from welfareplan.core.identity import now
from welfareplan.core.model_base import Base, uuid_pk

#: How an issued file travels: a department file (.wpdb) or an Excel worksheet (.xlsx).
ISSUED_FORMATS: tuple[str, ...] = ("wpdb", "xlsx")
RETURN_OUTCOMES: tuple[str, ...] = ("applied", "unchanged", "conflicts")
CONFLICT_STATUSES: tuple[str, ...] = ("open", "resolved", "superseded")
CONFLICT_RESOLUTIONS: tuple[str, ...] = ("", "file", "master", "manual")


class IssueSecret(Base):
    """The per-workbook secret the MACs of issued files are made with.

    Created at first need and kept only in the master workbook: it is never copied into a
    department file, an export or a log, so only this workbook can recognise its own files.
    """

    __tablename__ = "issue_secret"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    secret: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=now)

    __table_args__ = (CheckConstraint("id = 1", name="ck_issue_secret_single"),)


class IssuedFile(Base):
    """A file issued to one department for one round (配布ファイル): its issuance record.

    ``id`` is the file's UUID (``wp_meta.file_uuid`` of the department file). ``entry_keys``
    lists the entry ids the department may fill in; ``context`` maps each plan project in the
    file to a digest of its rows at issue, so edited plan rows are recognised on return; ``mac``
    is an HMAC-SHA256 over all of it made with :class:`IssueSecret`.
    """

    __tablename__ = "issued_file"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("round.id"))
    department_id: Mapped[str] = mapped_column(ForeignKey("department.id"))
    file_format: Mapped[str] = mapped_column(String(8), default="wpdb")
    file_name: Mapped[str] = mapped_column(default="")
    issued_at: Mapped[dt.datetime]
    issued_by: Mapped[str] = mapped_column(default="")
    entry_keys: Mapped[list[str]] = mapped_column(JsonText)
    context: Mapped[dict[str, str]] = mapped_column(JsonText, default=dict)
    mac: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        CheckConstraint("file_format IN ('wpdb', 'xlsx')", name="ck_issued_file_format"),
        Index("ix_issued_file_round", "round_id", "department_id"),
    )


class IssuedValue(Base):
    """The value of one field of one entry as issued in one file, and the merge base.

    ``value`` is what was sent out (never changed); ``base_value`` starts equal to it and
    advances to the file's value each time a return of this file is merged, so the next
    return of the same file is compared with what the division last received. There is a row
    for every form field of every issued entry, empty ones included.
    """

    __tablename__ = "issued_value"

    issued_file_id: Mapped[str] = mapped_column(
        ForeignKey("issued_file.id", ondelete="CASCADE"), primary_key=True
    )
    entry_id: Mapped[str] = mapped_column(
        ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True
    )
    field: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(default="")
    base_value: Mapped[str] = mapped_column(default="")

    __table_args__ = (Index("ix_issued_value_entry", "entry_id"),)


class ReceivedReturn(Base):
    """A returned file that was merged (取込): one row per accepted return.

    Rejected files change none of the master's content and are therefore not recorded here
    but in :class:`RejectedReturn`. ``revision`` and the ``submitted_*`` columns are
    copied from the returned file's ``wp_meta``.
    """

    __tablename__ = "received_return"

    id: Mapped[str] = uuid_pk()
    issued_file_id: Mapped[str] = mapped_column(ForeignKey("issued_file.id"))
    round_id: Mapped[str] = mapped_column(ForeignKey("round.id"))
    department_id: Mapped[str] = mapped_column(ForeignKey("department.id"))
    file_name: Mapped[str] = mapped_column(default="")
    sha256: Mapped[str] = mapped_column(String(64))
    #: a worksheet's revision is its save time as digits (20990510010000): 64 bits on a server
    revision: Mapped[int] = mapped_column(Integer().with_variant(BigInteger(), "postgresql"))
    received_at: Mapped[dt.datetime] = mapped_column(default=now)
    os_user: Mapped[str] = mapped_column(default="")
    outcome: Mapped[str] = mapped_column(String(16))
    applied_fields: Mapped[int] = mapped_column(default=0)
    conflict_fields: Mapped[int] = mapped_column(default=0)
    submitted_at: Mapped[dt.datetime | None]
    submitted_by: Mapped[str] = mapped_column(default="")
    submitted_os_user: Mapped[str] = mapped_column(default="")
    submitted_host: Mapped[str] = mapped_column(default="")
    submitted_revision: Mapped[int | None] = mapped_column(
        Integer().with_variant(BigInteger(), "postgresql")
    )

    __table_args__ = (
        CheckConstraint(
            "outcome IN ('applied', 'unchanged', 'conflicts')", name="ck_received_return_outcome"
        ),
        Index("ix_received_return_file", "issued_file_id", "revision"),
        Index("ix_received_return_round", "round_id", "department_id"),
    )


class RejectedReturn(Base):
    """A returned file the merge refused (schema 5): the journal row that shows the department
    as 却下（再送待ち） to every user of the master until a further return of it is merged.

    Not content: it changes nothing of the plan, the entries or the opinions, and it is written
    after the refusal in a short transaction of its own (never inside a merge's). A master kept
    as a file still journals beside itself; this table is what a server master writes and what
    a copy of either kind carries (:mod:`welfareplan.workflow.returns.rejections`).
    """

    __tablename__ = "rejected_return"

    id: Mapped[str] = uuid_pk()
    issued_file_id: Mapped[str] = mapped_column(ForeignKey("issued_file.id", ondelete="CASCADE"))
    round_id: Mapped[str] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    department_id: Mapped[str] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"))
    file_name: Mapped[str] = mapped_column(default="")
    sha256: Mapped[str] = mapped_column(String(64))
    rejected_at: Mapped[dt.datetime] = mapped_column(default=now)
    os_user: Mapped[str] = mapped_column(default="")
    code: Mapped[str] = mapped_column(default="")
    reason: Mapped[str] = mapped_column(default="")
    #: how many returns of the department were merged when this file was rejected
    returns_seen: Mapped[int] = mapped_column(default=0)

    __table_args__ = (Index("ix_rejected_return_round", "round_id", "department_id"),)


class MergeConflict(Base):
    """A field changed both by a department (in a returned file) and in the master since issue.

    Open conflicts keep the master's value until resolved: with the file's value, the
    master's, or a text typed by hand. A newer conflict on the same field supersedes an open one.
    """

    __tablename__ = "merge_conflict"

    id: Mapped[str] = uuid_pk()
    return_id: Mapped[str] = mapped_column(ForeignKey("received_return.id"))
    issued_file_id: Mapped[str] = mapped_column(ForeignKey("issued_file.id"))
    entry_id: Mapped[str] = mapped_column(ForeignKey("entry.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(32))
    base_value: Mapped[str] = mapped_column(default="")
    file_value: Mapped[str] = mapped_column(default="")
    master_value: Mapped[str] = mapped_column(default="")
    status: Mapped[str] = mapped_column(String(16), default="open")
    resolution: Mapped[str] = mapped_column(String(16), default="")
    resolved_value: Mapped[str | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=now)
    resolved_at: Mapped[dt.datetime | None]
    resolved_by: Mapped[str] = mapped_column(default="")

    __table_args__ = (
        CheckConstraint("status IN ('open', 'resolved', 'superseded')", name="ck_conflict_status"),
        CheckConstraint(
            "resolution IN ('', 'file', 'master', 'manual')", name="ck_conflict_resolution"
        ),
        Index("ix_merge_conflict_entry", "entry_id", "field", "status"),
    )
