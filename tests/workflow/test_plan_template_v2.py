"""The Excel plan template of version 2 (issue 14): every fixture plan goes JSON → master →
``plan export`` (.xlsx) → ``new`` from that file, and the new master holds the same plan —
levels, nodes, projects with their labels, sort, attributes and 担当, form, scale, texts,
departments and aliases. A plan with a predecessor keeps its project links. Every bad template
is refused with its Japanese message on its sheet and row, and nothing is written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import sha256
from tests.helpers.shaped_plans import OTHER_CITY, PLANS
from tests.workflow.test_new_and_delete import run
from tests.workflow.test_plan_import import V1_TEMPLATE, edit
from welfareplan.core.model import Department, DepartmentAlias, Plan, PlanNode, Project, ProjectLink
from welfareplan.core.storage import Workbook
from welfareplan.workflow.plans import plan_template as t
from welfareplan.workflow.plans.new_master import create_master
from welfareplan.workflow.plans.plan_export import export_plan
from welfareplan.workflow.plans.plan_import import PlanImportError, import_plan

PLAN_FILES = sorted(
    p.name
    for p in PLANS.glob("*.json")
    if json.loads(p.read_text("utf-8"))["format"].startswith("welfareplan-plan/")
)


def node_path(node: PlanNode) -> tuple[object, ...]:
    path: list[object] = []
    here: PlanNode | None = node
    while here is not None:
        path.insert(0, (here.number, here.name, here.sort))
        here = here.parent
    return tuple(path)


def plan_snapshot(s: Session, key: str) -> dict[str, Any]:
    """Everything the master holds of plan ``key``, without ids and dates."""
    plan = s.scalar(select(Plan).where(Plan.key == key))
    assert plan is not None
    predecessor = s.get(Plan, plan.predecessor_id) if plan.predecessor_id else None
    projects = s.scalars(select(Project).where(Project.plan_id == plan.id)).all()
    labels = {p.id: p.label for p in s.scalars(select(Project))}
    return {
        "plan": (plan.name, plan.period_start, plan.period_end, plan.philosophy, plan.issuer),
        "predecessor": predecessor.key if predecessor else None,
        "levels": plan.levels,
        "form": plan.form,
        "texts": plan.texts,
        "attributes": plan.attributes,
        "nodes": sorted(node_path(n) for n in plan.nodes),
        "projects": sorted(
            (
                p.label,
                p.name,
                p.description,
                sorted(p.attributes.items()),
                p.sort,
                node_path(p.node),
                [(a.label, a.department.name, a.sort) for a in p.assignments],
            )
            for p in projects
        ),
        "links": sorted(
            (labels[pred], labels[succ])
            for pred, succ in s.execute(
                select(ProjectLink.predecessor_id, ProjectLink.successor_id)
            )
            if succ in {p.id for p in projects}
        ),
    }


def departments(s: Session) -> tuple[list[tuple[str, str, int]], dict[str, str]]:
    depts = [(d.name, d.kind, d.sort) for d in s.scalars(select(Department))]
    aliases = {a.alias: a.department.name for a in s.scalars(select(DepartmentAlias))}
    return sorted(depts), aliases


def snapshot(master: Path, key: str) -> dict[str, Any]:
    with Workbook.open(master, read_only=True) as wb, wb.session() as s:
        return plan_snapshot(s, key) | {"departments": departments(s)}


@pytest.mark.parametrize("store_aliases", [False, True], ids=["aliases-kept", "aliases-stored"])
@pytest.mark.parametrize("plan_file", PLAN_FILES)
def test_every_fixture_plan_round_trips_through_the_excel_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], plan_file: str, store_aliases: bool
) -> None:
    first, second = tmp_path / "json.wpdb", tmp_path / "excel.wpdb"
    template = tmp_path / "計画.xlsx"
    made = create_master(first, PLANS / plan_file, store_aliases=store_aliases)
    code, out = run(capsys, "plan", "export", first, template)
    assert code == 0, out
    args = ["--store-aliases"] if store_aliases else []
    code, out = run(capsys, "new", second, "--plan", template, *args)
    assert code == 0, out
    original, copy = snapshot(first, made.plan_key), snapshot(second, made.plan_key)
    assert copy == original
    assert original["projects"] and original["form"]["fields"]
    # the plan's own departments and aliases came with the file
    source = json.loads((PLANS / plan_file).read_text("utf-8"))
    names = {name for name, _, _ in copy["departments"][0]}
    assert {d["name"] for d in source.get("departments", [])} <= names
    if store_aliases:
        stored = copy["departments"][1]
        for d in source.get("departments", []):
            for alias in d.get("aliases", []):
                assert stored[alias.replace("（", "(").replace("）", ")")] == d["name"]


def exported_plan(data: dict[str, Any], tmp_path: Path) -> tuple[Path, Path]:
    """A master made from the plan ``data`` and its plan exported: (master, template)."""
    plan, first, template = tmp_path / "plan.json", tmp_path / "a.wpdb", tmp_path / "plan.xlsx"
    plan.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    create_master(first, plan)
    with Workbook.open(first) as wb:
        export_plan(wb, template)
    return first, template


def rebuilt(first: Path, template: Path, key: str) -> dict[str, Any]:
    """A new master from ``template`` holds the same plan as ``first``; its snapshot."""
    second = template.with_suffix(".wpdb")
    create_master(second, template)
    copy = snapshot(second, key)
    assert copy == snapshot(first, key)
    return copy


def test_a_level_without_numbers_round_trips(tmp_path: Path) -> None:
    """Items without a number (a level numbered なし) are named by their name in the level
    columns; 一 二 三 numbering is written as printed and read back."""
    data = json.loads((PLANS / "koganei-three-levels.json").read_text("utf-8"))
    data["levels"] = [
        {"name": "基本目標", "numbering": "kanji"},
        {"name": "施策の方向性", "numbering": "none"},
    ]
    for child in data["nodes"][0]["children"]:
        del child["number"]
    first, template = exported_plan(data, tmp_path)
    rows = list(openpyxl.load_workbook(template)[t.SHEET_NODES].iter_rows(values_only=True))
    assert rows[1:] == [
        ("二", None, "包括的支援体制の構築"),
        ("二", "セーフティネットの機能強化", "セーフティネットの機能強化"),
        ("二", "再犯防止の支援", "再犯防止の支援"),
    ]
    copy = rebuilt(first, template, data["key"])
    assert [n[-1][0] for n in copy["nodes"]] == [2, None, None]


def test_a_plans_own_alias_that_overrides_the_masters_round_trips(tmp_path: Path) -> None:
    """The plan says 福祉保健部各課 means its own 福祉保健部 (the master's alias names 地域福祉課,
    also used by the plan): the template lists the alias under the plan's department only."""
    data = json.loads((PLANS / "koganei-three-levels.json").read_text("utf-8"))
    data["departments"] = [{"name": "福祉保健部", "aliases": ["福祉保健部各課"]}]
    project = data["nodes"][0]["children"][0]["projects"][1]
    project["departments"] = [*project["departments"], "福祉保健部各課"]
    first, template = exported_plan(data, tmp_path)
    depts = {
        r[0]: r[2]
        for r in openpyxl.load_workbook(template)[t.SHEET_DEPARTMENTS_V2].iter_rows(
            min_row=2, values_only=True
        )
    }
    assert depts["福祉保健部"] == "福祉保健部各課"
    assert "福祉保健部各課" not in (depts["地域福祉課"] or "").split("、")
    copy = rebuilt(first, template, data["key"])
    assert ("福祉保健部各課", "福祉保健部", 3) in copy["projects"][1][-1]


