"""The master workbook as a file: a cheap fingerprint of its state, and its write lock.

Long operations read the master first and write later (merge: preview, then apply;
distribute: snapshot, write files, then record). They take :func:`master_fingerprint` before
reading and compare it again just before the writing transaction begins, which then proves
that nothing was committed in between (:func:`welfareplan.core.heldwrite.write_from_here`):
if anything was, nothing is written.

:func:`master_fingerprint` reads the file's header with a plain file handle, so it must only
run while this process holds no SQLite lock on the master (never inside a transaction):
closing that handle would release SQLite's locks (see :mod:`welfareplan.core.heldwrite`).
"""

from __future__ import annotations

from pathlib import Path


def master_fingerprint(path: Path) -> str:
    """What changes whenever the master changes: SQLite's file change counter (incremented by
    every committed write in rollback-journal mode) with the file's size, time and identity
    (a file replaced by a restore). Cheap even for a large master."""
    stat = path.stat()
    with path.open("rb") as fh:
        header = fh.read(100)
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}:{header[24:28].hex()}:{header[92:96].hex()}"
