"""Sharing one transaction's view of a server master with another connection (issue 16):
``pg_export_snapshot()`` in the transaction that is about to change the master, ``SET
TRANSACTION SNAPSHOT`` at the start of a REPEATABLE READ transaction elsewhere, which then
reads exactly what the first saw — none of its own later writes, nothing committed by others
after it — while the first goes on writing. Importing works only while the exporting
transaction is still open.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from welfareplan.core.errors import WelfareplanError

if TYPE_CHECKING:
    from sqlalchemy import Connection

#: what PostgreSQL's snapshot identifiers look like ('00000003-0000001B-1')
_SNAPSHOT_ID = re.compile(r"[0-9A-Fa-f]+(-[0-9A-Fa-f]+)+")


def export_snapshot(conn: Connection) -> str:
    """The identifier of the snapshot of ``conn``'s open transaction as of now."""
    from sqlalchemy import text

    return str(conn.execute(text("SELECT pg_export_snapshot()")).scalar_one())


def import_snapshot(conn: Connection, snapshot: str) -> None:
    """Make ``conn``'s transaction — REPEATABLE READ, nothing run in it yet — read the
    exported ``snapshot``. The identifier comes from the server (:func:`export_snapshot`); it
    is checked before it is written into the statement (which takes no parameters)."""
    from sqlalchemy import text

    if not _SNAPSHOT_ID.fullmatch(snapshot):
        raise WelfareplanError(
            f"サーバーのスナップショットの識別子「{snapshot}」が正しくありません。",
            code="bad-snapshot",
        )
    conn.execute(text(f"SET TRANSACTION SNAPSHOT '{snapshot}'"))
