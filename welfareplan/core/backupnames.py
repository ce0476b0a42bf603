"""The names of the copies kept in a file's backup folder.

``NAME.YYYYMMDD-HHMMSS[-n].REASON.wpdb``: the file's name, the time, a counter for copies of
the same second, why it was made (``merge``, ``before-restore``, ``schema1`` …). Copies kept
only for the record (of an interrupted save, of another tool's WAL files) end in ``.kept``, so
they are never offered for restoring (``workflow.master.backups`` lists ``*.wpdb``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def new_copy_name(folder: Path, file: Path, reason: str, *, kept: bool = False) -> Path:
    """A name for a new copy of ``file`` in ``folder`` (created if missing) that is free."""
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    suffix = (file.suffix or ".wpdb") + (".kept" if kept else "")
    dest = folder / f"{file.stem}.{stamp}.{reason}{suffix}"
    counter = 1
    while dest.exists():
        counter += 1
        dest = folder / f"{file.stem}.{stamp}-{counter}.{reason}{suffix}"
    return dest
