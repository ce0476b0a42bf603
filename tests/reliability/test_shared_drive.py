"""Shared folders, beyond tests/test_workcopy.py: real processes racing for the same file, a
replace that keeps failing, write-backs racing a reader in another process, locks of other
computers."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import sha256
from tests.helpers.department_file import make_department_file
from tests.reliability import crashkit as ck
from tests.reliability.holders import REPO
from welfareplan.core import atomic, lockfile
from welfareplan.core.editing import save_entry
from welfareplan.core.lockfile import FileLock, LockedError, lock_path_for
from welfareplan.core.recovery import find_recovery
from welfareplan.core.storage import Workbook
from welfareplan.core.workcopy import WorkingCopy, WriteBackError


@pytest.fixture
def dept(demo_master: Path, tmp_path: Path) -> Path:
    share = tmp_path / "共有 フォルダ" / "令和7年度"
    share.mkdir(parents=True)
    return make_department_file(demo_master, share / "R7_介護福祉課.wpdb", "介護福祉課")


_OPENER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from welfareplan.core.lockfile import LockedError
    from welfareplan.core.workcopy import WorkingCopy
    print("ready", flush=True)
    sys.stdin.readline()  # go
    try:
        wc = WorkingCopy.open(Path(sys.argv[1]))
    except LockedError as exc:
        print("locked", exc.message, flush=True)
        sys.exit(0)
    print("won", flush=True)
    sys.stdin.read()  # hold the file until told
    wc.close()
    """
)


def test_processes_racing_to_open_the_same_file(dept: Path, tmp_path: Path) -> None:
    """Several copies of the app open one file at the same moment: exactly one edits, every
    other one is told who has it (and would open read-only)."""
    procs = []
    for i in range(4):
        env = os.environ | {"WELFAREPLAN_HOME": str(tmp_path / f"利用者 {i}")}
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", _OPENER, str(dept)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                cwd=REPO,
                env=env,
            )
        )
    try:
        for p in procs:
            assert p.stdout is not None and p.stdout.readline().strip() == "ready"
        for p in procs:
            assert p.stdin is not None
            p.stdin.write("go\n")
            p.stdin.flush()
        answers = [p.stdout.readline().strip() for p in procs if p.stdout is not None]
        winners = [a for a in answers if a == "won"]
        losers = [a for a in answers if a.startswith("locked")]
        assert len(winners) == 1 and len(losers) == 3, answers
        holder = lockfile.read_lock(dept)
        assert holder is not None
        for message in losers:  # named, even when the winner was still writing its lock
            assert "編集中です" in message and holder.user in message and holder.host in message
    finally:
        for p in procs:
            assert p.stdin is not None
            p.stdin.close()
            assert p.wait(timeout=60) == 0
            if p.stdout is not None:
                p.stdout.close()
    assert not lock_path_for(dept).exists()
    WorkingCopy.open(dept).close()  # free again


def test_lock_of_another_computer_is_respected_until_it_goes_stale(dept: Path) -> None:
    lock = lock_path_for(dept)
    now = dt.datetime.now().astimezone()
    holder = {
        "token": "other",
        "user": "tanaka",
        "host": "KOGANEI-PC-07",
        "pid": 4242,
        "opened_at": (now - dt.timedelta(hours=1)).isoformat(),
        "refreshed_at": (now - lockfile.STALE_AFTER + dt.timedelta(minutes=1)).isoformat(),
    }
    lock.write_text(json.dumps(holder), encoding="utf-8")
    with pytest.raises(LockedError) as info:
        WorkingCopy.open(dept)  # refreshed 14 minutes ago: the other computer may be alive
    assert "tanaka（コンピューター KOGANEI-PC-07）" in info.value.message
    holder["refreshed_at"] = (now - lockfile.STALE_AFTER - dt.timedelta(minutes=1)).isoformat()
    lock.write_text(json.dumps(holder), encoding="utf-8")
    wc = WorkingCopy.open(dept)  # not refreshed for 16 minutes: stale, taken over
    assert wc.lock.still_ours()
    wc.close()


