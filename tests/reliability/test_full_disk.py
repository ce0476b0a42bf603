"""A full disk at every place a file is written: a clear Japanese message, nothing lost, nothing
half-written, and the same operation works once there is space again.

Two ways of filling the disk, in this process: SQLite's own writes meet a real ``SQLITE_FULL``
(``PRAGMA max_page_count`` caps the file at its current size, which is what SQLite reports
when the disk is full), and the Python-level writes (fsync, replace, copy, lock and state
files) get an injected ``OSError(ENOSPC)``.
"""

from __future__ import annotations

import errno
import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import sha256
from tests.helpers.department_edits import fill
from tests.helpers.department_file import make_department_file, result_of
from tests.helpers.koganei import kv
from tests.workflow.conftest import YEAR, Cycle
from welfareplan.cli.main import main
from welfareplan.core import atomic, lockfile, storage, workcopy
from welfareplan.core.editing import read_revision, save_entry
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.lockfile import lock_path_for
from welfareplan.core.recovery import find_recovery
from welfareplan.core.storage import Workbook
from welfareplan.core.workcopy import WorkingCopy, WriteBackError
from welfareplan.core.worklist import load_worklist

FULL = "ディスクの空き容量が足りない"
LONG = "空き容量のテスト。" * 1111


def no_space(*args: object, **kwargs: object) -> Any:
    raise OSError(errno.ENOSPC, "No space left on device")


