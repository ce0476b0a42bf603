"""The plain-SQL write connection of an open file, kept between its small transactions.

Every autosave of the department window is one short transaction. Opening a new ``sqlite3``
connection for each made SQLite parse the whole schema again (and prepare every statement
again) at every save: two thirds of a save's CPU time. :class:`KeptWriter` keeps one
connection open between transactions instead. Between them it holds no lock (autocommit, no
statement left open), so it changes nothing about locking or durability: each transaction still
begins with ``BEGIN IMMEDIATE`` and ends with a fully synced ``COMMIT``.

It is never used stale or shared:

* before each transaction the file under the path is compared with the one the connection
  opened (device and inode): a file replaced underneath (a copy renamed over it) gets a new
  connection, so a save never goes into a file that is no longer there;
* one transaction at a time uses it; a transaction begun while it is busy (another thread)
  gets a connection of its own, as before;
* a transaction that fails drops it (the next one starts afresh), and closing the workbook
  closes it (:meth:`welfareplan.core.storage.Workbook.close`) — a file is then free to be
  moved or replaced, also on Windows.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


class KeptWriter:
    """One kept ``sqlite3`` connection to ``path`` for :meth:`transaction` (see the module)."""

    def __init__(self, path: Path, connect: Callable[[], sqlite3.Connection]) -> None:
        self.path = path
        self._connect = connect
        self._con: sqlite3.Connection | None = None
        self._opened: tuple[int, int] | None = None
        self._busy = threading.Lock()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on an error) on the kept connection,
        or on a connection of its own when the kept one is in use."""
        if not self._busy.acquire(blocking=False):
            with contextlib.closing(self._connect()) as own:
                yield from _run(own)
            return
        try:
            con = self._current()
            try:
                yield from _run(con)
            except BaseException:
                self._drop()
                raise
        finally:
            self._busy.release()

    def _current(self) -> sqlite3.Connection:
        now = _identity(self.path)
        if self._con is not None and (now is None or now != self._opened):
            self._drop()
        if self._con is None:
            self._con = self._connect()
            self._opened = _identity(self.path)
        return self._con

    def _drop(self) -> None:
        con, self._con, self._opened = self._con, None, None
        if con is not None:
            with contextlib.suppress(sqlite3.Error):
                con.close()

    def close(self) -> None:
        """Close the kept connection (waits for a transaction using it to end)."""
        with self._busy:
            self._drop()


def _run(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
    except BaseException:
        if con.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
