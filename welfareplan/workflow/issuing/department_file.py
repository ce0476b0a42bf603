"""The department file: its ``wp_meta`` keys, its state (revision, submission) and its name.

A department file is a complete welfareplan SQLite file of the same schema as the master,
issued to one department for one round (see :mod:`welfareplan.workflow.issuing.distribute` for what it
holds). Its ``wp_meta`` carries:

========================  =======================================================================
``file_kind``             ``department``
``file_uuid``             the issued file's id (= ``issued_file.id`` in the master)
``workbook_uuid``         the ``file_uuid`` of the master workbook that issued it
``round_id``              the round (年度) it was issued for
``department_id``         the department it was issued to
``revision``              ``"0"`` at issue; every save transaction of the department app adds 1
``submitted_at``          提出: ISO-8601 time of the last submission (absent before)
``submitted_by``          提出: the 入力者 name typed at submission
``submitted_os_user``     提出: the OS (Windows) user
``submitted_host``        提出: the computer's name
``submitted_revision``    提出: ``revision`` at submission; a larger ``revision`` means the file
                          was changed after submission
``confirmation``, …       the section chief's confirmation (:mod:`welfareplan.core.confirmation`)
========================  =======================================================================

The department app (the GUI) writes ``revision`` and ``submitted_*``; this module only reads
them. Merge orders returns of the same issued file by ``revision``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from welfareplan.core.confirmation import Confirmation, confirmation_from_meta
from welfareplan.core.errors import FileCheckError
from welfareplan.core.fileformat import FILE_SUFFIX, FileKind
from welfareplan.core.storage import Workbook
from welfareplan.core.textclean import clean_text
from welfareplan.core.timestamps import time_from_text
from welfareplan.core.wareki import short_fiscal_year

META_FILE_KIND = "file_kind"
META_FILE_UUID = "file_uuid"
META_WORKBOOK_UUID = "workbook_uuid"
META_ROUND_ID = "round_id"
META_DEPARTMENT_ID = "department_id"
META_FISCAL_YEAR = "fiscal_year"
META_DEPARTMENT_NAME = "department_name"
META_ISSUED_AT = "issued_at"
META_REVISION = "revision"
META_SUBMITTED_AT = "submitted_at"
META_SUBMITTED_BY = "submitted_by"
META_SUBMITTED_OS_USER = "submitted_os_user"
META_SUBMITTED_HOST = "submitted_host"
META_SUBMITTED_REVISION = "submitted_revision"

SUBMISSION_KEYS = (
    META_SUBMITTED_AT,
    META_SUBMITTED_BY,
    META_SUBMITTED_OS_USER,
    META_SUBMITTED_HOST,
    META_SUBMITTED_REVISION,
)


def parse_revision(text: str | None, *, name: str = "", key: str = META_REVISION) -> int:
    """A revision counter from ``wp_meta`` (a non-negative decimal string)."""
    where = f"ファイル「{name}」の" if name else ""
    if text is None:
        raise FileCheckError(f"{where}版番号（{key}）がありません。", code="bad-revision")
    cleaned = text.strip()
    if not re.fullmatch(r"[0-9]{1,12}", cleaned):
        raise FileCheckError(
            f"{where}版番号（{key}）「{text}」が正しくありません。", code="bad-revision"
        )
    return int(cleaned)


@dataclass(frozen=True)
class DepartmentFileState:
    """What ``wp_meta`` of a department file says about it."""

    file_uuid: str
    workbook_uuid: str
    round_id: str
    department_id: str
    revision: int
    fiscal_year: int | None = None
    department_name: str = ""
    submitted_at: dt.datetime | None = None
    submitted_by: str = ""
    submitted_os_user: str = ""
    submitted_host: str = ""
    submitted_revision: int | None = None
    #: the section chief's confirmation (None: nothing recorded)
    confirmation: Confirmation | None = None

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None and self.submitted_revision is not None

    @property
    def changed_after_submission(self) -> bool:
        """Edited after 提出 (``revision > submitted_revision``)."""
        return self.submitted_revision is not None and self.revision > self.submitted_revision

    @property
    def is_final(self) -> bool:
        """Submitted and not changed since."""
        return self.is_submitted and not self.changed_after_submission


def state_from_meta(meta: Mapping[str, str], *, name: str = "") -> DepartmentFileState:
    """Read the state from ``wp_meta`` key/values; raises :class:`FileCheckError` if invalid."""
    where = f"ファイル「{name}」" if name else "ファイル"
    if meta.get(META_FILE_KIND) != FileKind.DEPARTMENT.value:
        raise FileCheckError(f"{where}は担当課ファイルではありません。", code="wrong-kind")
    missing = [
        k
        for k in (META_FILE_UUID, META_WORKBOOK_UUID, META_ROUND_ID, META_DEPARTMENT_ID)
        if not meta.get(k)
    ]
    if missing:
        raise FileCheckError(
            f"{where}には配布の情報（{'、'.join(missing)}）がありません。", code="missing-issue"
        )
    submitted_at = None
    raw_at = meta.get(META_SUBMITTED_AT)
    if raw_at:
        try:
            submitted_at = time_from_text(raw_at)
        except ValueError:
            raise FileCheckError(
                f"{where}の提出日時「{raw_at}」が正しくありません。", code="bad-submission"
            ) from None
    raw_sub_rev = meta.get(META_SUBMITTED_REVISION)
    submitted_revision = (
        parse_revision(raw_sub_rev, name=name, key=META_SUBMITTED_REVISION) if raw_sub_rev else None
    )
    year_text = meta.get(META_FISCAL_YEAR, "")
    return DepartmentFileState(
        file_uuid=meta[META_FILE_UUID],
        workbook_uuid=meta[META_WORKBOOK_UUID],
        round_id=meta[META_ROUND_ID],
        department_id=meta[META_DEPARTMENT_ID],
        revision=parse_revision(meta.get(META_REVISION), name=name),
        fiscal_year=int(year_text) if re.fullmatch("[0-9]{1,4}", year_text) else None,
        department_name=clean_text(meta.get(META_DEPARTMENT_NAME, "")),
        submitted_at=submitted_at,
        submitted_by=clean_text(meta.get(META_SUBMITTED_BY, "")),
        submitted_os_user=clean_text(meta.get(META_SUBMITTED_OS_USER, "")),
        submitted_host=clean_text(meta.get(META_SUBMITTED_HOST, "")),
        submitted_revision=submitted_revision,
        confirmation=confirmation_from_meta(meta),
    )


def read_state(wb: Workbook) -> DepartmentFileState:
    """The state of an open department file."""
    return state_from_meta(wb.meta(), name=wb.path.name)


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_file_part(text: str) -> str:
    """``text`` made safe as part of a Windows file name."""
    cleaned = _UNSAFE.sub("_", unicodedata.normalize("NFC", text)).strip(" .")
    return cleaned or "_"


def department_file_name(fiscal_year: int, department_name: str, *, counter: int = 1) -> str:
    """'R7_地域福祉課.wpdb' (a re-issue to the same folder: 'R7_地域福祉課_2.wpdb')."""
    suffix = "" if counter == 1 else f"_{counter}"
    return (
        f"{short_fiscal_year(fiscal_year)}_{safe_file_part(department_name)}{suffix}{FILE_SUFFIX}"
    )
