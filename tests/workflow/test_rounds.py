"""Rounds: created from the plan in force with empty entries; closed rounds are read-only. The
services that need no file backups to check run on a master file and on a server (``master_at``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import sha256
from tests.helpers.masters import opened_master
from welfareplan.core.errors import DataError, ReadOnlyError
from welfareplan.core.koganei_form import KOGANEI_FORM
from welfareplan.core.model import Assignment, AuditEvent, Entry, Plan
from welfareplan.core.previous import previous_values
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook
from welfareplan.workflow.master.backups import list_backups
from welfareplan.workflow.rounds import lifecycle


def test_new_round_has_one_empty_entry_per_assignment(demo_copy: Path) -> None:
    with Workbook.open(demo_copy) as wb:
        info = lifecycle.create_round(wb, 2025, deadline=dt.date(2026, 5, 31))
        assert (info.fiscal_year, info.entries, info.departments) == (2025, 69, 12)
        assert (
            info.is_open and info.label == "令和7年度実績" and info.deadline == dt.date(2026, 5, 31)
        )
        with wb.session() as s:
            rnd = round_for_year(s, 2025)
            entries = s.scalars(select(Entry).where(Entry.round_id == rnd.id)).all()
            assert all(e.values.is_blank(KOGANEI_FORM) and e.updated_at is None for e in entries)
            by_key = {(a.project_id, a.department_id): a for a in s.scalars(select(Assignment))}
            assert all(
                (e.label, e.sort)
                == (
                    by_key[(e.project_id, e.department_id)].label,
                    by_key[(e.project_id, e.department_id)].sort,
                )
                for e in entries
            )
            prev = previous_values(s, rnd.id)
            assert len(prev) == 69
            assert all(p[0].values.rating(KOGANEI_FORM) for p in prev.values())
            assert s.scalar(select(AuditEvent).where(AuditEvent.action == "round-create"))
    assert [b.reason for b in list_backups(demo_copy)] == ["round"]


def test_round_for_an_existing_year_is_refused(demo_copy: Path) -> None:
    before = sha256(demo_copy)
    with Workbook.open(demo_copy) as wb, pytest.raises(DataError) as info:
        lifecycle.create_round(wb, 2024)
    assert info.value.code == "round-exists" and "令和6年度" in info.value.message
    assert sha256(demo_copy) == before and list_backups(demo_copy) == []


def test_bad_deadline_and_unknown_plan(master_at: str) -> None:
    with opened_master(master_at) as wb:
        with pytest.raises(DataError) as info:
            lifecycle.create_round(wb, 2025, deadline=dt.date(2020, 1, 1))
        assert info.value.code == "bad-deadline"
        with pytest.raises(DataError) as info:
            lifecycle.create_round(wb, 2025, plan_key="nope")
        assert info.value.code == "no-plan"


def test_close_reopen_and_deadline(master_at: str) -> None:
    with opened_master(master_at) as wb:
        lifecycle.create_round(wb, 2025)
        assert lifecycle.close_round(wb, 2025).status_label == "締切済"
        with pytest.raises(ReadOnlyError) as info:
            lifecycle.set_deadline(wb, 2025, dt.date(2026, 6, 1))
        assert info.value.code == "round-closed" and "再開" in info.value.message
        assert lifecycle.reopen_round(wb, 2025).is_open
        assert lifecycle.set_deadline(wb, 2025, dt.date(2026, 6, 1)).deadline == dt.date(2026, 6, 1)
        years = [(r.fiscal_year, r.status) for r in lifecycle.list_rounds(wb)]
        assert years == [(2024, "closed"), (2025, "open")]
        with wb.session() as s:
            actions = s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
        assert actions == ["round-create", "round-close", "round-reopen", "round-deadline"]


def test_plan_in_force_is_chosen(master_at: str) -> None:
    with opened_master(master_at) as wb:
        with wb.transaction() as s:
            s.add(
                Plan(
                    key="next",
                    name="次期計画",
                    period_start=2030,
                    period_end=2035,
                    form=KOGANEI_FORM.to_json(),
                )
            )
        with wb.session() as s:
            from welfareplan.workflow.rounds.lifecycle import choose_plan

            assert choose_plan(s, 2025).key != "next"
            assert choose_plan(s, 2031).key == "next"
            with pytest.raises(DataError) as info:
                choose_plan(s, 2040)  # nothing covers it
            assert info.value.code == "no-plan-for-year"
        with pytest.raises(DataError) as info:
            lifecycle.create_round(wb, 2031)  # the new plan has no assignments yet
        assert info.value.code == "no-assignments"


def test_read_only_workbook_refuses(demo_master: Path) -> None:
    with Workbook.open(demo_master, read_only=True) as wb, pytest.raises(ReadOnlyError):
        lifecycle.create_round(wb, 2025)
