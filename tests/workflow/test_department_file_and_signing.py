"""Department-file state (revision, submission), the MAC, and the write lock of backups."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from tests.helpers.department_edits import fill, submit
from tests.workflow.conftest import Cycle
from welfareplan.core import storage
from welfareplan.core.errors import FileCheckError, WelfareplanError
from welfareplan.core.storage import Workbook
from welfareplan.workflow.issuing.department_file import parse_revision, read_state, state_from_meta
from welfareplan.workflow.issuing.signing import IssueClaims, compute_mac, new_secret, verify_mac

META = {
    "file_kind": "department",
    "file_uuid": "f",
    "workbook_uuid": "w",
    "round_id": "r",
    "department_id": "d",
    "revision": "3",
}


def test_state_through_edit_submit_and_edit_again(cycle: Cycle) -> None:
    path = cycle.file("健康課")
    with Workbook.open(path) as dept:
        s0 = read_state(dept)
    assert (s0.revision, s0.is_submitted, s0.is_final) == (0, False, False)
    fill(path, {7: {"result": "途中"}})
    submit(path, by="佐藤 一郎")
    with Workbook.open(path) as dept:
        s1 = read_state(dept)
    assert s1.revision == 1 and s1.is_submitted and s1.is_final
    assert s1.submitted_by == "佐藤 一郎" and s1.submitted_revision == 1
    assert s1.submitted_at is not None and s1.submitted_host == "PC-01"
    fill(path, {7: {"outlook": "提出後の修正"}})
    with Workbook.open(path) as dept:
        s2 = read_state(dept)
    assert s2.changed_after_submission and not s2.is_final


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"file_kind": "workbook"}, "wrong-kind"),
        ({"workbook_uuid": ""}, "missing-issue"),
        ({"revision": "-1"}, "bad-revision"),
        ({"revision": "１"}, "bad-revision"),
        ({"submitted_at": "昨日"}, "bad-submission"),
        ({"submitted_at": "2026-05-01T10:00:00+09:00", "submitted_revision": "x"}, "bad-revision"),
    ],
)
def test_bad_meta_is_refused(change: dict[str, str], code: str) -> None:
    with pytest.raises(FileCheckError) as info:
        state_from_meta(META | change, name="R7_健康課.wpdb")
    assert info.value.code == code and "R7_健康課.wpdb" in info.value.message


def test_revision_parsing() -> None:
    assert parse_revision("0") == 0 and parse_revision(" 12 ") == 12
    with pytest.raises(FileCheckError):
        parse_revision(None)


def test_mac_covers_every_claim() -> None:
    secret = new_secret()
    claims = IssueClaims(
        "f", "w", "r", "d", ("e1", "e2"), "2026-04-01T09:00:00+09:00", "wpdb", {"p": "x"}
    )
    mac = compute_mac(secret, claims)
    assert verify_mac(secret, claims, mac)
    assert verify_mac(secret, replace(claims, entry_keys=("e2", "e1")), mac)  # a set of keys
    for change in (
        {"file_id": "g"},
        {"workbook_uuid": "v"},
        {"round_id": "s"},
        {"department_id": "e"},
        {"entry_keys": ("e1",)},
        {"issued_at": "2026-04-01T09:00:01+09:00"},
        {"file_format": "xlsx"},
        {"context": {"p": "y"}},
    ):
        assert not verify_mac(secret, replace(claims, **change), mac), change  # type: ignore[arg-type]
    assert not verify_mac(new_secret(), claims, mac)
    assert not verify_mac(None, claims, mac)


def test_a_change_waits_for_another_writer_then_says_so(
    file_cycle: Cycle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File-only: SQLite's write lock (a server's writers are tests/workflow/test_concurrent_staff.py)."""
    cycle = file_cycle
    from welfareplan.workflow.master.backups import list_backups
    from welfareplan.workflow.master.departments import add_department

    monkeypatch.setattr(storage, "BUSY_TIMEOUT_MS", 50)
    other = sqlite3.connect(cycle.master, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process is writing
    before = cycle.sha()
    try:
        with cycle.open() as wb, pytest.raises(WelfareplanError) as info:
            add_department(wb, "福祉総務課")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert info.value.code == "busy" and "書き込み中" in info.value.message
    assert cycle.sha() == before and list_backups(cycle.master) == []


def test_round_open_guard_for_editors(cycle: Cycle) -> None:
    """The department app and the workbench use ensure_round_open before editing."""
    from welfareplan.core.errors import ReadOnlyError
    from welfareplan.core.queries import round_for_year
    from welfareplan.workflow.rounds.lifecycle import close_round, ensure_round_open

    with cycle.open() as wb:
        with wb.session() as s:
            ensure_round_open(round_for_year(s, 2025))
        close_round(wb, 2025)
        with wb.session() as s, pytest.raises(ReadOnlyError):
            ensure_round_open(round_for_year(s, 2025))


def test_department_files_are_small(cycle: Cycle) -> None:
    sizes = sorted(p.stat().st_size for p in Path(cycle.out).glob("*.wpdb"))
    # 1 KiB pages keep them e-mail size. Every table and index of the schema is at least one
    # page of every file, filled or not: schema 4's review and committee tables (empty in a
    # department file) added 24 pages to each (median 73 → 97 KiB, largest 182 → 206 KiB);
    # the bounds leave room for a few more tables, not for rows a department file must not hold.
    assert sizes[len(sizes) // 2] < 120_000 and sizes[-1] < 230_000
    con = sqlite3.connect(cycle.file("地域福祉課"))
    try:
        assert con.execute("PRAGMA page_size").fetchone()[0] == 1024
    finally:
        con.close()
