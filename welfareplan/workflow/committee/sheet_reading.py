"""Reading a returned opinion sheet: its hidden keys, the payload its MAC covers, and per
issued row the member's opinion as typed and whether the row's locked cells are intact.

The layout is the writer's (:mod:`welfareplan.exports.opinion_sheet_xlsx`). A department file
(``.wpdb``) or a department worksheet handed in as an opinion sheet is refused with what it is
(and the department reader refuses an opinion sheet the same way); verifying the MAC and the
round is :mod:`.sheet_merge`'s job.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from welfareplan.core.errors import FileCheckError
from welfareplan.core.errortext import os_reason
from welfareplan.core.fileformat import SQLITE_MAGIC
from welfareplan.core.regularfile import open_regular, read_limited
from welfareplan.core.textclean import clean_text
from welfareplan.exports.opinion_sheet_xlsx import (
    ID_COLUMN,
    INPUT_COLUMN,
    KEYS_SHEET,
    MAIN_SHEET,
    OPINION_SHEET_FORMAT,
    OpinionSheetKeys,
    opinion_sheet_payload,
)
from welfareplan.exports.worksheet_keys import IssuedRow, cell_text, locked_digest
from welfareplan.workflow.returns.reading import MAX_RETURN_BYTES
from welfareplan.workflow.returns.worksheet_cells import load_xlsx


@dataclass(frozen=True)
class OpinionSheetContent:
    keys: OpinionSheetKeys
    #: project id (or 'general') → the opinion as typed, cleaned ('' when empty)
    opinions: dict[str, str]
    payload: bytes
    mac: str
    sha256: str
    #: every issued row found at its row with its locked cells as issued
    intact: bool


def _refused(path: Path, why: str, code: str) -> FileCheckError:
    return FileCheckError(f"「{path.name}」は{why}", code=code)


def _read_bytes(path: Path) -> bytes:
    try:
        with open_regular(path) as fh:
            return read_limited(fh, path, MAX_RETURN_BYTES, "意見・提案シートではありません。")
    except FileNotFoundError:
        raise _refused(path, "見つかりません。", "not-found") from None
    except OSError as exc:
        raise _refused(path, f"読み込めません（{os_reason(exc)}）。", "unreadable") from None


def read_opinion_sheet(path: Path) -> OpinionSheetContent:
    """Read ``path`` as an opinion sheet. Raises :class:`FileCheckError` with the reason."""
    path = Path(path)
    data = _read_bytes(path)
    if data.startswith(SQLITE_MAGIC):
        raise _refused(
            path,
            ".wpdb ファイル（担当課の記入ファイルやマスターワークブック）で、意見・提案シート"
            "（.xlsx）ではありません（担当課の記入ファイルは返却ファイルの取り込みで取り込みます）。",
            "department-file-as-opinion-sheet",
        )
    wb = load_xlsx(path, data)
    damaged = "意見・提案シートとして壊れています（識別情報が読み取れません）。配布したシートに記入して送り直してもらってください。"
    if KEYS_SHEET not in wb.sheetnames or MAIN_SHEET not in wb.sheetnames:
        if KEYS_SHEET in wb.sheetnames:
            fmt = cell_text(wb[KEYS_SHEET].cell(1, 2).value)
            if fmt.startswith("welfareplan-worksheet/"):
                raise _refused(
                    path,
                    "担当課の評価シートです。意見・提案シートではありません"
                    "（返却ファイルの取り込みで取り込んでください）。",
                    "worksheet-as-opinion-sheet",
                )
        raise _refused(
            path,
            "このアプリで作成した意見・提案シートではありません（識別情報がありません）。",
            "not-opinion-sheet",
        )
    values: dict[str, str] = {}
    rows: list[IssuedRow] = []
    in_rows = False
    for a_, b_, c_ in wb[KEYS_SHEET].iter_rows(min_row=1, max_col=3, values_only=True):
        a, b, c = cell_text(a_), cell_text(b_), cell_text(c_)
        if not a:
            break
        if in_rows:
            if not re.fullmatch("[0-9]{1,7}", b) or not c:
                raise _refused(path, damaged, "opinion-sheet-damaged")
            rows.append(IssuedRow(a, int(b), c))
        else:
            values[a] = b
            in_rows = a == "rows"
    if values.get("format") != OPINION_SHEET_FORMAT:
        raise _refused(path, damaged, "opinion-sheet-damaged")
    try:
        keys = OpinionSheetKeys(
            workbook_uuid=values["workbook_uuid"],
            sheet_id=values["sheet_id"],
            round_id=values["round_id"],
            fiscal_year=int(values["fiscal_year"]),
            member_id=values["member_id"],
            member_name=values["member_name"],
        )
    except (KeyError, ValueError) as exc:
        raise _refused(path, damaged, "opinion-sheet-damaged") from exc
    if not rows or values.get("rows") != str(len(rows)):
        raise _refused(path, damaged, "opinion-sheet-damaged")
    ws = wb[MAIN_SHEET]
    opinions: dict[str, str] = {}
    intact = True
    for row in rows:
        cells = [ws.cell(row.excel_row, c).value for c in range(1, INPUT_COLUMN)]
        ident = ws.cell(row.excel_row, ID_COLUMN).value
        if cell_text(ident) != row.entry_id or locked_digest([*cells, ident]) != row.digest:
            intact = False
        typed = cell_text(ws.cell(row.excel_row, INPUT_COLUMN).value)
        opinions[row.entry_id] = clean_text(typed).strip()
    return OpinionSheetContent(
        keys=keys,
        opinions=opinions,
        payload=opinion_sheet_payload(keys, rows),
        mac=values.get("mac", ""),
        sha256=hashlib.sha256(data).hexdigest(),
        intact=intact,
    )
