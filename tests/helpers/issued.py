"""The issuance records' values in the master (``issued_value``), per entry."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core.entry_values import EntryValues
from welfareplan.core.model import IssuedValue


def issued_values(
    s: Session, *, file_id: str | None = None, entry_id: str | None = None
) -> dict[str, tuple[EntryValues, EntryValues]]:
    """entry id → (the values as issued, the merge base) of one issued file or one entry."""
    q = select(IssuedValue)
    if file_id is not None:
        q = q.where(IssuedValue.issued_file_id == file_id)
    if entry_id is not None:
        q = q.where(IssuedValue.entry_id == entry_id)
    values: dict[str, dict[str, str]] = {}
    bases: dict[str, dict[str, str]] = {}
    for row in s.scalars(q):
        values.setdefault(row.entry_id, {})[row.field] = row.value
        bases.setdefault(row.entry_id, {})[row.field] = row.base_value
    return {k: (EntryValues(values[k]), EntryValues(bases[k])) for k in values}


def issued_rows(s: Session, file_id: str) -> int:
    """How many ``issued_value`` rows an issued file has (one per entry and field)."""
    return len(s.scalars(select(IssuedValue).where(IssuedValue.issued_file_id == file_id)).all())
