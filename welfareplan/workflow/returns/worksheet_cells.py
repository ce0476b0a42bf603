"""Reading a returned Excel worksheet's cells (openpyxl): its hidden keys and, per issued entry,
the row that holds it now, the three input cells as typed and whether its locked cells are
intact.

The sheet's layout is the writer's (:mod:`welfareplan.exports.worksheet_xlsx`); the keys, the
layout, the payload the MAC covers and the locked-cell digests are the contract between the
two (:mod:`welfareplan.exports.worksheet_keys`). The reader finds each entry's row by the id in
the id column (at the issued row, or anywhere in the column if rows were moved), reads the
input cells of the form's fields as text exactly as typed (formulas as their text, never
evaluated) and compares the locked cells with the issued digest. A worksheet issued before
schema 3 (format 1) has Koganei's fixed layout (:mod:`welfareplan.workflow.returns.legacy`). Turning that into a returned file for the merge is
:mod:`welfareplan.workflow.returns.worksheet_reader`'s job.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from welfareplan.core.errors import FileCheckError
from welfareplan.core.errortext import os_reason
from welfareplan.core.evaluation_form import FIELD_KEY
from welfareplan.core.koganei_form import KOGANEI_FORM
from welfareplan.core.report_texts import ReportTexts
from welfareplan.exports.opinion_sheet_xlsx import OPINION_SHEET_FORMAT
from welfareplan.exports.worksheet_keys import (
    WORKSHEET_FORMAT,
    IssuedRow,
    WorksheetKeys,
    WorksheetLayout,
    cell_text,
    locked_digest,
    worksheet_payload,
)
from welfareplan.exports.worksheet_review import read_review_sheet
from welfareplan.exports.worksheet_xlsx import ID_HEADER, KEYS_SHEET, sheet_columns
from welfareplan.workflow.returns.legacy import (
    WORKSHEET_FORMAT_V1,
    WORKSHEET_V1_FIELDS,
    WORKSHEET_V1_ID_COLUMN,
    WORKSHEET_V1_INPUT_COLUMN,
)


@dataclass(frozen=True)
class WorksheetRow:
    """One input row as found in a returned worksheet."""

    entry_id: str
    excel_row: int
    #: e.g. '事業9 地域福祉課（関係各課）', for messages.
    label: str
    #: field key → the input cell exactly as typed ('Ａ', 'E', ' a ' …): the merge checks it.
    values: dict[str, str]
    #: False when any locked (non-input) cell of the row differs from what was issued.
    locked_intact: bool


@dataclass(frozen=True)
class WorksheetContent:
    keys: WorksheetKeys
    layout: WorksheetLayout
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
    #: (comment id, reply, author) of the answered rows of the sheet 差戻し
    replies: tuple[tuple[str, str, str], ...] = ()


def _unreadable(path: Path, why: str, code: str) -> FileCheckError:
    return FileCheckError(f"「{path.name}」は{why}", code=code)


def load_xlsx(path: Path, data: bytes | None = None) -> Any:
    """The workbook at ``path`` (or in ``data``) as openpyxl reads it; refused with a
    Japanese reason when it is not an Excel file."""
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


def _read_keys(
    path: Path, wb: Any
) -> tuple[WorksheetKeys, dict[str, str], list[IssuedRow], WorksheetLayout | None]:
    """The keys, the label/value rows, the issued rows and the layout (None: format 1)."""
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
    if fmt == OPINION_SHEET_FORMAT:
        raise _unreadable(
            path,
            "推進委員会の委員の意見・提案シートです。担当課の評価シートとしては取り込めません"
            "（「委員の意見」の画面、または welfareplan opinions merge で取り込んでください）。",
            "opinion-sheet-as-worksheet",
        )
    if fmt not in (WORKSHEET_FORMAT, WORKSHEET_FORMAT_V1):
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
        layout = None
        if fmt == WORKSHEET_FORMAT:
            fields = tuple(values["fields"].split(","))
            if not all(FIELD_KEY.fullmatch(f) for f in fields):
                raise ValueError("bad field keys")
            layout = WorksheetLayout(fields, int(values["input_column"]), int(values["id_column"]))
            if layout.input_column < 2 or layout.id_column <= layout.input_column + len(fields):
                raise ValueError("bad layout")
    except (KeyError, ValueError) as exc:
        raise _unreadable(path, damaged, "worksheet-damaged") from exc
    if (
        not keys.round_id
        or not keys.department_id
        or not issued
        or values.get("entries") != str(len(issued))
    ):
        raise _unreadable(path, damaged, "worksheet-damaged")
    return keys, values, issued, layout


def _stored_headers(path: Path, text: str, layout: WorksheetLayout) -> dict[int, str]:
    """The headers the writer put over the input and id columns (a column inserted or a
    header overwritten shows as a mismatch)."""
    damaged = "評価シートとして壊れています（識別情報が読み取れません）。"
    try:
        stored = json.loads(text) if text else {}
        headers = {int(c): str(h) for c, h in stored.items()}
    except (ValueError, AttributeError, TypeError) as exc:
        raise _unreadable(path, damaged, "worksheet-damaged") from exc
    return {**headers, layout.id_column: ID_HEADER}


def _legacy_layout(fiscal_year: int) -> tuple[WorksheetLayout, dict[int, str]]:
    """Format 1: Koganei's fixed columns, and the headers to check (the plan part, the three
    inputs and the id)."""
    layout = WorksheetLayout(WORKSHEET_V1_FIELDS, WORKSHEET_V1_INPUT_COLUMN, WORKSHEET_V1_ID_COLUMN)
    cols = sheet_columns(
        KOGANEI_FORM, ReportTexts(), node_column=True, fiscal_year=fiscal_year, previous_year=None
    )
    checked = [*range(1, layout.input_column + len(layout.fields)), layout.id_column]
    return layout, {c: cols.headers[c - 1] for c in checked}


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
    wb = load_xlsx(path, data)
    keys, values, issued, layout = _read_keys(path, wb)
    sheet_name = values["sheet"]
    header_row = int(values["header_row"])
    if sheet_name not in wb.sheetnames:
        raise _unreadable(
            path,
            f"評価シートとして壊れています（シート「{sheet_name}」がありません）。",
            "worksheet-damaged",
        )
    ws = wb[sheet_name]
    if layout is None:
        layout, expected = _legacy_layout(keys.fiscal_year)
        payload = worksheet_payload(keys, issued, None, fmt=WORKSHEET_FORMAT_V1)
    else:
        expected = _stored_headers(path, values.get("headers", ""), layout)
        payload = worksheet_payload(keys, issued, layout)
    for col, header in expected.items():
        if cell_text(ws.cell(header_row, col).value) != header:
            raise _unreadable(
                path,
                f"評価シートとして壊れています（見出し「{header}」の列が見つかりません）。",
                "worksheet-damaged",
            )
    id_col = layout.id_column
    context = layout.input_column - 1
    id_rows: dict[str, int] = {}
    for r in range(header_row + 1, ws.max_row + 1):
        entry_id = cell_text(ws.cell(r, id_col).value)
        if entry_id:
            id_rows.setdefault(entry_id, r)
    rows: list[WorksheetRow] = []
    missing: list[str] = []
    for item in issued:
        r = item.excel_row
        if cell_text(ws.cell(r, id_col).value) != item.entry_id:
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
        locked = [ws.cell(r, col).value for col in layout.locked_columns]
        number = cell_text(ws.cell(r, context - 3).value)
        department = cell_text(ws.cell(r, context).value)
        rows.append(
            WorksheetRow(
                entry_id=item.entry_id,
                excel_row=r,
                label=f"事業{number} {department}".strip(),
                values={k: cell_text(ws.cell(r, layout.column_of(k)).value) for k in layout.fields},
                locked_intact=locked_digest(locked) == item.digest,
            )
        )
    used = {row.excel_row for row in rows}
    extra = tuple(
        (r, entry_id)
        for r in range(header_row + 1, ws.max_row + 1)
        if r not in used and (entry_id := cell_text(ws.cell(r, id_col).value))
    )
    return WorksheetContent(
        keys=keys,
        layout=layout,
        rows=rows,
        payload=payload,
        mac=values.get("mac", ""),
        missing=tuple(missing),
        extra_rows=extra,
        replies=read_review_sheet(wb),
    )
