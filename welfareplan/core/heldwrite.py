"""A write transaction on a file this process holds, without ever opening a second handle to it.

SQLite's locks on Linux and macOS are POSIX advisory locks, which belong to the *process*:
closing **any** file descriptor of the database file in the process (``open()``,
``shutil.copyfile``, ``hashlib`` reading it …) silently releases every lock SQLite holds on
it, and another process may then write into the middle of our transaction (SQLite's "How To
Corrupt An SQLite Database File", 2.2). SQLite's own connections do not have the problem
(SQLite shares one lock state per file within a process and defers closing descriptors while
locks are held). So while a connection of this process holds a lock on a file, everything that
reads the file goes through SQLite:

* the backup copy made before a change is written by SQLite's online backup API from the
  very connection that then writes (:func:`copy_database`);
* "nothing changed since the preview" is checked in two halves: the caller's look at the
  file (``before``, e.g. a fingerprint of its header, read through a descriptor kept open:
  :mod:`welfareplan.core.kepthandle`, as another thread may hold a lock meanwhile) happens
  before the writing connection's transaction begins, and ``PRAGMA data_version`` of that
  connection, read before that look and again once the write lock is held, proves that no
  commit slipped in between.

Windows has no such trap (its locks belong to the handle that took them), and the same code
runs there unchanged.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.plainsql import sqlite_connection

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from welfareplan.core.storage import Workbook


def data_version(con: sqlite3.Connection) -> int:
    """``PRAGMA data_version`` of ``con``: changes whenever *another* connection (of any
    process) committed to the file since ``con`` last looked. The statement is finished
    before returning, so ``con`` holds no lock afterwards (outside a transaction)."""
    rows = con.execute("PRAGMA data_version").fetchall()
    return int(rows[0][0])


def busy_error(path: Path) -> WelfareplanError:
    return WelfareplanError(
        f"「{path.name}」は他のアプリが書き込み中のため変更できません。"
        "しばらくしてからもう一度実行してください。何も変更していません。",
        code="busy",
    )


def take_write_lock(con: sqlite3.Connection, path: Path) -> None:
    """Take SQLite's write (RESERVED) lock in ``con``'s open transaction, now: a write
    statement that changes nothing does it; from then on no other connection can commit until
    this transaction ends (readers are not blocked)."""
    try:
        con.execute("DELETE FROM wp_meta WHERE 0")
    except sqlite3.OperationalError as exc:
        raise busy_error(path) from exc


def copy_database(con: sqlite3.Connection, dest: Path) -> None:
    """Copy the committed state ``con`` sees into the new file ``dest`` with SQLite's backup
    API (``con`` must not be inside a transaction). The copy is in rollback-journal mode."""
    target = sqlite3.connect(dest)
    try:
        con.backup(target)
        target.execute("PRAGMA journal_mode = DELETE").fetchall()
    finally:
        target.close()


@contextlib.contextmanager
def write_from_here(
    wb: Workbook,
    *,
    before: Callable[[sqlite3.Connection], None],
    changed: Callable[[], WelfareplanError],
) -> Iterator[Session]:
    """One write transaction on ``wb`` that starts from exactly the state ``before`` saw.

    ``before(con)`` runs on the connection that will write, outside any transaction (this
    process then holds no lock on the file): it may look at the file (a fingerprint), copy it
    through ``con`` (:func:`copy_database`) or raise. Then the transaction takes the write
    lock; if anything was committed since ``before`` started, ``changed()`` is raised and
    nothing is written."""
    seen: list[int] = []

    def prepare(con: sqlite3.Connection) -> None:
        seen.append(data_version(con))
        before(con)

    with wb.transaction(prepare=prepare) as session:
        con = sqlite_connection(session)
        take_write_lock(con, wb.path)
        if data_version(con) != seen[0]:
            raise changed()
        yield session
