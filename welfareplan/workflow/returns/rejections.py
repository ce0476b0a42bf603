"""The journal of rejected returns, kept *beside* the master, never in it.

A rejected file must leave the master byte-for-byte unchanged, yet the dashboard should show a
department whose last file was rejected as 差戻し. So rejections of files that this workbook
issued (known file UUID, so the department is known from the master's own record) are appended
as JSON lines to ``NAME.backups/rejected-returns.jsonl``. Files that cannot be attributed to an
issued file (foreign, broken beyond reading) are not journaled. Writing the journal is
best-effort: failing to write it never fails a merge.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from welfareplan.core.storage import backup_dir_for
from welfareplan.core.timestamps import time_from_text, time_to_text

if TYPE_CHECKING:  # the dashboard reads the journal without the merge's types
    from welfareplan.workflow.returns.merge_types import FilePreview

JOURNAL_NAME = "rejected-returns.jsonl"


@dataclass(frozen=True)
class Rejection:
    at: dt.datetime
    file_name: str
    sha256: str
    issued_file_id: str
    round_id: str
    department_id: str
    code: str
    reason: str
    os_user: str
    #: how many returns of the department were merged when this file was rejected: the
    #: rejection is the latest word until a further return is merged
    returns_seen: int


def journal_path(workbook: Path) -> Path:
    return backup_dir_for(workbook) / JOURNAL_NAME


def record_rejections(
    workbook: Path,
    rejected: Iterable[FilePreview],
    *,
    at: dt.datetime,
    user: str,
    returns_seen: Mapping[tuple[str, str], int],
) -> bool:
    lines = [
        json.dumps(
            {
                "at": time_to_text(at),
                "file_name": f.name,
                "sha256": f.sha256,
                "issued_file_id": f.issued_file_id,
                "round_id": f.round_id,
                "department_id": f.department_id,
                "code": f.code,
                "reason": f.reason,
                "os_user": user,
                "returns_seen": returns_seen.get((f.round_id or "", f.department_id or ""), 0),
            },
            ensure_ascii=False,
        )
        for f in attributable(rejected)
    ]
    if not lines:
        return True
    path = journal_path(workbook)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # a server master's folder, too
        with path.open("a", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
    except OSError:
        return False
    return True


def attributable(files: Iterable[FilePreview]) -> list[FilePreview]:
    """The rejected files whose department and round are known from the master's records."""
    return [f for f in files if f.issued_file_id and f.department_id and f.round_id]


def read_rejections(workbook: Path) -> list[Rejection]:
    path = journal_path(workbook)
    out: list[Rejection] = []
    with contextlib.suppress(OSError):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                d = json.loads(line)
                out.append(
                    Rejection(
                        at=time_from_text(d["at"]),
                        file_name=str(d["file_name"]),
                        sha256=str(d["sha256"]),
                        issued_file_id=str(d["issued_file_id"]),
                        round_id=str(d["round_id"]),
                        department_id=str(d["department_id"]),
                        code=str(d["code"]),
                        reason=str(d["reason"]),
                        os_user=str(d.get("os_user", "")),
                        returns_seen=int(d.get("returns_seen", 0)),
                    )
                )
            except (ValueError, KeyError, TypeError):
                continue  # a torn last line after a crash: skip it
    return out
