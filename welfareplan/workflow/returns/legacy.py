"""Returned files issued before schema 3: what only they need to be read and merged.

Files issued before an upgrade still come back after it: a department file of schema 2 is
upgraded in its in-memory copy (:mod:`welfareplan.core.migrations`) — or was upgraded already
when the department opened it with this version — which turns its entry columns into values
keyed by the migrated Koganei form's keys; an Excel worksheet of format
``welfareplan-worksheet/1`` has the fixed layout of Koganei's three fields. What only they
need is here:

* the digests of a file's plan rows as schema 2 computed them, over its project columns (the
  issuance record in the master was signed over them at issue): read from the schema 2
  columns before the upgrade, or from the schema 3 columns they became (``node_id`` was
  ``measure_id``, the label '31～34' was ``number`` 31 and ``number_end`` 34);
* the input columns of a version 1 worksheet: 事業実績・評価理由 / 事業評価 / 今後の事業計画・展望
  in columns F / G / H, keyed by the field keys of the migrated form.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping

from welfareplan.core.koganei_form import KOGANEI_FIELD_KEYS
from welfareplan.workflow.issuing.issue_record import PlanRows, digests, sqlite_context

#: The project columns a schema 2 department file's plan-row digests were computed over.
PROJECT_COLUMNS_V2 = ("id", "plan_id", "measure_id", "number", "number_end", "name", "description")
#: The worksheet format whose layout is fixed (Koganei's three fields).
WORKSHEET_FORMAT_V1 = "welfareplan-worksheet/1"
#: The field keys of a version 1 worksheet's input columns F, G, H (in that order).
WORKSHEET_V1_FIELDS: tuple[str, ...] = KOGANEI_FIELD_KEYS
#: The first input column and the id column of a version 1 worksheet.
WORKSHEET_V1_INPUT_COLUMN, WORKSHEET_V1_ID_COLUMN = 6, 13


_LABEL = re.compile(r"([1-9][0-9]*)(?:～([1-9][0-9]*))?")


def context_before_upgrade(
    con: sqlite3.Connection, schema_version: int, project_ids: Iterable[str]
) -> dict[str, str] | None:
    """The schema 2 plan-row digests of a department file of schema 2, computed before its
    in-memory copy is upgraded (None for a later schema: see :class:`ContextV2`)."""
    if schema_version >= 3:
        return None
    return sqlite_context(con, project_ids, PROJECT_COLUMNS_V2)


class ContextV2(Mapping[str, str]):
    """The schema 2 plan-row digests of a file of schema 3 whose projects came from schema 2
    (a file issued before the upgrade and upgraded since): the digest of each project whose
    label is a number or a group of numbers, over the columns it had in schema 2. Computed
    from the file's schema 3 rows when first asked (only a file whose schema 3 digests do not
    match its issuance record ever asks)."""

    def __init__(self, rows: PlanRows) -> None:
        self._rows = rows
        self._digests: dict[str, str] | None = None

    def _computed(self) -> dict[str, str]:
        if self._digests is None:
            projects_v3, assignments = self._rows
            projects: dict[str, tuple[object, ...]] = {}
            for pid, plan_id, node_id, label, name, description, *_ in projects_v3.values():
                m = _LABEL.fullmatch(str(label))
                if m is not None:
                    end = int(m.group(2)) if m.group(2) else None
                    row = (pid, plan_id, node_id, int(m.group(1)), end, name, description)
                    projects[str(pid)] = row
            self._digests = digests((projects, {pid: assignments[pid] for pid in projects}))
        return self._digests

    def __getitem__(self, key: str) -> str:
        return self._computed()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._computed())

    def __len__(self) -> int:
        return len(self._computed())
