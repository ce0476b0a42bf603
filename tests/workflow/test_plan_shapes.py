"""Plans of other shapes, end to end (issue 14): each fixture plan of ``tests/fixtures/plans`` is
built into a new workbook, a round is opened, department files and Excel worksheets are issued,
filled through the same functions as the department window, merged back, and the report is
exported. Nothing here knows Koganei's field keys: the values follow each plan's own form.

- 第三次地域福祉活動計画 (社協): three levels, two text fields, **no rating** — no 集計, no
  criteria, no committee block; an entry is complete when both texts are written.
- 架空市 (synthetic): two levels, eight codes S/A/B/C/D/X/Y/Z, number fields in 人 — 集計 per
  code, numbers in their columns (the unit in the heading), a rating chosen by hand among the scale's codes.
- 三階層 (Koganei's draft structure): two levels above projects, a project labelled 「新」.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.helpers.shaped_plans import OTHER_CITY, SHAKYO, THREE_LEVELS, shaped
from tests.helpers.worksheet_edits import fill_sheet
from welfareplan.core.checks import Status
from welfareplan.core.editing import save_entry
from welfareplan.core.entry_values import EntryValues
from welfareplan.core.errors import DataError
from welfareplan.core.model import Department, Entry, Project
from welfareplan.core.queries import round_for_year
from welfareplan.core.storage import Workbook
from welfareplan.core.worklist import checks_of, load_worklist, status_of
from welfareplan.workflow.returns.apply import apply_merge, normalize_choice, prefer_all
from welfareplan.workflow.returns.compare import preview_merge
from welfareplan.workflow.returns.merge_types import Conflict, EntryRef, FileOutcome
from welfareplan.workflow.status import round_status


def docx_text(doc: Any) -> str:
    body = [p.text for p in doc.paragraphs]
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(body + cells)


def sheet_rows(ws: Any) -> list[list[Any]]:
    return [[c for c in row if c is not None] for row in ws.iter_rows(values_only=True)]


# --- 社協の活動計画: no rating ------------------------------------------------------------


def test_a_plan_without_rating_from_issue_to_report(tmp_path: Path) -> None:
    plan = shaped(tmp_path, SHAKYO, 2023)
    with Workbook.open(plan.file("地域支援係")) as wb:
        items = load_worklist(wb).items
    first = items[0]
    assert first.form.rating_field is None and first.form.codes == ()
    assert [n.label for n in first.path] == ["1", "(2)", "②"] and first.label == "1-2-2-①"
    half = EntryValues({"progress": "相談件数が増えた。"})
    assert status_of(first, half) is Status.PARTIAL
    assert [c.code for c in checks_of(first, half)] == ["issues-empty"]
    both = EntryValues({"progress": "相談件数が増えた。", "issues": "人員が足りない。"})
    assert status_of(first, both) is Status.COMPLETE and checks_of(first, both) == []
    with Workbook.open(plan.file("地域支援係")) as wb, pytest.raises(DataError, match="評価項目"):
        save_entry(wb, first.entry_id, EntryValues({"rating": "A"}))

    values = {
        i.label: {"progress": f"{i.label}の取組", "issues": f"{i.label}の課題"} for i in items
    }
    saved = plan.fill("地域支援係", values)
    assert all(status_of(i, i.values) is Status.COMPLETE for i in saved)
    result = plan.merge(plan.file("地域支援係"))
    assert result.ok and result.applied == 2 * len(items)
    assert plan.master_values("地域支援係") == values

    with plan.open() as wb:
        (dept,) = [
            d for d in round_status(wb, plan.year).departments if d.department_name == "地域支援係"
        ]
    assert (dept.complete, dept.total) == (len(items), len(items))

    report = plan.report()
    assert report.count_keys == [] and report.form.rating_field is None
    assert report.columns == [
        "施策No",
        "事業No",
        "事業名",
        "施策内容",
        "担当",
        "その後の取組",
        "評価・課題",
    ]
    doc, book = plan.export(tmp_path)
    assert book.sheetnames == [
        "表紙",
        "基本目標1",
        "基本目標2",
        "基本目標3",
        "基本目標4",
    ]  # no 集計, no 委員意見
    cover = [r[:2] for r in sheet_rows(book["表紙"]) if r]
    assert not any(r[0] == "【事業評価の評価基準】" for r in cover)  # no scale, no criteria
    assert sum(r[0] == "基本目標" for r in cover) == 4  # the plan's structure, goal by goal
    text = docx_text(doc)
    assert "第三次地域福祉活動計画評価・課題" in text and "（令和5年度実績報告）" in text
    for absent in ("評価基準", "集計", "意見はありません"):  # no criteria, 集計, committee block
        assert absent not in text, absent
    assert "1-2-2-①の課題" in text
    rows = sheet_rows(book["基本目標1"])
    assert rows[2] == report.columns
    assert any("1-2-2-①の取組" in row for row in rows)


def test_a_worksheet_of_a_plan_without_rating_merges(tmp_path: Path) -> None:
    plan = shaped(tmp_path, SHAKYO, 2022)
    sheet = plan.issue_sheet("地域包括係")
    with zipfile.ZipFile(sheet) as z:
        assert b"dataValidation " not in z.read("xl/worksheets/sheet1.xml")  # no code list
    fill_sheet(sheet, values={"2-1-2-①": {"progress": "養成講座を2回", "issues": "受講者が少ない"}})
    result = plan.merge(sheet)
    assert result.ok and result.applied == 2
    assert plan.master_values("地域包括係")["2-1-2-①"] == {
        "progress": "養成講座を2回",
        "issues": "受講者が少ない",
    }


# --- 架空市: eight codes and numbers ------------------------------------------------------


def test_eight_codes_and_numbers_from_issue_to_report(tmp_path: Path) -> None:
    plan = shaped(tmp_path, OTHER_CITY, 2025)
    with Workbook.open(plan.file("福祉総務課")) as wb:
        items = {i.label: i for i in load_worklist(wb).items}
    assert sorted(items) == ["4", "5", "7"]  # 5 through the plan's alias 福祉総務課（関係各課）
    five = items["5"]
    assert five.form.codes == ("S", "A", "B", "C", "D", "X", "Y", "Z")
    assert five.attributes["target"] == "900"
    bad = EntryValues({"actual": "多数", "achievement": "C", "activities": "相談会"})
    assert {c.code for c in checks_of(five, bad)} == {
        "actual-not-a-number",
        "cdx-without-next_steps",
    }
    with Workbook.open(plan.file("福祉総務課")) as wb, pytest.raises(DataError, match="S・A・B"):
        save_entry(wb, five.entry_id, EntryValues({"achievement": "E"}))

    plan.fill(
        "福祉総務課",
        {
            "4": {
                "year_target": "120",
                "actual": "１１８人",
                "achievement": "A",
                "activities": "研修",
            },
            "5": {"actual": "1,050", "achievement": "S", "activities": "出張相談"},
            "7": {"achievement": "X", "activities": "準備中", "next_steps": "来年度に着手"},
        },
    )
    result = plan.merge(plan.file("福祉総務課"))
    assert result.ok and result.applied == 4 + 3 + 3
    stored = plan.master_values("福祉総務課")
    assert stored["4"]["actual"] == "118" and stored["5"]["actual"] == "1050"

    report = plan.report()
    assert report.count_keys == ["S", "A", "B", "C", "D", "X", "Y", "Z", ""]
    goal1, goal2 = report.goals
    assert (goal1.counts["A"], goal2.counts["S"], goal2.counts["X"]) == (1, 1, 1)
    assert report.columns[5:8] == ["年度目標値（人）", "実績値（人）", "達成度"]
    doc, book = plan.export(tmp_path)
    assert book.sheetnames == ["表紙", "委員意見", "基本目標1", "基本目標2", "集計"]
    cover = [r[0] for r in sheet_rows(book["表紙"]) if r]
    assert [c for c in cover if c and c[:2] in {"S・", "X・"}]  # the criteria of its codes
    header, *counts = [r for r in sheet_rows(book["集計"]) if r][1:4]
    assert header == ["令和7年度", "S", "A", "B", "C", "D", "X", "Y", "Z", "未評価", "計"]
    assert counts[0] == ["1 つながり支え合う地域づくり", 0, 1, 0, 0, 0, 0, 0, 0, 4, 5]
    assert counts[1] == ["2 安心して暮らせる仕組みづくり", 1, 0, 0, 0, 0, 1, 0, 0, 6, 8]
    text = docx_text(doc)
    assert "【達成度の評価基準】" in text and "Z・・・ 評価困難" in text
    assert "118" in text.split("\n") and "1050" in text.split("\n")  # the unit is in the heading
    row = next(r for r in book["基本目標1"].iter_rows(values_only=True) if r[1] == 4)
    assert row[5:8] == (120, 118, "A")  # numbers Excel can sum
    assert "（意見はありません）" in text  # the committee block, one table per 基本目標


def test_eight_codes_worksheet_and_a_rating_chosen_by_hand(tmp_path: Path) -> None:
    plan = shaped(tmp_path, OTHER_CITY, 2026)
    sheet = plan.issue_sheet("生活支援課")
    fill_sheet(
        sheet,
        values={"6": {"actual": 12, "achievement": "ｙ", "activities": "相談員が退職し休止"}},
    )
    # the division changes the same rating in the master meanwhile
    with plan.open() as wb, wb.transaction() as s:
        rnd = round_for_year(s, plan.year)
        entry = s.scalar(
            select(Entry)
            .join(Project, Entry.project_id == Project.id)
            .join(Department, Entry.department_id == Department.id)
            .where(Entry.round_id == rnd.id, Project.label == "6", Department.name == "生活支援課")
        )
        assert entry is not None
        entry.set_value("achievement", "Z")
    with plan.open() as wb:
        preview = preview_merge(wb, [sheet], fiscal_year=plan.year)
        (f,) = preview.files
        assert f.outcome is FileOutcome.APPLY, f.reason
        (conflict,) = f.conflicts
        assert (conflict.field, conflict.field_label) == ("achievement", "達成度")
        assert (conflict.master, conflict.file) == ("Z", "Y")  # 'ｙ' read as the scale's Y
        assert {c.field for c in f.changes} == {"actual", "activities"}
        result = apply_merge(wb, preview, prefer_all(preview, "file"))
    assert result.ok
    assert plan.master_values("生活支援課")["6"] == {
        "actual": "12",
        "achievement": "Y",
        "activities": "相談員が退職し休止",
    }


# --- 三階層: two levels above projects, a project labelled 新 ---------------------------------


def test_two_levels_and_a_new_project_from_issue_to_report(tmp_path: Path) -> None:
    plan = shaped(tmp_path, THREE_LEVELS, 2024)
    saved = plan.fill(
        "地域福祉課",
        {"新": {"result": "協議会を設置", "rating": "B", "outlook": "支援を広げる"}},
    )
    new = next(i for i in saved if i.label == "新")
    assert [n.label for n in new.path] == ["2", "(3)"] and new.node_label == "(3)"
    assert status_of(new, new.values) is Status.COMPLETE
    assert plan.merge(plan.file("地域福祉課")).applied == 3

    report = plan.report()
    (goal,) = report.goals
    assert [c.title for c in goal.children] == [
        "(2) セーフティネットの機能強化",
        "(3) 再犯防止の支援",
    ]
    assert [(p.number_label, p.node_label) for p in goal.projects] == [
        ("①", "(2)"),
        ("②", "(2)"),
        ("新", "(3)"),
    ]
    assert goal.counts["B"] == 1
    doc, book = plan.export(tmp_path)
    assert book.sheetnames == ["表紙", "委員意見", "基本目標2", "集計"]
    rows = sheet_rows(book["基本目標2"])
    row = next(r for r in rows if "新" in r)
    assert row[:2] == ["(3)", "新"] and "協議会を設置" in row and "B" in row
    assert "再犯防止等に関する活動の推進" in docx_text(doc)


def test_a_number_field_holding_no_number_is_refused(tmp_path: Path) -> None:
    from tests.helpers.department_edits import raw_sql

    plan = shaped(tmp_path, OTHER_CITY, 2025)
    path = plan.file("防災危機管理課")
    with Workbook.open(path) as wb:
        (item,) = load_worklist(wb).items
    raw_sql(
        path,
        "INSERT INTO entry_value (entry_id, field, value) VALUES (?, 'actual', '１２人')",
        params=(item.entry_id,),
    )
    with plan.open() as wb:
        (f,) = preview_merge(wb, [path], fiscal_year=plan.year).files
    assert f.outcome is FileOutcome.REJECTED and f.code == "bad-number", f.reason
    assert "実績値「１２人」は数値ではありません" in f.reason


def conflict(kind: str, codes: tuple[str, ...] = ()) -> Conflict:
    entry = EntryRef("e", "r", 2025, "p", "8", "個別避難計画の作成", "d", "防災危機管理課")
    return Conflict(entry, "x", "", "1", "2", "f", field_label="実績値", kind=kind, codes=codes)


@pytest.mark.parametrize(
    ("kind", "typed", "stored"),
    [
        ("number", " １,２００ ", "1200"),
        ("number", "12.50", "12.5"),
        ("rating", "ｚ", "Z"),
        ("rating", "", ""),
        ("text", "一行目\r\n次の行", "一行目\n次の行"),
    ],
)
def test_a_value_typed_to_resolve_a_conflict_is_stored_as_its_kind(
    kind: str, typed: str, stored: str
) -> None:
    codes = ("S", "A", "B", "C", "D", "X", "Y", "Z") if kind == "rating" else ()
    assert normalize_choice(conflict(kind, codes), ("manual", typed)) == ("manual", stored)
    assert normalize_choice(conflict(kind, codes), "file") == "file"


@pytest.mark.parametrize(
    ("kind", "choice", "code"),
    [
        ("number", ("manual", "多い"), "bad-number"),
        ("rating", ("manual", "E"), "bad-rating"),
        ("text", ("manual", 12), "bad-choice"),
        ("text", "both", "bad-choice"),
    ],
)
def test_a_wrong_choice_names_the_field(kind: str, choice: object, code: str) -> None:
    codes = ("S", "A", "B", "C", "D", "X", "Y", "Z") if kind == "rating" else ()
    with pytest.raises(DataError) as info:
        normalize_choice(conflict(kind, codes), choice)
    assert info.value.code == code
    assert "事業8" in info.value.message or "文字" in info.value.message
