"""Schema 3 → 4: review round trips.

What changes (see :mod:`welfareplan.core.model_review`): only new tables, so every row of a
schema 3 file stays as it is —

* ``review_comment`` and ``review_note``: 差戻し comments per field of an entry, and every
  message on them (the division's comment, the department's reply, the division's closing note);
* ``return_confirmation``: the section chief's confirmation a merged return carried;
* the committee's members, opinion sheets, their returns, the members' opinions and the city's
  answers (:mod:`welfareplan.core.migration_v4_opinions`).

A department file or worksheet issued under schema 3 has no comments and no confirmation; it
still merges (as submitted without a confirmation). The DDL is frozen here as SQLAlchemy writes
it for schema 4, so later model changes never alter this step. The step is a short list of
calls, one per group of tables.
"""

from __future__ import annotations

import sqlite3

_REVIEW_DDL: tuple[str, ...] = (
    """
    CREATE TABLE review_comment (
        id VARCHAR(36) NOT NULL,
        round_id VARCHAR(36) NOT NULL,
        entry_id VARCHAR(36) NOT NULL,
        field VARCHAR(32) NOT NULL,
        status VARCHAR(16) NOT NULL,
        created_at VARCHAR(32) NOT NULL,
        created_by TEXT NOT NULL,
        sent_file_id VARCHAR(36),
        sent_at VARCHAR(32),
        closed_at VARCHAR(32),
        closed_by TEXT NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT ck_review_comment_status CHECK (status IN ('open', 'resolved')),
        FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE,
        FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE
    )
    """,
    "CREATE INDEX ix_review_comment_round ON review_comment (round_id, status)",
    "CREATE INDEX ix_review_comment_entry ON review_comment (entry_id, field)",
    """
    CREATE TABLE review_note (
        id VARCHAR(36) NOT NULL,
        comment_id VARCHAR(36) NOT NULL,
        kind VARCHAR(16) NOT NULL,
        text TEXT NOT NULL,
        author TEXT NOT NULL,
        at VARCHAR(32) NOT NULL,
        seq INTEGER NOT NULL,
        file_id VARCHAR(36),
        PRIMARY KEY (id),
        CONSTRAINT ck_review_note_kind CHECK (kind IN ('comment', 'reply', 'resolve', 'keep')),
        FOREIGN KEY(comment_id) REFERENCES review_comment (id) ON DELETE CASCADE
    )
    """,
    "CREATE INDEX ix_review_note_comment ON review_note (comment_id, seq)",
    """
    CREATE TABLE return_confirmation (
        return_id VARCHAR(36) NOT NULL,
        kind VARCHAR(16) NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        confirmed_at VARCHAR(32),
        confirmed_revision INTEGER,
        PRIMARY KEY (return_id),
        CONSTRAINT ck_return_confirmation_kind CHECK (kind IN ('confirmed', 'none')),
        FOREIGN KEY(return_id) REFERENCES received_return (id) ON DELETE CASCADE
    )
    """,
)


def create_review_tables(con: sqlite3.Connection) -> None:
    """差戻し comments, their notes and the confirmations of merged returns."""
    for statement in _REVIEW_DDL:
        con.execute(statement)


def step_3_to_4(con: sqlite3.Connection) -> None:
    """Every group of new tables of schema 4, one call each."""
    from welfareplan.core.migration_v4_opinions import create_opinion_tables

    create_review_tables(con)
    create_opinion_tables(con)
