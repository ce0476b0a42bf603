"""Files of every schema version, beyond tests/test_migrations.py and
tests/workflow/test_upgrades.py: upgraded through the department app's working copy (backup
beside the original, recovery after a crash), a department fixture upgraded and merged into
its upgraded master, and SIGKILL during upgrades."""

from __future__ import annotations

import random
import shutil
import sqlite3
import statistics
from pathlib import Path

import pytest

from tests.conftest import next_schema_version
from tests.helpers.koganei import kv
from tests.reliability import crashkit as ck
from welfareplan.core import fileformat
from welfareplan.core.editing import save_entry
from welfareplan.core.fileformat import SCHEMA_VERSION, check_file
from welfareplan.core.journal import recover_interrupted
from welfareplan.core.recovery import find_recovery
from welfareplan.core.storage import Workbook, backup_dir_for
from welfareplan.core.workcopy import WorkingCopy
from welfareplan.core.worklist import load_worklist
from welfareplan.workflow.master.backups import list_backups
from welfareplan.workflow.returns.apply import apply_merge
from welfareplan.workflow.returns.compare import preview_merge
from welfareplan.workflow.returns.merge_types import FileOutcome

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "schema"
UPGRADE_KILLS = 30


def entries(path: Path) -> list[tuple[object, ...]]:
    """(id, result, rating, outlook) of every entry, from the columns of schema 1 and 2 or
    the value rows of schema 3."""
    con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        columns = [r[1] for r in con.execute("PRAGMA table_info(entry)")]
        if "result" in columns:
            return con.execute(
                "SELECT id, result, rating, outlook FROM entry ORDER BY id"
            ).fetchall()
        values: dict[str, dict[str, str]] = {}
        for entry_id, field, value in con.execute("SELECT entry_id, field, value FROM entry_value"):
            values.setdefault(entry_id, {})[field] = value
        return [
            (eid, *(values.get(eid, {}).get(k, "") for k in ("result", "rating", "outlook")))
            for (eid,) in con.execute("SELECT id FROM entry ORDER BY id")
        ]
    finally:
        con.close()


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "共有 フォルダ" / "地域福祉課"
    folder.mkdir(parents=True)
    return folder


def test_v1_master_upgraded_through_a_working_copy_survives_a_crash(share: Path) -> None:
    original = Path(shutil.copy(FIXTURES / "workbook-v1.wpdb", share / "古い マスター.wpdb"))
    wc = WorkingCopy.open(original)
    wb = Workbook.open(wc.local)
    assert wb.upgraded_from == 1 and wb.upgrade_backup is not None
    # the copy before the upgrade is kept beside the original, not in the user's profile
    assert wb.upgrade_backup.parent == backup_dir_for(original) and wb.upgrade_backup.is_file()
    assert check_file(wb.upgrade_backup).schema_version == 1
    assert entries(wb.upgrade_backup) == entries(FIXTURES / "workbook-v1.wpdb")
    wb.close()
    wc.lock.release()  # the app dies before writing the upgrade back (never marked dirty)
    assert check_file(original).schema_version == 1  # the original as it was
    recovery = find_recovery(original)
    assert recovery is not None, "the upgraded copy must be offered"
    resumed = WorkingCopy.resume(recovery)
    resumed.write_back()
    resumed.close()
    assert check_file(original).schema_version == SCHEMA_VERSION
    assert entries(original) == entries(FIXTURES / "workbook-v1.wpdb")
    assert [b.reason for b in list_backups(original)] == ["schema1"]


