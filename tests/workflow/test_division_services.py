"""Services behind the division workbench: opinions, plan edits, year over year — on a master
file and on a server."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.helpers.koganei import kv
from tests.helpers.masters import opened_master
from welfareplan.core.editing import save_entry
from welfareplan.core.errors import DataError
from welfareplan.core.history import (
    project_choices,
    project_history,
    rating_changes,
    same_as_last_year,
)
from welfareplan.core.model import AuditEvent, Entry
from welfareplan.core.queries import round_for_year
from welfareplan.core.reportdata import build_report
from welfareplan.core.storage import Workbook
from welfareplan.core.worklist import load_worklist
from welfareplan.workflow.plans.plan_edit import (
    plan_tree,
    rename_node,
    set_assignments,
    set_description,
)
from welfareplan.workflow.rounds.lifecycle import create_round
from welfareplan.workflow.rounds.opinions import (
    add_opinion,
    delete_opinion,
    list_opinions,
    move_opinion,
    update_opinion,
)


@pytest.fixture
def wb(master_at):  # type: ignore[no-untyped-def]
    """A demo master with an open 2025 round, as a file or on a server (issue 16)."""
    with opened_master(master_at) as wb:
        create_round(wb, 2025, deadline=dt.date(2026, 5, 29))
        yield wb


def test_opinions_add_edit_move_delete_and_report(wb: Workbook) -> None:
    goals = list_opinions(wb, 2025)
    assert [g.goal_number for g in goals] == [1, 2, 3] and all(not g.opinions for g in goals)
    p4 = next(p for p in goals[0].projects if p.number == "4")
    first = add_opinion(wb, 2025, 1, p4.project_id, "移送サービスの継続を検討してほしい。")
    second = add_opinion(wb, 2025, 1, None, "全体として着実に進んでいる。")
    goals = list_opinions(wb, 2025)
    assert [o.heading for o in goals[0].opinions] == [
        "【事業番号4:移送サービスへの支援】",
        "【全般】",
    ]
    move_opinion(wb, second, -1)
    assert [o.id for o in list_opinions(wb, 2025)[0].opinions] == [second, first]
    update_opinion(wb, first, project_id=None, text="書き直した意見")
    with wb.session() as s:
        report = build_report(s, round_for_year(s, 2025))
    assert [(o.heading, o.text) for o in report.goals[0].opinions] == [
        ("【全般】", "全体として着実に進んでいる。"),
        ("【全般】", "書き直した意見"),
    ]
    delete_opinion(wb, second)
    assert len(list_opinions(wb, 2025)[0].opinions) == 1
    with wb.session() as s:
        actions = [
            e.action
            for e in s.scalars(select(AuditEvent).where(AuditEvent.action.like("opinion-%")))
        ]
    assert actions == ["opinion-add", "opinion-add", "opinion-edit", "opinion-delete"]


def test_opinion_project_must_belong_to_the_goal(wb: Workbook) -> None:
    goals = list_opinions(wb, 2025)
    p21 = next(p for p in goals[1].projects if p.number == "21")
    with pytest.raises(DataError):
        add_opinion(wb, 2025, 1, p21.project_id, "x")
    with pytest.raises(DataError):
        add_opinion(wb, 2025, 1, None, "   ")


def test_plan_edits_are_audited_and_reach_open_rounds(wb: Workbook) -> None:
    tree = plan_tree(wb)
    p3 = tree.goals[0].children[0].children[1].children[0]
    assert p3.title == "事業3　CoCoバスの利便性向上" and [a.label for a in p3.assignments] == [
        "交通対策課"
    ]
    rename_node(wb, "project", p3.id, "CoCoバスの利便性の向上")
    set_description(wb, p3.id, "新しい内容")
    with wb.session() as s:
        from welfareplan.core.model import Department

        dept = s.scalar(select(Department).where(Department.name == "地域福祉課"))
        assert dept is not None
        traffic = p3.assignments[0].department_id
    set_assignments(wb, p3.id, [(traffic, "交通対策課"), (dept.id, "地域福祉課(関係各課)")])
    wl = load_worklist(wb, department_id=dept.id)
    item = next(i for i in wl.items if i.label == "3")
    assert item.department_label == "地域福祉課（関係各課）" and item.other_departments == [
        "交通対策課"
    ]
    assert item.name == "CoCoバスの利便性の向上" and item.description == "新しい内容"
    # text written in the open round protects the assignment
    save_entry(wb, item.entry_id, kv("書いた", "", ""))
    with pytest.raises(DataError) as info:
        set_assignments(wb, p3.id, [(traffic, "交通対策課")])
    assert "記入があるため" in info.value.message
    # the published FY2024 entries keep their printed labels
    with wb.session() as s:
        old = s.scalars(select(Entry).join(Entry.round).where(Entry.project_id == p3.id)).all()
        assert {e.label for e in old if e.round.fiscal_year == 2024} == {"交通対策課"}
        fields = [
            e.field for e in s.scalars(select(AuditEvent).where(AuditEvent.action == "plan-edit"))
        ]
    assert fields == ["project.name", "project.description", "project.assignments"]


def test_year_over_year(wb: Workbook) -> None:
    choices = project_choices(wb)
    assert (
        choices[0].title == "事業1 ユニバーサルデザインによるまちづくりの推進"
        and len(choices) == 44
    )
    p9 = next(c for c in choices if c.title.startswith("事業9 "))
    with wb.session() as s:
        rnd = round_for_year(s, 2025)
        round_id = rnd.id
    items = load_worklist(wb, round_id=round_id).items
    nine = [i for i in items if i.label == "9"]
    assert nine[1].previous is not None
    save_entry(wb, nine[0].entry_id, kv("新しい実績", "A", "展望"))  # was B
    copied = nine[1].previous.get("result")  # a copy of last year's text
    save_entry(wb, nine[1].entry_id, kv(copied, "A", "展望"))
    history = project_history(wb, p9.project_id)
    assert history.years == (2024, 2025)
    assert [r.department_name for r in history.rows] == [
        "地域福祉課",
        "自立生活支援課",
        "介護福祉課",
        "広報秘書課",
    ]
    assert [c.rating for c in history.rows[0].cells[2024]] == ["B"]
    assert [c.rating for c in history.rows[0].cells[2025]] == ["A"]
    changes = rating_changes(wb, round_id)
    assert [(c.title, c.previous_rating, c.rating) for c in changes] == [
        ("事業9 市民に対する啓発活動の推進", "B", "A")
    ]
    same = same_as_last_year(wb, round_id)
    assert [(c.title, c.department) for c in same] == [
        ("事業9 市民に対する啓発活動の推進", "自立生活支援課")
    ]
