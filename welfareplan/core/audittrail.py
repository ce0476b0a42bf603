"""Writing the audit trail (``audit_event``): who changed what, when, and from which file.

One writer for every change: saving an entry (plain SQL in ``Workbook.writer()``'s transaction:
a file's ``sqlite3`` connection or a server master's SQLAlchemy one), applying a merge (many rows at once, inside the ORM session's transaction) and
every workflow service (:func:`record`, inside its session's transaction). A row is written
with the change it describes and commits or rolls back with it. Times are stored in the one
format of :mod:`welfareplan.core.timestamps`. Listing rows for the audit view is
:mod:`welfareplan.workflow.master.audit_log`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from welfareplan.core.identity import now, os_user
from welfareplan.core.plainsql import executemany_set
from welfareplan.core.timestamps import time_to_text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from welfareplan.core.plainsql import Writer


class AuditEntry(NamedTuple):
    """One ``audit_event`` row as written, its fields in :data:`AUDIT_COLUMNS` order (the
    ``id`` is the database's)."""

    at: str
    os_user: str
    action: str
    round_id: str | None = None
    project_id: str | None = None
    department_id: str | None = None
    field: str = ""
    old: str | None = None
    new: str | None = None
    source_file: str = ""
    source_sha256: str = ""
    note: str = ""


AUDIT_COLUMNS: tuple[str, ...] = AuditEntry._fields
_INSERT = (
    f"INSERT INTO audit_event ({', '.join(AUDIT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(AUDIT_COLUMNS))})"
)
_INSERT_NAMED = (
    f"INSERT INTO audit_event ({', '.join(AUDIT_COLUMNS)}) "
    f"VALUES ({', '.join(':' + c for c in AUDIT_COLUMNS)})"
)


def write_audit(con: Writer, entries: Iterable[AuditEntry]) -> None:
    """Write ``entries`` in the transaction open on ``con`` (a file's ``sqlite3`` connection
    or a server master's SQLAlchemy one). A file keeps its fast path: positional parameters,
    the rows as they are (a merge writes thousands)."""
    if isinstance(con, sqlite3.Connection):
        con.executemany(_INSERT, entries)
        return
    executemany_set(  # a server: one statement (h16s: a merge writes hundreds)
        con,
        _INSERT_NAMED,
        [e._asdict() for e in entries],
        server=f"INSERT INTO audit_event ({', '.join(AUDIT_COLUMNS)}) "
        f"SELECT {', '.join(AUDIT_COLUMNS)} FROM {{rows}} ORDER BY n",
        types=dict.fromkeys(AUDIT_COLUMNS, "text"),
    )


def record(
    session: Session,
    action: str,
    *,
    round_id: str | None = None,
    project_id: str | None = None,
    department_id: str | None = None,
    field: str = "",
    old: str | None = None,
    new: str | None = None,
    source_file: str = "",
    source_sha256: str = "",
    note: str = "",
    at: dt.datetime | None = None,
    user: str | None = None,
) -> None:
    """Write one audit row in ``session``'s transaction (committed with the change it
    describes); ``at`` defaults to now, ``user`` to the OS user."""
    entry = AuditEntry(
        time_to_text(at or now()),
        os_user() if user is None else user,
        action,
        round_id,
        project_id,
        department_id,
        field,
        old,
        new,
        source_file,
        source_sha256,
        note,
    )
    from sqlalchemy import text

    # plain SQL through the session (not its sqlite3 connection): any dialect, a server master too
    session.execute(text(_INSERT_NAMED), entry._asdict())
