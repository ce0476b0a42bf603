"""Masters and department files another SQLite tool switched to WAL mode (issue 13, item 4),
through the command line: read without creating anything beside them, converted (with copies
kept) only by a writer holding the lock. The corpus covers merge and the window."""

from __future__ import annotations

import sqlite3

from tests.conftest import sha256
from tests.reliability.cycle import cli, rows
from tests.reliability.walmode import commit_into_wal
from tests.workflow.conftest import Cycle
from welfareplan.core.storage import backup_dir_for
from welfareplan.core.walfiles import in_wal_mode, side_files


def test_a_master_in_wal_mode_is_converted_by_its_writer(cycle: Cycle) -> None:
    master = cycle.master
    commit_into_wal(master, "UPDATE department SET note = 'ツールで書いた' WHERE name = '健康課'")
    folder = sorted(p.name for p in master.parent.iterdir())
    code, _, err = cli("info", master)  # read-only: refused, nothing created beside it
    assert code == 2 and "WAL 形式に変えられています" in err, err
    assert sorted(p.name for p in master.parent.iterdir()) == folder
    code, _, err = cli("department", "add", master, "新しい課")
    assert code == 0, err
    assert "WAL 形式に変えられていたため" in err
    assert side_files(master) == [] and not in_wal_mode(master.read_bytes()[:100])
    assert ("新しい課",) in rows(master, "SELECT name FROM department")
    con = sqlite3.connect(master)
    (note,) = con.execute("SELECT note FROM department WHERE name = '健康課'").fetchone()
    con.close()
    assert note == "ツールで書いた"  # what was only in the -wal is kept
    kept = sorted(p.name for p in backup_dir_for(master).glob("*.wal.wpdb*.kept"))
    assert len(kept) == 2 and any(k.endswith(".wpdb-wal.kept") for k in kept), kept


def test_a_read_command_converts_only_when_it_can_take_the_lock(cycle: Cycle) -> None:
    """`status` on a WAL-mode master: it needs converting before it can be read, so the
    command takes the lock like a writer, and says so."""
    master = cycle.master
    commit_into_wal(master, "UPDATE department SET note = 'x' WHERE name = '健康課'")
    code, _, err = cli("status", master, "--year", "2025")
    assert code == 0 and "WAL 形式に変えられていたため" in err, err
    assert side_files(master) == []
    before = sha256(master)
    code, _, _ = cli("status", master, "--year", "2025")
    assert code == 0 and sha256(master) == before  # a plain file now: only read
