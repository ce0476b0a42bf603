"""Files that carry SQL or structure of their own (issue 13, items 5 and 6), beyond the corpus
(which sends each kind through merge, the CLI and the window): a master with a trigger, a
department file whose trigger would delete typed entries, duplicated rows that would record a
false revision. Every refusal leaves the master byte-for-byte as it was."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import sha256
from tests.helpers.department_edits import fill
from tests.reliability import hostile
from tests.reliability.corpus import Env
from tests.reliability.cycle import run, run_err
from welfareplan.core.errors import FileCheckError
from welfareplan.core.storage import Workbook
from welfareplan.core.workcopy import WorkingCopy

WIPE_AUDIT = (
    "CREATE TRIGGER forget AFTER INSERT ON received_return BEGIN DELETE FROM audit_event; END"
)


def _count(path: Path, table: str) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        con.close()


def test_a_master_carrying_a_trigger_is_never_written(env: Env) -> None:
    """A trigger that would wipe the audit trail at the next merge: every command refuses the
    master, naming the trigger; the window's open refuses it; the master is unchanged."""
    master = env.cycle.master
    con = sqlite3.connect(master)
    con.execute(WIPE_AUDIT)
    con.commit()
    con.close()
    returned = env.valid("返送 介護福祉課.wpdb")
    before, audit = sha256(master), _count(master, "audit_event")
    out = run("merge", master, returned, expect=2)
    assert out == ""
    for args in (
        ["merge", master, returned],
        ["department", "add", master, "新しい課"],
        ["status", master, "--year", "2025"],
    ):
        err = run_err(*args, expect=2)
        assert "トリガー: forget" in err and master.name in err, err
    with pytest.raises(FileCheckError) as info:
        WorkingCopy.open(master)
    assert info.value.code == "bad-structure" and "トリガー: forget" in info.value.message
    assert sha256(master) == before and _count(master, "audit_event") == audit


def test_a_department_files_trigger_never_runs(env: Env, tmp_path: Path) -> None:
    """The trigger really deletes the other entries when one is saved (shown on a copy with
    SQLite itself); the app refuses to open the file, so it never runs."""
    path = hostile.trigger(env, "返送 トリガー.wpdb")
    probe = Path(shutil.copy(path, tmp_path / "試し.wpdb"))
    entries = _count(probe, "entry")
    con = sqlite3.connect(probe)
    con.execute("UPDATE entry SET updated_by = 'x' WHERE rowid = (SELECT min(rowid) FROM entry)")
    con.commit()
    con.close()
    assert _count(probe, "entry") < entries  # the trigger is live
    before = sha256(path)
    with pytest.raises(FileCheckError) as info:
        WorkingCopy.open(path)
    assert "トリガー: wipe_others" in info.value.message
    with pytest.raises(FileCheckError):
        Workbook.open(path, read_only=True)
    assert sha256(path) == before and _count(path, "entry") == entries


@pytest.mark.parametrize(
    "build", [hostile.meta_without_key, hostile.hidden_duplicate_meta], ids=["rebuilt", "hidden"]
)
def test_a_false_revision_is_refused_and_the_next_genuine_return_is_merged(env: Env, build) -> None:  # type: ignore[no-untyped-def]
    """A second ``revision`` row (版 999999) is refused as tampered: nothing is recorded, so
    the department's genuine next return is merged, not skipped as 古い版."""
    master = env.cycle.master
    bad = build(env, "返送 版 999999.wpdb")
    before = sha256(master)
    out = run("merge", master, bad, expect=1)
    assert ("却下" in out and "重複" in out) or "定義の違う表: wp_meta" in out, out
    assert sha256(master) == before and _count(master, "received_return") == 0
    genuine = env.cycle.file("介護福祉課")
    fill(genuine, {10: {"result": "本当の次の版"}})
    out = run("merge", master, genuine)
    assert "取込 " in out and "古い版" not in out, out
    con = sqlite3.connect(master)
    (revision,) = con.execute("SELECT max(revision) FROM received_return").fetchone()
    con.close()
    assert revision < 100


@pytest.mark.parametrize(
    "build", [hostile.entry_without_key, hostile.hidden_duplicate_entry], ids=["rebuilt", "hidden"]
)
def test_a_second_row_for_an_entry_never_reaches_the_master(env: Env, build) -> None:  # type: ignore[no-untyped-def]
    master = env.cycle.master
    bad = build(env, "返送 重複.wpdb")
    before = sha256(master)
    out = run("merge", master, bad, expect=1)
    assert "却下" in out, out
    assert sha256(master) == before
    con = sqlite3.connect(master)
    tampered = con.execute(
        "SELECT count(*) FROM entry_value WHERE value = '改ざんされた記入'"
    ).fetchone()[0]
    con.close()
    assert tampered == 0
