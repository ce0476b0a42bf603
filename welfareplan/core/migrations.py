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

#: from-version → step to from-version + 1
STEPS: dict[int, Step] = {}


def upgrade_connection(con: sqlite3.Connection, from_version: int) -> int:
    """Run every step from ``from_version`` up to ``fileformat.SCHEMA_VERSION`` in one transaction.

    ``con`` must be in autocommit mode (``isolation_level=None``). Returns the new version.
    """
    target = fileformat.SCHEMA_VERSION
    if from_version >= target:
        return from_version
    missing = [v for v in range(from_version, target) if v not in STEPS]
    if missing:
        raise RuntimeError(f"no upgrade step from schema version {missing[0]}")
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
    return target
