"""Filling in a committee member's opinion sheet as the member would (openpyxl)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from welfareplan.exports.opinion_sheet_xlsx import (
    GENERAL_ID,
    HEADER_ROW,
    ID_COLUMN,
    INPUT_COLUMN,
    MAIN_SHEET,
)


def fill_opinions(
    src: Path,
    opinions: Mapping[str, str],
    dest: Path | None = None,
    *,
    change: Callable[[Any], None] | None = None,
) -> Path:
    """Type ``opinions`` (事業No, or 'general' → text) into the sheet and save it as ``dest``
    (default: in place); ``change`` may do more to the workbook."""
    from openpyxl import load_workbook

    wb = load_workbook(src)
    ws = wb[MAIN_SHEET]
    rows: dict[str, int] = {}
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        if ws.cell(r, ID_COLUMN).value == GENERAL_ID:
            rows[GENERAL_ID] = r
        elif ws.cell(r, 1).value is not None:
            rows[str(ws.cell(r, 1).value)] = r
    for key, text in opinions.items():
        ws.cell(rows[key], INPUT_COLUMN).value = text
    if change is not None:
        change(wb)
    target = dest or src
    wb.save(target)
    return target