def test_the_template_is_readable_and_has_dropdowns(tmp_path: Path) -> None:
    master, template = tmp_path / "m.wpdb", tmp_path / "計画.xlsx"
    create_master(master, PLANS / OTHER_CITY)
    with Workbook.open(master) as wb:
        export_plan(wb, template)
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == [
        t.SHEET_PLAN,
        t.SHEET_LEVELS,
        t.SHEET_NODES,
        t.SHEET_PROJECTS,
        t.SHEET_ASSIGNMENTS,
        t.SHEET_FORM,
        t.SHEET_SCALE,
        t.SHEET_ATTRIBUTES,
        t.SHEET_DEPARTMENTS_V2,
        t.SHEET_HELP,
    ]
    assert (
        book[t.SHEET_PLAN]["A2"].value == "テンプレートの版" and book[t.SHEET_PLAN]["B2"].value == 2
    )
    rows = lambda name: [list(r) for r in book[name].iter_rows(values_only=True)]  # noqa: E731
    assert rows(t.SHEET_LEVELS) == [
        ["段", "名前", "番号の形式"],
        [1, "基本目標", "1"],
        [2, "施策", "ア"],
    ]
    nodes = rows(t.SHEET_NODES)
    assert nodes[0] == ["基本目標", "施策", "名前"] and nodes[2][:2] == [1, "ア"]
    header = rows(t.SHEET_PROJECTS)[0]
    assert header[:6] == ["基本目標", "施策", "事業番号", "並び順", "事業名", "内容"]
    assert {"指標", "目標値", "目標年度"} <= set(header)
    scale = rows(t.SHEET_SCALE)
    assert [r[1] for r in scale[1:]] == ["S", "A", "B", "C", "D", "X", "Y", "Z"]
    kinds = {r[2] for r in rows(t.SHEET_FORM)[1:]}
    assert kinds == {"文章", "評価", "数値"}
    dropdowns = {
        name: [dv.formula1 for dv in book[name].data_validations.dataValidation]
        for name in (t.SHEET_LEVELS, t.SHEET_FORM, t.SHEET_ATTRIBUTES, t.SHEET_DEPARTMENTS_V2)
    }
    assert dropdowns[t.SHEET_LEVELS] == ['"1,(1),①,ア,一,なし"']
    assert (
        '"文章,評価,数値"' in dropdowns[t.SHEET_FORM] and '"はい,いいえ"' in dropdowns[t.SHEET_FORM]
    )
    assert dropdowns[t.SHEET_DEPARTMENTS_V2] == ['"市の課,社会福祉協議会など"']


