"""Lock files and the local working copy with atomic write-back (shared-drive behaviour)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import sha256
from tests.helpers.department_file import make_department_file
from tests.helpers.koganei import kv
from welfareplan.core import lockfile
from welfareplan.core.editing import save_entry
from welfareplan.core.lockfile import FileLock, LockedError, lock_path_for, read_lock
from welfareplan.core.recovery import discard_recovery, find_recovery, other_recoveries
from welfareplan.core.storage import Workbook
from welfareplan.core.workcopy import ReplacedError, WorkingCopy, WriteBackError
from welfareplan.core.worklist import load_worklist


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WELFAREPLAN_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "共有 フォルダ"
    folder.mkdir()
    return folder


@pytest.fixture
def dept_path(demo_master: Path, share: Path) -> Path:
    return make_department_file(demo_master, share / "R7_地域福祉課.wpdb")


def edit_one(wc: WorkingCopy, text: str) -> str:
    with Workbook.open(wc.local) as wb:
        item = load_worklist(wb).items[0]
        save_entry(wb, item.entry_id, kv(text, "A", "展望"))
    wc.mark_dirty()
    return item.entry_id


def result_in(path: Path, entry_id: str) -> str:
    con = sqlite3.connect(path)
    try:
        row = con.execute(
            "SELECT value FROM entry_value WHERE entry_id = ? AND field = 'result'", (entry_id,)
        ).fetchone()
        return row[0] if row else ""
    finally:
        con.close()


def test_lock_names_the_holder_and_blocks_a_second_open(dept_path: Path) -> None:
    lock = FileLock.acquire(dept_path)
    info = read_lock(dept_path)
    assert info is not None and info.pid == os.getpid()
    # a second process trying to open the same file
    code = (
        "import sys\nfrom welfareplan.core.lockfile import FileLock, LockedError\n"
        f"try:\n    FileLock.acquire(__import__('pathlib').Path({str(dept_path)!r}))\n"
        "except LockedError as e:\n    print(e.message); sys.exit(7)\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert r.returncode == 7
    assert "編集中です" in r.stdout and info.user in r.stdout and info.host in r.stdout
    lock.release()
    assert not lock_path_for(dept_path).exists()


def test_stale_lock_is_taken_over(dept_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lock = FileLock.acquire(dept_path)
    data = json.loads(lock.path.read_text(encoding="utf-8"))
    old = (
        dt.datetime.now().astimezone() - lockfile.STALE_AFTER - dt.timedelta(minutes=1)
    ).isoformat()
    data |= {"refreshed_at": old, "host": "OTHER-PC", "token": "x"}
    lock.path.write_text(json.dumps(data), encoding="utf-8")
    second = FileLock.acquire(dept_path)
    assert second.still_ours()
    assert not lock.still_ours() and not lock.refresh()
    second.release()


def test_lock_of_a_dead_process_on_this_computer_is_stale(dept_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(proc.stdout)
    lock = FileLock.acquire(dept_path)
    data = json.loads(lock.path.read_text(encoding="utf-8")) | {"pid": dead_pid, "token": "dead"}
    lock.path.write_text(json.dumps(data), encoding="utf-8")
    FileLock.acquire(dept_path).release()


def test_garbage_lock_file_is_stale_after_a_moment(dept_path: Path) -> None:
    lock = lock_path_for(dept_path)
    lock.write_text("{half", encoding="utf-8")
    with pytest.raises(LockedError):
        FileLock.acquire(dept_path)  # too new to judge
    old = dt.datetime.now().timestamp() - 60
    os.utime(lock, (old, old))
    FileLock.acquire(dept_path).release()


def test_edit_then_write_back(dept_path: Path) -> None:
    wc = WorkingCopy.open(dept_path)
    assert wc.local != dept_path and wc.local.is_file()
    entry_id = edit_one(wc, "共有フォルダ上のファイルへ")
    assert result_in(dept_path, entry_id) == ""  # not yet written back
    wc.write_back()
    assert result_in(dept_path, entry_id) == "共有フォルダ上のファイルへ"
    assert not wc.dirty
    leftovers = [p.name for p in dept_path.parent.iterdir()]
    assert sorted(leftovers) == ["R7_地域福祉課.wpdb", "R7_地域福祉課.wpdb.lock"]
    wc.close()
    assert not lock_path_for(dept_path).exists() and not wc.local.exists()


def test_replaced_underneath_is_detected(
    dept_path: Path, demo_master: Path, tmp_path: Path
) -> None:
    wc = WorkingCopy.open(dept_path)
    edit_one(wc, "私の入力")
    other = make_department_file(demo_master, tmp_path / "other.wpdb")
    shutil.copyfile(other, dept_path)
    before = sha256(dept_path)
    with pytest.raises(ReplacedError):
        wc.write_back()
    assert sha256(dept_path) == before
    wc.write_back(force=True)
    assert sha256(dept_path) != before
    wc.close()


def test_disconnected_share_keeps_work_locally_and_recovers(dept_path: Path, share: Path) -> None:
    wc = WorkingCopy.open(dept_path)
    entry_id = edit_one(wc, "接続が切れる前の入力")
    moved = share.with_name("切断中")
    share.rename(moved)  # the share disappears
    with pytest.raises(WriteBackError) as info:
        wc.write_back()
    assert "このコンピューターに保存されています" in info.value.message
    assert wc.dirty
    wc.close()  # the app exits; the working copy stays
    moved.rename(share)  # the share is back; the file still has the old content
    assert result_in(dept_path, entry_id) == ""
    recovery = find_recovery(dept_path)
    assert recovery is not None and recovery.saved_revision == 1 and recovery.original_revision == 0
    resumed = WorkingCopy.resume(recovery)
    resumed.write_back()
    assert result_in(dept_path, entry_id) == "接続が切れる前の入力"
    resumed.close()
    assert find_recovery(dept_path) is None


def test_recovery_can_be_discarded(dept_path: Path) -> None:
    wc = WorkingCopy.open(dept_path)
    edit_one(wc, "捨てる入力")
    wc.lock.release()  # simulate a crash: no write-back, no close
    recovery = find_recovery(dept_path)
    assert recovery is not None
    discard_recovery(recovery)
    assert find_recovery(dept_path) is None


def test_a_working_copy_cut_off_before_its_first_save_is_no_recovery(dept_path: Path) -> None:
    """The working copy is made without waiting for the disk (it holds nothing the original
    does not): a power cut before its first save can leave it half written. Opening the
    file again offers no recovery of it, opens the original as it is, and the first save of
    the new copy reaches the original."""
    before = sha256(dept_path)
    wc = WorkingCopy.open(dept_path)
    local = wc.local
    wc.lock.release()  # the power goes: no close, and only part of the copy reached the disk
    data = local.read_bytes()
    local.write_bytes(data[:4096] + bytes(len(data) - 4096))
    assert find_recovery(dept_path) is None
    assert sha256(dept_path) == before
    again = WorkingCopy.open(dept_path)
    entry_id = edit_one(again, "停電の後の入力")
    again.write_back()
    again.close()
    assert result_in(dept_path, entry_id) == "停電の後の入力"


def test_two_copies_of_one_file_keep_their_work_apart(dept_path: Path, tmp_path: Path) -> None:
    """The same issued file in two folders: work left for one is offered only for it (with
    the time it was typed), named when the other is opened, and never overwritten by it."""
    elsewhere = tmp_path / "別の場所"
    elsewhere.mkdir()
    other = Path(shutil.copy(dept_path, elsewhere / dept_path.name))
    wc = WorkingCopy.open(dept_path)
    entry_id = edit_one(wc, "こちらの入力")
    wc.lock.release()  # the app dies before writing back
    assert find_recovery(other) is None
    (left,) = other_recoveries(other)
    assert left.original == dept_path.resolve() and left.saved_at is not None
    assert abs((dt.datetime.now() - left.saved_at).total_seconds()) < 60
    second = WorkingCopy.open(other)  # its own working folder: the work above stays
    assert second.local.parent != left.local.parent
    second.close()
    recovery = find_recovery(dept_path)
    assert recovery is not None and recovery.local == left.local
    assert other_recoveries(dept_path) == []
    resumed = WorkingCopy.resume(recovery)
    resumed.write_back()
    resumed.close()
    assert result_in(dept_path, entry_id) == "こちらの入力" and result_in(other, entry_id) == ""


def test_write_back_retries_a_briefly_locked_file(
    dept_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from welfareplan.core import atomic

    wc = WorkingCopy.open(dept_path)
    entry_id = edit_one(wc, "再試行")
    real = os.replace
    calls = {"n": 0}

    def flaky(a, b):  # type: ignore[no-untyped-def]
        if Path(b) == dept_path:  # the write-back's replace (not the session state's)
            calls["n"] += 1
            if calls["n"] == 1:
                raise PermissionError(13, "used by another process")
        return real(a, b)

    monkeypatch.setattr(atomic.os, "replace", flaky)
    monkeypatch.setattr(atomic, "REPLACE_DELAY_S", 0.0)
    wc.write_back()
    assert calls["n"] == 2 and result_in(dept_path, entry_id) == "再試行"
    wc.close()


def test_second_working_copy_is_refused_while_first_is_open(dept_path: Path) -> None:
    wc = WorkingCopy.open(dept_path)
    with pytest.raises(LockedError) as info:
        WorkingCopy.open(dept_path)
    assert "読み取り専用で開きます" in info.value.message
    wc.close()


def test_backups_of_a_working_copy_sit_beside_the_original(dept_path: Path) -> None:
    from welfareplan.core.storage import backup_copy, backup_dir_for

    wc = WorkingCopy.open(dept_path)
    assert backup_dir_for(wc.local) == dept_path.with_name("R7_地域福祉課.backups")
    made = backup_copy(wc.local, "test")
    assert made.parent == dept_path.with_name("R7_地域福祉課.backups")
    wc.close()
    assert made.is_file()  # survives the session
    assert backup_dir_for(wc.local) == wc.local.with_name("R7_地域福祉課.backups")


def test_a_copy_that_cannot_be_read_is_refused_in_japanese_and_unlocked(
    dept_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The original's pages are read by SQLite's backup into the working copy; a read error
    there (a disk or share failing) is a Japanese refusal, the lock is released, the file and
    the working folder hold nothing of the attempt."""
    from welfareplan.core import workcopy
    from welfareplan.core.errors import FileCheckError

    def failing(src: Path, dest: Path, *, durable: bool = True) -> None:
        Path(dest).write_bytes(b"partial")
        raise sqlite3.OperationalError("disk I/O error")

    before = sha256(dept_path)
    monkeypatch.setattr(workcopy, "sqlite_snapshot", failing)
    with pytest.raises(FileCheckError) as info:
        WorkingCopy.open(dept_path)
    assert info.value.code == "unreadable"
    assert f"ファイル「{dept_path.name}」を読み取れません" in info.value.message
    assert not lock_path_for(dept_path).exists()
    assert sha256(dept_path) == before
    assert not list((Path(os.environ["WELFAREPLAN_HOME"])).rglob("*.tmp"))
    monkeypatch.undo()
    WorkingCopy.open(dept_path).close()  # and it opens once the disk reads again


