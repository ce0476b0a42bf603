"""One row of a schema snapshot and how snapshots are written down (see
:mod:`welfareplan.core.schemacheck`)."""

from __future__ import annotations

#: One ``sqlite_master`` row: (type, name, tbl_name, normalised sql or None).
SchemaRow = tuple[str, str, str, str | None]


def parse_snapshot(text: str) -> tuple[SchemaRow, ...]:
    """The rows of a snapshot written by ``tests/fixtures/make_schema_snapshots.py`` (one
    tab-separated row per line; ``-`` for no SQL, as for the indexes of keys)."""
    rows = []
    for line in text.splitlines():
        kind, name, table, sql = line.split("\t")
        rows.append((kind, name, table, None if sql == "-" else sql))
    return tuple(rows)
