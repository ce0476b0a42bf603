"""Test helpers that fill a returned Excel worksheet the way a department does in Excel: only
the three input cells are written, then the file is saved (which records the save time)."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from welfareplan.exports.worksheet_xlsx import (
    HEADER_ROW,
    ID_COL,
    KEYS_SHEET,
    MAIN_SHEET,
    OUTLOOK_COL,
    RATING_COL,
    RESULT_COL,
)

COLUMNS = {"result": RESULT_COL, "rating": RATING_COL, "outlook": OUTLOOK_COL}
#: The save time every filled sheet gets unless told otherwise (Excel writes UTC). Returns are
#: ordered by it and the sheet as issued carries the time of issue (now), so test saves lie in
#: the future, whatever this machine's clock says.
SAVED = dt.datetime(2099, 5, 10, 1, 0, 0, tzinfo=dt.UTC)
_MODIFIED = re.compile(rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>")


def rows_by_number(ws: Any) -> dict[str, int]:
    """事業No as printed in column B ('9', '31～34') → its Excel row."""
    return {
        str(ws.cell(r, 2).value): r
        for r in range(HEADER_ROW + 1, ws.max_row + 1)
        if ws.cell(r, ID_COL).value
    }


def set_saved_time(path: Path, when: dt.datetime | None) -> None:
    """Set (or, with None, remove) the save time Excel records in docProps/core.xml."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info.filename)) for info in archive.infolist()]
    out = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, original in parts:
            data = original
            if info.filename == "docProps/core.xml":
                stamp = (
                    b""
                    if when is None
                    else b'<dcterms:modified xmlns:dcterms="http://purl.org/dc/terms/" '
                    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                    b'xsi:type="dcterms:W3CDTF">'
                    + when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                    + b"</dcterms:modified>"
                )
                data, n = _MODIFIED.subn(stamp, original)
                assert n == 1
            archive.writestr(info, data)
    out.replace(path)


def fill_sheet(
    src: Path,
    dest: Path | None = None,
    values: Mapping[int | str, Mapping[str, object]] | None = None,
    *,
    saved_at: dt.datetime | None = SAVED,
    change: Callable[[Any], None] | None = None,
) -> Path:
    """Type ``values`` (事業No → field → cell value) into the input cells of ``src`` and save
    as ``dest`` (default: in place) with the save time ``saved_at``. ``change`` may do more
    to the openpyxl workbook (what a careless or malicious user might do)."""
    from openpyxl import load_workbook

    wb = load_workbook(src)
    ws = wb[MAIN_SHEET]
    rows = rows_by_number(ws)
    for number, fields in (values or {}).items():
        for name, value in fields.items():
            ws.cell(rows[str(number)], COLUMNS[name]).value = value
    if change is not None:
        change(wb)
    target = dest or src
    wb.save(target)
    set_saved_time(target, saved_at)
    return target


def set_key(wb: Any, key: str, value: str) -> None:
    """Change one value of the hidden keys sheet."""
    for row in wb[KEYS_SHEET].iter_rows(max_col=2):
        if row[0].value == key:
            row[1].value = value
            return
    raise AssertionError(key)


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2099, 5, 10, hour, minute, tzinfo=dt.UTC)
