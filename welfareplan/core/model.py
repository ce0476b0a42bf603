"""The data model: plan structure, departments, rounds, entries, opinions and the audit trail.

One schema serves both kinds of file (the division's master workbook and the department files
issued from it); a department file simply holds a subset of the rows. Every row that history
refers to has a stable UUID key, so renumbering a project or renaming a department never
breaks last year's entries.

A plan is data (schema 3): its levels above the projects (:class:`PlanNode`, one to four
levels named by the plan, e.g. 基本目標 → 施策の方向性 → 施策), its evaluation form (the fields a
department fills in and the rating scale) and its report texts are stored with it as JSON.
What a department writes is one :class:`EntryValue` row per form field (an absent row is an
empty value). Projects of a revised plan are linked to the projects they continue by
:class:`ProjectLink` (one-to-many and many-to-one).

The base (:mod:`~welfareplan.core.model_base`), the division's issue / return tables
(:mod:`~welfareplan.core.model_issue`), the review tables of schema 4 (差戻し comments, the
section chief's confirmation: :mod:`~welfareplan.core.model_review`) and the committee's
members, opinion sheets and the city's answers (:mod:`~welfareplan.core.model_opinions`) are in
modules of their own and re-exported here.

Glossary (Japanese → class): 地域福祉計画 → Plan, 基本目標 / 施策の方向性 / 施策 → PlanNode,
事業 → Project, 担当課 → Department, 年度 → Round, 記入 → Entry (its values: EntryValue),
委員意見 → CommitteeOpinion.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from welfareplan.core.attributes import AttributeDef, attributes_from_json
from welfareplan.core.columntypes import JsonText
from welfareplan.core.entry_values import EntryValues
from welfareplan.core.evaluation_form import EvaluationForm
from welfareplan.core.identity import now
from welfareplan.core.model_base import Base, MetaItem, new_id, uuid_pk
from welfareplan.core.model_issue import (  # the division's tables: known wherever the model is
    CONFLICT_RESOLUTIONS,
    CONFLICT_STATUSES,
    ISSUED_FORMATS,
    RETURN_OUTCOMES,
    IssuedFile,
    IssuedValue,
    IssueSecret,
    MergeConflict,
    ReceivedReturn,
    RejectedReturn,
)
from welfareplan.core.model_opinions import (  # the committee's tables (schema 4)
    OPINION_RETURN_OUTCOMES,
    CommitteeMember,
    MemberOpinion,
    OpinionAnswer,
    OpinionSheet,
    OpinionSheetReturn,
)
from welfareplan.core.model_review import (  # the review tables (schema 4)
    COMMENT_STATUSES,
    CONFIRMATION_KINDS,
    NOTE_KINDS,
    ReturnConfirmation,
    ReviewComment,
    ReviewNote,
)
from welfareplan.core.plan_levels import PlanLevel, levels_from_json
from welfareplan.core.report_texts import ReportTexts

# ---------------------------------------------------------------------------- plan structure


class Plan(Base):
    """A plan, e.g. 小金井市地域福祉計画 2024–2029: its levels, evaluation form and report texts.

    ``levels``: list of {name, numbering} (:mod:`welfareplan.core.plan_levels`); ``form``: the
    evaluation form (:mod:`welfareplan.core.evaluation_form`); ``texts``: the report texts
    that differ from the defaults (:mod:`welfareplan.core.report_texts`); ``attributes``: the
    project attributes the plan states beyond 内容 (:mod:`welfareplan.core.attributes`).
    """

    __tablename__ = "plan"

    id: Mapped[str] = uuid_pk()
    key: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    period_start: Mapped[int]
    period_end: Mapped[int]
    philosophy: Mapped[str] = mapped_column(default="")
    issuer: Mapped[str] = mapped_column(default="")
    levels: Mapped[list[dict[str, str]]] = mapped_column(JsonText, default=list)
    form: Mapped[dict[str, object]] = mapped_column(JsonText, default=dict)
    texts: Mapped[dict[str, str]] = mapped_column(JsonText, default=dict)
    attributes: Mapped[list[dict[str, str]]] = mapped_column(JsonText, default=list)
    predecessor_id: Mapped[str | None] = mapped_column(ForeignKey("plan.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=now)

    nodes: Mapped[list[PlanNode]] = relationship(
        back_populates="plan",
        order_by="(PlanNode.depth, PlanNode.sort)",
        cascade="all, delete-orphan",
    )

    __table_args__ = (CheckConstraint("period_start <= period_end", name="ck_plan_period"),)

    @property
    def evaluation_form(self) -> EvaluationForm:
        return EvaluationForm.from_json(self.form)

    @property
    def plan_levels(self) -> tuple[PlanLevel, ...]:
        return levels_from_json(self.levels)

    @property
    def report_texts(self) -> ReportTexts:
        return ReportTexts.from_json(self.texts)

    @property
    def attribute_defs(self) -> tuple[AttributeDef, ...]:
        return attributes_from_json(self.attributes)

    @property
    def top_nodes(self) -> list[PlanNode]:
        return [n for n in self.nodes if n.parent_id is None]


class PlanNode(Base):
    """An item of a plan level above the projects (基本目標 1, 施策の方向性 (1), 施策 ① …).

    ``depth`` 0 is the top level; ``number`` is printed in the level's numbering style (NULL
    for a level without numbers); projects hang under nodes of the deepest level.
    """

    __tablename__ = "plan_node"

    id: Mapped[str] = uuid_pk()
    plan_id: Mapped[str] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("plan_node.id", ondelete="CASCADE"))
    depth: Mapped[int] = mapped_column(default=0)
    number: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str]
    sort: Mapped[int] = mapped_column(default=0)

    plan: Mapped[Plan] = relationship(back_populates="nodes")
    parent: Mapped[PlanNode | None] = relationship(
        remote_side="PlanNode.id", back_populates="children"
    )
    children: Mapped[list[PlanNode]] = relationship(
        back_populates="parent", order_by="PlanNode.sort", cascade="all, delete-orphan"
    )
    projects: Mapped[list[Project]] = relationship(
        back_populates="node", order_by="Project.sort", cascade="all, delete-orphan"
    )

    __table_args__ = (
        CheckConstraint("depth >= 0 AND depth <= 3", name="ck_plan_node_depth"),
        Index("ix_plan_node_plan", "plan_id", "depth", "sort"),
    )


class Project(Base):
    """事業 (個別事業・取り組み), with the label the plan prints ('4', '31～34', '新') and its
    order in the plan; ``attributes`` holds the values of the plan's project attributes."""

    __tablename__ = "project"

    id: Mapped[str] = uuid_pk()
    plan_id: Mapped[str] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    node_id: Mapped[str] = mapped_column(ForeignKey("plan_node.id", ondelete="CASCADE"))
    label: Mapped[str]
    name: Mapped[str]
    description: Mapped[str] = mapped_column(default="")
    attributes: Mapped[dict[str, str]] = mapped_column(JsonText, default=dict)
    sort: Mapped[int] = mapped_column(default=0)

    plan: Mapped[Plan] = relationship()
    node: Mapped[PlanNode] = relationship(back_populates="projects")
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="project", order_by="Assignment.sort", cascade="all, delete-orphan"
    )

    __table_args__ = (UniqueConstraint("plan_id", "label"),)


