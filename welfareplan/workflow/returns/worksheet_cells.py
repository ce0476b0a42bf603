"""Reading a returned Excel worksheet's cells (openpyxl): its hidden keys and, per issued entry,
the row that holds it now, the three input cells as typed and whether its locked cells are
intact.

The sheet's layout is the writer's (:mod:`welfareplan.exports.worksheet_xlsx`); the keys, the
payload the MAC covers and the locked-cell digests are the contract between the two
(:mod:`welfareplan.exports.worksheet_keys`). The reader finds each entry's row by the id in
column M (at the issued row, or anywhere in the column if rows were moved), reads the three
input cells as text exactly as typed (formulas as their text, never evaluated) and compares
the locked cells with the issued digest. Turning that into a returned file for the merge is
:mod:`welfareplan.workflow.returns.worksheet_reader`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from welfareplan.core.errors import FileCheckError
from welfareplan.core.errortext import os_reason
from welfareplan.exports.worksheet_keys import (
    WORKSHEET_FORMAT,
    IssuedRow,
    WorksheetKeys,
    cell_text,
    locked_digest,
    worksheet_payload,
)
from welfareplan.exports.worksheet_xlsx import (
    ID_COL,
    KEYS_SHEET,
    LOCKED_COLUMNS,
    OUTLOOK_COL,
    RATING_COL,
    RESULT_COL,
    header_labels,
)


@dataclass(frozen=True)
class WorksheetRow:
    """One input row as found in a returned worksheet."""

    entry_id: str
    excel_row: int
    #: e.g. '事業9 地域福祉課（関係各課）', for messages.
    label: str
    result: str
    #: Exactly as typed ('Ａ', 'E', ' a ' …): the importer validates it.
    rating: str
    outlook: str
    #: False when any locked (non-input) cell of the row differs from what was issued.
    locked_intact: bool


@dataclass(frozen=True)
class WorksheetContent:
    keys: WorksheetKeys
    rows: list[WorksheetRow]
    #: Canonical bytes over the stored keys, entry ids, rows and locked-cell digests.
    payload: bytes
    #: The MAC as embedded ('' when the worksheet was written without ``sign``).
    mac: str
    #: Entry ids of issued rows not found in the sheet (only when read with
    #: ``allow_missing_rows``; otherwise a missing row is an error).
    missing: tuple[str, ...] = ()
    #: (Excel row, id) of rows whose id cell holds something other than an issued entry read
    #: from that row: an unknown id, or a second copy of an issued row.
    extra_rows: tuple[tuple[int, str], ...] = ()


def _unreadable(path: Path, why: str, code: str) -> FileCheckError:
    return FileCheckError(f"「{path.name}」は{why}", code=code)


def _load(path: Path, data: bytes | None = None) -> Any:
    import io
    import warnings
    import zipfile

    from openpyxl.utils.exceptions import InvalidFileException

    from welfareplan.exports.xlsx_reading import load_workbook_exact

    if data is None and not path.is_file():
        raise _unreadable(path, "見つかりません。", "not-found")
    source: Any = path if data is None else io.BytesIO(data)
    try:
        # Files saved by Excel or LibreOffice carry parts openpyxl does not keep (extended
        # validations, themes …); it warns about them, but the cells read the same.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook_exact(source)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError) as exc:
        raise _unreadable(
            path,
            "Excel ファイル（.xlsx）として読み込めません。壊れているか、別の形式のファイルです。",
            "worksheet-unreadable",
        ) from exc
    except OSError as exc:
        raise _unreadable(
            path, f"読み込めません（{os_reason(exc)}）。", "worksheet-unreadable"
        ) from exc


def _read_keys(path: Path, wb: Any) -> tuple[WorksheetKeys, dict[str, str], list[IssuedRow]]:
    damaged = "評価シートとして壊れています（識別情報が読み取れません）。配布した評価シートに記入して送り直してもらってください。"
    if KEYS_SHEET not in wb.sheetnames:
        raise _unreadable(
            path,
            "このアプリで作成した評価シートではありません（識別情報がありません）。",
            "not-worksheet",
        )
    ks = wb[KEYS_SHEET]
    values: dict[str, str] = {}
    issued: list[IssuedRow] = []
    in_entries = False
    for row in ks.iter_rows(min_row=1, max_col=3, values_only=True):
        a, b, c = (cell_text(v) for v in row)
        if not a:
            break
        if in_entries:
            if not re.fullmatch("[0-9]{1,7}", b) or not c:
                raise _unreadable(path, damaged, "worksheet-damaged")
            issued.append(IssuedRow(a, int(b), c))
        elif a == "entries":
            in_entries = True
            values[a] = b
        else:
            values[a] = b
    fmt = values.get("format", "")
    if fmt != WORKSHEET_FORMAT:
        if fmt.startswith("welfareplan-worksheet/"):
            raise _unreadable(
                path,
                f"新しい版のアプリで作成された評価シート（{fmt}）です。アプリを更新してください。",
                "worksheet-newer",
            )
        raise _unreadable(path, damaged, "worksheet-damaged")
    try:
        keys = WorksheetKeys(
            workbook_uuid=values["workbook_uuid"],
            file_uuid=values["file_uuid"],
            round_id=values["round_id"],
            fiscal_year=int(values["fiscal_year"]),
            department_id=values["department_id"],
            department_name=values["department_name"],
        )
        int(values["header_row"])
        if not values["sheet"]:
            raise ValueError("no sheet name")
    except (KeyError, ValueError) as exc:
        raise _unreadable(path, damaged, "worksheet-damaged") from exc
    if (
        not keys.round_id
        or not keys.department_id
        or not issued
        or values.get("entries") != str(len(issued))
    ):
        raise _unreadable(path, damaged, "worksheet-damaged")
    return keys, values, issued


def read_department_worksheet_xlsx(
    path: Path, *, data: bytes | None = None, allow_missing_rows: bool = False
) -> WorksheetContent:
    """Read a returned Excel worksheet. Raises :class:`FileCheckError` (Japanese message)
    when it is not one of ours or its structure is damaged; the values of the input cells are
    returned as typed, for the importer to validate.

    With ``data`` the worksheet is read from those bytes (``path`` names it in messages).
    With ``allow_missing_rows`` an issued row that cannot be found is listed in
    ``missing`` instead of being an error (the importer names the entries from the master).
    """
    path = Path(path)
    wb = _load(path, data)
    keys, values, issued = _read_keys(path, wb)
    sheet_name = values["sheet"]
    header_row = int(values["header_row"])
    if sheet_name not in wb.sheetnames:
        raise _unreadable(
            path,
            f"評価シートとして壊れています（シート「{sheet_name}」がありません）。",
            "worksheet-damaged",
        )
    ws = wb[sheet_name]
    found = [cell_text(ws.cell(header_row, col).value) for col in range(1, ID_COL + 1)]
    expected = header_labels(keys.fiscal_year, None)
    for col in (*range(1, 9), ID_COL):
        if found[col - 1] != expected[col - 1]:
            raise _unreadable(
                path,
                f"評価シートとして壊れています（見出し「{expected[col - 1]}」の列が見つかりません）。",
                "worksheet-damaged",
            )
    id_rows: dict[str, int] = {}
    for r in range(header_row + 1, ws.max_row + 1):
        entry_id = cell_text(ws.cell(r, ID_COL).value)
        if entry_id:
            id_rows.setdefault(entry_id, r)
    rows: list[WorksheetRow] = []
    missing: list[str] = []
    for item in issued:
        r = item.excel_row
        if cell_text(ws.cell(r, ID_COL).value) != item.entry_id:
            if item.entry_id not in id_rows:
                if allow_missing_rows:
                    missing.append(item.entry_id)
                    continue
                raise _unreadable(
                    path,
                    f"評価シートとして壊れています（{item.excel_row} 行目にあった記入の行が見つかりません）。",
                    "worksheet-damaged",
                )
            r = id_rows[item.entry_id]
        locked = [ws.cell(r, col).value for col in LOCKED_COLUMNS]
        number = cell_text(ws.cell(r, 2).value)
        department = cell_text(ws.cell(r, 5).value)
        rows.append(
            WorksheetRow(
                entry_id=item.entry_id,
                excel_row=r,
                label=f"事業{number} {department}".strip(),
                result=cell_text(ws.cell(r, RESULT_COL).value),
                rating=cell_text(ws.cell(r, RATING_COL).value),
                outlook=cell_text(ws.cell(r, OUTLOOK_COL).value),
                locked_intact=locked_digest(locked) == item.digest,
            )
        )
    used = {row.excel_row for row in rows}
    extra = tuple(
        (r, entry_id)
        for r in range(header_row + 1, ws.max_row + 1)
        if r not in used and (entry_id := cell_text(ws.cell(r, ID_COL).value))
    )
    return WorksheetContent(
        keys=keys,
        rows=rows,
        payload=worksheet_payload(keys, issued),
        mac=values.get("mac", ""),
        missing=tuple(missing),
        extra_rows=extra,
    )
