"""Other processes that hold a file: a live welfareplan lock, an SQLite write lock.

Each holder is a real, separate Python process started with minimal imports. It prints
``ready`` once it holds the file and lets go when its standard input closes.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

_LOCK_FILE = """
import sys
from pathlib import Path
from welfareplan.core.lockfile import FileLock
lock = FileLock.acquire(Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.read()
lock.release()
"""

_SQLITE_WRITE = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN EXCLUSIVE")
con.execute("UPDATE wp_meta SET value = value WHERE key = 'file_kind'")
print("ready", flush=True)
sys.stdin.read()
con.execute("ROLLBACK")
con.close()
"""

_SCRIPTS = {"lock-file": _LOCK_FILE, "sqlite-write": _SQLITE_WRITE}


@contextmanager
def held(path: Path, how: str) -> Iterator[subprocess.Popen[str]]:
    """Hold ``path`` in another process (``how``: 'lock-file' or 'sqlite-write')."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _SCRIPTS[how], str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=REPO,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "ready", f"holder did not start: {line!r}"
        yield proc
    finally:
        if proc.stdin is not None:
            proc.stdin.close()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()


def dead_pid() -> int:
    """The process id of a process of this computer that has ended."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def leave_dead_lock(path: Path, user: str, *, activity: str = "") -> Path:
    """The lock of ``path`` as a process of this computer left it when it died (window, or a
    command for ``activity``); returns the lock file."""
    import json

    from welfareplan.core.identity import host_name
    from welfareplan.core.lockfile import lock_path_for

    lock = lock_path_for(path)
    stamp = "2026-05-10T10:23:00+09:00"
    lock.write_text(
        json.dumps(
            {
                "token": "dead",
                "user": user,
                "host": host_name(),
                "pid": dead_pid(),
                "opened_at": stamp,
                "refreshed_at": stamp,
                "activity": activity,
            }
        ),
        encoding="utf-8",
    )
    return lock
