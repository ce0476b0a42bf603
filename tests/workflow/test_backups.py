"""Rotating backups of the master: made before changes, listed newest first, restored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import sha256
from tests.helpers.department_edits import fill
from tests.workflow.conftest import YEAR, Cycle
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.storage import backup_copy, backup_dir_for
from welfareplan.workflow.master.backups import list_backups, make_backup, restore_backup, rotate


def test_backups_rotate_keeping_the_newest(demo_copy: Path) -> None:
    made = [make_backup(demo_copy, "merge", keep=3) for _ in range(5)]
    schema = backup_copy(demo_copy, "schema1")  # upgrade copies never rotate away
    kept = list_backups(demo_copy)
    assert [b.path for b in kept if b.reason == "merge"] == list(reversed(made[-3:]))
    assert len({b.path for b in kept}) == 4  # 3 rotating + the schema copy
    assert schema in [b.path for b in kept]
    assert rotate(demo_copy, keep=1) == [made[-2], made[-3]]
    assert {b.reason for b in list_backups(demo_copy)} == {"merge", "schema1"}
    assert kept[0].created >= kept[-1].created
    assert {b.reason_label for b in kept} == {"取り込みの前", "形式の更新の前（形式 1）"}


def test_listing_ignores_other_files(demo_copy: Path) -> None:
    folder = backup_dir_for(demo_copy)
    folder.mkdir()
    (folder / "rejected-returns.jsonl").write_text("", encoding="utf-8")
    (folder / "メモ.wpdb").write_bytes(b"")
    assert list_backups(demo_copy) == []


def test_restore_brings_back_the_state_and_keeps_the_current_one(file_cycle: Cycle) -> None:
    """File-only, like the next test: a server master's are tests/workflow/test_backups_on_server.py."""
    cycle = file_cycle
    path = cycle.file("交通対策課")
    fill(path, {3: {"result": "取り込んだ文"}})
    original = cycle.sha()
    _, result = cycle.merge(path)
    assert result.backup is not None and sha256(result.backup) != ""
    merged = cycle.sha()
    assert merged != original
    restored = restore_backup(cycle.master, result.backup.name)
    assert restored.restored.name == result.backup.name
    assert restored.safety_backup.exists() and sha256(restored.safety_backup) != ""
    from tests.workflow.test_merge import master_value

    assert master_value(cycle, "交通対策課", 3) == ""
    # the pre-restore copy is itself restorable
    restore_backup(cycle.master, restored.safety_backup.name)
    assert master_value(cycle, "交通対策課", 3) == "取り込んだ文"


def test_restore_refuses_unknown_and_foreign_backups(file_cycle: Cycle, tmp_path: Path) -> None:
    cycle = file_cycle
    from welfareplan.core.shipped import create_demo_workbook

    other = create_demo_workbook(tmp_path / "よその.wpdb")  # a workbook of its own (new UUID)
    before = cycle.sha()
    with pytest.raises(WelfareplanError) as info:
        restore_backup(cycle.master, "nope.wpdb")
    assert info.value.code == "no-backup"
    folder = backup_dir_for(cycle.master)
    folder.mkdir(exist_ok=True)
    stem = cycle.master.stem
    shutil.copyfile(other, folder / f"{stem}.20200101-000000.merge.wpdb")
    with pytest.raises(WelfareplanError) as info:
        restore_backup(cycle.master, f"{stem}.20200101-000000.merge.wpdb")
    assert info.value.code == "foreign-backup" and "別のワークブック" in info.value.message
    assert cycle.sha() == before


def test_every_workflow_change_keeps_a_backup(cycle: Cycle) -> None:
    from welfareplan.workflow.master.departments import add_department

    path = cycle.file("交通対策課")
    fill(path, {3: {"result": "x"}})
    cycle.merge(path)
    with cycle.open() as wb:
        add_department(wb, "福祉総務課")
    reasons = [b.reason for b in cycle.backups()]
    assert reasons == ["department", "merge"]
    assert YEAR == 2025
