"""Returned Excel worksheets (評価シート): reading one into a :class:`ReturnedFile`.

Departments that cannot run the app get an Excel worksheet from ``welfareplan distribute
--format xlsx`` (:mod:`welfareplan.workflow.issuing.worksheets`) and send it back filled in. The
merge treats it like a department file: the same validation, the same three-way rules. This
module is the worksheet's side of it.

**What is accepted.** Only *registered* worksheets: issued by ``distribute --format xlsx``,
so the master has an ``issued_file`` row (format ``xlsx``) with the issued values (the merge
base), and the worksheet carries that file's id and a MAC over its canonical payload made with
the master's secret (:func:`welfareplan.workflow.issuing.signing.worksheet_mac`). A worksheet written by
``welfareplan worksheets`` (print/check copies: no file id, no MAC) is rejected here with
``worksheet-unregistered``. The reader only checks the structure; identity (this workbook,
known issued file, MAC, open round, department) and then the rows (:func:`sheet_problems`:
deleted or added rows, edited locked cells, ratings) are checked by
:func:`welfareplan.workflow.returns.checks.validate_return`, so that a worksheet of another
workbook is named as such before its rows are looked at, and a rejected worksheet of this
workbook is journaled for its department (差戻し).

**Cell text.** The input cells (one per field of the plan's form) are formatted as text (``@``), so what a person types is
kept as typed (``50%`` stays ``50%``, a date stays the date as typed). They are read as
typed (a formula such as ``=HYPERLINK(...)`` as its text, never evaluated; numbers as their
text), Excel's ``_xHHHH_`` escapes decoded exactly (``_x000D_``, the CR of a pasted Windows
line break; ``_x005F_x000D_``, the literal text ``_x000D_``:
:func:`welfareplan.exports.worksheet_keys.cell_text`), then cleaned by the one rule for every
way text enters (:func:`welfareplan.core.textclean.clean_text`): line endings ``\\n``, other
control characters removed.

**Ratings and numbers.** The rating cell is read with Unicode compatibility folding,
surrounding white space removed and, where that makes it a code of the plan's scale,
upper-cased: ``'Ａ'``, ``' a '``, ``'ｂ'`` are read as A and B, and the merge output and the
audit trail note what was typed. Excel's own list validation accepts a lower-case ``a`` for
the list A,B,C,D, and a pasted full-width ``Ａ`` means nothing but A: rejecting a whole return
over the width of a letter would only delay it, while the note keeps the record of what the
department typed. Anything else (``E``, ``AB``, ``優``, a formula) rejects the file, naming the
row and the value; so does a number cell that is not a number. An empty cell is allowed. The
reader keeps the cells as typed: the codes and numbers are checked against the master's form
(:func:`sheet_problems`, :func:`welfareplan.workflow.returns.checks.validate_return`).

**Ordering of returns.** A worksheet has no revision counter. Its revision is the time it was
last saved, which Excel and LibreOffice write into the file at every save
(``dcterms:modified``), as the UTC number ``YYYYMMDDhhmmss``
(:func:`~welfareplan.workflow.returns.returned_file.saved_revision`). With that the rules of department
files hold unchanged: the identical file again (same SHA-256) is "no changes"; a file saved
later supersedes an earlier one; a file saved earlier than one already merged is stale
(reported, not applied); two different files with the same saved time are not guessed
between (neither is applied; issue a new worksheet). A file that records no save time counts
as revision 0 (older than any that does). Caveat: opening an old copy and saving it again makes
it the newest — the preview lists every field it would change.

**Status.** A worksheet has no 提出 button: sending it back is the submission. An accepted
worksheet therefore counts as submitted (:mod:`welfareplan.workflow.status`); its save time and
last author (``cp:lastModifiedBy``) are recorded as the submission's time and name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

from welfareplan.core.errors import FileCheckError, WelfareplanError
from welfareplan.core.evaluation_form import EvaluationForm
from welfareplan.core.numbers import normalize_number
from welfareplan.core.textclean import clean_text
from welfareplan.core.timestamps import time_to_text
from welfareplan.workflow.issuing.department_file import DepartmentFileState
from welfareplan.workflow.issuing.signing import IssueClaims
from welfareplan.workflow.returns.returned_file import (
    ReturnedEntry,
    ReturnedFile,
    ReturnedReply,
    SheetRow,
    WorksheetReturn,
    saved_revision,
)
from welfareplan.workflow.wording import where_to

ZIP_HEADERS = (b"PK\x03\x04", b"PK\x05\x06")
#: An OLE compound file: an Excel 97–2003 .xls, or an .xlsx saved with a password (encrypted).
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: A worksheet of a plan ten times the demo's unpacks to a few MB; refuse ZIP bombs.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
CORE_PROPERTIES = "docProps/core.xml"
_DCTERMS = "{http://purl.org/dc/terms/}"
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_W3CDTF = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?"
)


def what_to_send() -> str:
    """Which files can be imported, in the words of the front end showing the message."""
    return (
        f"取り込めるのは、{where_to('distribute')}で配布した担当課ファイル（.wpdb）と"
        f"{where_to('distribute-xlsx')}で配布した評価シート（.xlsx）です。"
    )


def parse_saved_time(text: str) -> dt.datetime | None:
    """A W3CDTF time as Office writes it ('2026-05-10T01:23:45Z'; no zone means UTC), in UTC;
    None when it is not one (or an implausible year: no save time rather than a wrong one)."""
    m = _W3CDTF.fullmatch(text.strip())
    if m is None:
        return None
    year, month, day, hour, minute, second, zone = m.groups()
    if not 1900 <= int(year) <= 9000:
        return None
    try:
        tz = dt.UTC
        if zone and zone != "Z":
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            tz = dt.timezone(sign * offset)
        when = dt.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second or 0), tzinfo=tz
        )
        return when.astimezone(dt.UTC)
    except (ValueError, OverflowError):
        return None


def _unreadable(path: Path) -> FileCheckError:
    return FileCheckError(
        f"「{path.name}」は Excel ファイル（.xlsx）として読み込めません。壊れているか、別の形式のファイルです。",
        code="worksheet-unreadable",
    )


def _open_zip(path: Path, data: bytes) -> tuple[dt.datetime | None, str]:
    """Check the ZIP container; return the saved time and last author from its core
    properties (openpyxl would report *now* for a file without a saved time)."""
    # zipfile raises many kinds of error on a damaged or unusual archive (BadZipFile,
    # zlib.error, RuntimeError for an encrypted member, NotImplementedError for an unknown
    # compression …): all of them mean "not a readable .xlsx".
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception as exc:
        raise _unreadable(path) from exc
    with archive:
        if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
            raise FileCheckError(
                f"「{path.name}」は展開すると大きすぎます。配布した評価シートではありません。",
                code="too-large",
            )
        names = {i.filename for i in infos}
        if "word/document.xml" in names:
            raise FileCheckError(
                f"「{path.name}」は Word の文書（.docx）です。{what_to_send()}",
                code="not-worksheet",
            )
        if CORE_PROPERTIES not in names:
            return None, ""
        try:
            root = ElementTree.fromstring(archive.read(CORE_PROPERTIES))
        except Exception as exc:
            raise _unreadable(path) from exc
    modified = root.findtext(f"{_DCTERMS}modified") or ""
    author = (root.findtext(f"{_CP}lastModifiedBy") or "").strip()
    return parse_saved_time(modified), clean_text(author)


class WorksheetReader:
    """Reads Excel worksheets issued by ``welfareplan distribute --format xlsx``."""

    file_format = "xlsx"

    def accepts(self, path: Path, head: bytes) -> bool:
        return head.startswith(ZIP_HEADERS) or (
            head.startswith(OLE_HEADER) and path.suffix.lower() in (".xls", ".xlsx")
        )

    def read(self, path: Path, data: bytes, workdir: Path) -> ReturnedFile:
        from welfareplan.workflow.returns.worksheet_cells import read_department_worksheet_xlsx

        if data.startswith(OLE_HEADER):
            raise FileCheckError(
                f"「{path.name}」は Excel 97-2003 形式（.xls）か、パスワードを付けて保存された Excel "
                "ファイルのため読めません。評価シートはパスワードを付けずに Excel ブック（.xlsx）"
                "形式で保存して送ってもらってください。",
                code="worksheet-old-format",
            )
        saved_at, saved_by = _open_zip(path, data)
        try:
            content = read_department_worksheet_xlsx(path, data=data, allow_missing_rows=True)
        except WelfareplanError as exc:
            if exc.code == "not-worksheet":
                raise FileCheckError(f"{exc.message}{what_to_send()}", code=exc.code) from None
            raise
        except Exception as exc:  # openpyxl on a damaged package: any parser error
            raise _unreadable(path) from exc
        keys = content.keys
        if not keys.file_uuid:
            raise FileCheckError(
                f"「{path.name}」は{where_to('worksheets')}で作成した確認・印刷用の評価シートで、"
                "配布の記録がないため取り込めません。記入して取り込む評価シートは"
                f"{where_to('distribute-xlsx')}で配布してください。",
                code="worksheet-unregistered",
            )
        revision = saved_revision(saved_at)
        local = saved_at.astimezone() if saved_at else None
        rows: list[SheetRow] = []
        entries: list[ReturnedEntry] = []
        for row in content.rows:
            rows.append(
                SheetRow(
                    entry_id=row.entry_id,
                    excel_row=row.excel_row,
                    label=row.label,
                    locked_intact=row.locked_intact,
                )
            )
            entries.append(
                ReturnedEntry(
                    entry_id=row.entry_id,
                    round_id=keys.round_id,
                    project_id="",
                    department_id=keys.department_id,
                    values={k: clean_text(v) for k, v in row.values.items()},
                    updated_at=time_to_text(local),
                    updated_by="",
                )
            )
        claims = IssueClaims(
            file_id=keys.file_uuid,
            workbook_uuid=keys.workbook_uuid,
            round_id=keys.round_id,
            department_id=keys.department_id,
            entry_keys=tuple(sorted([r.entry_id for r in rows] + list(content.missing))),
            issued_at="",
            file_format="xlsx",
        )
        state = DepartmentFileState(
            file_uuid=keys.file_uuid,
            workbook_uuid=keys.workbook_uuid,
            round_id=keys.round_id,
            department_id=keys.department_id,
            revision=revision,
            fiscal_year=keys.fiscal_year,
            department_name=keys.department_name,
            submitted_at=local,
            submitted_by=saved_by,
            submitted_revision=revision if local else None,
        )
        return ReturnedFile(
            path=path,
            sha256=hashlib.sha256(data).hexdigest(),
            file_format="xlsx",
            claims=claims,
            mac=content.mac,
            state=state,
            entries=tuple(entries),
            context=None,
            worksheet=WorksheetReturn(
                payload=content.payload,
                rows=tuple(rows),
                missing=content.missing,
                extra_rows=content.extra_rows,
                saved_at=local,
                saved_by=saved_by,
                fields=content.layout.fields,
            ),
            replies=tuple(
                ReturnedReply(
                    note_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{keys.file_uuid}/{cid}")),
                    comment_id=cid,
                    text=clean_text(text),
                    author=clean_text(author) or saved_by,
                    at=time_to_text(local),
                )
                for cid, text, author in content.replies
            ),
        )


def typed_value(form: EvaluationForm, key: str, typed: str) -> str | None:
    """What a worksheet cell of field ``key`` stands for: a rating code (folded, see the
    module docstring), a normalised number, or the text; None when it is not valid."""
    f = form.field(key)
    if f.is_rating:
        return form.normalize_code(typed)
    if f.is_number:
        return normalize_number(typed, unit=f.unit)
    return typed


def typed_notes(form: EvaluationForm, rf: ReturnedFile) -> dict[str, str]:
    """entry id → a note for every rating read as something other than typed ('Ａ' → 'A')."""
    sheet = rf.worksheet
    key = form.rating_key
    if sheet is None or key is None or key not in sheet.fields:
        return {}
    rating = form.field(key)
    labels = {r.entry_id: r.label for r in sheet.rows}
    notes = {}
    for e in rf.entries:
        typed = str(e.values.get(key, ""))
        read = form.normalize_code(typed)
        if read and read != typed:
            notes[e.entry_id] = (
                f"{labels.get(e.entry_id, '')}の{rating.label}「{typed}」を「{read}」として読み取りました。"
            )
    return notes


def sheet_problems(
    rf: ReturnedFile, entry_label: Callable[[str], str], form: EvaluationForm
) -> list[tuple[str, str]]:
    """Every problem of a worksheet's rows as (code, Japanese sentence), in the order: rows
    deleted, rows added, locked cells edited, input columns that are not the form's, values
    not valid for their field (ratings not of the scale, numbers that are not numbers).
    ``entry_label`` names an entry as the master has it ('事業9 地域福祉課（関係各課）'), not as
    the sheet's possibly edited cells say."""
    sheet = rf.worksheet
    if sheet is None:
        return []
    name = rf.name
    problems: list[tuple[str, str]] = []
    if sheet.missing:
        labels = "、".join(entry_label(e) for e in sheet.missing)
        problems.append(
            (
                "worksheet-row-missing",
                f"ファイル「{name}」から記入の行が削除されています（{labels}）。",
            )
        )
    if sheet.extra_rows:
        where = "、".join(f"{r} 行目" for r, _ in sheet.extra_rows)
        problems.append(
            (
                "worksheet-row-added",
                f"ファイル「{name}」の {where}は配布していない行です（行のコピーや追加はできません）。",
            )
        )
    locked = [r for r in sheet.rows if not r.locked_intact]
    if locked:
        where = "、".join(f"{entry_label(r.entry_id)}の行（{r.excel_row} 行目）" for r in locked)
        problems.append(
            (
                "locked-cell-edited",
                f"ファイル「{name}」の{where}で、入力欄以外のセルが変更されています"
                "（変更できるのは黄色の入力欄だけです）。",
            )
        )
    unknown = [k for k in sheet.fields if not form.has(k)]
    if unknown:
        problems.append(
            (
                "worksheet-fields",
                f"ファイル「{name}」の入力欄（{'、'.join(unknown)}）はこの計画の評価項目にありません。"
                "評価シートを配布し直してください。",
            )
        )
        return problems
    rows = {r.entry_id: r for r in sheet.rows}
    for f in form.fields:
        if f.key not in sheet.fields or f.is_text:
            continue
        bad = [
            (e.entry_id, str(e.values.get(f.key, "")))
            for e in rf.entries
            if typed_value(form, f.key, str(e.values.get(f.key, ""))) is None
        ]
        if not bad:
            continue
        where = "、".join(
            f"{entry_label(eid)}の行（{rows[eid].excel_row} 行目）の{f.label}「{typed}」"
            for eid, typed in bad
        )
        if f.is_rating:
            problems.append(
                (
                    "bad-rating",
                    f"ファイル「{name}」の{where}は {'・'.join(form.codes)} のどれでもありません"
                    f"（{f.label}は一覧から {form.codes[0]}～{form.codes[-1]} を選んでください）。",
                )
            )
        else:
            problems.append(("bad-number", f"ファイル「{name}」の{where}は数値ではありません。"))
    return problems
