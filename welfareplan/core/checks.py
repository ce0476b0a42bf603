"""Checks on one entry, shown to the user as they type (never as blocking pop-ups).

The same rules serve the department app, the division's editor and the 提出 (submit) summary.
They follow the plan's evaluation form: each required field left empty is *missing*; a field
that the chosen rating code requires (Koganei: C and D require 今後の事業計画・展望) is asked
for as a *warning* instead; a rating that changed from last year needs its reason in the form's
``explains_rating`` field; a text of a ``warn_same_as_last_year`` field that repeats last
year's is flagged (前年と同一). Check codes are derived from the field keys, so Koganei's are
``result-empty``, ``rating-missing``, ``outlook-empty``, ``cd-without-outlook``,
``rating-changed-without-reason`` and ``same-as-last-year``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from welfareplan.core.entry_values import EntryValues as EntryValues  # noqa: PLC0414 - re-exported
from welfareplan.core.evaluation_form import EvaluationForm, FormField
from welfareplan.core.numbers import normalize_number

#: How "last year" is named when the previous round is the year before.
LAST_YEAR = "前年度"


class Level(StrEnum):
    MISSING = "missing"  # something required is not filled in yet
    WARNING = "warning"  # filled in, but probably wrong


@dataclass(frozen=True)
class Check:
    code: str
    level: Level
    message: str


class Status(StrEnum):
    BLANK = "blank"
    PARTIAL = "partial"
    COMPLETE = "complete"

    @property
    def label(self) -> str:
        return {"blank": "未記入", "partial": "記入中", "complete": "完了"}[self.value]


def comparable(text: str) -> str:
    """Text as compared for 前年と同一: width-normalised, whitespace ignored."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _empty_field(form: EvaluationForm, f: FormField, code: str) -> Check | None:
    """The check of a text or number field left empty, given the chosen rating ``code``."""
    if f.key in form.code_requiring(code):
        rating = form.code(code)
        shown = rating.label if rating is not None else code
        codes = "".join(c.lower() for c in form.codes_requiring(f.key))
        return Check(
            f"{codes}-without-{f.key}",
            Level.WARNING,
            f"評価が{shown}のときは、{f.label}に課題と改善策を記入してください。",
        )
    if f.required:
        return Check(f"{f.key}-empty", Level.MISSING, f"{f.label}が未記入です。")
    return None


def entry_checks(
    form: EvaluationForm,
    values: EntryValues,
    previous: EntryValues | None = None,
    *,
    previous_label: str = LAST_YEAR,
) -> list[Check]:
    """Every check of ``values`` in the order of the form's fields. ``previous`` are last
    year's values (of the same project, or of its predecessor), ``previous_label`` how last
    year is named ('前年度', or '前回（平成30年度）' after a gap)."""
    checks: list[Check] = []
    code = values.rating(form)
    for f in form.fields:
        if f.is_rating:
            if not values.get(f.key) and f.required:
                checks.append(
                    Check(
                        f"{f.key}-missing",
                        Level.MISSING,
                        f"{f.label}（{form.code_range()}）が選ばれていません。",
                    )
                )
        elif not values.get(f.key).strip():
            found = _empty_field(form, f, code)
            if found is not None:
                checks.append(found)
        elif f.is_number and normalize_number(values.get(f.key), unit=f.unit) is None:
            checks.append(
                Check(
                    f"{f.key}-not-a-number",
                    Level.MISSING,
                    f"{f.label}の「{values.get(f.key).strip()}」は数値ではありません。数字だけで入力してください。",
                )
            )
    if previous is None:
        return checks
    old = previous.rating(form)
    if old and code and code != old:
        for f in form.flagged("explains_rating"):
            if not values.get(f.key).strip():
                checks.append(
                    Check(
                        "rating-changed-without-reason",
                        Level.WARNING,
                        f"{previous_label}の評価（{old}）から{code}に変わりました。理由を{f.label}に記入してください。",
                    )
                )
    for f in form.flagged("warn_same_as_last_year"):
        text = values.get(f.key)
        if text.strip() and comparable(text) == comparable(previous.get(f.key)):
            checks.append(
                Check(
                    "same-as-last-year",
                    Level.WARNING,
                    f"前年と同一: {f.label}が{previous_label}とまったく同じです。今年度の実績を記入してください。",
                )
            )
    return checks


def entry_status(
    form: EvaluationForm, values: EntryValues, checks: list[Check] | None = None
) -> Status:
    if values.is_blank(form):
        return Status.BLANK
    checks = entry_checks(form, values) if checks is None else checks
    if values.is_complete(form) and not any(c.level is Level.MISSING for c in checks):
        return Status.COMPLETE
    return Status.PARTIAL
