"""Reading a past year's published evaluation from an .xlsx (``welfareplan history import``):
the rows of the product's own exported Excel report, or of a plain table.

* **The report** (exported by ``welfareplan export --xlsx``): one sheet per top-level node, the
  title rows above the header (「…評価表（令和6年度実績報告）」, which gives the year), the
  header as the report prints it (施策No, 事業No, 【個別事業・取り組み】, 内容, 担当課, one column
  per form field, 前年度評価, 評価の変化) and the project cells merged over the rows of one
  project (an empty 事業No continues the project above). Sheets without such a header (集計,
  委員意見) are skipped.
* **The plain table** (docs/plan-template.md): the header in row 1 — 事業番号, 担当課 and one
  column per form field headed by its label — and one row per (project, department).

Every cell's text is kept as typed (cleaned by the one rule for all text that enters); matching
rows against a plan is :mod:`welfareplan.workflow.rounds.history_import`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from welfareplan.core.errors import DataError, WelfareplanError
from welfareplan.core.textclean import clean_text
from welfareplan.core.textclean import loose_key as header_key
from welfareplan.core.wareki import parse_fiscal_year
from welfareplan.exports.worksheet_keys import cell_text
from welfareplan.exports.xlsx_reading import open_xlsx

#: How far down a sheet its header row may be (the report's is row 3).
HEADER_SEARCH_ROWS = 6
_YEAR = re.compile(r"(令和|平成)(元|[0-9０-９]+)年度")


@dataclass(frozen=True)
class SheetRow:
    """One row of the file: where it is, the project and department as written, and every
    cell by its column heading (compared as :func:`header_key`)."""

    where: str
    project: str
    department: str
    cells: dict[str, str]


@dataclass
class HistoryFile:
    name: str
    sha256: str
    #: the product's own report (True) or a plain table
    is_report: bool
    #: the fiscal year the file states (the report's title), if any
    fiscal_year: int | None
    #: the column headings as written, in order, of the first sheet read
    headings: list[str] = field(default_factory=list)
    rows: list[SheetRow] = field(default_factory=list)


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(cell_text(value)).strip()


def where(sheet: str, row: int) -> str:
    return f"シート「{sheet}」 {row}行目"


def _stated_year(texts: list[str]) -> int | None:
    for text in texts:
        match = _YEAR.search(text)
        if match:
            try:
                return parse_fiscal_year(match.group(0))
            except WelfareplanError:
                return None
    return None


def read_history_file(
    path: Path, *, project_headings: tuple[str, ...], department_headings: tuple[str, ...]
) -> HistoryFile:
    """The rows of ``path``; a sheet's header row is the first of its first rows that has one
    of ``project_headings`` and one of ``department_headings``. Raises :class:`DataError`
    when no sheet has one."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"ファイル「{path.name}」が見つかりません。", code="not-found") from None
    except OSError as exc:
        raise DataError(f"ファイル「{path.name}」を読めません（{exc.strerror}）。") from None
    book = open_xlsx(path, data)
    found = HistoryFile(path.name, hashlib.sha256(data).hexdigest(), False, None)
    projects = {header_key(h) for h in project_headings}
    departments = {header_key(h) for h in department_headings}
    try:
        for ws in book.worksheets:
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
                keys = [header_key(text_of(c)) for c in row]
                p = next((i for i, k in enumerate(keys) if k in projects), None)
                d = next((i for i, k in enumerate(keys) if k in departments), None)
                if p is not None and d is not None:
                    _read_sheet(found, ws.title, rows, index, keys=keys, p=p, d=d)
                    break
    finally:
        book.close()
    if not found.headings:
        raise DataError(
            f"ファイル「{path.name}」に「{project_headings[0]}」と「{department_headings[0]}」の"
            "列のある表がありません（この計画の評価表か、説明どおりの表を指定してください）。",
            code="history-no-table",
        )
    return found


def _read_sheet(
    found: HistoryFile,
    title: str,
    rows: list[list[Any]],
    index: int,
    *,
    keys: list[str],
    p: int,
    d: int,
) -> None:
    report = index > 0  # the report prints its title rows above the header
    if not found.headings:
        found.headings = [text_of(c) for c in rows[index]]
        found.is_report = report
    if report and found.fiscal_year is None:
        found.fiscal_year = _stated_year(
            [text_of(c) for r in rows[: index + 1] for c in r if c is not None]
        )
    project = ""
    for number, row in enumerate(rows[index + 1 :], start=index + 2):
        texts = [text_of(c) for c in row]
        if not any(texts):
            continue
        cells = {k: texts[i] if i < len(texts) else "" for i, k in enumerate(keys) if k}
        label = cells.get(keys[p], "")
        if label or not report:
            project = label
        found.rows.append(SheetRow(where(title, number), project, cells.get(keys[d], ""), cells))
