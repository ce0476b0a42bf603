"""Plain SQL beside the ORM: the hot paths (opening a window, merging) read and write with
``sqlite3`` directly, on a connection of their own or inside an ORM session's transaction.

SQLAlchemy is never imported here at run time: the department window reads and saves without
loading it (tests/gui/test_startup_imports.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing import TypeAlias

    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    #: a file's own sqlite3 connection, or SQLAlchemy's (of any dialect: a server master too)
    Reader: TypeAlias = Session | Connection | sqlite3.Connection
    #: a connection inside a write transaction: a file's sqlite3 one or a server master's
    #: SQLAlchemy one (:meth:`welfareplan.core.storage.Workbook.writer`)
    Writer: TypeAlias = Connection | sqlite3.Connection


def rows(con: Reader, sql: str, params: Mapping[str, Any] | None = None) -> Sequence[Sequence[Any]]:
    """Run a read query with ``:name`` parameters on either kind of connection."""
    if isinstance(con, sqlite3.Connection):
        return con.execute(sql, dict(params or {})).fetchall()
    from sqlalchemy import text

    return [tuple(r) for r in con.execute(text(sql), dict(params or {})).all()]


def execute(con: Reader, sql: str, params: Mapping[str, Any] | None = None) -> int:
    """Run one write statement with ``:name`` parameters on either kind of connection, in the
    caller's transaction; the number of rows it changed."""
    if isinstance(con, sqlite3.Connection):
        return con.execute(sql, dict(params or {})).rowcount
    from sqlalchemy import text

    return int(getattr(con.execute(text(sql), dict(params or {})), "rowcount", -1))


def executemany(con: Reader, sql: str, params: Sequence[Mapping[str, Any]]) -> None:
    """Run one write statement once per parameter set (``:name`` parameters), in the
    caller's transaction; nothing at all for no parameter sets."""
    if not params:
        return
    if isinstance(con, sqlite3.Connection):
        con.executemany(sql, [dict(p) for p in params])
        return
    from sqlalchemy import text

    con.execute(text(sql), [dict(p) for p in params])


def sqlite_connection(session: Session) -> sqlite3.Connection:
    """The ``sqlite3`` connection under ``session``, inside its transaction (begun if needed):
    what is written on it commits or rolls back with the session's own changes."""
    con = session.connection().connection.driver_connection
    assert isinstance(con, sqlite3.Connection)
    return con
