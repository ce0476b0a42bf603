"""Journals beside a master or a department file (issue 13, item 3): one that belongs to the
file is rolled back — after keeping a copy of both — and the user is told; one that does not
(another file's, or left behind when the file was put back from an older copy) is never rolled
back, and the message names both files. The corpus sends the same kinds through merge and the
window; here the master and the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import sha256
from tests.reliability.cycle import cli, rows, run
from tests.reliability.journals import cut_off_save, journal_bytes
from tests.workflow.conftest import Cycle
from welfareplan.core.errors import FileCheckError
from welfareplan.core.fileformat import check_file, journal_path
from welfareplan.core.journal import journal_mismatch, read_journal
from welfareplan.core.storage import backup_dir_for
from welfareplan.core.workcopy import WorkingCopy


def test_an_interrupted_save_of_the_master_is_rolled_back_after_keeping_both(
    cycle: Cycle,
) -> None:
    master = cycle.master
    committed = rows(master, "SELECT count(*) FROM department")[0][0]
    cut_off_save(master, "INSERT INTO department VALUES ('x', '途中の課', 'city', 99, 1, '')")
    half, journal = sha256(master), sha256(journal_path(master))
    code, _, err = cli("status", master, "--year", "2025")
    assert code == 0, err
    assert "前回の保存が途中で中断されていたため、最後に保存した状態に戻しました" in err
    assert not journal_path(master).exists()
    assert (
        rows(master, "SELECT count(*) FROM department")[0][0] == committed
    )  # the half-done save is gone
    (kept,) = backup_dir_for(master).glob("*.interrupted.wpdb.kept")
    kept_journal = kept.with_name(kept.name.removesuffix(".kept") + "-journal.kept")
    assert sha256(kept) == half and sha256(kept_journal) == journal
    assert kept.name in err


@pytest.mark.parametrize("how", ["another master's", "left after a restore"])
def test_a_journal_that_is_not_the_masters_is_never_rolled_back(
    cycle: Cycle, tmp_path: Path, how: str
) -> None:
    master = cycle.master
    if how == "another master's":
        other = Path(shutil.copy(master, tmp_path / "別の マスター.wpdb"))
        run("department", "add", other, "よその課")
        cut_off_save(other, "UPDATE entry_value SET value = 'よその記入' WHERE field = 'result'")
        shutil.copyfile(journal_path(other), journal_path(master))
    else:
        older = master.read_bytes()
        run("department", "add", master, "あとで追加された課")
        cut_off_save(
            master, "UPDATE entry_value SET value = '消えたはずの記入' WHERE field = 'result'"
        )
        master.write_bytes(older)  # put back from the older copy; the journal stays
    before, journal = sha256(master), sha256(journal_path(master))
    for args in (("merge", master, cycle.file("健康課")), ("status", master, "--year", "2025")):
        code, _, err = cli(*args)
        assert code == 2, err
        assert f"ファイル「{master.name}」の横にある「{master.name}-journal」は" in err
        assert "一致しません" in err and "どちらも変更していません" in err
    with pytest.raises(FileCheckError) as info:
        WorkingCopy.open(master)
    assert info.value.code == "foreign-journal"
    assert sha256(master) == before and sha256(journal_path(master)) == journal
    assert not list(master.parent.rglob("*.kept"))  # nothing was kept: nothing was done
    # moved aside (kept), the file opens as it is
    journal_path(master).rename(tmp_path / "保管.wpdb-journal")
    assert check_file(master).kind.value == "workbook"


def test_a_department_files_foreign_journal_leaves_it_as_it_was(
    cycle: Cycle, tmp_path: Path
) -> None:
    """The department file was changed by a stranger's journal and then refused forever:
    now it is refused with its journal named, and nothing in it changes."""
    dept = cycle.file("介護福祉課")
    other = Path(shutil.copy(cycle.file("健康課"), tmp_path / "健康課.wpdb"))
    cut_off_save(other, "UPDATE entry_value SET value = 'よその記入' WHERE field = 'result'")
    shutil.copyfile(journal_path(other), journal_path(dept))
    before = sha256(dept)
    with pytest.raises(FileCheckError) as info:
        WorkingCopy.open(dept)
    assert "R7_介護福祉課.wpdb-journal" in info.value.message
    assert sha256(dept) == before
    journal_path(dept).unlink()
    WorkingCopy.open(dept).close()  # its own state was never touched


def test_journal_checks(cycle: Cycle) -> None:
    """The checks one by one, on generated journals."""
    master = cycle.master
    data = master.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    raw, size = data[:100], len(data)
    # nothing written yet, page 1 not journaled: rolling back changes nothing, accepted
    untouched = read_journal(journal_bytes(data, [3, 4], page))
    assert journal_mismatch(master, raw, size, untouched) == ""
    # the same without page 1, but the file was written meanwhile: another program's
    changed = bytearray(data)
    changed[2 * page + 50] ^= 0xFF
    master.write_bytes(bytes(changed))
    assert "先頭ページの記録がなく" in journal_mismatch(master, raw, size, untouched)
    master.write_bytes(data)
    # another page size, pages beyond the file, not a journal at all
    assert "ページの大きさ" in journal_mismatch(
        master, raw, size, read_journal(journal_bytes(data[: 2 * 1024], [1], 1024))
    )
    far = journal_bytes(data, [1], page)
    far = far[:512] + (size // page + 9).to_bytes(4, "big") + far[516:]
    assert "ファイルにないページ" in journal_mismatch(master, raw, size, read_journal(far))
    assert "読み取れません" in journal_mismatch(master, raw, size, read_journal(b"\x01" * 600))
    # a broken checksum ends the records where SQLite ends them
    bad = bytearray(journal_bytes(data, [1, 3], page))
    bad[512 + 4 + page] ^= 1  # page 1's checksum
    parsed = read_journal(bytes(bad))
    assert parsed is not None and parsed.pages == {}