class ProjectLink(Base):
    """A project of a revised plan continues a project of an earlier plan of its lineage
    (継承 / 一部組替え): one-to-many and many-to-one links are allowed."""

    __tablename__ = "project_link"

    predecessor_id: Mapped[str] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
    )
    successor_id: Mapped[str] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
    )

    __table_args__ = (Index("ix_project_link_successor", "successor_id"),)


# ---------------------------------------------------------------------------- departments


class Department(Base):
    """A reporting unit (担当課): a city department or the Social Welfare Council."""

    __tablename__ = "department"

    id: Mapped[str] = uuid_pk()
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

    id: Mapped[str] = uuid_pk()
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

    id: Mapped[str] = uuid_pk()
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
    """One department's report on one project for one round; what it wrote is in
    :class:`EntryValue` rows, one per form field (an absent row is an empty value).

    ``label`` and ``sort`` are copied from the assignment when the round is created, so the
    report of a past year keeps its 担当課 labels and order whatever happens to the plan later.
    """

    __tablename__ = "entry"

    id: Mapped[str] = uuid_pk()
    round_id: Mapped[str] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    project_id: Mapped[str] = mapped_column(ForeignKey("project.id"))
    department_id: Mapped[str] = mapped_column(ForeignKey("department.id"))
    label: Mapped[str] = mapped_column(default="")
    sort: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[dt.datetime | None]
    updated_by: Mapped[str] = mapped_column(default="")

    round: Mapped[Round] = relationship()
    project: Mapped[Project] = relationship()
    department: Mapped[Department] = relationship()
    value_rows: Mapped[list[EntryValue]] = relationship(
        back_populates="entry", cascade="all, delete-orphan"
    )

    __table_args__ = (
        UniqueConstraint("round_id", "project_id", "department_id"),
        Index("ix_entry_department", "department_id", "round_id"),
    )

    @property
    def values(self) -> EntryValues:
        return EntryValues({v.field: v.value for v in self.value_rows})

    def set_value(self, field: str, value: str) -> None:
        """Store ``value`` in ``field`` (an empty value removes the row)."""
        row = next((v for v in self.value_rows if v.field == field), None)
        if not value:
            if row is not None:
                self.value_rows.remove(row)
        elif row is None:
            self.value_rows.append(EntryValue(field=field, value=value))
        else:
            row.value = value

    def set_values(self, values: EntryValues) -> None:
        """Replace every value with ``values``."""
        for row in list(self.value_rows):
            if not values.get(row.field):
                self.value_rows.remove(row)
        for field, value in values.items():
            self.set_value(field, value)


