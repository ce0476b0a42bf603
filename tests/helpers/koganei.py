"""Koganei's entry values for tests: ``kv("実績", "A", "展望")`` instead of spelling the keys
of Koganei's form (:mod:`welfareplan.core.koganei_form`) in every test."""

from __future__ import annotations

from welfareplan.core.entry_values import EntryValues
from welfareplan.core.koganei_form import OUTLOOK, RATING, RESULT


def kv(result: str = "", rating: str = "", outlook: str = "") -> EntryValues:
    return EntryValues({RESULT: result, RATING: rating, OUTLOOK: outlook})


def triple(values: EntryValues) -> tuple[str, str, str]:
    """(result, rating, outlook) of Koganei's values."""
    return values.get(RESULT), values.get(RATING), values.get(OUTLOOK)
