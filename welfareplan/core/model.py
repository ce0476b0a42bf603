"""The data model: plan structure, departments, rounds, entries, opinions and the audit trail.

One schema serves both kinds of file (the division's master workbook and the department files
issued from it); a department file simply holds a subset of the rows. Every row that history
refers to has a stable UUID key, so renumbering a project or renaming a department never
breaks last year's entries.

Glossary (Japanese → class): 地域福祉計画 → Plan, 基本目標 → Goal, 施策の方向性 → Direction,
施策 → Measure, 事業 → Project, 担当課 → Department, 年度 → Round, 事業実績・評価理由 /
事業評価 / 今後の事業計画・展望 → Entry.result / rating / outlook, 委員意見 → CommitteeOpinion.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from welfareplan.core.checks import EntryValues
from welfareplan.core.columntypes import IsoDate, IsoDateTime, JsonText
from welfareplan.core.identity import now as now  # noqa: PLC0414 - re-exported: the model's clock
from welfareplan.core.labels import ENTRY_FIELDS as ENTRY_FIELDS  # noqa: PLC0414 - re-exported
from welfareplan.core.labels import RATINGS as RATINGS  # noqa: PLC0414 - explicit re-export for the model's users


def new_id() -> str:
    return str(uuid.uuid4())


def _uuid_pk() -> Mapped[str]:
    return mapped_column(String(36), primary_key=True, default=new_id)


class Base(DeclarativeBase):
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy's documented configuration hook
        dt.datetime: IsoDateTime(),
        dt.date: IsoDate(),
        str: Text(),
    }


class MetaItem(Base):
    """Key/value facts about the file itself: kind, file UUID, app version, created_at, …"""

    __tablename__ = "wp_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str]


# ---------------------------------------------------------------------------- plan structure


class Plan(Base):
    """A Regional Welfare Plan (地域福祉計画), e.g. the 2024–2029 plan."""

    __tablename__ = "plan"

    id: Mapped[str] = _uuid_pk()
    key: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    period_start: Mapped[int]
    period_end: Mapped[int]
    philosophy: Mapped[str] = mapped_column(default="")
    issuer: Mapped[str] = mapped_column(default="")
    rating_criteria: Mapped[dict[str, str]] = mapped_column(JsonText, default=dict)
    outlook_note: Mapped[str] = mapped_column(default="")
    predecessor_id: Mapped[str | None] = mapped_column(ForeignKey("plan.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=now)

    goals: Mapped[list[Goal]] = relationship(
        back_populates="plan", order_by="Goal.number", cascade="all, delete-orphan"
    )

    __table_args__ = (CheckConstraint("period_start <= period_end", name="ck_plan_period"),)


class Goal(Base):
    """基本目標."""

    __tablename__ = "goal"

    id: Mapped[str] = _uuid_pk()
    plan_id: Mapped[str] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    number: Mapped[int]
    name: Mapped[str]

    plan: Mapped[Plan] = relationship(back_populates="goals")
    directions: Mapped[list[Direction]] = relationship(
        back_populates="goal", order_by="Direction.number", cascade="all, delete-orphan"
    )

    __table_args__ = (UniqueConstraint("plan_id", "number"),)


class Direction(Base):
    """施策の方向性 (基本施策), numbered (1), (2), … within a goal."""

    __tablename__ = "direction"

    id: Mapped[str] = _uuid_pk()
    goal_id: Mapped[str] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"))
    number: Mapped[int]
    name: Mapped[str]

    goal: Mapped[Goal] = relationship(back_populates="directions")
    measures: Mapped[list[Measure]] = relationship(
        back_populates="direction", order_by="Measure.number", cascade="all, delete-orphan"
    )

    __table_args__ = (UniqueConstraint("goal_id", "number"),)


class Measure(Base):
    """施策, numbered ①, ②, … within a direction."""

    __tablename__ = "measure"

    id: Mapped[str] = _uuid_pk()
    direction_id: Mapped[str] = mapped_column(ForeignKey("direction.id", ondelete="CASCADE"))
    number: Mapped[int]
    name: Mapped[str]

    direction: Mapped[Direction] = relationship(back_populates="measures")
    projects: Mapped[list[Project]] = relationship(
        back_populates="measure", order_by="Project.sort", cascade="all, delete-orphan"
    )

    __table_args__ = (UniqueConstraint("direction_id", "number"),)


class Project(Base):
    """事業 (個別事業・取り組み): numbered 1–47 across the plan, or a group such as 31~34."""

    __tablename__ = "project"

    id: Mapped[str] = _uuid_pk()
    plan_id: Mapped[str] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    measure_id: Mapped[str] = mapped_column(ForeignKey("measure.id", ondelete="CASCADE"))
    number: Mapped[int]
    number_end: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str]
    description: Mapped[str] = mapped_column(default="")
    sort: Mapped[int] = mapped_column(default=0)
    predecessor_id: Mapped[str | None] = mapped_column(
        ForeignKey("project.id", ondelete="SET NULL")
    )

    plan: Mapped[Plan] = relationship()
    measure: Mapped[Measure] = relationship(back_populates="projects")
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="project", order_by="Assignment.sort", cascade="all, delete-orphan"
    )

    __table_args__ = (
        UniqueConstraint("plan_id", "number"),
        CheckConstraint("number_end IS NULL OR number_end > number", name="ck_project_group"),
    )


# ---------------------------------------------------------------------------- departments


class Department(Base):
    """A reporting unit (担当課): a city department or the Social Welfare Council."""

    __tablename__ = "department"

    id: Mapped[str] = _uuid_pk()
    name: Mapped[str] = mapped_column(unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="city")
    sort: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    note: Mapped[str] = mapped_column(default="")

    aliases: Mapped[list[DepartmentAlias]] = relationship(
        back_populates="department", cascade="all, delete-orphan"
    )

    __table_args__ = (CheckConstraint("kind IN ('city', 'council')", name="ck_department_kind"),)


class DepartmentAlias(Base):
    """A string that means a department (normalised: NFKC, no spaces)."""

    __tablename__ = "department_alias"

    alias: Mapped[str] = mapped_column(primary_key=True)
    department_id: Mapped[str] = mapped_column(ForeignKey("department.id", ondelete="CASCADE"))

    department: Mapped[Department] = relationship(back_populates="aliases")


class Assignment(Base):
    """Which department reports on which project, with the label printed in 担当課."""

    __tablename__ = "assignment"

    id: Mapped[str] = _uuid_pk()
    project_id: Mapped[str] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    department_id: Mapped[str] = mapped_column(ForeignKey("department.id"))
    label: Mapped[str] = mapped_column(default="")
    sort: Mapped[int] = mapped_column(default=0)

    project: Mapped[Project] = relationship(back_populates="assignments")
    department: Mapped[Department] = relationship()

    __table_args__ = (UniqueConstraint("project_id", "department_id"),)


# ---------------------------------------------------------------------------- yearly rounds


class Round(Base):
    """One fiscal year's evaluation (年度), e.g. FY2024 = 令和6年度実績."""

    __tablename__ = "round"

    id: Mapped[str] = _uuid_pk()
    plan_id: Mapped[str] = mapped_column(ForeignKey("plan.id"))
    fiscal_year: Mapped[int] = mapped_column(unique=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    deadline: Mapped[dt.date | None]
    published_on: Mapped[dt.date | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=now)

    plan: Mapped[Plan] = relationship()

    __table_args__ = (CheckConstraint("status IN ('open', 'closed')", name="ck_round_status"),)

    @property
    def is_open(self) -> bool:
        return self.status == "open"


class Entry(Base):
    """One department's report on one project for one round.

    ``label`` and ``sort`` are copied from the assignment when the round is created, so the
    report of a past year keeps its 担当課 labels and order whatever happens to the plan later.
    """

    __tablename__ = "entry"

    id: Mapped[str] = _uuid_pk()
    round_id: Mapped[str] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"))
    department_id: Mapped[str] = mapped_column(ForeignKey("department.id"))
    label: Mapped[str] = mapped_column(default="")
    sort: Mapped[int] = mapped_column(default=0)
    result: Mapped[str] = mapped_column(default="")
    rating: Mapped[str] = mapped_column(String(1), default="")
    outlook: Mapped[str] = mapped_column(default="")
    updated_at: Mapped[dt.datetime | None]
    updated_by: Mapped[str] = mapped_column(default="")

    round: Mapped[Round] = relationship()
    project: Mapped[Project] = relationship()
    department: Mapped[Department] = relationship()

    __table_args__ = (
        UniqueConstraint("round_id", "project_id", "department_id"),
        CheckConstraint("rating IN ('', 'A', 'B', 'C', 'D')", name="ck_entry_rating"),
        Index("ix_entry_department", "department_id", "round_id"),
    )

    @property
    def values(self) -> EntryValues:
        return EntryValues(self.result, self.rating, self.outlook)

    @property
    def is_complete(self) -> bool:
        return self.values.is_complete

    @property
    def is_blank(self) -> bool:
        return self.values.is_blank


class CommitteeOpinion(Base):
    """An opinion of the citizens' committee (地域福祉推進委員会) on one round, per goal.

    Tied to a project (printed 【事業番号4:移送サービスへの支援】) or general (【全般】).
    """

    __tablename__ = "committee_opinion"

    id: Mapped[str] = _uuid_pk()
    round_id: Mapped[str] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    goal_id: Mapped[str] = mapped_column(ForeignKey("goal.id"))
    project_id: Mapped[str | None] = mapped_column(ForeignKey("project.id"))
    text: Mapped[str]
    sort: Mapped[int] = mapped_column(default=0)

    round: Mapped[Round] = relationship()
    goal: Mapped[Goal] = relationship()
    project: Mapped[Project | None] = relationship()


# ---------------------------------------------------------------------------- audit


class AuditEvent(Base):
    """Who changed what, when, and from which file. Append-only."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(default=now)
    os_user: Mapped[str] = mapped_column(default="")
    action: Mapped[str] = mapped_column(String(32))
    round_id: Mapped[str | None] = mapped_column(String(36))
    project_id: Mapped[str | None] = mapped_column(String(36))
    department_id: Mapped[str | None] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(default="")
    old: Mapped[str | None]
    new: Mapped[str | None]
    source_file: Mapped[str] = mapped_column(default="")
    source_sha256: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(default="")

    __table_args__ = (Index("ix_audit_entry", "round_id", "project_id", "department_id"),)


# ---------------------------------------------------------------------------- division workflow
# (schema version 2) Issued department files, the merge base, received returns and conflicts.
# In a master workbook these record the yearly cycle; a department file holds only its own
# ``issued_file`` row (its issuance record) and never the secret.

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

    round: Mapped[Round] = relationship()
    department: Mapped[Department] = relationship()

    __table_args__ = (
        CheckConstraint("file_format IN ('wpdb', 'xlsx')", name="ck_issued_file_format"),
        Index("ix_issued_file_round", "round_id", "department_id"),
    )


class IssuedEntry(Base):
    """The value of one entry as issued in one file, and the merge base of that file.

    ``result``/``rating``/``outlook`` are what was sent out (never changed). ``base_*`` start
    equal to them and advance to the file's values each time a return of this file is merged,
    so the next return of the same file is compared with what the division last received.
    """

    __tablename__ = "issued_entry"

    issued_file_id: Mapped[str] = mapped_column(
        ForeignKey("issued_file.id", ondelete="CASCADE"), primary_key=True
    )
    entry_id: Mapped[str] = mapped_column(
        ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True
    )
    result: Mapped[str] = mapped_column(default="")
    rating: Mapped[str] = mapped_column(String(1), default="")
    outlook: Mapped[str] = mapped_column(default="")
    base_result: Mapped[str] = mapped_column(default="")
    base_rating: Mapped[str] = mapped_column(String(1), default="")
    base_outlook: Mapped[str] = mapped_column(default="")

    __table_args__ = (Index("ix_issued_entry_entry", "entry_id"),)


class ReceivedReturn(Base):
    """A returned file that was merged (取込): one row per accepted return.

    Rejected files leave the master untouched and are therefore not recorded here (see
    ``welfareplan.workflow.returns.rejections``). ``revision`` and the ``submitted_*`` columns are
    copied from the returned file's ``wp_meta``.
    """

    __tablename__ = "received_return"

    id: Mapped[str] = _uuid_pk()
    issued_file_id: Mapped[str] = mapped_column(ForeignKey("issued_file.id"))
    round_id: Mapped[str] = mapped_column(ForeignKey("round.id"))
    department_id: Mapped[str] = mapped_column(ForeignKey("department.id"))
    file_name: Mapped[str] = mapped_column(default="")
    sha256: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int]
    received_at: Mapped[dt.datetime] = mapped_column(default=now)
    os_user: Mapped[str] = mapped_column(default="")
    outcome: Mapped[str] = mapped_column(String(16))
    applied_fields: Mapped[int] = mapped_column(default=0)
    conflict_fields: Mapped[int] = mapped_column(default=0)
    submitted_at: Mapped[dt.datetime | None]
    submitted_by: Mapped[str] = mapped_column(default="")
    submitted_os_user: Mapped[str] = mapped_column(default="")
    submitted_host: Mapped[str] = mapped_column(default="")
    submitted_revision: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint(
            "outcome IN ('applied', 'unchanged', 'conflicts')", name="ck_received_return_outcome"
        ),
        Index("ix_received_return_file", "issued_file_id", "revision"),
        Index("ix_received_return_round", "round_id", "department_id"),
    )


class MergeConflict(Base):
    """A field changed both by a department (in a returned file) and in the master since issue.

    Open conflicts keep the master's value until resolved: with the file's value, the
    master's, or a text typed by hand. A newer conflict on the same field supersedes an open one.
    """

    __tablename__ = "merge_conflict"

    id: Mapped[str] = _uuid_pk()
    return_id: Mapped[str] = mapped_column(ForeignKey("received_return.id"))
    issued_file_id: Mapped[str] = mapped_column(ForeignKey("issued_file.id"))
    entry_id: Mapped[str] = mapped_column(ForeignKey("entry.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(16))
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
        CheckConstraint("field IN ('result', 'rating', 'outlook')", name="ck_conflict_field"),
        CheckConstraint("status IN ('open', 'resolved', 'superseded')", name="ck_conflict_status"),
        CheckConstraint(
            "resolution IN ('', 'file', 'master', 'manual')", name="ck_conflict_resolution"
        ),
        Index("ix_merge_conflict_entry", "entry_id", "field", "status"),
    )
