"""Returned files issued before schema 3: what only they need to be read and merged.

Files issued before an upgrade still come back after it: a department file of schema 2 is
upgraded in its in-memory copy (:mod:`welfareplan.core.migrations`), which turns its entry
columns into values keyed by the migrated Koganei form's keys; an Excel worksheet of format
``welfareplan-worksheet/1`` has the fixed layout of Koganei's three fields. Two things cannot
be recomputed after the upgrade and are read here:

* the digests of a schema 2 file's plan rows, over the project columns of schema 2 (the
  issuance record in the master was signed over them at issue);
* the input columns of a version 1 worksheet: 事業実績・評価理由 / 事業評価 / 今後の事業計画・展望
  in columns F / G / H, keyed by the field keys of the migrated form.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from welfareplan.core.koganei_form import KOGANEI_FIELD_KEYS
from welfareplan.workflow.issuing.issue_record import sqlite_context

#: The project columns a schema 2 department file's plan-row digests were computed over.
PROJECT_COLUMNS_V2 = ("id", "plan_id", "measure_id", "number", "number_end", "name", "description")
#: The worksheet format whose layout is fixed (Koganei's three fields).
WORKSHEET_FORMAT_V1 = "welfareplan-worksheet/1"
#: The field keys of a version 1 worksheet's input columns F, G, H (in that order).
WORKSHEET_V1_FIELDS: tuple[str, ...] = KOGANEI_FIELD_KEYS
#: The first input column and the id column of a version 1 worksheet.
WORKSHEET_V1_INPUT_COLUMN, WORKSHEET_V1_ID_COLUMN = 6, 13


def context_before_upgrade(
    con: sqlite3.Connection, schema_version: int, project_ids: Iterable[str]
) -> dict[str, str] | None:
    """The plan-row digests of a department file of an older schema, computed before its
    in-memory copy is upgraded (None for the current schema: computed after reading)."""
    if schema_version >= 3:
        return None
    return sqlite_context(con, project_ids, PROJECT_COLUMNS_V2)