def test_a_plans_predecessor_links_come_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    master = tmp_path / "マスター.wpdb"
    assert run(capsys, "demo", master)[0] == 0
    assert run(capsys, "plan", "import", master, PLANS / "koganei-previous.json")[0] == 0
    r6, h30 = "koganei-chiiki-fukushi-r6", "koganei-chiiki-fukushi-h30"
    code, out = run(
        capsys,
        "plan",
        "link",
        master,
        r6,
        "--predecessor",
        h30,
        "--links",
        PLANS / "koganei-lineage.json",
    )
    assert code == 0, out
    template = tmp_path / "r6.xlsx"
    assert run(capsys, "plan", "export", master, template, "--plan", r6)[0] == 0
    book = openpyxl.load_workbook(template)
    for row in book[t.SHEET_PLAN].iter_rows(min_row=2):
        if row[0].value == "キー":
            row[1].value = "r6-copy"
    book.save(template)
    code, out = run(capsys, "plan", "import", master, template)
    assert code == 0, out
    original, copy = snapshot(master, r6), snapshot(master, "r6-copy")
    assert copy["predecessor"] == h30 and copy["links"] == original["links"]
    assert len(original["links"]) == 40
    assert copy == original | {"links": copy["links"]}


def test_an_item_may_be_written_above_its_upper_item(tmp_path: Path) -> None:
    first, template, second = tmp_path / "a.wpdb", tmp_path / "plan.xlsx", tmp_path / "b.wpdb"
    made = create_master(first, PLANS / OTHER_CITY)
    with Workbook.open(first) as wb:
        export_plan(wb, template)

    def swap(book: Any) -> None:  # 施策 1-ア above 基本目標 1
        ws = book[t.SHEET_NODES]
        row2, row3 = ([c.value for c in ws[r]] for r in (2, 3))
        for col, (a, b) in enumerate(zip(row3, row2, strict=True), start=1):
            ws.cell(row=2, column=col).value, ws.cell(row=3, column=col).value = a, b

    edit(template, swap)
    assert openpyxl.load_workbook(template)[t.SHEET_NODES]["B2"].value == "ア"
    create_master(second, template)
    assert snapshot(second, made.plan_key) == snapshot(first, made.plan_key)


# --------------------------------------------------------------------------- bad templates


@pytest.fixture
def template(tmp_path: Path) -> Path:
    """The 架空市 plan (scale, numbers, attributes, aliases) as a template of version 2."""
    master, out = tmp_path / "source.wpdb", tmp_path / "計画.xlsx"
    create_master(master, PLANS / OTHER_CITY)
    with Workbook.open(master) as wb:
        export_plan(wb, out)
    return out


def row_of(ws: Any, column: int, value: object) -> int:
    return next(r[0].row for r in ws.iter_rows(min_row=2) if r[column - 1].value == value)


def drop_scale_sheet(book: Any) -> None:
    del book[t.SHEET_SCALE]


def unknown_level(book: Any) -> None:
    ws = book[t.SHEET_NODES]
    ws.insert_cols(3)
    ws["C1"] = "小施策"
    ws["C3"] = 1


def scale_code_twice(book: Any) -> None:
    book[t.SHEET_SCALE]["B3"] = "S"  # the second code (A) becomes S again


def rating_without_scale(book: Any) -> None:
    ws = book[t.SHEET_SCALE]
    ws.delete_rows(2, ws.max_row)


def alias_of_two(book: Any) -> None:
    ws = book[t.SHEET_DEPARTMENTS_V2]
    ws.cell(row=row_of(ws, 1, "福祉総務課"), column=3).value = "福祉総務課（関係各課）、社協"


def missing_parent(book: Any) -> None:
    ws = book[t.SHEET_NODES]
    ws.append([9, "ウ", "親のない施策"])


def bad_choices(book: Any) -> None:
    book[t.SHEET_LEVELS]["C3"] = "abc"
    book[t.SHEET_FORM]["D2"] = "たぶん"