class SqliteDisk:
    """Caps every new SQLite connection to the files whose names match at their current size
    (``PRAGMA max_page_count``): the next write that needs a page fails with SQLITE_FULL."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full: Callable[[str], bool] = lambda name: False
        real = sqlite3.connect

        def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
            con = real(database, *args, **kwargs)
            if self.full(str(database)):
                (pages,) = con.execute("PRAGMA page_count").fetchone()
                con.execute(f"PRAGMA max_page_count = {max(int(pages), 1)}")
            return con

        monkeypatch.setattr(sqlite3, "connect", connect)


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> SqliteDisk:
    return SqliteDisk(monkeypatch)


@pytest.fixture
def dept(demo_master: Path, tmp_path: Path) -> Path:
    share = tmp_path / "共有 フォルダ"
    share.mkdir()
    return make_department_file(demo_master, share / "R7_介護福祉課.wpdb", "介護福祉課")


@pytest.fixture
def working(dept: Path) -> Iterator[tuple[WorkingCopy, Workbook, str]]:
    wc = WorkingCopy.open(dept)
    wb = Workbook.open(wc.local)
    entry_id = load_worklist(wb).items[0].entry_id
    save_entry(wb, entry_id, kv("最初の記入", "A", "展望"))
    wc.mark_dirty()
    yield wc, wb, entry_id
    wb.close()
    wc.close()


def test_saving_an_entry_on_a_full_disk(
    working: tuple[WorkingCopy, Workbook, str], disk: SqliteDisk
) -> None:
    wc, wb, entry_id = working
    before = read_revision(wb)
    disk.full = lambda name: name == str(wc.local)
    wb.close()  # its connections closed: new ones meet the full disk
    with pytest.raises(WelfareplanError) as info:
        save_entry(wb, entry_id, kv(LONG, "B", LONG))
    assert FULL in info.value.message and wc.local.name in info.value.message
    assert "前の状態のまま" in info.value.message
    # nothing half-written: the last saved state, whole
    assert result_of(wc.local, entry_id) == "最初の記入" and read_revision(wb) == before
    con = sqlite3.connect(wc.local)
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    con.close()
    disk.full = lambda name: False
    wb.engine.dispose()
    save_entry(wb, entry_id, kv(LONG, "B", LONG))
    wc.mark_dirty()
    wc.write_back()
    assert result_of(wc.original, entry_id) == LONG


def _limit_temp_files(disk: SqliteDisk) -> None:
    disk.full = lambda name: name.endswith(".tmp")


def _fill_temp_files(mp: pytest.MonkeyPatch, disk: SqliteDisk) -> None:
    """No room for temporary files: SQLite's writes into them fail, and so does a plain copy
    into one (the write-back copies a snapshot of the working copy beside the original) after
    its first bytes."""
    _limit_temp_files(disk)
    real = shutil.copyfile

    def copyfile(src: Any, dst: Any, *args: Any, **kwargs: Any) -> Any:
        if not str(dst).endswith(".tmp"):
            return real(src, dst, *args, **kwargs)
        Path(dst).write_bytes(Path(src).read_bytes()[:4096])
        return no_space()

    mp.setattr(workcopy.shutil, "copyfile", copyfile)


POINTS: dict[str, Callable[[pytest.MonkeyPatch, SqliteDisk], None]] = {
    # the copy of the working copy into the temporary file beside the original
    "copy": _fill_temp_files,
    "fsync": lambda mp, disk: mp.setattr(atomic.os, "fsync", no_space),
    "replace": lambda mp, disk: mp.setattr(atomic.os, "replace", no_space),
}


@pytest.mark.parametrize("point", list(POINTS))
def test_write_back_on_a_full_disk(
    working: tuple[WorkingCopy, Workbook, str],
    disk: SqliteDisk,
    monkeypatch: pytest.MonkeyPatch,
    point: str,
) -> None:
    wc, wb, entry_id = working
    save_entry(wb, entry_id, kv(LONG, "B", "展望"))
    wc.mark_dirty()
    before = sha256(wc.original)
    with monkeypatch.context() as mp:
        POINTS[point](mp, disk)
        with pytest.raises(WriteBackError) as info:
            wc.write_back()
        disk.full = lambda name: False
    message = info.value.message
    assert FULL in message and "このコンピューターに保存されています" in message, message
    assert sha256(wc.original) == before  # the original as it was
    left = sorted(p.name for p in wc.original.parent.iterdir())
    assert left == [wc.original.name, lock_path_for(wc.original).name], left  # no temp file
    assert wc.dirty and result_of(wc.local, entry_id) == LONG  # the work is kept
    wc.write_back()  # space again
    assert result_of(wc.original, entry_id) == LONG and not wc.dirty


def test_the_work_survives_a_full_disk_and_a_crash(
    dept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Write-back fails for lack of space, then the app dies: the next start offers the work."""
    wc = WorkingCopy.open(dept)
    with Workbook.open(wc.local) as wb:
        entry_id = load_worklist(wb).items[0].entry_id
        save_entry(wb, entry_id, kv("満杯の前の記入", "C", ""))
    wc.mark_dirty()
    with monkeypatch.context() as mp:
        mp.setattr(atomic.os, "replace", no_space)
        with pytest.raises(WriteBackError):
            wc.write_back()
    wc.lock.release()  # the app dies here
    recovery = find_recovery(dept)
    assert recovery is not None and recovery.saved_revision == 1
    resumed = WorkingCopy.resume(recovery)
    resumed.write_back()
    resumed.close()
    assert result_of(dept, entry_id) == "満杯の前の記入"


