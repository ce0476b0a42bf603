"""Schema 4, the committee's part: the tables of committee members, opinion sheets, their
returns, the members' opinions and the city's answers (:mod:`welfareplan.core.model_opinions`).

Only new tables; the DDL is frozen here as SQLAlchemy writes it for schema 4, so later model
changes never alter this step. Called from the 3 → 4 step (:mod:`welfareplan.core.migration_v4`).
"""

from __future__ import annotations

import sqlite3

_DDL: tuple[str, ...] = (
    """
    CREATE TABLE committee_member (
        id VARCHAR(36) NOT NULL,
        round_id VARCHAR(36) NOT NULL,
        name TEXT NOT NULL,
        sort INTEGER NOT NULL,
        PRIMARY KEY (id),
        UNIQUE (round_id, name),
        FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE
    )
    """,
    """
    CREATE TABLE opinion_sheet (
        id VARCHAR(36) NOT NULL,
        round_id VARCHAR(36) NOT NULL,
        member_id VARCHAR(36) NOT NULL,
        file_name TEXT NOT NULL,
        issued_at VARCHAR(32) NOT NULL,
        issued_by TEXT NOT NULL,
        mac VARCHAR(64) NOT NULL,
        PRIMARY KEY (id),
        FOREIGN KEY(round_id) REFERENCES round (id) ON DELETE CASCADE,
        FOREIGN KEY(member_id) REFERENCES committee_member (id) ON DELETE CASCADE
    )
    """,
    """
    CREATE TABLE opinion_sheet_return (
        id VARCHAR(36) NOT NULL,
        sheet_id VARCHAR(36) NOT NULL,
        file_name TEXT NOT NULL,
        sha256 VARCHAR(64) NOT NULL,
        received_at VARCHAR(32) NOT NULL,
        os_user TEXT NOT NULL,
        outcome VARCHAR(16) NOT NULL,
        changed INTEGER NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT ck_opinion_return_outcome CHECK (outcome IN ('applied', 'unchanged')),
        FOREIGN KEY(sheet_id) REFERENCES opinion_sheet (id) ON DELETE CASCADE
    )
    """,
    """
    CREATE TABLE member_opinion (
        id VARCHAR(36) NOT NULL,
        member_id VARCHAR(36) NOT NULL,
        project_id VARCHAR(36),
        text TEXT NOT NULL,
        received_at VARCHAR(32) NOT NULL,
        chosen_id VARCHAR(36),
        PRIMARY KEY (id),
        FOREIGN KEY(member_id) REFERENCES committee_member (id) ON DELETE CASCADE,
        FOREIGN KEY(project_id) REFERENCES project (id),
        FOREIGN KEY(chosen_id) REFERENCES committee_opinion (id) ON DELETE SET NULL
    )
    """,
    """
    CREATE TABLE opinion_answer (
        opinion_id VARCHAR(36) NOT NULL,
        department_id VARCHAR(36),
        text TEXT NOT NULL,
        updated_at VARCHAR(32) NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (opinion_id),
        FOREIGN KEY(opinion_id) REFERENCES committee_opinion (id) ON DELETE CASCADE,
        FOREIGN KEY(department_id) REFERENCES department (id)
    )
    """,
)


def create_opinion_tables(con: sqlite3.Connection) -> None:
    """Create the committee's tables (inside the upgrade's transaction on ``con``)."""
    for statement in _DDL:
        con.execute(statement)
