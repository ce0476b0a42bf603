"""Everything works from folders whose paths hold Japanese, spaces (half- and full-width) and
the characters a URI must escape, as in C:\\Users\\山田 花子\\ドキュメント\\…: the workbook,
department files, exports, backups, lock files, working copies (WELFAREPLAN_HOME too)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.department_edits import own_entries
from tests.helpers.koganei import kv
from tests.reliability.cycle import cli_cycle, run
from tests.reliability.holders import REPO
from welfareplan.core.appdirs import working_dir
from welfareplan.core.editing import save_entry
from welfareplan.core.lockfile import lock_path_for
from welfareplan.core.recovery import find_recovery
from welfareplan.core.storage import Workbook, backup_dir_for
from welfareplan.core.workcopy import WorkingCopy
from welfareplan.workflow.master.backups import list_backups

FOLDER = Path("Users") / "山田 花子" / "ドキュメント" / "第1回#報告 100%\u3000(確定)&[最終]"


@pytest.fixture
def documents(tmp_path: Path) -> Path:
    folder = tmp_path / FOLDER
    folder.mkdir(parents=True)
    return folder


def test_a_whole_cycle_in_japanese_folders(documents: Path, home: Path) -> None:
    assert "山田 花子" in str(home) and os.environ["WELFAREPLAN_HOME"] == str(home)
    result = cli_cycle(documents)
    master = result.master
    backups = list_backups(master)
    assert backups and all(b.path.parent == backup_dir_for(master) for b in backups)
    assert backup_dir_for(master).parent == documents
    # restoring a backup from there works too
    out = run("backups", master, "--restore", backups[0].name)
    assert "戻す前の状態は「" in out
    assert list_backups(master)[0].reason == "before-restore"
    # no temporary or lock file left anywhere
    leftovers = [p for p in documents.rglob("*") if p.name.startswith(".") or p.suffix == ".lock"]
    assert leftovers == []
    # working copies lived in the profile folder and were cleaned up
    assert working_dir().parent.parent == home
    assert not list(working_dir().rglob("*.wpdb"))


def test_working_copy_lock_and_recovery_in_japanese_folders(
    documents: Path, cycle_template
) -> None:  # type: ignore[no-untyped-def]
    path = Path(shutil.copy(cycle_template.file("介護福祉課"), documents / "R7 介護福祉課 #2.wpdb"))
    wc = WorkingCopy.open(path)
    assert lock_path_for(path).exists() and lock_path_for(path).parent == documents
    assert working_dir() in wc.local.parents
    with Workbook.open(wc.local) as wb:
        entry_id = own_entries(wc.local)[9]
        save_entry(wb, entry_id, kv("日本語のフォルダで", "A", ""))
    wc.mark_dirty()
    wc.lock.release()  # the app dies before writing back
    recovery = find_recovery(path)
    assert recovery is not None and recovery.local == wc.local
    resumed = WorkingCopy.resume(recovery)
    resumed.write_back()
    resumed.close()
    assert own_entries(path)[9] == entry_id
    with Workbook.open(path, read_only=True) as wb, wb.session() as s:
        from welfareplan.core.model import Entry

        entry = s.get(Entry, entry_id)
        assert entry is not None and entry.values.get("result") == "日本語のフォルダで"
    assert find_recovery(path) is None and not lock_path_for(path).exists()


def test_the_cli_in_a_subprocess_takes_japanese_paths(documents: Path, demo_master: Path) -> None:
    master = Path(shutil.copy(demo_master, documents / "マスター　ワークブック #1.wpdb"))
    master.chmod(0o644)
    proc = subprocess.run(
        [sys.executable, "-m", "welfareplan.cli.main", "info", str(master)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "マスターワークブック" in proc.stdout and proc.stderr == ""
