"""What identifies an issued department worksheet, and the bytes its MAC covers.

This is the contract between the worksheet writer (:mod:`welfareplan.exports.worksheet_xlsx`)
and its reader in the merge (:mod:`welfareplan.workflow.returns.worksheet_cells`); it has no
openpyxl dependency.

* :class:`WorksheetKeys` names the master workbook (its ``wp_meta`` ``file_uuid``), the issued
  worksheet (``file_uuid``; ``''`` for an unregistered export such as ``welfareplan
  worksheets``), the round, its fiscal year and the department.
* Each input row is issued as an :class:`IssuedRow`: the entry id, the Excel row it was
  written to, and :func:`locked_digest` of that row's locked (non-input) cells as written.
* :class:`WorksheetLayout` says which columns are inputs and of which form fields, and where
  the entry id is (the plan's form decides the columns).
* :func:`worksheet_payload` serialises the keys, the layout and the issued rows canonically
  (JSON, sorted keys, no spaces, UTF-8) under the format tag :data:`WORKSHEET_FORMAT`. The
  writer stores ``sign(payload)`` as the MAC when given a ``sign`` callable (the secret stays
  in the master). A worksheet of format ``welfareplan-worksheet/1`` (issued before schema 3)
  has Koganei's fixed layout and a payload without it
  (:mod:`welfareplan.workflow.returns.legacy`).
* The reader recomputes the payload from the keys and issued rows *stored in the file*, so a
  changed key, entry id, row or stored digest gives a different payload and the MAC no longer
  verifies, and it recomputes each row's digest from the visible cells, so an edited locked
  cell shows as ``locked_intact=False`` on that row.

Verifying is the merge's job (:func:`welfareplan.workflow.returns.checks.validate_return`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from welfareplan.exports.textsafe import ooxml_unescape

#: Format tag of the worksheet and of its payload.
WORKSHEET_FORMAT = "welfareplan-worksheet/2"


@dataclass(frozen=True)
class WorksheetKeys:
    """Identifies one issued worksheet."""

    workbook_uuid: str
    file_uuid: str
    round_id: str
    fiscal_year: int
    department_id: str
    department_name: str


@dataclass(frozen=True)
class WorksheetLayout:
    """Which columns of the main sheet are inputs (one per form field, in the form's order,
    from ``input_column`` on) and which holds the entry id (the last)."""

    fields: tuple[str, ...]
    input_column: int
    id_column: int

    @property
    def input_columns(self) -> tuple[int, ...]:
        return tuple(range(self.input_column, self.input_column + len(self.fields)))

    def column_of(self, key: str) -> int:
        return self.input_column + self.fields.index(key)

    @property
    def locked_columns(self) -> tuple[int, ...]:
        """Every other column up to the id (their digest is signed per row)."""
        inputs = set(self.input_columns)
        return tuple(c for c in range(1, self.id_column + 1) if c not in inputs)

    def to_json(self) -> dict[str, Any]:
        return {
            "fields": list(self.fields),
            "input_column": self.input_column,
            "id_column": self.id_column,
        }


@dataclass(frozen=True)
class IssuedRow:
    """One input row as the writer issued it."""

    entry_id: str
    excel_row: int
    digest: str


def cell_text(value: Any) -> str:
    """A cell value as text, as the user sees it typed: formulas as their text ('=1+1'),
    Excel's ``_xHHHH_`` escapes decoded (the cell's value as read by
    :mod:`welfareplan.exports.xlsx_reading`, or as written by :func:`excel_text`)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return ooxml_unescape(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    text = getattr(value, "text", None)  # openpyxl ArrayFormula
    if isinstance(text, str):
        return text
    return str(value)


def locked_digest(values: Sequence[Any]) -> str:
    """SHA-256 (hex) of the texts of a row's locked cells, in column order."""
    texts = [cell_text(v) for v in values]
    raw = json.dumps(texts, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def worksheet_payload(
    keys: WorksheetKeys,
    rows: Sequence[IssuedRow],
    layout: WorksheetLayout | None,
    *,
    fmt: str = WORKSHEET_FORMAT,
) -> bytes:
    """The canonical bytes a worksheet's MAC is computed over (``layout`` None: a worksheet
    of format 1, whose layout was fixed)."""
    doc: dict[str, Any] = {
        "format": fmt,
        "keys": asdict(keys),
        "rows": [[r.entry_id, r.excel_row, r.digest] for r in rows],
    }
    if layout is not None:
        doc["layout"] = layout.to_json()
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )
