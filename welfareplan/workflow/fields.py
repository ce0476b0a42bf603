"""The three fields a department fills in, with their Japanese names as printed."""

from __future__ import annotations

from welfareplan.core.labels import FIELD_LABELS
from welfareplan.core.model import ENTRY_FIELDS, RATINGS

__all__ = ["ENTRY_FIELDS", "FIELD_LABELS", "RATINGS", "field_label"]


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)
