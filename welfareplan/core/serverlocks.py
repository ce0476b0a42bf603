"""Advisory lock keys on a server master (issue 16): what serialises the changes that must not
run twice at once, while everything else goes on in parallel.

A merge takes one lock per returned file's issued-file id, a distribution one per round, each
with ``pg_advisory_xact_lock`` inside its write transaction (released when it ends): the same
return merged twice at once runs one after the other, and the second then finds the first's
record. The key is a signed 64-bit number derived from the kind and the id (SHA-256), the same
in every process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection


def lock_key(kind: str, ident: str) -> int:
    """The advisory lock key of ``ident`` (an issued file's or a round's id) of ``kind``."""
    digest = hashlib.sha256(f"welfareplan:{kind}:{ident}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def take_locks(conn: Connection, kind: str, idents: Iterable[str]) -> None:
    """Take the transaction's advisory locks of ``idents`` (in one fixed order, so two
    transactions that want some of the same never wait on each other in a circle); waits
    while another transaction holds one. One round trip: the driver sends the statements
    together (psycopg's pipeline), and the server runs them one after the other, in order."""
    from sqlalchemy import text

    keys = sorted({lock_key(kind, i) for i in idents})
    if keys:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), [{"k": k} for k in keys])
