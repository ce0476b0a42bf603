"""The data model's rules hold in the database itself, not only in the code."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tests.helpers.koganei import kv
from welfareplan.core.koganei_form import KOGANEI_FORM
from welfareplan.core.model import (
    AuditEvent,
    CommitteeOpinion,
    Department,
    Entry,
    EntryValue,
    PlanNode,
    Project,
    ProjectLink,
    Round,
)
from welfareplan.core.storage import Workbook


def test_keys_are_uuids(demo_wb: Workbook) -> None:
    with demo_wb.session() as s:
        for cls in (PlanNode, Project, Department, Round, Entry, CommitteeOpinion):
            for obj in s.scalars(select(cls)).all():
                assert uuid.UUID(obj.id).version in (4, 5)


def test_one_value_per_entry_and_field(demo_wb: Workbook) -> None:
    with pytest.raises(IntegrityError), demo_wb.transaction() as s:
        e = s.scalars(select(Entry)).first()
        assert e is not None
        s.execute(
            EntryValue.__table__.insert(),
            {"entry_id": e.id, "field": e.value_rows[0].field, "value": "重複"},
        )


def test_a_project_label_is_unique_in_its_plan(demo_wb: Workbook) -> None:
    with pytest.raises(IntegrityError), demo_wb.transaction() as s:
        p = s.scalar(select(Project).where(Project.label == "9"))
        assert p is not None
        p.label = "10"


def test_project_links_go_with_their_projects(demo_wb: Workbook) -> None:
    with demo_wb.transaction() as s:
        a, b = s.scalars(select(Project).order_by(Project.sort)).all()[:2]
        s.add(ProjectLink(predecessor_id=a.id, successor_id=b.id))
    with demo_wb.transaction() as s:
        assert s.scalar(select(ProjectLink)) is not None
        s.execute(ProjectLink.__table__.delete())


def test_one_entry_per_round_project_department(demo_wb: Workbook) -> None:
    with pytest.raises(IntegrityError), demo_wb.transaction() as s:
        e = s.scalars(select(Entry)).first()
        assert e is not None
        s.add(
            Entry(
                round_id=e.round_id,
                project_id=e.project_id,
                department_id=e.department_id,
            )
        )


def test_failed_transaction_changes_nothing(demo_wb: Workbook) -> None:
    with demo_wb.session() as s:
        before = [(e.id, e.values) for e in s.scalars(select(Entry))]
    with pytest.raises(IntegrityError), demo_wb.transaction() as s:
        for e in s.scalars(select(Entry)):
            e.set_values(kv("上書き", "D", ""))
        s.flush()
        s.add(Department(name="地域福祉課"))  # duplicate name → the whole transaction fails
    with demo_wb.session() as s:
        assert [(e.id, e.values) for e in s.scalars(select(Entry))] == before


def test_renaming_keeps_history(demo_wb: Workbook) -> None:
    with demo_wb.transaction() as s:
        dept = s.scalar(select(Department).where(Department.name == "介護福祉課"))
        assert dept is not None
        dept.name = "高齢福祉課"
        project = s.scalar(select(Project).where(Project.label == "9"))
        assert project is not None
        project.label = "90"
    with demo_wb.session() as s:
        entries = s.scalars(
            select(Entry).join(Department).where(Department.name == "高齢福祉課")
        ).all()
        assert len(entries) == 6
        assert {e.label for e in entries} == {"介護福祉課"}  # the printed label of FY2024 stays


def test_foreign_keys_are_enforced(demo_wb: Workbook) -> None:
    with pytest.raises(IntegrityError), demo_wb.transaction() as s:
        e = s.scalars(select(Entry)).first()
        assert e is not None
        e.department_id = "00000000-0000-0000-0000-000000000000"


def test_audit_table_records_changes(demo_wb: Workbook) -> None:
    with demo_wb.transaction() as s:
        s.add(
            AuditEvent(
                os_user="yamada",
                action="edit",
                field="result",
                old="旧",
                new="新",
                source_file="地域福祉課.wpdb",
            )
        )
    with demo_wb.session() as s:
        ev = s.scalar(select(AuditEvent))
        assert ev is not None and ev.at.tzinfo is not None and ev.id == 1


def test_entry_values_rows() -> None:
    e = Entry()
    assert e.values.is_blank(KOGANEI_FORM) and not e.values.is_complete(KOGANEI_FORM)
    e.set_values(kv("", "A", ""))
    assert not e.values.is_blank(KOGANEI_FORM) and not e.values.is_complete(KOGANEI_FORM)
    e.set_values(kv("実績", "A", "展望"))
    assert e.values.is_complete(KOGANEI_FORM) and len(e.value_rows) == 3
    e.set_values(kv("実績", "", "展望"))
    assert len(e.value_rows) == 2  # an empty value is no row
