"""A server master's backup copied *beside* the change it precedes (issue 16's speed goal).

The change's own transaction, once its locks are held and its checks passed (a refused change
copies nothing), exports its snapshot (:mod:`welfareplan.core.serversnapshots`); a thread
copies exactly that state into a checked ``.wpdb`` snapshot
(:func:`~welfareplan.workflow.master.backups.take_snapshot`) while the change writes, and
the change commits only after :meth:`SnapshotBeside.finish` — the copy complete, checked and
in place. A change is never committed without its backup: a copy that fails fails the change
(its transaction rolls back); a change that fails or is cancelled removes the copy
(:meth:`SnapshotBeside.abandon`).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from welfareplan.core.serversnapshots import export_snapshot
from welfareplan.core.storage import Workbook
from welfareplan.workflow.master.backups import discard_backup, take_snapshot

if TYPE_CHECKING:
    from sqlalchemy import Connection


class SnapshotBeside:
    """The copy of the state ``conn``'s open transaction sees now, made in a thread."""

    def __init__(self, wb: Workbook, conn: Connection, reason: str, *, what: str = "") -> None:
        exported = export_snapshot(conn)
        self._path: Path | None = None
        self._error: Exception | None = None
        self._cancelled = threading.Event()
        self._thread = threading.Thread(
            target=self._copy, args=(wb, exported, reason, what), name="wp-snapshot", daemon=True
        )
        self._thread.start()

    def _copy(self, wb: Workbook, exported: str, reason: str, what: str) -> None:
        try:
            if not self._cancelled.is_set():
                self._path = take_snapshot(wb, reason, what=what, keep=None, exported=exported)
        except Exception as exc:  # raised again by finish(), in the change's own thread
            self._error = exc

    def finish(self) -> Path:
        """Wait for the copy; its path, or the copy's error (the change must then roll back)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._path is not None
        return self._path

    def abandon(self) -> None:
        """The change failed or was cancelled: stop the copy if it has not begun, wait for
        it, and remove whatever was made."""
        self._cancelled.set()
        self._thread.join()
        discard_backup(self._path)
