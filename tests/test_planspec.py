"""Plan files (``welfareplan-plan/2``, and ``/1`` still read) and the validation of a plan of
any shape: every problem is found at once, each with where it is (issue 14)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from welfareplan.core.departments import DepartmentResolver
from welfareplan.core.errors import DataError
from welfareplan.core.model import Department
from welfareplan.core.planspec import PlanSpec, validate_spec
from welfareplan.core.planspec_json import spec_from_json, spec_to_json
from welfareplan.core.resources import resource_path

PLANS = Path(__file__).parent / "fixtures" / "plans"
SHIPPED = resource_path("plans", "koganei-r6.json")
SHAPES = [
    "shakyo-katsudo-3.json",
    "other-city-five-codes.json",
    "koganei-three-levels.json",
    "koganei-previous.json",
]


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def other_city() -> dict[str, Any]:
    return load(PLANS / "other-city-five-codes.json")


def no_departments() -> DepartmentResolver:
    return DepartmentResolver({})


def problems_of(data: dict[str, Any], resolver: DepartmentResolver | None = None) -> str:
    return "\n".join(
        str(p) for p in validate_spec(spec_from_json(data), resolver or no_departments())
    )


@pytest.mark.parametrize("path", [SHIPPED, *(PLANS / n for n in SHAPES)], ids=lambda p: p.name)
def test_a_plan_file_written_back_reads_as_the_same_plan(path: Path) -> None:
    spec = spec_from_json(load(path))
    written = spec_to_json(spec)
    assert written["format"] == "welfareplan-plan/2"
    again = spec_from_json(json.loads(json.dumps(written, ensure_ascii=False)))
    assert again == spec
    assert spec_to_json(again) == written


def test_the_shipped_plan_of_format_1_reads_as_the_shipped_plan_of_format_2() -> None:
    old = spec_from_json(load(PLANS / "koganei-r6-plan1.json"))
    assert old == spec_from_json(load(SHIPPED))
    assert [p.label for p in old.projects()][30:32] == ["31～34", "35"]
    assert old.form.scale[3].criteria == "未実施"


def test_fixture_plans_are_sound() -> None:
    for name in ("shakyo-katsudo-3.json", "other-city-five-codes.json"):
        assert problems_of(load(PLANS / name)) == ""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="welfareplan-plan/9"), "形式"),
        (lambda d: d.pop("key"), "key"),
        (lambda d: d.update(period="2025"), "period"),
        (lambda d: d.update(nodes={"name": "x"}), "nodes"),
        (lambda d: d["nodes"][0].update(number="一"), "number"),
        (
            lambda d: d["nodes"][0]["children"][0]["projects"][0].update(attributes=["x"]),
            "項目と値の組",
        ),
        (
            lambda d: d["nodes"][0]["children"][0]["projects"][0].update(departments="福祉総務課"),
            "departments",
        ),
        (lambda d: d["departments"][0].update(aliases="社協"), "aliases"),
    ],
)
def test_a_malformed_plan_file_is_refused_with_where(change: Any, message: str) -> None:
    data = other_city()
    change(data)
    with pytest.raises(DataError, match=message):
        spec_from_json(data)


def test_every_problem_of_a_plan_is_listed_with_where_it_is() -> None:
    data = other_city()
    data.update(name=" ", key="", period=[2030, 2025])
    data["departments"].append({"name": "", "kind": "ward"})
    data["attributes"] += [
        {"key": "target", "label": "", "kind": "number"},
        {"key": "when", "label": "時期", "kind": "date"},
    ]
    data["form"]["fields"][1]["target_attribute"] = "nothing"
    goal1, goal2 = data["nodes"]
    goal2["number"] = 1  # two 基本目標1
    measure = goal1["children"][0]
    measure["children"] = [{"number": 9, "name": "深すぎる階層"}]
    goal1["projects"] = [copy.deepcopy(measure["projects"][0])]
    first = measure["projects"][0]
    first.update(name="", departments=["福祉総務課", "福祉総務課（関係各課）", "どこにもない課"])
    first["attributes"] = {"target": "多い", "colour": "青"}
    second = measure["projects"][1]
    second.update(label=first["label"], departments=[])
    goal2["children"][0]["name"] = ""
    goal2["children"][1]["number"] = 0
    problems = problems_of(data)
    for part in (
        "計画: 計画の名前が空です。",
        "計画: 計画のキーが空です。",
        "計画期間が逆です（2030〜2025）",
        "担当課: 担当課の名前が空です。",
        "種別「ward」は使えません",
        "事業の属性のキー「target」が重複しています。",
        "種類「date」は使えません",
        "目標の属性「nothing」は事業の属性にありません",
        "計画: 基本目標の番号 1 が重複しています。",
        "施策は最も下の階層のため、その下に階層を置けません。",
        "事業は最も下の階層（施策）の下に置いてください。",
        "事業名が空です。",
        "「福祉総務課（関係各課）」は「福祉総務課」と同じ課です（重複）",
        "担当課「どこにもない課」は担当課マスタにありません。",
        "目標値の「多い」は数値ではありません。",
        "事業の属性「colour」は計画の事業の属性にありません。",
        f"事業番号「{first['label']}」が重複しています",
        "担当課がありません。",
        "基本目標1 施策ア: 施策の名前が空です。",
        "施策の番号 0 は 1 以上にしてください。",
    ):
        assert part in problems, part


def test_levels_that_are_wrong_stop_before_the_nodes() -> None:
    data = other_city()
    data["levels"] = [{"name": "", "numbering": "roman"}] * 5
    problems = problems_of(data)
    assert "階層:" in problems and "事業" not in problems


def test_a_plan_without_nodes_and_an_unnumbered_level() -> None:
    data = other_city()
    data["nodes"] = []
    assert "計画: 基本目標がありません。" in problems_of(data)
    data = other_city()
    del data["nodes"][0]["number"]
    assert "基本目標の番号がありません。" in problems_of(data)


def test_the_plans_own_departments_resolve_its_projects() -> None:
    spec = spec_from_json(other_city())
    known = Department(id="d1", name="福祉総務課", kind="city")
    resolver = spec.resolver(DepartmentResolver({"福祉総務課": known}))
    assert resolver.resolve("福祉総務課（関係各課）") is known  # the plan's alias
    council = resolver.resolve("社協")
    assert council is not None and council.name == "架空市社会福祉協議会"
    assert council.kind == "council"


def test_an_empty_spec_is_a_plan_of_koganeis_form() -> None:
    spec = PlanSpec(key="k", name="n", period_start=2024, period_end=2029)
    assert spec.form.codes == ("A", "B", "C", "D") and spec.projects() == []
