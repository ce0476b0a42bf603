"""The three fields a department fills in, with their Japanese names as printed."""

from __future__ import annotations

from welfareplan.core.model import ENTRY_FIELDS, RATINGS

FIELD_LABELS: dict[str, str] = {
    "result": "事業実績・評価理由",
    "rating": "事業評価",
    "outlook": "今後の事業計画・展望",
}

__all__ = ["ENTRY_FIELDS", "FIELD_LABELS", "RATINGS", "field_codes", "field_label"]


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


def field_codes(field: str) -> tuple[str, ...]:
    """The values a field is chosen from (the rating scale's codes), or ``()`` for free text."""
    return RATINGS if field == "rating" else ()