class EntryValue(Base):
    """One field of an entry (a form field key, see :mod:`welfareplan.core.evaluation_form`)."""

    __tablename__ = "entry_value"

    entry_id: Mapped[str] = mapped_column(
        ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True
    )
    field: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(default="")

    entry: Mapped[Entry] = relationship(back_populates="value_rows")


class CommitteeOpinion(Base):
    """An opinion of the citizens' committee (地域福祉推進委員会) on one round, per top-level
    node of the plan (基本目標).

    Tied to a project (printed 【事業番号4:移送サービスへの支援】) or general (【全般】).
    """

    __tablename__ = "committee_opinion"

    id: Mapped[str] = uuid_pk()
    round_id: Mapped[str] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    node_id: Mapped[str] = mapped_column(ForeignKey("plan_node.id"))
    project_id: Mapped[str | None] = mapped_column(ForeignKey("project.id"))
    text: Mapped[str]
    sort: Mapped[int] = mapped_column(default=0)

    round: Mapped[Round] = relationship()
    node: Mapped[PlanNode] = relationship()
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


__all__ = [  # the base and the division's tables are re-exported: one import for the model
    "COMMENT_STATUSES",
    "CONFIRMATION_KINDS",
    "CONFLICT_RESOLUTIONS",
    "CONFLICT_STATUSES",
    "ISSUED_FORMATS",
    "NOTE_KINDS",
    "OPINION_RETURN_OUTCOMES",
    "RETURN_OUTCOMES",
    "Assignment",
    "AuditEvent",
    "Base",
    "CommitteeMember",
    "CommitteeOpinion",
    "Department",
    "DepartmentAlias",
    "Entry",
    "EntryValue",
    "IssueSecret",
    "IssuedFile",
    "IssuedValue",
    "MemberOpinion",
    "MergeConflict",
    "MetaItem",
    "OpinionAnswer",
    "OpinionSheet",
    "OpinionSheetReturn",
    "Plan",
    "PlanNode",
    "Project",
    "ProjectLink",
    "ReceivedReturn",
    "RejectedReturn",
    "ReturnConfirmation",
    "ReviewComment",
    "ReviewNote",
    "Round",
    "new_id",
    "now",
]
