"""Schema upgrades, ordered by ``PRAGMA user_version``.

``STEPS[n]`` upgrades a file from version ``n`` to ``n + 1``. Each step is plain SQL on a
``sqlite3`` connection, run together with the version bump in one transaction, so an upgrade
either happens completely or not at all; a copy of the file is kept before the first step.
Files of every released version are committed under ``tests/fixtures/schema/`` and a test
upgrades each of them and compares the result with a freshly created file.

Rules for a new version: append a step here, bump ``fileformat.SCHEMA_VERSION``, add a fixture
file of the previous version (``python -m tests.fixtures.make_schema_fixture``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from welfareplan.core import fileformat

Step = Callable[[sqlite3.Connection], None]

# Version 2 (division workflow): issued files with their issued values and merge base, the MAC
# secret (master only), received returns and merge conflicts. Only new tables; the DDL is frozen
# here as written by SQLAlchemy for schema 2, so later model changes never alter this step.
_V2_DDL: tuple[str, ...] = (
    """
    CREATE TABLE issue_secret (
        id INTEGER NOT NULL,
        secret VARCHAR(64) NOT NULL,
        created_at VARCHAR(32) NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT ck_issue_secret_single CHECK (id = 1)
    )
    """,
    """
    CREATE TABLE issued_file (
        id VARCHAR(36) NOT NULL,
        round_id VARCHAR(36) NOT NULL,
        department_id VARCHAR(36) NOT NULL,
        file_format VARCHAR(8) NOT NULL,
        file_name TEXT NOT NULL,
        issued_at VARCHAR(32) NOT NULL,
        issued_by TEXT NOT NULL,
        entry_keys TEXT NOT NULL,
        context TEXT NOT NULL,
        mac VARCHAR(64) NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT ck_issued_file_format CHECK (file_format IN ('wpdb', 'xlsx')),
        FOREIGN KEY(round_id) REFERENCES round (id),
        FOREIGN KEY(department_id) REFERENCES department (id)
    )
    """,
    """
    CREATE INDEX ix_issued_file_round ON issued_file (round_id, department_id)
    """,
    """
    CREATE TABLE issued_entry (
        issued_file_id VARCHAR(36) NOT NULL,
        entry_id VARCHAR(36) NOT NULL,
        result TEXT NOT NULL,
        rating VARCHAR(1) NOT NULL,
        outlook TEXT NOT NULL,
        base_result TEXT NOT NULL,
        base_rating VARCHAR(1) NOT NULL,
        base_outlook TEXT NOT NULL,
        PRIMARY KEY (issued_file_id, entry_id),
        FOREIGN KEY(issued_file_id) REFERENCES issued_file (id) ON DELETE CASCADE,
        FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE
    )
    """,
    """
    CREATE INDEX ix_issued_entry_entry ON issued_entry (entry_id)
    """,
    """
    CREATE TABLE received_return (
        id VARCHAR(36) NOT NULL,
        issued_file_id VARCHAR(36) NOT NULL,
        round_id VARCHAR(36) NOT NULL,
        department_id VARCHAR(36) NOT NULL,
        file_name TEXT NOT NULL,
        sha256 VARCHAR(64) NOT NULL,
        revision INTEGER NOT NULL,
        received_at VARCHAR(32) NOT NULL,
        os_user TEXT NOT NULL,
        outcome VARCHAR(16) NOT NULL,
        applied_fields INTEGER NOT NULL,
        conflict_fields INTEGER NOT NULL,
        submitted_at VARCHAR(32),
        submitted_by TEXT NOT NULL,
        submitted_os_user TEXT NOT NULL,
        submitted_host TEXT NOT NULL,
        submitted_revision INTEGER,
        PRIMARY KEY (id),
        CONSTRAINT ck_received_return_outcome CHECK (outcome IN ('applied', 'unchanged', 'conflicts')),
        FOREIGN KEY(issued_file_id) REFERENCES issued_file (id),
        FOREIGN KEY(round_id) REFERENCES round (id),
        FOREIGN KEY(department_id) REFERENCES department (id)
    )
    """,
    """
    CREATE INDEX ix_received_return_file ON received_return (issued_file_id, revision)
    """,
    """
    CREATE INDEX ix_received_return_round ON received_return (round_id, department_id)
    """,
    """
    CREATE TABLE merge_conflict (
        id VARCHAR(36) NOT NULL,
        return_id VARCHAR(36) NOT NULL,
        issued_file_id VARCHAR(36) NOT NULL,
        entry_id VARCHAR(36) NOT NULL,
        field VARCHAR(16) NOT NULL,
        base_value TEXT NOT NULL,
        file_value TEXT NOT NULL,
        master_value TEXT NOT NULL,
        status VARCHAR(16) NOT NULL,
        resolution VARCHAR(16) NOT NULL,
        resolved_value TEXT,
        created_at VARCHAR(32) NOT NULL,
        resolved_at VARCHAR(32),
        resolved_by TEXT NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT ck_conflict_field CHECK (field IN ('result', 'rating', 'outlook')),
        CONSTRAINT ck_conflict_status CHECK (status IN ('open', 'resolved', 'superseded')),
        CONSTRAINT ck_conflict_resolution CHECK (resolution IN ('', 'file', 'master', 'manual')),
        FOREIGN KEY(return_id) REFERENCES received_return (id),
        FOREIGN KEY(issued_file_id) REFERENCES issued_file (id),
        FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE
    )
    """,
    """
    CREATE INDEX ix_merge_conflict_entry ON merge_conflict (entry_id, field, status)
    """,
)


def _step_1_to_2(con: sqlite3.Connection) -> None:
    for statement in _V2_DDL:
        con.execute(statement)


def _step_2_to_3(con: sqlite3.Connection) -> None:
    """Plans of any shape (:mod:`.migration_v3`, imported only when a file needs it)."""
    from welfareplan.core.migration_v3 import step_2_to_3

    step_2_to_3(con)


def _step_3_to_4(con: sqlite3.Connection) -> None:
    """Review round trips (:mod:`.migration_v4`, imported only when a file needs it)."""
    from welfareplan.core.migration_v4 import step_3_to_4

    step_3_to_4(con)


def _step_4_to_5(con: sqlite3.Connection) -> None:
    """Rejected returns in the master (:mod:`.migration_v5`; a server master runs the same
    statements: :mod:`.server_upgrade`)."""
    from welfareplan.core.migration_v5 import step_4_to_5

    step_4_to_5(con)


#: from-version → step to from-version + 1
STEPS: dict[int, Step] = {1: _step_1_to_2, 2: _step_2_to_3, 3: _step_3_to_4, 4: _step_4_to_5}


def upgrade_connection(con: sqlite3.Connection, from_version: int) -> int:
    """Run every step from ``from_version`` up to ``fileformat.SCHEMA_VERSION`` in one transaction.

    ``con`` must be in autocommit mode (``isolation_level=None``). Foreign key enforcement is
    off while the steps run (steps rebuild tables, as SQLite documents for such changes) and
    restored afterwards. Returns the new version.
    """
    target = fileformat.SCHEMA_VERSION
    if from_version >= target:
        return from_version
    missing = [v for v in range(from_version, target) if v not in STEPS]
    if missing:
        raise RuntimeError(f"no upgrade step from schema version {missing[0]}")
    enforced = bool(con.execute("PRAGMA foreign_keys").fetchone()[0])
    con.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction: set before BEGIN
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            for version in range(from_version, target):
                STEPS[version](con)
            con.execute(f"PRAGMA user_version = {int(target)}")
            con.execute("UPDATE wp_meta SET value = ? WHERE key = 'schema_version'", (str(target),))
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    finally:
        if enforced:
            con.execute("PRAGMA foreign_keys = ON")
    return target
