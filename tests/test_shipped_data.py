"""The shipped plan and FY2024 round must be exactly the published report (seed 001)."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select

from tests.helpers.koganei import triple
from welfareplan.core.departments import DepartmentResolver
from welfareplan.core.model import (
    Assignment,
    CommitteeOpinion,
    Department,
    Entry,
    Project,
)
from welfareplan.core.planspec import validate_spec
from welfareplan.core.planspec_json import spec_from_json
from welfareplan.core.queries import entries_of_round, round_for_year
from welfareplan.core.reportdata import build_report
from welfareplan.core.resources import load_json
from welfareplan.core.storage import Workbook

pytestmark = pytest.mark.usefixtures("demo_master")


@pytest.fixture
def wb(demo_master):  # type: ignore[no-untyped-def]
    with Workbook.open(demo_master, read_only=True) as wb:
        yield wb


def test_plan_structure_counts(wb: Workbook) -> None:
    with wb.session() as s:
        report = build_report(s, round_for_year(s, 2024))
    assert [g.name for g in report.goals] == [
        "福祉のまちづくり",
        "包括的支援体制の構築",
        "地域活動の活性化",
    ]
    assert [len(g.children) for g in report.goals] == [4, 3, 3]
    assert [sum(len(d.children) for d in g.children) for g in report.goals] == [9, 6, 5]
    numbers = [p.number_label for g in report.goals for p in g.projects]
    assert numbers == [str(n) for n in range(1, 31)] + ["31～34"] + [str(n) for n in range(35, 48)]
    assert [len(g.entries()) for g in report.goals] == [34, 18, 17]


def test_rating_counts_match_published(wb: Workbook) -> None:
    with wb.session() as s:
        entries = entries_of_round(s, round_for_year(s, 2024))
        assert len(entries) == 69
        values = [triple(e.values) for e in entries]
        assert Counter(rating for _, rating, _ in values) == {"A": 41, "B": 24, "D": 4}
        assert all(result.strip() and outlook.strip() for result, _, outlook in values)
        report = build_report(s, round_for_year(s, 2024))
    per_goal = [{k: v for k, v in g.counts.items() if v} for g in report.goals]
    assert per_goal == [{"A": 25, "B": 9}, {"A": 6, "B": 9, "D": 3}, {"A": 10, "B": 6, "D": 1}]


def test_every_project_has_an_assignment_and_every_assignment_an_entry(wb: Workbook) -> None:
    with wb.session() as s:
        projects = s.scalars(select(Project)).all()
        assert len(projects) == 44
        assert all(p.assignments for p in projects)
        entries = {(e.project_id, e.department_id) for e in s.scalars(select(Entry))}
        assignments = {(a.project_id, a.department_id) for a in s.scalars(select(Assignment))}
        assert entries == assignments


def test_no_department_string_left_unmapped() -> None:
    plan = load_json("plans", "koganei-r6.json")
    departments = load_json("departments.json")
    names = {d["name"] for d in departments["departments"]}
    from welfareplan.core.departments import normalize_alias

    known = {normalize_alias(n) for n in names} | {
        normalize_alias(a) for d in departments["departments"] for a in d["aliases"]
    }
    strings = {s for p in spec_from_json(plan).projects() for s in p.departments}
    assert {s for s in strings if normalize_alias(s) not in known} == set()
    demo = load_json("demo", "koganei-fy2024.json")
    assert {e["department"] for e in demo["entries"]} <= strings


def test_plan_spec_validates_clean(wb: Workbook) -> None:
    spec = spec_from_json(load_json("plans", "koganei-r6.json"))
    with wb.session() as s:
        assert validate_spec(spec, DepartmentResolver.from_session(s)) == []


def _entries(wb: Workbook, number: int) -> list[tuple[str, str, str]]:
    with wb.session() as s:
        report = build_report(s, round_for_year(s, 2024))
    project = next(
        p for g in report.goals for p in g.projects if p.number_label.split("～")[0] == str(number)
    )
    return [(e.label, e.department_name, e.value("rating")) for e in project.entries]


def test_trap_multi_department_rows_are_split(wb: Workbook) -> None:
    assert _entries(wb, 15) == [
        ("地域福祉課（関係各課）", "地域福祉課", "B"),
        ("自立生活支援課", "自立生活支援課", "A"),
        ("介護福祉課", "介護福祉課", "A"),
    ]
    assert _entries(wb, 30) == [
        ("地域福祉課（関係各課）", "地域福祉課", "B"),
        ("自立生活支援課", "自立生活支援課", "A"),
    ]


def test_trap_rows_continued_across_pages(wb: Workbook) -> None:
    assert [d for _, d, _ in _entries(wb, 10)] == ["地域福祉課", "自立生活支援課", "介護福祉課"]
    assert _entries(wb, 21)[0] == ("地域福祉課（関係各課）", "地域福祉課", "D")
    with wb.session() as s:
        p21 = s.scalar(select(Project).where(Project.label == "21"))
        assert p21 is not None
        assert p21.description.startswith(
            "支援関係機関等との連携や地域住民とのつながりを構築し、複合化"
        )
        p10_care = s.scalars(
            select(Entry).join(Department).where(Department.name == "介護福祉課")
        ).all()
        text = next(triple(e.values)[0] for e in p10_care if e.project.label == "10")
        assert text.startswith("親族等の支援が得られず")


def test_trap_grouped_projects_and_labels(wb: Workbook) -> None:
    assert _entries(wb, 31) == [("地域福祉課（関係各課）", "地域福祉課", "A")]
    assert [lab for lab, _, _ in _entries(wb, 18)] == [
        "福祉保健部各課",
        "自立生活支援課",
        "（広報秘書課）",
    ]
    assert [d for _, d, _ in _entries(wb, 18)] == ["地域福祉課", "自立生活支援課", "広報秘書課"]
    assert _entries(wb, 44) == [("関係各課（自立生活支援課）", "自立生活支援課", "B")]
    assert _entries(wb, 11) == [("社会福祉協議会（地域福祉課）", "社会福祉協議会", "A")]
    with wb.session() as s:
        p39 = s.scalar(select(Project).where(Project.label == "39"))
        assert p39 is not None and p39.name == "福祉専門職の資質の向上"


def test_council_is_a_reporting_unit(wb: Workbook) -> None:
    with wb.session() as s:
        council = s.scalar(select(Department).where(Department.name == "社会福祉協議会"))
        assert council is not None and council.kind == "council"
        n = len(s.scalars(select(Entry).where(Entry.department_id == council.id)).all())
    assert n == 6  # projects 11, 35, 36, 38, 45, 47


def test_committee_opinions(wb: Workbook) -> None:
    with wb.session() as s:
        report = build_report(s, round_for_year(s, 2024))
        assert len(s.scalars(select(CommitteeOpinion)).all()) == 8
    headings = [[o.heading for o in g.opinions] for g in report.goals]
    assert headings == [
        [
            "【事業番号4:移送サービスへの支援】",
            "【事業番号9:市民に対する啓発活動の推進】",
            "【事業番号10:権利擁護事業の推進】",
            "【事業番号17:各種手当制度の周知】",
        ],
        ["【事業番号21:アウトリーチ等を通じた継続的支援】", "【事業番号25:地域での見守り推進】"],
        ["【事業番号35:ボランティア活動等の普及や参加のきっかけづくり】", "【全般】"],
    ]
    for goal in report.goals:
        numbers = {p.number_label for p in goal.projects}
        assert all(o.project_label in numbers for o in goal.opinions if o.project_label)


def test_report_header_texts(wb: Workbook) -> None:
    with wb.session() as s:
        report = build_report(s, round_for_year(s, 2024))
    assert report.title == "地域福祉計画の進捗状況及び評価表"
    assert report.subtitle == "（令和6年度実績報告）"
    assert report.published_label == "令和8年3月"
    assert report.issuer == "福祉保健部地域福祉課"
    assert report.heading == "地域福祉計画の令和6年度実績報告及び評価"
    assert [c.criteria for c in report.form.scale][-1] == "未実施"
    assert report.previous_fiscal_year is None


def test_text_spot_checks_against_the_seed(wb: Workbook) -> None:
    """A few full texts, character for character (paragraph breaks restored)."""
    with wb.session() as s:
        e = s.scalar(select(Entry).join(Project).where(Project.label == "41"))
        assert e is not None
        assert triple(e.values)[:2] == ("令和6年度補助実績なし。", "D")
        p3 = s.scalar(select(Project).where(Project.label == "3"))
        assert p3 is not None
        e3 = s.scalar(select(Entry).where(Entry.project_id == p3.id))
        assert e3 is not None
        assert triple(e3.values)[0].split("\n") == [
            "CoCoバスは、交通弱者等を対象に割引制度を設けており、小人及び障害者は半額、高齢者は100円とし、利用しやすい環境を整えている。",
            "公共交通マップを更新し、CoCoバス及び路線バスの利用案内を目的として、公共施設などで配布している。",
            "地域公共交通計画を策定し、CoCoバスを含め、各施策・事業を推進していくこととした。",
        ]
