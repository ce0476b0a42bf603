"""Backups restored only after the same checks as any file (issue 13, item 9): a tampered
backup never replaces the master; what is restored is exactly what was checked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import sha256
from tests.reliability import hostile
from tests.reliability.cycle import cli, run
from tests.reliability.journals import cut_off_save
from tests.reliability.walmode import commit_into_wal
from tests.workflow.conftest import Cycle
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.walfiles import in_wal_mode, side_files
from welfareplan.core.workcopy import WorkingCopy
from welfareplan.workflow.master.backups import list_backups, restore_backup


def _backup_of(cycle: Cycle) -> Path:
    """A genuine backup of the master (made by a change: it holds the first department
    added, not the second), then the master changed again."""
    run("department", "add", cycle.master, "一つ目の課")
    run("department", "add", cycle.master, "二つ目の課")
    return list_backups(cycle.master)[0].path  # the newest: made before the second


def _sql(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    try:
        for statement in statements:
            con.execute(statement)
        con.commit()
    finally:
        con.close()


TAMPERINGS = {
    "extra table and trigger": (
        lambda p: _sql(
            p,
            "CREATE TABLE notes (x TEXT)",
            "CREATE TRIGGER forget AFTER INSERT ON received_return BEGIN DELETE FROM audit_event; END",
        ),
        "トリガー: forget、余分な表: notes",
    ),
    "hidden duplicate key": (
        lambda p: hostile.hidden_duplicate(
            "wp_meta", "INSERT INTO wp_meta VALUES ('file_kind', 'workbook')"
        )(_Here(p), p.name),
        "同じキーの行が重複しています",
    ),
    "interrupted save beside it": (
        lambda p: cut_off_save(p, "UPDATE department SET note = '途中'"),
        "保存が途中で中断",
    ),
}


class _Here:
    """An EnvLike whose 'valid' file is the given one."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def valid(self, name: str) -> Path:
        return self.path


@pytest.mark.parametrize("tampering", list(TAMPERINGS))
def test_a_tampered_backup_never_replaces_the_master(
    cycle: Cycle, tmp_path: Path, tampering: str
) -> None:
    backup = _backup_of(cycle)
    tamper, words = TAMPERINGS[tampering]
    tamper(backup)
    master, backups = cycle.master, sorted(p.name for p in backup.parent.iterdir())
    before, backup_before = sha256(master), sha256(backup)
    code, _, err = cli("backups", master, "--restore", backup.name)
    assert code == 2, err
    assert f"バックアップ「{backup.name}」から復元できません" in err and words in err, err
    assert "マスターワークブックは変更していません" in err
    assert sha256(master) == before and sha256(backup) == backup_before
    assert sorted(p.name for p in backup.parent.iterdir()) == backups  # no safety copy either
    # the window restores through the same function, on its working copy
    wc = WorkingCopy.open(master)
    local = sha256(wc.local)
    with pytest.raises(WelfareplanError):
        restore_backup(wc.local, backup.name)
    assert sha256(wc.local) == local
    wc.close()


def test_a_wal_mode_backup_is_restored_with_its_wal_and_nothing_beside_the_master(
    cycle: Cycle,
) -> None:
    backup = _backup_of(cycle)
    commit_into_wal(backup, "UPDATE department SET note = 'WAL の中の備考' WHERE name = '健康課'")
    code, _, err = cli("backups", cycle.master, "--restore", backup.name)
    assert code == 0, err
    assert side_files(cycle.master) == [] and not in_wal_mode(cycle.master.read_bytes()[:100])
    con = sqlite3.connect(cycle.master)
    names = {r[0]: r[1] for r in con.execute("SELECT name, note FROM department")}
    con.close()
    assert names["健康課"] == "WAL の中の備考"
    assert "一つ目の課" in names and "二つ目の課" not in names  # the backup's state
