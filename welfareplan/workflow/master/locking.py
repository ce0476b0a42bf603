"""The master workbook as a file: a cheap fingerprint of its state.

Long operations read the master first and write later (merge: preview, then apply;
distribute: snapshot, write files, then record). They take :func:`master_fingerprint` before
reading and compare it again just before the writing transaction begins, which then proves
that nothing was committed in between (:func:`welfareplan.core.heldwrite.write_from_here`):
if anything was, nothing is written.

The header is read through the workbook's kept descriptor (:meth:`Workbook.header
<welfareplan.core.storage.Workbook.header>`), never a handle opened and closed for it: another
thread of this process may hold SQLite's lock on the master meanwhile (a write-back reading
the working copy, the window reading it), and closing a handle would release that lock
(:mod:`welfareplan.core.kepthandle`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from welfareplan.core.storage import Workbook


def master_fingerprint(wb: Workbook) -> str:
    """What changes whenever the master file ``wb`` changes: SQLite's file change counter
    (incremented by every committed write in rollback-journal mode) with the file's size, time
    and identity (a file replaced by a restore). Cheap even for a large master."""
    stat = wb.path.stat()
    header = wb.header(100)
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}:{header[24:28].hex()}:{header[92:96].hex()}"
