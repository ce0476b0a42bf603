"""The core types of plans of any shape: the evaluation form, levels, report texts, numbers,
entry values and the checks that follow the form (issue 14)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.koganei import kv
from welfareplan.core.checks import Level, Status, entry_checks, entry_status
from welfareplan.core.entry_values import EntryValues
from welfareplan.core.errors import DataError
from welfareplan.core.evaluation_form import EvaluationForm, FormField, RatingCode
from welfareplan.core.koganei_form import KOGANEI_FORM, KOGANEI_LEVELS, koganei_form
from welfareplan.core.numbers import normalize_number, parse_number
from welfareplan.core.plan_levels import PlanLevel, format_number, level_problems
from welfareplan.core.planspec_json import spec_from_json
from welfareplan.core.report_texts import ReportTexts
from welfareplan.core.wareki import previous_name, previous_word

PLANS = Path(__file__).parent / "fixtures" / "plans"


def fixture_form(name: str) -> EvaluationForm:
    return spec_from_json(json.loads((PLANS / name).read_text("utf-8"))).form


def test_koganei_form_is_todays_form() -> None:
    f = KOGANEI_FORM
    assert [x.label for x in f.fields] == ["事業実績・評価理由", "事業評価", "今後の事業計画・展望"]
    assert f.codes == ("A", "B", "C", "D")
    assert [c.key for c in f.scale] == ["1", "2", "3", "4"]
    assert f.codes_requiring("outlook") == ("C", "D")
    assert f.rating_field is not None and f.rating_field.label == "事業評価"
    assert f.scale[0].criteria == "ほぼ施策内容を達成した。"
    assert f.problems() == []
    assert koganei_form({"A": "独自の基準"}, "注記").scale[0].criteria == "独自の基準"
    assert koganei_form(None, "注記").field("outlook").note == "注記"


@pytest.mark.parametrize("form", [KOGANEI_FORM, fixture_form("other-city-five-codes.json")])
def test_form_json_round_trip(form: EvaluationForm) -> None:
    assert EvaluationForm.from_json(json.loads(json.dumps(form.to_json()))) == form


def test_form_problems_are_reported_in_japanese() -> None:
    bad = EvaluationForm(
        fields=(
            FormField("x", "評価1", "rating"),
            FormField("x", "評価2", "rating"),
            FormField("Bad Key", "", "memo"),
        ),
        scale=(RatingCode("A", key="1", requires=("nothing",)), RatingCode("A", key="1")),
    )
    problems = "\n".join(bad.problems())
    for part in (
        "キー「x」が重複",
        "評価の項目は1つまで",
        "キー「Bad Key」は使えません",
        "見出しが空",
        "種類「memo」",
        "評価区分「A」が重複",
        "キー「1」が重複",
        "項目「nothing」は評価項目にありません",
    ):
        assert part in problems
    rating_without_scale = EvaluationForm((FormField("r", "評価", "rating"),))
    assert "評価区分がありません" in "".join(rating_without_scale.problems())
    with pytest.raises(DataError, match="true か false"):
        FormField.from_json({"key": "a", "label": "A", "required": "yes"})


def test_codes_are_normalised_like_a_typed_cell() -> None:
    f = KOGANEI_FORM
    assert [f.normalize_code(t) for t in ("Ａ", " a ", "ｂ", "", "E", "AB")] == [
        "A",
        "A",
        "B",
        "",
        None,
        None,
    ]
    marks = EvaluationForm(
        (FormField("r", "評価", "rating"),), scale=tuple(RatingCode(c) for c in "◎○△×")
    )
    assert marks.normalize_code(" ○ ") == "○" and marks.normalize_code("o") is None


def test_numbering_styles() -> None:
    assert [format_number("arabic", 3), format_number("paren", 3), format_number("circled", 3)] == [
        "3",
        "(3)",
        "③",
    ]
    assert format_number("circled", 51) == "(51)"
    assert [format_number("katakana", n) for n in (1, 2, 3)] == ["ア", "イ", "ウ"]
    assert [format_number("kanji", n) for n in (1, 10, 23)] == ["一", "十", "二十三"]
    assert format_number("none", 4) == "" and format_number("arabic", None) == ""
    assert KOGANEI_LEVELS[2].label(2) == "②"
    assert level_problems([]) and level_problems([PlanLevel("a", "roman")])
    assert level_problems([PlanLevel(str(n)) for n in range(5)])


def test_report_texts_store_only_what_differs() -> None:
    assert ReportTexts().to_json() == {}
    texts = ReportTexts.from_json({"title": "評価票", "committee": ""})
    assert texts.to_json() == {"title": "評価票", "committee": ""}
    assert texts.with_year("（{year}実績報告）", "令和6年度") == "（令和6年度実績報告）"
    with pytest.raises(DataError, match="titel"):
        ReportTexts.from_json({"titel": "x"})


def test_numbers_accept_what_people_type() -> None:
    assert [normalize_number(t) for t in ("１，２３４", "12.50", " 300 ", "", "-0", "ー5")] == [
        "1234",
        "12.5",
        "300",
        "",
        "0",
        "-5",
    ]
    assert normalize_number("300人", unit="人") == "300"
    assert normalize_number("約300") is None and normalize_number("1.2.3") is None
    with pytest.raises(DataError, match="実績値の「三百」は数値ではありません"):
        parse_number("三百", "実績値", unit="人")


def test_entry_values_are_a_mapping_without_empties() -> None:
    v = EntryValues({"a": "x", "b": ""})
    assert v == EntryValues(a="x") and hash(v) == hash(EntryValues(a="x"))
    assert v.get("b") == "" and list(v) == ["a"]
    assert v.replaced(a="", c="y") == EntryValues(c="y")
    assert kv().is_blank(KOGANEI_FORM) and not kv("x").is_blank(KOGANEI_FORM)
    assert kv("x", "D", "").missing(KOGANEI_FORM) == ["outlook"]
    assert kv("x", "D", "y").is_complete(KOGANEI_FORM)


def test_koganei_checks_keep_todays_messages() -> None:
    prev = kv("昨年の実績。", "B", "昨年の展望。")
    checks = entry_checks(KOGANEI_FORM, kv())
    assert [(c.code, c.level, c.message) for c in checks] == [
        ("result-empty", Level.MISSING, "事業実績・評価理由が未記入です。"),
        ("rating-missing", Level.MISSING, "事業評価（A〜D）が選ばれていません。"),
        ("outlook-empty", Level.MISSING, "今後の事業計画・展望が未記入です。"),
    ]
    (cd,) = entry_checks(KOGANEI_FORM, kv("実績", "C", ""))
    assert (cd.code, cd.message) == (
        "cd-without-outlook",
        "評価がCのときは、今後の事業計画・展望に課題と改善策を記入してください。",
    )
    changed = entry_checks(KOGANEI_FORM, kv("", "A", "展望"), prev)
    assert (
        changed[-1].message
        == "前年度の評価（B）からAに変わりました。理由を事業実績・評価理由に記入してください。"
    )
    (same,) = entry_checks(KOGANEI_FORM, kv("昨年の 実績。", "B", "展望"), prev)
    assert (
        same.message
        == "前年と同一: 事業実績・評価理由が前年度とまったく同じです。今年度の実績を記入してください。"
    )
    (gap,) = entry_checks(
        KOGANEI_FORM, kv("昨年の実績。", "B", "展望"), prev, previous_label="前回（平成30年度）"
    )
    assert "前回（平成30年度）とまったく同じ" in gap.message


def test_checks_follow_a_form_without_rating() -> None:
    form = fixture_form("shakyo-katsudo-3.json")
    assert form.rating_field is None and form.scale == ()
    assert [c.code for c in entry_checks(form, EntryValues())] == ["progress-empty", "issues-empty"]
    done = EntryValues(progress="取組", issues="課題")
    assert entry_status(form, done) is Status.COMPLETE and done.is_complete(form)
    assert entry_status(form, EntryValues(progress="取組")) is Status.PARTIAL


def test_checks_follow_eight_codes_and_number_fields() -> None:
    form = fixture_form("other-city-five-codes.json")
    assert form.codes == ("S", "A", "B", "C", "D", "X", "Y", "Z")
    assert [f.key for f in form.number_fields] == ["year_target", "actual"]
    codes = [c.code for c in entry_checks(form, EntryValues())]
    assert codes == ["actual-empty", "achievement-missing", "activities-empty"]
    assert entry_checks(form, EntryValues())[1].message == "達成度（S〜Z）が選ばれていません。"
    x = EntryValues(actual="300", achievement="X", activities="着手できず")
    assert [c.code for c in entry_checks(form, x)] == ["cdx-without-next_steps"]
    assert not x.is_complete(form)
    assert EntryValues(actual="300", achievement="A", activities="実施").is_complete(form)
    y = EntryValues(actual="0", achievement="Y")
    assert [c.code for c in entry_checks(form, y)] == ["yz-without-activities"]


def test_last_year_is_named_with_its_year_after_a_gap() -> None:
    assert previous_name(2025, 2024) == "前年度" and previous_word(2025, 2024) == "前年度"
    assert previous_name(2024, 2018) == "前回（平成30年度）" and previous_word(2024, 2018) == "前回"