def test_state_file_on_a_full_disk_still_offers_the_work(
    dept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session state cannot be updated (no space) when the first edit marks it dirty; the
    older state stays whole, and the copy's moved-on change counter still offers the work."""
    wc = WorkingCopy.open(dept)
    with Workbook.open(wc.local) as wb:
        entry_id = load_worklist(wb).items[0].entry_id
        save_entry(wb, entry_id, kv("状態を書けない記入", "D", ""))
    with monkeypatch.context() as mp:
        mp.setattr(Path, "write_text", no_space)
        wc.mark_dirty()
    state = json.loads((wc.local.parent / "session.json").read_text(encoding="utf-8"))
    assert state["dirty"] is False  # the old state, whole
    wc.lock.release()  # the app dies
    recovery = find_recovery(dept)
    assert recovery is not None and recovery.saved_revision == 1


def test_lock_file_on_a_full_disk(dept: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = sha256(dept)
    monkeypatch.setattr(lockfile.json, "dump", no_space)
    with pytest.raises(WelfareplanError) as info:
        WorkingCopy.open(dept)
    assert FULL in info.value.message and "編集用に開けません" in info.value.message
    assert not lock_path_for(dept).exists()  # no empty lock keeping others out
    assert sha256(dept) == before
    monkeypatch.undo()
    WorkingCopy.open(dept).close()


def _returned(cycle: Cycle) -> Path:
    """介護福祉課's file with a long text (the master needs new pages for it)."""
    path = cycle.file("介護福祉課")
    fill(path, {9: {"result": LONG, "rating": "A"}})
    return path


def test_merge_backup_on_a_full_disk(cycle: Cycle, monkeypatch: pytest.MonkeyPatch) -> None:
    from welfareplan.workflow.master import backups

    path = _returned(cycle)
    before = cycle.sha()
    with monkeypatch.context() as mp:
        mp.setattr(backups, "copy_database", no_space)
        with pytest.raises(WelfareplanError) as info:
            cycle.merge(path)
    assert FULL in info.value.message
    assert cycle.sha() == before
    assert not [
        p
        for p in cycle.master.parent.rglob("*")
        if p.suffix in (".tmp", ".wpdb") and p != cycle.master and "返送" not in str(p)
    ]
    _, result = cycle.merge(path)
    assert result.ok and result.applied == 2


def test_merge_transaction_on_a_full_disk(
    cycle: Cycle, disk: SqliteDisk, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _returned(cycle)
    before = cycle.sha()
    disk.full = lambda name: name == str(cycle.master)
    code = main(["merge", str(cycle.master), str(path)])
    out, err = capsys.readouterr()
    assert code == 2 and err.startswith("エラー: ") and FULL in err, err
    assert "Traceback" not in out + err
    assert cycle.sha() == before
    backups_dir = cycle.master.with_name(cycle.master.stem + ".backups")
    assert not list(backups_dir.glob("*.wpdb")) if backups_dir.exists() else True
    disk.full = lambda name: False
    assert main(["merge", str(cycle.master), str(path)]) == 0


def test_exports_on_a_full_disk(
    cycle: Cycle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from welfareplan.exports.round_export import export_report

    out = tmp_path / "出力 先"
    out.mkdir()
    for target in ({"docx": out / "評価表.docx"}, {"xlsx": out / "評価表.xlsx"}):
        with monkeypatch.context() as mp:
            mp.setattr(atomic.os, "replace", no_space)
            with cycle.open() as wb, pytest.raises(WelfareplanError) as info:
                export_report(wb, YEAR, **target)
        assert FULL in info.value.message
        assert list(out.iterdir()) == []  # no half-written report, no temporary file
    with cycle.open() as wb:
        export_report(wb, YEAR, docx=out / "評価表.docx", xlsx=out / "評価表.xlsx")
    assert sorted(p.name for p in out.iterdir()) == ["評価表.docx", "評価表.xlsx"]


def test_distribute_on_a_full_disk(
    cycle: Cycle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from welfareplan.workflow.issuing.distribute import distribute

    out = tmp_path / "配布 先"
    out.mkdir()
    before = cycle.sha()
    real = atomic.os.replace
    calls = {"n": 0}

    def third_fails(src: Any, dst: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            no_space()
        real(src, dst)

    with monkeypatch.context() as mp:
        mp.setattr(atomic.os, "replace", third_fails)
        with cycle.open() as wb, pytest.raises(WelfareplanError) as info:
            distribute(
                wb, YEAR, out, departments=["介護福祉課", "健康課", "地域福祉課", "交通対策課"]
            )
    assert FULL in info.value.message
    assert list(out.iterdir()) == []  # no department got a file that the master does not know
    assert cycle.sha() == before
    with cycle.open() as wb:
        result = distribute(wb, YEAR, out, departments=["介護福祉課"])
    assert len(result.files) == 1


def test_storage_errors_that_are_not_the_disk_still_surface() -> None:
    """Only the storage's errors become messages; a programming error is not hidden."""
    exc = sqlite3.IntegrityError("UNIQUE constraint failed")
    exc.sqlite_errorname = "SQLITE_CONSTRAINT_UNIQUE"  # type: ignore[attr-defined]
    assert atomic.describe_sqlite_error(exc, Path("x.wpdb")) is None
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorname = "SQLITE_FULL"  # type: ignore[attr-defined]
    assert FULL in (atomic.describe_sqlite_error(full, Path("x.wpdb")) or "")
    assert storage and workcopy and shutil  # modules patched by the tests above
