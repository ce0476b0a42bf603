"""Department files another SQLite tool switched to WAL mode (issue 13, item 4): made with
SQLite itself, as such a tool leaves them — in WAL mode with nothing pending, or with a
committed change still only in the ``-wal`` beside the file (the tool was still open, or
crashed, when the file was copied)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.reliability.hostile import EnvLike

#: What the pending change writes (project 9 of 介護福祉課, the entry the valid file fills).
PENDING = "WAL にだけある記入"


def to_wal(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    finally:
        con.close()


def wal_mode(env: EnvLike, name: str) -> Path:
    path = env.valid(name)
    to_wal(path)
    return path


def commit_into_wal(path: Path, statement: str) -> None:
    """``path`` in WAL mode with ``statement`` committed into the ``-wal`` beside it but not
    yet into the file itself (no ``-shm``: as after a crash, SQLite rebuilds it)."""
    to_wal(path)
    main = path.read_bytes()
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA wal_autocheckpoint = 0")
        con.execute(statement)
        wal = Path(f"{path}-wal").read_bytes()
    finally:
        con.close()  # checkpoints into the file and removes the side files
    path.write_bytes(main)
    Path(f"{path}-wal").write_bytes(wal)


def pending_in_wal(env: EnvLike, name: str) -> Path:
    path = env.valid(name)
    commit_into_wal(
        path, f"UPDATE entry_value SET value = '{PENDING}' WHERE field = 'result' AND value <> ''"
    )
    return path
