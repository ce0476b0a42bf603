"""The three fields a department fills in, with their Japanese names as printed."""

from __future__ import annotations

from welfareplan.core.labels import FIELD_LABELS
from welfareplan.core.model import ENTRY_FIELDS, RATINGS

__all__ = ["ENTRY_FIELDS", "FIELD_LABELS", "RATINGS", "field_codes", "field_label"]


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


def field_codes(field: str) -> tuple[str, ...]:
    """The values a field is chosen from (the rating scale's codes), or ``()`` for free text."""
    return RATINGS if field == "rating" else ()
