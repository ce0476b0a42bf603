"""Reading a file's header while this process holds SQLite's lock on it keeps the lock.

SQLite's locks on Linux and macOS belong to the process: closing any descriptor of the file
releases them all (:mod:`welfareplan.core.heldwrite`). Each test holds the write (RESERVED)
lock in this process, calls what reads the header, and then asks a *second process* to take
the write lock: it must still be refused.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers.department_file import make_department_file
from welfareplan.core.storage import Workbook
from welfareplan.core.workcopy import WorkingCopy
from welfareplan.workflow.master.locking import master_fingerprint

pytestmark = pytest.mark.skipif(
    os.name == "nt",
    reason="Windows: a lock belongs to the handle that took it; closing another handle "
    "releases nothing, so there is nothing to keep",
)

_TRY_WRITE = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], timeout=0)
try:
    con.execute("BEGIN IMMEDIATE")
except sqlite3.OperationalError as exc:
    print("refused", exc)
else:
    con.execute("ROLLBACK")
    print("took the write lock")
"""


def other_process_may_write(path: Path) -> bool:
    done = subprocess.run(
        [sys.executable, "-c", _TRY_WRITE, str(path)],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.stdout.startswith("took")


@contextmanager
def write_lock_held(path: Path) -> Iterator[None]:
    """A connection of this process holding the write lock of ``path`` (a write not yet
    committed), as a merge's transaction does."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("DELETE FROM wp_meta WHERE 0")
        assert not other_process_may_write(path)  # the lock is there to lose
        yield
        con.execute("ROLLBACK")
    finally:
        con.close()


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WELFAREPLAN_HOME", str(tmp_path / "home"))


@pytest.fixture
def working_copy(demo_master: Path, tmp_path: Path) -> Iterator[WorkingCopy]:
    wc = WorkingCopy.open(make_department_file(demo_master, tmp_path / "R7_地域福祉課.wpdb"))
    yield wc
    wc.close()


def test_asking_whether_a_working_copy_is_unsynced_keeps_the_lock(
    working_copy: WorkingCopy,
) -> None:
    with write_lock_held(working_copy.local):
        assert not working_copy.unsynced
        assert not other_process_may_write(working_copy.local)


def test_writing_back_keeps_the_lock_a_job_holds_on_the_working_copy(
    working_copy: WorkingCopy,
) -> None:
    """The write-back runs in a worker while a merge in another may hold the copy's lock."""
    with write_lock_held(working_copy.local):
        working_copy.write_back(force=True)
        assert not other_process_may_write(working_copy.local)


def test_a_fingerprint_of_the_master_keeps_the_lock(demo_master: Path) -> None:
    with Workbook.open(demo_master) as wb, write_lock_held(demo_master):
        master_fingerprint(wb)
        assert not other_process_may_write(demo_master)
