"""Who submitted a department's entries, and when — printed on its worksheet beside the seals.

A department file knows its own submission (``wp_meta``, :mod:`welfareplan.core.submission`);
a master workbook knows the last submitted return merged from each department
(``received_return``). Without a submission the worksheet prints lines to fill in by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from welfareplan.core.confirmation import (
    Confirmation,
    changed_since_confirmation,
    file_confirmation,
)
from welfareplan.core.fileformat import FileKind
from welfareplan.core.plainsql import rows
from welfareplan.core.storage import Workbook
from welfareplan.core.submission import submission_state
from welfareplan.core.timestamps import time_from_text
from welfareplan.core.wareki import date_label

#: What the worksheet prints when nobody has submitted yet: room to write by hand.
BLANK_NAME = "　" * 10
BLANK_DATE = "令和　　年　　月　　日"


@dataclass(frozen=True)
class Submitter:
    name: str
    at: dt.datetime
    changed_after: bool = False


def worksheet_submitter(wb: Workbook, round_id: str, department_id: str | None) -> Submitter | None:
    """The submission to print on ``department_id``'s worksheet of ``round_id``, if any."""
    if department_id is None:
        return None
    if wb.kind is FileKind.DEPARTMENT:
        state = submission_state(wb)
        if state is None:
            return None
        return Submitter(state.submitted_by, state.submitted_at, state.changed_after_submission)
    with wb.reader() as con:
        found = rows(
            con,
            "SELECT submitted_by, submitted_at, revision, submitted_revision FROM received_return "
            "WHERE round_id = :round_id AND department_id = :department_id "
            "AND submitted_at IS NOT NULL AND submitted_at != '' "
            "ORDER BY received_at DESC, revision DESC LIMIT 1",
            {"round_id": round_id, "department_id": department_id},
        )
    if not found:
        return None
    by, at, revision, submitted_revision = found[0]
    try:
        when = time_from_text(str(at))
    except ValueError:
        return None  # not a time we wrote: print the lines to fill in by hand
    changed = submitted_revision is not None and int(revision) > int(submitted_revision)
    return Submitter(str(by), when, changed)


def submitter_parts(sub: Submitter | None) -> tuple[str, str]:
    """(提出者, 提出日) as printed: the submission's, or blanks to fill in by hand."""
    if sub is None or not sub.name.strip():
        return BLANK_NAME, BLANK_DATE
    when = date_label(sub.at.date())
    if sub.changed_after:
        when += "（提出後に変更あり）"
    return sub.name, when


def submitter_line(sub: Submitter | None) -> str:
    name, when = submitter_parts(sub)
    return f"提出者：{name}　　提出日：{when}"


def confirmation_parts(
    found: Confirmation | None, *, changed_after: bool = False
) -> tuple[str, str]:
    """(確認者, 確認日) as printed: '所属長 佐藤 一郎' and its date, '確認なしで提出', or blanks to
    fill in by hand. The confirmation is a record, not a signature
    (:mod:`welfareplan.core.confirmation`)."""
    if found is None:
        return BLANK_NAME, BLANK_DATE
    if not found.confirmed:
        return "確認なしで提出", ""
    when = date_label(found.at.date()) if found.at is not None else BLANK_DATE
    if changed_after:
        when += "（確認後に変更あり）"
    return f"{found.role} {found.name}", when


def worksheet_confirmation(wb: Workbook) -> tuple[str, str]:
    """The confirmation to print on a department file's worksheet (blanks elsewhere)."""
    if wb.kind is not FileKind.DEPARTMENT:
        return confirmation_parts(None)
    found = file_confirmation(wb)
    changed = bool(found is not None and changed_since_confirmation(wb, found))
    return confirmation_parts(found, changed_after=changed)
