"""KeptHandle: a file's header read through a descriptor kept while SQLite may hold the file
(the lock it protects is tested across processes in tests/reliability/test_held_locks.py)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from welfareplan.core.kepthandle import KEEPS_DESCRIPTORS, KeptHandle, kept_descriptors
from welfareplan.core.recovery import counter_in
from welfareplan.core.storage import Workbook
from welfareplan.workflow.master.locking import master_fingerprint

needs_kept = pytest.mark.skipif(
    not KEEPS_DESCRIPTORS, reason="Windows reads with a handle of its own each time"
)


def commit(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        con.execute("CREATE TABLE IF NOT EXISTS t (x)")
        con.execute("INSERT INTO t VALUES (1)")
        con.commit()
    finally:
        con.close()


def test_a_commit_by_any_connection_changes_the_counter_read(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    commit(db)
    kept = KeptHandle(db)
    try:
        before = counter_in(kept.read(28))
        commit(db)
        assert counter_in(kept.read(28)) == before + 1
    finally:
        kept.close()


@needs_kept
def test_a_file_replaced_under_the_path_is_followed(tmp_path: Path) -> None:
    db, other = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    commit(db)
    commit(other)
    commit(other)
    counter = {p: counter_in(p.read_bytes()[:28]) for p in (db, other)}
    assert counter[db] != counter[other]
    start = kept_descriptors()
    kept = KeptHandle(db)
    try:
        assert counter_in(kept.read(28)) == counter[db]
        shutil.copyfile(other, tmp_path / "c.sqlite")
        (tmp_path / "c.sqlite").replace(db)  # a restore, a catch-up
        assert counter_in(kept.read(28)) == counter[other]
        assert kept_descriptors() == start + 2  # the old file's stays open until close
    finally:
        kept.close()
    assert kept_descriptors() == start


@needs_kept
def test_descriptors_close_only_when_the_last_owner_lets_go(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite"
    commit(db)
    start = kept_descriptors()
    first, second = KeptHandle(db), KeptHandle(db)
    first.read(100)
    second.read(100)
    assert kept_descriptors() == start + 2
    first.close()
    assert kept_descriptors() == start + 2  # the second still keeps the file
    second.close()
    assert kept_descriptors() == start


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    kept = KeptHandle(tmp_path / "gone.sqlite")
    with pytest.raises(OSError):
        kept.read(100)
    kept.close()


@needs_kept
def test_the_fingerprint_of_a_workbook_keeps_one_descriptor_until_it_closes(
    demo_master: Path, tmp_path: Path
) -> None:
    master = Path(shutil.copy(demo_master, tmp_path / "m.wpdb"))
    start = kept_descriptors()
    wb = Workbook.open(master)
    first = master_fingerprint(wb)
    assert master_fingerprint(wb) == first
    assert kept_descriptors() == start + 1
    commit(master)  # any connection
    assert master_fingerprint(wb) != first
    wb.close()
    assert kept_descriptors() == start
    assert os.path.exists(master)