def test_department_fixture_upgraded_in_the_app_merges_into_its_upgraded_master(
    share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a next schema version: the committed department file of the current version is
    upgraded when the department opens it (backup beside it), edited, written back, and merged
    into its master fixture, upgraded too."""
    master = Path(
        shutil.copy(FIXTURES / f"workbook-v{SCHEMA_VERSION}.wpdb", share / "マスター.wpdb")
    )
    dept = Path(
        shutil.copy(FIXTURES / f"department-v{SCHEMA_VERSION}.wpdb", share / "R7_介護福祉課.wpdb")
    )

    def step(con: sqlite3.Connection) -> None:
        con.execute("ALTER TABLE entry ADD COLUMN reviewer TEXT NOT NULL DEFAULT ''")

    next_schema_version(monkeypatch, step)
    wc = WorkingCopy.open(dept)
    with Workbook.open(wc.local) as wb:
        assert wb.upgraded_from == SCHEMA_VERSION
        assert wb.upgrade_backup is not None and wb.upgrade_backup.parent == backup_dir_for(dept)
        item = next(i for i in load_worklist(wb).items if i.label == "10")
        save_entry(wb, item.entry_id, kv("次の形式で記入", "A", "展望"))
    wc.mark_dirty()
    wc.write_back()
    wc.close()
    assert check_file(dept).schema_version == SCHEMA_VERSION + 1
    with Workbook.open(master) as wb:
        assert wb.upgraded_from == SCHEMA_VERSION
        preview = preview_merge(wb, [dept])
        (f,) = preview.files
        assert f.outcome is FileOutcome.APPLY, f.reason
        assert ("result", "次の形式で記入") in {(c.field, c.new) for c in f.changes}
        assert apply_merge(wb, preview).ok


def test_v2_department_file_opened_in_this_version_merges_into_the_upgraded_master(
    share: Path,
) -> None:
    """Issued before schema 3 and opened by the department with this version: upgraded in
    place (its plan rows now in the columns of schema 3), edited, and merged into the v2
    master fixture it was issued from, upgraded too — its plan-row digests as issued are
    recognised through the columns they became (workflow/returns/legacy.py)."""
    master = Path(shutil.copy(FIXTURES / "workbook-v2.wpdb", share / "マスター.wpdb"))
    dept = Path(shutil.copy(FIXTURES / "department-v2.wpdb", share / "R7_介護福祉課.wpdb"))
    wc = WorkingCopy.open(dept)
    with Workbook.open(wc.local) as wb:
        assert wb.upgraded_from == 2
        item = next(i for i in load_worklist(wb).items if i.label == "10")
        save_entry(wb, item.entry_id, kv("形式3で記入", "B", "展望"))
    wc.mark_dirty()
    wc.write_back()
    wc.close()
    assert check_file(dept).schema_version == SCHEMA_VERSION
    with Workbook.open(master) as wb:
        assert wb.upgraded_from == 2
        preview = preview_merge(wb, [dept])
        (f,) = preview.files
        assert f.outcome is FileOutcome.APPLY and f.upgraded_from is None, f.reason
        assert ("result", "形式3で記入") in {(c.field, c.new) for c in f.changes}
        assert apply_merge(wb, preview).ok


@pytest.mark.slow
def test_kills_during_upgrades(tmp_path: Path) -> None:
    """SIGKILL while a v1 master is backed up and upgraded: the file is v1 or current, whole,
    with the same entries, and opens; a backup is complete or absent."""
    seed = ck.crash_seed()
    rng = random.Random(seed)
    fixture = FIXTURES / "workbook-v1.wpdb"
    path = tmp_path / "古い マスター.wpdb"
    log = ck.LogLines(tmp_path / "upgrade.log")
    kills = 0
    versions = {1: 0, SCHEMA_VERSION: 0}
    with ck.fork_server() as server:
        # How long an upgrade takes, from three whole runs; then from every run that ended
        # before its kill (the first runs are slower: the OS caches the files as they go, and
        # on a busy machine the time changes — a stale figure lets the upgrades outrun the kills)
        durations: list[float] = []
        for _ in range(3):
            shutil.copyfile(fixture, path)
            shutil.rmtree(backup_dir_for(path), ignore_errors=True)
            answer = server.run("upgrade", {"path": str(path), "log": str(log.path)}, None)
            assert answer["exit"] == 0, log.errors()
            ((_, _, t),) = log.new()
            durations.append(t - answer["started"])
        run = 0
        while kills < UPGRADE_KILLS:
            run += 1
            assert run <= 4 * UPGRADE_KILLS, f"seed {seed}: the upgrades end before the kills"
            shutil.copyfile(fixture, path)
            shutil.rmtree(backup_dir_for(path), ignore_errors=True)
            duration = statistics.median(durations[-5:])
            delay = rng.uniform(0.0, duration * 1.2)
            answer = server.run("upgrade", {"path": str(path), "log": str(log.path)}, delay)
            finished = log.new()
            kills += answer["killed"]
            if not answer["killed"] and finished:
                durations.append(finished[-1][2] - answer["started"])
            context = f"seed {seed}, run {run}, kill after {delay:.4f} s"
            if not check_file_ok(path):
                kept = recover_interrupted(path, backup_dir_for(path))  # what opening does first
                assert (
                    kept.is_file()
                    and kept.with_name(kept.name.removesuffix(".kept") + "-journal.kept").is_file()
                ), context
            version = check_file(path).schema_version
            assert version in versions, context
            versions[version] += 1
            assert ck.integrity_ok(path) and entries(path) == entries(fixture), context
            for backup in list_backups(path):
                assert check_file(backup.path).schema_version == 1, context
            with Workbook.open(path) as wb:  # and it upgrades (again) when opened for writing
                assert wb.kind.value == "workbook"
            assert check_file(path).schema_version == SCHEMA_VERSION
    print(
        f"upgrades: {kills} kills survived (seed {seed}); found v1 {versions[1]}, "
        f"v{SCHEMA_VERSION} {versions[SCHEMA_VERSION]} times"
    )


def check_file_ok(path: Path) -> bool:
    """True unless the read-only check refuses the file (a cut-off upgrade, rolled back by
    opening it for writing)."""
    try:
        check_file(path)
    except fileformat.FileCheckError as exc:
        assert exc.code == "interrupted", exc.message
        return False
    return True
