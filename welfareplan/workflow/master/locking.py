"""The master workbook as a file: a cheap fingerprint of its state, and its write lock.

Long operations read the master first and write later (merge: preview, then apply;
distribute: snapshot, write files, then record). They take :func:`master_fingerprint` before
reading and, inside the writing transaction, :func:`take_write_lock` and compare: if anything
was committed in between, nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from welfareplan.core.errors import WelfareplanError


def master_fingerprint(path: Path) -> str:
    """What changes whenever the master changes: SQLite's file change counter (incremented by
    every committed write in rollback-journal mode) with the file's size, time and identity
    (a file replaced by a restore). Cheap even for a large master."""
    stat = path.stat()
    with path.open("rb") as fh:
        header = fh.read(100)
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}:{header[24:28].hex()}:{header[92:96].hex()}"


def take_write_lock(session: Session, path: Path) -> None:
    """Take SQLite's write (RESERVED) lock in ``session``'s transaction, now.

    A write statement that changes nothing does it; from then on no other connection can
    commit until this transaction ends (readers are not blocked).
    """
    try:
        session.connection().exec_driver_sql("DELETE FROM wp_meta WHERE 0")
    except OperationalError as exc:
        raise WelfareplanError(
            f"「{path.name}」は他のアプリが書き込み中のため変更できません。"
            "しばらくしてからもう一度実行してください。",
            code="busy",
        ) from exc
