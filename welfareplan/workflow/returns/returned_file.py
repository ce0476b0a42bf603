"""What a returned file is, once read: plain data shared by the readers and the merge.

A reader (:mod:`welfareplan.workflow.returns.reading` for department files,
:mod:`welfareplan.workflow.returns.worksheet_reader` for Excel worksheets) turns a file into a
:class:`ReturnedFile`; the merge validates and compares it without looking at the file again.

Returns of one issued file are ordered by :attr:`ReturnedFile.revision`:

* a department file (``wpdb``) counts its saves: ``wp_meta.revision``;
* an Excel worksheet (``xlsx``) has no counter, so its revision is the time the file was last
  saved (``dcterms:modified`` of the workbook, which Excel and LibreOffice set at every save),
  in UTC as the number ``YYYYMMDDhhmmss`` (0 when the file records no time). See
  :mod:`welfareplan.workflow.returns.worksheet_reader`.

:func:`revision_label` words a revision for messages either way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, Protocol

from welfareplan.core.textclean import display_name
from welfareplan.workflow.issuing.department_file import DepartmentFileState
from welfareplan.workflow.issuing.signing import IssueClaims

#: Human labels of the kinds of returned file (``issued_file.file_format``).
FILE_FORMAT_LABELS = {"wpdb": "担当課ファイル", "xlsx": "Excel 評価シート"}

_SAVED_FORMAT = "%Y%m%d%H%M%S"


def file_format_label(file_format: str) -> str:
    return FILE_FORMAT_LABELS.get(file_format, "")


def saved_revision(saved_at: dt.datetime | None) -> int:
    """The revision of a worksheet saved at ``saved_at``: its UTC time as YYYYMMDDhhmmss."""
    if saved_at is None:
        return 0
    utc = saved_at.astimezone(dt.UTC) if saved_at.tzinfo else saved_at
    return int(utc.strftime(_SAVED_FORMAT))


def saved_time(revision: int) -> dt.datetime | None:
    """The (timezone-aware, local) save time a worksheet revision stands for."""
    try:
        utc = dt.datetime.strptime(f"{revision:014d}", _SAVED_FORMAT).replace(tzinfo=dt.UTC)
    except ValueError:
        return None
    return utc.astimezone()


def revision_label(file_format: str, revision: int) -> str:
    """'版 3' for a department file; '2026-05-10 10:23:45 保存' for a worksheet."""
    if file_format != "xlsx":
        return f"版 {revision}"
    when = saved_time(revision) if revision else None
    if when is None:
        return "保存日時の記録なし"
    return f"{when:%Y-%m-%d %H:%M:%S} 保存"


class ReturnedEntry(NamedTuple):
    """One entry row as found in a returned file (values not yet checked)."""

    entry_id: str
    round_id: str
    #: '' when the file does not say (a worksheet keys its rows by their signed entry ids).
    project_id: str
    department_id: str
    #: field key → value as found (a worksheet's rating as typed; checked by the merge)
    values: Mapping[str, object]
    updated_at: str | None
    updated_by: str


@dataclass(frozen=True)
class ReturnedReply:
    """A department's reply to a 差戻し comment as found in a returned file (not yet checked)."""

    note_id: str
    comment_id: str
    text: str
    author: str
    at: str | None


@dataclass(frozen=True)
class SheetRow:
    """One input row of a returned worksheet, for the checks a worksheet needs."""

    entry_id: str
    excel_row: int
    #: '事業9 地域福祉課（関係各課）'
    label: str
    locked_intact: bool


@dataclass(frozen=True)
class WorksheetReturn:
    """What only a returned Excel worksheet has: its signed payload and its rows as found."""

    #: the canonical bytes the worksheet's MAC covers
    payload: bytes
    rows: tuple[SheetRow, ...]
    #: entry ids of issued rows that are no longer in the sheet
    missing: tuple[str, ...]
    #: (Excel row, id) of rows that are not issued rows: unknown ids or copies
    extra_rows: tuple[tuple[int, str], ...]
    #: when the file was last saved (``dcterms:modified``), if it says
    saved_at: dt.datetime | None
    #: who saved it last (``cp:lastModifiedBy``: the Office user name), if it says
    saved_by: str

    #: the field keys of the sheet's input columns, in column order
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReturnedFile:
    """A returned file as read, not yet validated against the master."""

    path: Path
    sha256: str
    file_format: str
    claims: IssueClaims
    mac: str
    state: DepartmentFileState
    entries: tuple[ReturnedEntry, ...]
    #: digests of the file's plan rows for the projects in ``claims.context`` (missing ones
    #: left out); ``None`` when the reader has checked the plan context itself.
    context: Mapping[str, str] | None
    upgraded_from: int | None = None
    #: the same digests as schema 2 computed them (a file issued before schema 3 was signed
    #: over those), see :mod:`welfareplan.workflow.returns.legacy`
    legacy_context: Mapping[str, str] | None = None
    #: Set for an Excel worksheet: its MAC covers ``worksheet.payload``, not ``claims``
    #: (``claims.issued_at`` and ``claims.context`` are then empty: a worksheet does not
    #: carry them).
    worksheet: WorksheetReturn | None = None
    #: the department's replies to 差戻し comments
    replies: tuple[ReturnedReply, ...] = ()

    @property
    def name(self) -> str:
        """The file's name as stored and shown (undecodable bytes and control characters
        made safe: :func:`welfareplan.core.textclean.display_name`)."""
        return display_name(self.path.name)

    @property
    def revision(self) -> int:
        return self.state.revision

    @property
    def revision_label(self) -> str:
        return revision_label(self.file_format, self.revision)


class ReturnReader(Protocol):
    """Reads one kind of returned file.

    ``accepts`` sees the file's first bytes; ``read`` gets its whole content (read once, the
    SHA-256 is taken from it) and a scratch folder in which to make a private subfolder if it
    needs files. Problems are raised as :class:`FileCheckError` with a Japanese message.
    """

    def accepts(self, path: Path, head: bytes) -> bool: ...

    def read(self, path: Path, data: bytes, workdir: Path) -> ReturnedFile: ...
