"""Plan import from the Excel template of version 1 (the file the released versions wrote,
``tests/fixtures/plans/koganei-r6-template-v1.xlsx``: the demo plan): a new plan beside the old
with carried-over projects, and every problem reported with its sheet and row, nothing changed.
Version 2 (what ``plan export`` writes now) is tested in test_plan_template_v2.py."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.conftest import sha256
from welfareplan.core.errors import DataError, WelfareplanError
from welfareplan.core.model import Entry, Plan, Project
from welfareplan.core.previous import previous_values
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook
from welfareplan.workflow.plans import plan_template as t
from welfareplan.workflow.plans.plan_export import export_plan
from welfareplan.workflow.plans.plan_import import PlanImportError, import_plan, read_plan_file
from welfareplan.workflow.rounds.lifecycle import create_round

DEMO_KEY = "koganei-chiiki-fukushi-r6"


V1_TEMPLATE = Path(__file__).parents[1] / "fixtures" / "plans" / "koganei-r6-template-v1.xlsx"


def exported(wb: Workbook, tmp_path: Path) -> Path:
    """The demo plan as the released versions exported it (template version 1)."""
    del wb  # the file was exported from the demo workbook
    out = tmp_path / "計画 テンプレート.xlsx"
    shutil.copyfile(V1_TEMPLATE, out)
    return out


def edit(path: Path, change: Any) -> Path:
    import openpyxl

    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)
    return path


def set_item(book: Any, label: str, value: object) -> None:
    ws = book[t.SHEET_PLAN]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == label:
            row[1].value = value
            return
    raise AssertionError(label)


def next_plan(book: Any) -> None:
    set_item(book, "キー", "koganei-next")
    set_item(book, "計画名", "第二次 小金井市地域福祉計画")
    set_item(book, "開始年度", "令和12年度")
    set_item(book, "終了年度", 2035)
    set_item(book, "前の計画のキー", DEMO_KEY)
    projects = book[t.SHEET_PROJECTS]
    header = [c.value for c in projects[1]]
    col = header.index("前計画の事業番号") + 1
    for row in range(2, projects.max_row + 1):
        projects.cell(row=row, column=col).value = projects.cell(row=row, column=4).value
    # one new project, without predecessor, with a newly added department
    projects.append([3, 1, 1, 48, None, "【新規】孤独・孤立への対策", "", None])
    cell = projects.cell(row=projects.max_row, column=7)
    cell.value = "=SUM(A1) と書いても文字のまま"
    cell.data_type = "s"  # typed as text (as Excel stores a cell starting with ')
    book[t.SHEET_ASSIGNMENTS].append([48, "地域福祉課（関係各課）"])


def test_export_then_import_a_new_plan_beside_the_old(demo_copy: Path, tmp_path: Path) -> None:
    with Workbook.open(demo_copy) as wb:
        path = edit(exported(wb, tmp_path), next_plan)
        progress: list[str] = []
        result = import_plan(wb, path, progress=lambda d, n, m: progress.append(m))
        assert progress and result.key == "koganei-next"
        assert (result.period_start, result.period_end) == (2030, 2035)
        assert result.levels == (("基本目標", 3), ("施策の方向性", 10), ("施策", 20))
        assert (result.projects, result.assignments) == (45, 70)
        assert result.linked_projects == 44 and result.predecessor_key == DEMO_KEY
        with wb.session() as s:
            plans = {p.key: p for p in s.scalars(select(Plan))}
            assert set(plans) == {DEMO_KEY, "koganei-next"}
            assert round_for_year(s, 2024).plan.key == DEMO_KEY  # rounds keep their plan
            new = s.scalar(
                select(Project).where(
                    Project.plan_id == plans["koganei-next"].id, Project.label == "48"
                )
            )
            assert new is not None and new.description == "=SUM(A1) と書いても文字のまま"
            grouped = s.scalar(
                select(Project).where(
                    Project.plan_id == plans["koganei-next"].id, Project.label == "31～34"
                )
            )
            assert grouped is not None
        # a round on the new plan sees last year's entries through the predecessor links
        info = create_round(wb, 2030)
        assert info.plan_key == "koganei-next" and info.entries == 70
        with wb.session() as s:
            prev = previous_values(s, round_for_year(s, 2030).id)
            assert len(prev) == 69
            old_round = round_for_year(s, 2024).id
            assert all(
                len(found) == 1 and s.get(Entry, found[0].entry_id).round_id == old_round  # type: ignore[union-attr]
                for found in prev.values()
            )
        # exporting it again writes the formula-like text as text
        again = export_plan(wb, tmp_path / "again.xlsx", plan_key="koganei-next")
        edit(again, lambda b: set_item(b, "キー", "koganei-next-2"))
        spec, problems = read_plan_file(wb, again)
        assert problems == [] and spec is not None
        (p48,) = [p for p in spec.projects() if p.label == "48"]
        assert p48.description == "=SUM(A1) と書いても文字のまま" and p48.predecessors == []
        assert spec.predecessor_key == DEMO_KEY


def test_the_demo_plan_round_trips(demo_copy: Path, tmp_path: Path) -> None:
    with Workbook.open(demo_copy) as wb:
        path = edit(exported(wb, tmp_path), lambda b: set_item(b, "キー", "copy"))
        spec, problems = read_plan_file(wb, path)
        assert problems == [] and spec is not None
        with wb.session() as s:
            old = s.scalar(select(Plan).where(Plan.key == DEMO_KEY))
            assert old is not None
            old_projects = [
                (p.label, p.name, p.description, [a.label for a in p.assignments])
                for p in sorted(
                    s.scalars(select(Project).where(Project.plan_id == old.id)),
                    key=lambda p: p.sort,
                )
            ]
            old_form = old.evaluation_form
        new_projects = [(p.label, p.name, p.description, p.departments) for p in spec.projects()]
        assert new_projects == old_projects
        assert spec.philosophy and spec.form == old_form
        assert spec.form.scale[-1].criteria == "未実施"
        assert (spec.period_start, spec.period_end) == (2024, 2029)


def broken(book: Any) -> None:
    set_item(book, "キー", DEMO_KEY)  # exists already
    set_item(book, "計画名", "")
    set_item(book, "前の計画のキー", "nope")
    goals = book[t.SHEET_GOALS]
    goals.append([2, "重複した基本目標"])  # row 5
    projects = book[t.SHEET_PROJECTS]
    projects["F3"] = ""  # empty project name (row 3 = project 2)
    projects["D4"] = "三"  # not a number
    projects.append([9, 9, 9, 60, None, "迷子の事業", "", 5])  # unknown measure
    asg = book[t.SHEET_ASSIGNMENTS]
    asg.append([1, "経理課"])  # unknown department
    asg.append([99, "地域福祉課"])  # unknown project
    asg.append([1, "地域福祉課"])  # same department twice for project 1


def test_every_problem_is_reported_with_its_row_and_nothing_changes(
    demo_copy: Path, tmp_path: Path
) -> None:
    with Workbook.open(demo_copy) as wb:
        path = edit(exported(wb, tmp_path), broken)
    before = sha256(demo_copy)
    with Workbook.open(demo_copy) as wb, pytest.raises(PlanImportError) as info:
        import_plan(wb, path)
    text = [str(p) for p in info.value.problems]
    expected = [
        "シート「計画」: 「計画名」が空です。",
        f"シート「計画」: 計画のキー「{DEMO_KEY}」は既にあります。別のキーにしてください。",
        "シート「計画」: 前の計画「nope」はこのワークブックにありません。",
        "シート「基本目標」 5行目: 基本目標の番号 2 が重複しています（3行目と同じ）。",
        "シート「事業」 4行目: 「事業番号」の「三」は1以上の整数ではありません。",
        "シート「事業」 46行目: 施策（基本目標9 施策の方向性(9) 施策9）がありません。",
        "シート「担当」 71行目: 担当課「経理課」は担当課マスタにありません。",
        "シート「担当」 72行目: 事業番号 99 はシート「事業」にありません。",
        "シート「担当」 73行目: 事業1の担当課「地域福祉課」が重複しています（2行目と同じ課）。",
        "シート「事業」 3行目: 事業名が空です。",
    ]
    for line in expected:
        assert line in text, (line, text)
    assert "何も変更していません" in info.value.message
    assert sha256(demo_copy) == before


def test_not_a_template(demo_copy: Path, tmp_path: Path) -> None:
    text = tmp_path / "計画.xlsx"
    text.write_text("計画", encoding="utf-8")
    empty = tmp_path / "空の.xlsx"
    import openpyxl

    openpyxl.Workbook().save(empty)
    before = sha256(demo_copy)
    with Workbook.open(demo_copy) as wb:
        with pytest.raises(DataError) as info:
            import_plan(wb, text)
        assert info.value.code == "not-xlsx" and "Excel" in info.value.message
        with pytest.raises(PlanImportError) as info2:
            import_plan(wb, empty)
        assert "シート「事業」: シートがありません。" in [str(p) for p in info2.value.problems]
        with pytest.raises(DataError):
            import_plan(wb, tmp_path / "ない.xlsx")
    assert sha256(demo_copy) == before


def test_predecessor_numbers_are_checked(demo_copy: Path, tmp_path: Path) -> None:
    def change(book: Any) -> None:
        next_plan(book)
        projects = book[t.SHEET_PROJECTS]
        projects["H2"] = 32  # inside the 31～34 group: not a project number of its own
        projects["H3"] = 3  # project 3's predecessor is also taken below
        set_item(book, "前の計画のキー", DEMO_KEY)

    with Workbook.open(demo_copy) as wb:
        path = edit(exported(wb, tmp_path), change)
        _, problems = read_plan_file(wb, path)
    text = [str(p) for p in problems]
    assert f"シート「事業」 2行目: 前の計画「{DEMO_KEY}」に事業番号 32 の事業はありません。" in text
    assert any("前計画の事業番号 3 は シート「事業」 3行目 でも指定されています" in x for x in text)


def test_export_refuses_to_overwrite_and_unknown_plan(demo_copy: Path, tmp_path: Path) -> None:
    with Workbook.open(demo_copy) as wb:
        path = exported(wb, tmp_path)
        with pytest.raises(WelfareplanError) as exists:
            export_plan(wb, path)
        assert exists.value.code == "exists"
        export_plan(wb, path, overwrite=True)
        with pytest.raises(DataError) as info:
            export_plan(wb, tmp_path / "x.xlsx", plan_key="nope")
        assert info.value.code == "no-plan"
    import openpyxl

    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:2] == [t.SHEET_PLAN, t.SHEET_LEVELS]  # version 2
    assert book[t.SHEET_PROJECTS].max_row == 45 and book[t.SHEET_ASSIGNMENTS].max_row == 70


def test_numbers_may_be_written_as_printed(demo_copy: Path, tmp_path: Path) -> None:
    def change(book: Any) -> None:
        set_item(book, "キー", "numbers")
        book[t.SHEET_DIRECTIONS]["B2"] = "(1)"  # direction (1) of goal 1
        book[t.SHEET_MEASURES]["C2"] = "①"  # measure ① of (1)
        book[t.SHEET_PROJECTS]["D2"] = "１"  # project 1, full-width
        book[t.SHEET_PROJECTS]["A2"] = "1"  # a number typed as text

    with Workbook.open(demo_copy) as wb:
        path = edit(exported(wb, tmp_path), change)
        spec, problems = read_plan_file(wb, path)
    assert problems == [] and spec is not None
    assert spec.projects()[0].label == "1" and spec.nodes[0].children[0].children[0].number == 1
