"""The journal of rejected returns: which file was refused, when, by whom and why — never content.

A rejected file changes none of the master's content (the plan, the entries, the opinions …),
yet every user's dashboard and ``status`` show its department as 却下（再送待ち） until a further
return of that department is merged. Rejections of files this master issued (a known issued
file, so the round and department are the master's own records) are journaled; files that
cannot be attributed (foreign, broken beyond reading) are not.

* **A master on a server** journals in its ``rejected_return`` table (schema 5), in a short
  transaction of its own *after* the refusal — never inside a merge's transaction — so every
  staff member's ``status`` sees it, whoever merged.
* **A master file** journals beside itself, as JSON lines in
  ``NAME.backups/rejected-returns.jsonl``, as it always has: a refused return leaves the file
  byte for byte as it was (tested since the first release), and one writer at a time holds the
  file, so whoever opens it sees the journal beside it. Its ``rejected_return`` table is read
  too: the rows a copy of a server master (``master copy``, a server backup) brought along.

Reading is the same on both (:func:`rejections_of`): the table's rows, and for a file also its
journal. Writing is best-effort: a failure is logged and never fails a merge.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from welfareplan.core.plainsql import executemany, rows
from welfareplan.core.storage import backup_dir_for
from welfareplan.core.timestamps import time_from_text, time_to_text

if TYPE_CHECKING:  # the dashboard reads the journal without the merge's types
    from welfareplan.core.plainsql import Reader
    from welfareplan.core.storage import Workbook
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


_INSERT = (
    "INSERT INTO rejected_return (id, issued_file_id, round_id, department_id, file_name, sha256, "
    "rejected_at, os_user, code, reason, returns_seen) VALUES (:id, :issued_file_id, :round_id, "
    ":department_id, :file_name, :sha256, :at, :os_user, :code, :reason, :returns_seen)"
)
_SELECT = (
    "SELECT issued_file_id, round_id, department_id, file_name, sha256, rejected_at, os_user, "
    "code, reason, returns_seen FROM rejected_return"
)
_SEEN = "SELECT COUNT(*) FROM received_return WHERE round_id = :r AND department_id = :d"


def journal_path(workbook: Path) -> Path:
    return backup_dir_for(workbook) / JOURNAL_NAME


def attributable(files: Iterable[FilePreview]) -> list[FilePreview]:
    """The rejected files whose department and round are known from the master's records."""
    return [f for f in files if f.issued_file_id and f.department_id and f.round_id]


def record_rejections(
    wb: Workbook, rejected: Iterable[FilePreview], *, at: dt.datetime, user: str
) -> bool:
    """Journal the attributable files of ``rejected`` (after the merge that refused them);
    False, and the reason logged, when that failed — the merge stands either way."""
    files = attributable(rejected)
    if not files:
        return True
    try:
        if wb.on_server:
            with wb.writer() as con:  # its own short transaction
                executemany(con, _INSERT, _rows(con, files, at, user))
        else:
            with wb.reader() as con:
                lines = _rows(con, files, at, user)
            _append(journal_path(wb.path), lines)
    except Exception as exc:  # best-effort by design: a failure never fails the merge
        from welfareplan.core.crashlog import log_error

        log_error(f"却下した返却ファイルを記録できませんでした（{len(files)} 件）", exc)
        return False
    return True


def _rows(
    con: Reader, files: Sequence[FilePreview], at: dt.datetime, user: str
) -> list[dict[str, object]]:
    seen: dict[tuple[str, str], int] = {}
    for f in files:
        key = (f.round_id or "", f.department_id or "")
        if key not in seen:
            seen[key] = int(rows(con, _SEEN, {"r": key[0], "d": key[1]})[0][0])
    return [
        {
            "id": str(uuid.uuid4()),
            "at": time_to_text(at),
            "file_name": f.name,
            "sha256": f.sha256,
            "issued_file_id": f.issued_file_id,
            "round_id": f.round_id,
            "department_id": f.department_id,
            "code": f.code,
            "reason": f.reason,
            "os_user": user,
            "returns_seen": seen[(f.round_id or "", f.department_id or "")],
        }
        for f in files
    ]


def _append(path: Path, lines: list[dict[str, object]]) -> None:
    path.parent.mkdir(exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in lines))
        fh.flush()
        os.fsync(fh.fileno())


def rejections_of(con: Reader, wb: Workbook, round_id: str | None = None) -> list[Rejection]:
    """The rejections of the master ``wb`` (of ``round_id`` only, if given), read on ``con``:
    the table's rows, and for a master file also the journal beside it."""
    found = [
        Rejection(
            at=time_from_text(str(at)),
            file_name=str(name),
            sha256=str(sha),
            issued_file_id=str(fid),
            round_id=str(rid),
            department_id=str(did),
            code=str(code),
            reason=str(reason),
            os_user=str(who),
            returns_seen=int(seen),
        )
        for fid, rid, did, name, sha, at, who, code, reason, seen in (
            rows(con, _SELECT + " WHERE round_id = :r", {"r": round_id})
            if round_id
            else rows(con, _SELECT)
        )
    ]
    if not wb.on_server:
        found += [r for r in read_journal(wb.path) if round_id in (None, r.round_id)]
    return found


def read_journal(workbook: Path) -> list[Rejection]:
    """The journal beside the master file ``workbook`` (none: an empty list)."""
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
