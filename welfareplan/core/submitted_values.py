"""What was submitted, as a fingerprint of the values (``wp_meta.submitted_digest``).

「提出後に変更あり」 means the values differ from the submitted ones, not that a save happened:
an edit undone back to the submitted text is no change. Every save in a department file that
was submitted compares the values with the fingerprint; when they are the submitted ones again,
``submitted_revision`` moves up to the file's ``revision`` — so the department window and the
division (which compare the two revisions) both see the file as submitted and unchanged.

Plain ``sqlite3`` inside the caller's transaction (the department window saves without
SQLAlchemy). Files submitted before the fingerprint existed keep the revision rule.
"""

from __future__ import annotations

import hashlib
import sqlite3

META_SUBMITTED_DIGEST = "submitted_digest"


def values_digest(con: sqlite3.Connection) -> str:
    """A fingerprint of every non-empty value in the file."""
    digest = hashlib.sha256()
    rows = con.execute(
        "SELECT entry_id, field, value FROM entry_value WHERE value <> '' ORDER BY entry_id, field"
    )
    for entry_id, field, value in rows:
        digest.update(f"{entry_id}\x1f{field}\x1f{value}\x1e".encode())
    return digest.hexdigest()


def settle(con: sqlite3.Connection, revision: int, submitted: str | None) -> bool:
    """After a save at ``revision``: if the values are the ``submitted`` ones again (the
    file's ``submitted_digest``, None if it has none), the file is unchanged since submission
    (``submitted_revision = revision``). Returns whether it is."""
    if not submitted or values_digest(con) != submitted:
        return False
    con.execute("UPDATE wp_meta SET value = ? WHERE key = 'submitted_revision'", (str(revision),))
    return True
