"""The kept write connection of an open file (core/keptwriter.py): autosaves reuse one
connection, yet never write into a file that was replaced, never hold a lock between saves,
never share a transaction between threads, and let go of the file when it is closed."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from tests.helpers.department_file import make_department_file, result_of
from tests.helpers.koganei import kv
from welfareplan.core import storage
from welfareplan.core.editing import save_entry
from welfareplan.core.storage import Workbook
from welfareplan.core.worklist import load_worklist


@pytest.fixture
def dept(demo_master: Path, tmp_path: Path) -> Path:
    return make_department_file(demo_master, tmp_path / "R7_地域福祉課.wpdb")


def test_saves_reuse_one_connection(dept: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    real = storage._connect

    def counting(path: Path, *, read_only: bool) -> sqlite3.Connection:
        opened.append(path)
        return real(path, read_only=read_only)

    monkeypatch.setattr(storage, "_connect", counting)
    with Workbook.open(dept) as wb:
        ids = [item.entry_id for item in load_worklist(wb).items[:3]]
        for n in range(6):
            save_entry(wb, ids[n % 3], kv(f"実績 {n}", "AB"[n % 2], "展望"))
    assert len(opened) == 1
    assert [result_of(dept, i) for i in ids] == ["実績 3", "実績 4", "実績 5"]


def test_no_lock_is_held_between_saves(dept: Path) -> None:
    with Workbook.open(dept) as wb:
        entry_id = load_worklist(wb).items[0].entry_id
        save_entry(wb, entry_id, kv("自分の記入", "A", "展望"))
        other = sqlite3.connect(dept, timeout=0, isolation_level=None)
        try:  # another writer gets the file at once: no lock left behind by the save
            other.execute("BEGIN EXCLUSIVE")
            other.execute("UPDATE entry_value SET value = 'ほかの人' WHERE field = 'outlook'")
            other.execute("COMMIT")
        finally:
            other.close()
        save_entry(wb, entry_id, kv("自分の記入（続き）", "A", "展望"))
    assert result_of(dept, entry_id) == "自分の記入（続き）"


def test_a_file_replaced_underneath_gets_the_next_save(dept: Path, tmp_path: Path) -> None:
    """A copy renamed over the open file: the next save goes into the file now at the path,
    not into the replaced one that only the kept connection still sees."""
    copy = tmp_path / "copy.wpdb"
    with Workbook.open(dept) as wb:
        entry_id = load_worklist(wb).items[0].entry_id
        save_entry(wb, entry_id, kv("置き換え前", "A", "展望"))
        shutil.copyfile(dept, copy)
        os.replace(copy, dept)
        save_entry(wb, entry_id, kv("置き換え後", "B", "展望"))
    assert result_of(dept, entry_id) == "置き換え後"


def test_a_failed_transaction_rolls_back_and_starts_afresh(dept: Path) -> None:
    with Workbook.open(dept) as wb:
        entry_id = load_worklist(wb).items[0].entry_id
        save_entry(wb, entry_id, kv("最初", "A", "展望"))
        with pytest.raises(RuntimeError), wb.sql_transaction() as con:
            con.execute("UPDATE entry_value SET value = '途中' WHERE field = 'result'")
            raise RuntimeError("途中で失敗")
        assert result_of(dept, entry_id) == "最初"
        save_entry(wb, entry_id, kv("次", "A", "展望"))
    assert result_of(dept, entry_id) == "次"


def test_a_second_thread_gets_its_own_transaction(dept: Path) -> None:
    """While one transaction uses the kept connection, another thread's waits for the write
    lock on a connection of its own (never 'a transaction within a transaction')."""
    with Workbook.open(dept) as wb:
        ids = [item.entry_id for item in load_worklist(wb).items[:2]]
        errors: list[BaseException] = []
        started = threading.Event()

        def other() -> None:
            started.set()
            try:
                save_entry(wb, ids[1], kv("別のスレッド", "C", "展望"))
            except BaseException as exc:  # reported by the assertion below
                errors.append(exc)

        with wb.sql_transaction() as con:
            con.execute(
                "INSERT INTO entry_value (entry_id, field, value) "
                "VALUES (?, 'result', '先のトランザクション')",
                (ids[0],),
            )
            thread = threading.Thread(target=other)
            thread.start()
            started.wait(5)
        thread.join(30)
        assert not thread.is_alive() and errors == []
    assert result_of(dept, ids[0]) == "先のトランザクション"
    assert result_of(dept, ids[1]) == "別のスレッド"


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_closing_the_workbook_lets_go_of_the_file(dept: Path) -> None:
    def held() -> bool:
        fds = Path("/proc/self/fd").iterdir()
        return any(os.path.realpath(fd) == os.path.realpath(dept) for fd in fds)

    wb = Workbook.open(dept)
    save_entry(wb, load_worklist(wb).items[0].entry_id, kv("記入", "A", "展望"))
    assert held()
    wb.close()
    assert not held()
