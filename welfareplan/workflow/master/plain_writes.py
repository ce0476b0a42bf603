"""Writes of entry values and audit rows on either kind of master connection (a merge, a restore).

A file master's ``sqlite3`` connection keeps its fast path (:func:`welfareplan.core.editing.
write_values`, :func:`welfareplan.core.audittrail.write_audit`, positional parameters); a
server master's SQLAlchemy connection gets the same statements with ``:name`` parameters
through :mod:`welfareplan.core.plainsql`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

from welfareplan.core.audittrail import AUDIT_COLUMNS, AuditEntry, write_audit
from welfareplan.core.editing import write_values
from welfareplan.core.plainsql import executemany

if TYPE_CHECKING:
    from welfareplan.core.plainsql import Writer

_UPSERT = (
    "INSERT INTO entry_value (entry_id, field, value) VALUES (:e, :f, :v) "
    "ON CONFLICT (entry_id, field) DO UPDATE SET value = excluded.value"
)
_DELETE = "DELETE FROM entry_value WHERE entry_id = :e AND field = :f"
_AUDIT = (
    f"INSERT INTO audit_event ({', '.join(AUDIT_COLUMNS)}) "
    f"VALUES ({', '.join(':' + c for c in AUDIT_COLUMNS)})"
)


def store_values(con: Writer, changes: Iterable[tuple[str, str, str]]) -> None:
    """Store ``changes``, (entry id, field, new value) each; '' removes the value's row."""
    if isinstance(con, sqlite3.Connection):
        write_values(con, changes)
        return
    rows = list(changes)
    executemany(con, _UPSERT, [{"e": e, "f": f, "v": v} for e, f, v in rows if v])
    executemany(con, _DELETE, [{"e": e, "f": f} for e, f, v in rows if not v])


def audit_rows(con: Writer, entries: Iterable[AuditEntry]) -> None:
    """Write the audit rows ``entries`` in the transaction open on ``con``."""
    if isinstance(con, sqlite3.Connection):
        write_audit(con, entries)
        return
    executemany(con, _AUDIT, [e._asdict() for e in entries])
