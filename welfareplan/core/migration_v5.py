"""Schema 4 → 5: the journal of rejected returns moves into the master (issue 16).

One new table, ``rejected_return`` (:class:`welfareplan.core.model_issue.RejectedReturn`), so a
rejection is seen by every staff member of a master on a server — not only by the one whose
merge refused the file. Every row of a schema 4 master stays as it is. The DDL is frozen here as
SQLAlchemy writes it for schema 5; it is the same text on SQLite and on PostgreSQL, so the step
of a file (:mod:`welfareplan.core.migrations`) and of a server master
(:mod:`welfareplan.core.server_upgrade`) run these very statements.

A department file or worksheet issued under schema 4 still merges: a department file holds the
table empty (it is the master's record), and a returned file of schema 4 is upgraded on a copy
as every older one is.
"""

from __future__ import annotations

import sqlite3

DDL: tuple[str, ...] = (
    """
    CREATE TABLE rejected_return (
        id VARCHAR(36) NOT NULL,
        issued_file_id VARCHAR(36) NOT NULL,
        round_id VARCHAR(36) NOT NULL,
        department_id VARCHAR(36) NOT NULL,
        file_name TEXT NOT NULL,
        sha256 VARCHAR(64) NOT NULL,
        rejected_at VARCHAR(32) NOT NULL,
        os_user TEXT NOT NULL,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        returns_seen INTEGER NOT NULL,
        PRIMARY KEY (id),
        FOREIGN KEY(issued_file_id) REFERENCES issued_file (id) ON DELETE CASCADE,
        FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE,
        FOREIGN KEY(department_id) REFERENCES department (id) ON DELETE CASCADE
    )
    """,
    "CREATE INDEX ix_rejected_return_round ON rejected_return (round_id, department_id)",
)


def step_4_to_5(con: sqlite3.Connection) -> None:
    """Create the table (inside the upgrade's transaction on ``con``)."""
    for statement in DDL:
        con.execute(statement)
