"""Backups of a server master (issue 16): ``.wpdb`` snapshots in the user's data folder.

Before each merge and distribution, and on demand (``welfareplan backups URL --now``), the
whole master is copied into a new master file (:func:`welfareplan.core.mastercopy.
snapshot_to_file`: one consistent read, checked row by row against the server by a content
digest) in the folder :mod:`welfareplan.workflow.master.server_folder` gives, named and listed
exactly like a file master's backups (:mod:`welfareplan.workflow.master.backups`) and rotated
the same way. A snapshot is a normal master file: it opens, ``status`` reads it, and
``master copy`` can put it on a server again. Restoring one is
:mod:`welfareplan.workflow.master.server_restore`.
"""

from __future__ import annotations

import threading
from pathlib import Path

from welfareplan.core.backupnames import new_copy_name
from welfareplan.core.storage import Workbook, backup_dir_for
from welfareplan.workflow.master.backups import DEFAULT_KEEP, describe_backup, rotate
from welfareplan.workflow.master.server_folder import master_home

#: One snapshot at a time per process: two made in the same second would get the same name.
_NAMING = threading.Lock()


def take_snapshot(
    wb: Workbook, reason: str, *, what: str = "", keep: int | None = DEFAULT_KEEP
) -> Path:
    """A checked ``.wpdb`` snapshot of the server master ``wb`` as it is now; old rotating
    copies beyond ``keep`` are removed afterwards (None: none, the caller rotates)."""
    from welfareplan.core.mastercopy import snapshot_to_file

    home = master_home(wb)
    folder = backup_dir_for(home)
    folder.mkdir(parents=True, exist_ok=True)
    with _NAMING, wb.engine.connect() as plain:
        conn = plain.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            dest = new_copy_name(folder, home, reason)
            snapshot_to_file(conn, dest)
    describe_backup(dest, what)
    if keep is not None:
        rotate(home, keep=keep)
    return dest
