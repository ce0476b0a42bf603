"""A department file's revision (``wp_meta.revision``): one more at every change made in it.

The merge orders the returns of the same issued file by it; the department window and the
division compare it with ``submitted_revision`` (「提出後に変更あり」,
:mod:`welfareplan.core.submitted_values`).

Plain ``sqlite3`` inside the caller's transaction. The department window's confirmation and
review panel load this at start-up; the save path (:mod:`welfareplan.core.editing`) loads
when it is first needed.
"""

from __future__ import annotations

import sqlite3

from welfareplan.core.submitted_values import META_SUBMITTED_DIGEST, settle

_STORE_SQL = (
    "INSERT INTO wp_meta (key, value) VALUES ('revision', ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)


def _store_next(con: sqlite3.Connection, current: str | None) -> int:
    value = int(current or "0") + 1
    con.execute(_STORE_SQL, (str(value),))
    return value


def bump_revision(con: sqlite3.Connection) -> int:
    """Increment ``wp_meta.revision`` inside the caller's transaction; the new value."""
    row = con.execute("SELECT value FROM wp_meta WHERE key = 'revision'").fetchone()
    return _store_next(con, row[0] if row else None)


def bump_after_save(con: sqlite3.Connection) -> int:
    """:func:`bump_revision` after a change of the values, and the file settled as submitted
    and unchanged if the values are the submitted ones again
    (:func:`welfareplan.core.submitted_values.settle`): the two read ``wp_meta`` once."""
    meta = dict(
        con.execute(
            "SELECT key, value FROM wp_meta WHERE key IN ('revision', ?)",
            (META_SUBMITTED_DIGEST,),
        ).fetchall()
    )
    revision = _store_next(con, meta.get("revision"))
    settle(con, revision, meta.get(META_SUBMITTED_DIGEST))
    return revision
