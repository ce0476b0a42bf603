"""Koganei's evaluation form and plan shape: the default for a plan that states none.

This is the one place (with the schema migration and the readers of files written before
schema 3) where the field keys and rating codes of Koganei's 地域福祉計画 are spelled: the
three fields 事業実績・評価理由 / 事業評価 / 今後の事業計画・展望 with the keys ``result`` /
``rating`` / ``outlook`` (the keys the migration of older files uses), the scale A–D with the
published criteria and the keys 1–4, and the levels 基本目標 → 施策の方向性 → 施策.
``tests/test_form_literals.py`` keeps it so.
"""

from __future__ import annotations

from collections.abc import Mapping

from welfareplan.core.entry_values import EntryValues
from welfareplan.core.evaluation_form import EvaluationForm, FormField, RatingCode
from welfareplan.core.plan_levels import PlanLevel

#: The field keys of Koganei's form, in the report's column order.
RESULT, RATING, OUTLOOK = "result", "rating", "outlook"
KOGANEI_FIELD_KEYS: tuple[str, ...] = (RESULT, RATING, OUTLOOK)
#: The codes of Koganei's scale, best first.
KOGANEI_CODES: tuple[str, ...] = ("A", "B", "C", "D")

#: The criteria of 事業評価 as published (令和6年度実績報告).
KOGANEI_CRITERIA: dict[str, str] = {
    "A": "ほぼ施策内容を達成した。",
    "B": "施策内容をある程度達成したが、今後の改善、検討を要する。",
    "C": "施策内容を達成したとは言えず、現状について大きな課題がある。",
    "D": "未実施",
}

#: 基本目標 1 → 施策の方向性 (1) → 施策 ①.
KOGANEI_LEVELS: tuple[PlanLevel, ...] = (
    PlanLevel("基本目標", "arabic"),
    PlanLevel("施策の方向性", "paren"),
    PlanLevel("施策", "circled"),
)


def koganei_form(
    criteria: Mapping[str, str] | None = None, outlook_note: str = ""
) -> EvaluationForm:
    """Koganei's form with a plan's criteria texts (default: the published ones) and the note
    on 今後の事業計画・展望 (files before schema 3 kept both on the plan)."""
    texts = {**KOGANEI_CRITERIA, **{k: v for k, v in (criteria or {}).items() if v}}
    return EvaluationForm(
        fields=(
            FormField(
                RESULT,
                "事業実績・評価理由",
                "text",
                required=True,
                year_in_heading=True,
                explains_rating=True,
                warn_same_as_last_year=True,
            ),
            FormField(RATING, "事業評価", "rating", required=True),
            FormField(
                OUTLOOK,
                "今後の事業計画・展望",
                "text",
                required=True,
                note=outlook_note,
                copy_from_last_year=True,
            ),
        ),
        scale_heading="【事業評価の評価基準】",
        scale=tuple(
            RatingCode(
                code,
                code,
                texts.get(code, ""),
                key=str(n),
                requires=(OUTLOOK,) if code in ("C", "D") else (),
            )
            for n, code in enumerate(KOGANEI_CODES, 1)
        ),
    )


#: Koganei's form with the published criteria and no note.
KOGANEI_FORM = koganei_form()


def koganei_values(result: str = "", rating: str = "", outlook: str = "") -> EntryValues:
    """The values of an entry of Koganei's form (the tests' and benchmarks' shorthand)."""
    return EntryValues({RESULT: result, RATING: rating, OUTLOOK: outlook})
