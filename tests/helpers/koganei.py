"""Koganei's entry values for tests: ``kv("実績", "A", "展望")`` instead of spelling the keys
of Koganei's form (:mod:`welfareplan.core.koganei_form`) in every test."""

from __future__ import annotations

from welfareplan.core.entry_values import EntryValues
from welfareplan.core.koganei_form import OUTLOOK, RATING, RESULT
from welfareplan.core.koganei_form import koganei_values as kv

__all__ = ["koganei_columns", "kv", "triple"]


def triple(values: EntryValues) -> tuple[str, str, str]:
    """(result, rating, outlook) of Koganei's values."""
    return values.get(RESULT), values.get(RATING), values.get(OUTLOOK)


def koganei_columns(year_label: str = "令和6年度") -> list[str]:
    """The column headings of the published table (the report's and the worksheet's)."""
    return [
        "施策No",
        "事業No",
        "【個別事業・取り組み】",
        "内容",
        "担当課",
        f"事業実績・評価理由（{year_label}）",
        "事業評価",
        "今後の事業計画・展望",
    ]