def test_a_write_back_to_a_slow_share_does_not_lock_the_working_copy(
    dept_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17: the automatic write-back ran while the next job (a merge, a distribute) wrote
    to the working copy. SQLite's backup into the original's folder held a read lock on the
    working copy until the copy there was written and synced — on a slow share longer than the
    job's 5 s busy timeout, and the job failed with 'database is locked' (an unexpected-error
    box). Here the copy in the original's folder cannot be finished while a job writes: the
    job must still commit at once."""
    from welfareplan.core import workcopy

    wc = WorkingCopy.open(dept_path)
    edit_one(wc, "書き戻し中の変更")
    real_target = workcopy.atomic_target
    committed: list[str] = []

    @contextlib.contextmanager
    def slow_share(path: Path, **kwargs: object) -> Iterator[Path]:
        with real_target(path, **kwargs) as tmp:  # type: ignore[arg-type]
            # another reader of the new file: SQLite cannot finish writing into it meanwhile
            blocker = sqlite3.connect(tmp, check_same_thread=False)
            blocker.execute("BEGIN")
            blocker.execute("SELECT count(*) FROM sqlite_master").fetchall()

            def job() -> None:
                time.sleep(0.3)  # the write-back is under way
                con = sqlite3.connect(wc.local, timeout=1.0)
                try:
                    con.execute("UPDATE wp_meta SET value = value WHERE key = 'revision'")
                    con.commit()
                    committed.append("ok")
                except sqlite3.OperationalError as exc:
                    committed.append(str(exc))
                finally:
                    con.close()
                    blocker.rollback()
                    blocker.close()

            writer = threading.Thread(target=job)
            writer.start()
            try:
                yield tmp
            finally:
                writer.join()

    monkeypatch.setattr(workcopy, "atomic_target", slow_share)
    wc.write_back()
    assert committed == ["ok"]
    wc.close()