def test_a_replace_that_keeps_failing(dept: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program holds the original for longer than the retries (Windows: a virus
    scanner, an open preview): the work stays local, nothing is left half-done, and the next
    try succeeds."""
    wc = WorkingCopy.open(dept)
    ids = ck.entry_ids(wc.local)
    with Workbook.open(wc.local) as wb:
        save_entry(wb, ids[1], ck.edit_values(1))
    wc.mark_dirty()
    before = sha256(dept)
    waits: list[float] = []
    attempts = {"n": 0}
    real = os.replace

    def held(src: object, dst: object) -> None:
        if Path(str(dst)) == dept:
            attempts["n"] += 1
            raise PermissionError(13, "The process cannot access the file")
        real(src, dst)  # type: ignore[arg-type]

    with monkeypatch.context() as mp:
        mp.setattr(atomic.os, "replace", held)
        mp.setattr(atomic.time, "sleep", waits.append)
        with pytest.raises(WriteBackError) as info:
            wc.write_back()
    assert attempts["n"] == atomic.REPLACE_RETRIES + 1
    assert waits == sorted(waits) and len(waits) == atomic.REPLACE_RETRIES  # waits grow
    assert "他のプログラムが使用中" in info.value.message
    assert "このコンピューターに保存されています" in info.value.message
    assert sha256(dept) == before
    assert sorted(p.name for p in dept.parent.iterdir()) == [dept.name, lock_path_for(dept).name]
    assert wc.dirty
    wc.write_back()
    assert ck.check_department_file(dept, ids) == 1
    wc.close()


_READER = textwrap.dedent(
    """
    import sqlite3, sys
    from pathlib import Path
    from tests.reliability.crashkit import check_department_file, entry_ids
    path = Path(sys.argv[1])
    ids = entry_ids(path)
    print("ready", flush=True)
    reads, revisions, problems = 0, set(), []
    import select
    while not select.select([sys.stdin], [], [], 0)[0]:
        try:
            revisions.add(check_department_file(path, ids))
        except Exception as exc:
            problems.append(repr(exc))
        reads += 1
    print(reads, len(revisions), len(problems), problems[:3], flush=True)
    """
)


def test_write_backs_racing_a_reader(dept: Path) -> None:
    """Another process reads the file over and over (the division opening it, a backup
    program) while the department saves and writes back: every read sees a whole file at
    one revision, never a mixture."""
    reader = subprocess.Popen(
        [sys.executable, "-c", _READER, str(dept)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=REPO,
    )
    assert reader.stdout is not None and reader.stdin is not None
    assert reader.stdout.readline().strip() == "ready"
    wc = WorkingCopy.open(dept)
    ids = ck.entry_ids(wc.local)
    with Workbook.open(wc.local) as wb:
        for seq in range(1, 41):
            save_entry(wb, ids[seq % len(ids)], ck.edit_values(seq))
            wc.mark_dirty()
            wc.write_back()
    wc.close()
    reader.stdin.write("stop\n")
    reader.stdin.close()
    reads, revisions, problems, sample = reader.stdout.readline().split(" ", 3)
    reader.wait(timeout=60)
    reader.stdout.close()
    assert int(problems) == 0, sample
    assert int(reads) > 0 and int(revisions) >= 1
    assert ck.check_department_file(dept, ids) == 40
    print(f"racing reader: {reads} reads of {revisions} revisions, 0 broken")
    assert find_recovery(dept) is None


def test_refreshing_keeps_a_long_session_locked(
    dept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A session open all afternoon refreshes its lock: it never looks stale to others."""
    lock = FileLock.acquire(dept)
    later = dt.datetime.now().astimezone() + lockfile.STALE_AFTER * 3
    monkeypatch.setattr(lockfile, "_now", lambda: later.replace(microsecond=0))
    assert lock.refresh()
    info = lockfile.read_lock(dept)
    assert info is not None and not lockfile.is_stale(info, lock.path, now=later)
    lock.release()
