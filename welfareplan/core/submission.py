"""提出 (submitting) a department file: who entered it, when, from which computer.

The state lives in ``wp_meta`` (``submitted_at``, ``submitted_by``, ``submitted_os_user``,
``submitted_host``, ``submitted_revision``, ``submitted_digest``); editing after submission is
allowed and shows as "changed after submission" because the file's ``revision`` then exceeds
``submitted_revision`` — until the values are the submitted ones again
(:mod:`welfareplan.core.submitted_values`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from welfareplan.core.checks import Check, Level
from welfareplan.core.errors import DataError, ReadOnlyError
from welfareplan.core.fileformat import FileKind
from welfareplan.core.identity import host_name, now, os_user
from welfareplan.core.storage import Workbook
from welfareplan.core.submitted_values import META_SUBMITTED_DIGEST, values_digest
from welfareplan.core.textclean import clean_text
from welfareplan.core.timestamps import time_from_text, time_to_text
from welfareplan.core.worklist import WorkItem, Worklist, checks_of


@dataclass(frozen=True)
class SubmissionState:
    submitted_at: dt.datetime
    submitted_by: str
    os_user: str
    host: str
    submitted_revision: int
    revision: int

    @property
    def changed_after_submission(self) -> bool:
        return self.revision > self.submitted_revision


def submission_state(wb: Workbook) -> SubmissionState | None:
    return submission_from_meta(wb.meta())


def submission_from_meta(meta: Mapping[str, str]) -> SubmissionState | None:
    """:func:`submission_state` from the file's ``wp_meta`` rows already read."""
    if not meta.get("submitted_at"):
        return None
    return SubmissionState(
        submitted_at=time_from_text(meta["submitted_at"]),
        submitted_by=meta.get("submitted_by", ""),
        os_user=meta.get("submitted_os_user", ""),
        host=meta.get("submitted_host", ""),
        submitted_revision=int(meta.get("submitted_revision", "0") or 0),
        revision=int(meta.get("revision", "0") or 0),
    )


def open_problems(worklist: Worklist) -> list[tuple[WorkItem, Check]]:
    """Everything still missing or suspicious, in the order of the projects."""
    return [(item, c) for item in worklist.items for c in checks_of(item, item.values)]


def blocking_problems(worklist: Worklist) -> list[tuple[WorkItem, Check]]:
    return [(i, c) for i, c in open_problems(worklist) if c.level is Level.MISSING]


def submit(wb: Workbook, entered_by: str) -> SubmissionState:
    """Mark the department file as submitted by ``entered_by`` (入力者)."""
    name = clean_text(entered_by).strip()
    if not name:
        raise DataError("入力者の氏名を入力してください。")
    if wb.kind is not FileKind.DEPARTMENT:
        raise DataError("提出できるのは担当課ファイルだけです。")
    stamp = now()
    with wb.sql_transaction() as con:
        meta = dict(con.execute("SELECT key, value FROM wp_meta").fetchall())
        status = None
        if "round_id" in meta:
            row = con.execute("SELECT status FROM round WHERE id = ?", (meta["round_id"],))
            status = (row.fetchone() or (None,))[0]
        if status is not None and status != "open":
            raise ReadOnlyError("この年度の評価は締め切られているため、提出できません。")
        values = {
            "submitted_at": time_to_text(stamp),
            "submitted_by": name,
            "submitted_os_user": os_user(),
            "submitted_host": host_name(),
            "submitted_revision": meta.get("revision", "0"),
            META_SUBMITTED_DIGEST: values_digest(con),
        }
        con.executemany(
            "INSERT INTO wp_meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            values.items(),
        )
    state = submission_state(wb)
    assert state is not None
    return state