def unknown_project_and_department(book: Any) -> None:
    book[t.SHEET_ASSIGNMENTS].append([99, "地域福祉課"])
    book[t.SHEET_ASSIGNMENTS].append([1, "経理課"])


def v1_version(book: Any) -> None:
    book[t.SHEET_PLAN]["B2"] = 3


def project_rows(book: Any) -> None:
    ws = book[t.SHEET_PROJECTS]
    ws["A2"] = None  # 基本目標 empty above 施策 ア
    ws["B3"] = None  # under 基本目標 1 itself, not under one of its 施策
    ws["K1"] = "メモ"  # not an attribute
    book[t.SHEET_NODES].append([1, "ア", "同じ施策"])


CASES = [
    (drop_scale_sheet, ["シート「評価区分」: シートがありません。"]),
    (
        unknown_level,
        [
            "シート「体系」 1行目: 列「小施策」はシート「階層」にない階層です（階層は 基本目標・施策）。"
        ],
    ),
    (scale_code_twice, ["シート「評価区分」 3行目: 評価区分「S」が重複しています。"]),
    (
        rating_without_scale,
        ["シート「評価項目」 4行目: 評価の項目「達成度」に評価区分がありません。"],
    ),
    (
        alias_of_two,
        [
            "シート「担当課」 7行目: 別名「社協」が担当課「福祉総務課」と「架空市社会福祉協議会」"
            "の両方を指しています。"
        ],
    ),
    (
        missing_parent,
        ["シート「体系」 8行目: 上の項目（基本目標9）がシート「体系」にありません。"],
    ),
    (
        bad_choices,
        [
            "シート「階層」 3行目: 「番号の形式」の「abc」は使えません（1・(1)・①・ア・一・なし）。",
            "シート「評価項目」 2行目: 「完了に必要」の「たぶん」は「はい」か「いいえ」にしてください。",
        ],
    ),
    (
        unknown_project_and_department,
        [
            "シート「担当」 15行目: 事業番号「99」はシート「事業」にありません。",
            "シート「担当」 16行目: 担当課「経理課」は担当課マスタにありません。",
        ],
    ),
    (
        project_rows,
        [
            "シート「事業」 2行目: 「基本目標」が空です。",
            "シート「事業」 3行目: 基本目標1 はシート「体系」の施策にありません"
            "（事業は最も下の階層「施策」の項目の下に置きます）。",
            "シート「事業」 1行目: 列「メモ」はシート「事業の属性」にない事業の属性です。",
            "シート「体系」 8行目: 基本目標1 施策ア が重複しています（3行目と同じ）。",
        ],
    ),
    (
        v1_version,
        [
            "シート「計画」 2行目: 「テンプレートの版」の「3」は読めません（このプログラムが読めるのは 1 と 2 です）。"
        ],
    ),
]


@pytest.mark.parametrize(("change", "expected"), CASES, ids=[c[0].__name__ for c in CASES])
def test_a_bad_template_is_refused_and_nothing_is_written(
    template: Path, demo_copy: Path, tmp_path: Path, change: Any, expected: list[str]
) -> None:
    edit(template, change)
    before = sha256(demo_copy)
    with Workbook.open(demo_copy) as wb, pytest.raises(PlanImportError) as info:
        import_plan(wb, template)
    text = [str(p) for p in info.value.problems]
    for line in expected:
        assert line in text, (line, text)
    assert "何も変更していません" in info.value.message
    assert sha256(demo_copy) == before
    target = tmp_path / "new.wpdb"
    with pytest.raises(PlanImportError):
        create_master(target, template)
    assert not target.exists()


def test_a_version_2_file_with_the_sheets_of_version_1(demo_copy: Path, tmp_path: Path) -> None:
    path = shutil.copyfile(V1_TEMPLATE, tmp_path / "v1.xlsx")

    def say_version_2(book: Any) -> None:
        book[t.SHEET_PLAN].insert_rows(2)
        book[t.SHEET_PLAN]["A2"], book[t.SHEET_PLAN]["B2"] = "テンプレートの版", 2

    edit(path, say_version_2)
    before = sha256(demo_copy)
    with Workbook.open(demo_copy) as wb, pytest.raises(PlanImportError) as info:
        import_plan(wb, path)
    text = [str(p) for p in info.value.problems]
    assert (
        "シート「計画」 2行目: 「テンプレートの版」は 2 ですが、シートが版1の形（シート「基本目標」"
        "「施策の方向性」「施策」）です。版1のファイルなら「テンプレートの版」の行を消してください。"
    ) in text
    assert "シート「階層」: シートがありません。" in text
    assert sha256(demo_copy) == before
