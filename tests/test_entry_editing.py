"""Saving entries, checks, submission — the core behind the entry window (no Qt)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.helpers.department_file import make_department_file
from welfareplan.core.checks import EntryValues, Status, entry_checks, entry_status
from welfareplan.core.editing import read_revision, save_entry
from welfareplan.core.errors import DataError, ReadOnlyError
from welfareplan.core.model import AuditEvent, Entry
from welfareplan.core.storage import Workbook
from welfareplan.core.submission import blocking_problems, open_problems, submission_state, submit
from welfareplan.core.textclean import clean_text
from welfareplan.core.worklist import load_worklist


@pytest.fixture
def dept(demo_master, tmp_path):  # type: ignore[no-untyped-def]
    path = make_department_file(demo_master, tmp_path / "R7_地域福祉課.wpdb")
    with Workbook.open(path) as wb:
        yield wb


def codes(values: EntryValues, previous: EntryValues | None = None) -> list[str]:
    return [c.code for c in entry_checks(values, previous)]


def test_checks() -> None:
    prev = EntryValues("昨年の実績。", "B", "昨年の展望。")
    assert codes(EntryValues()) == ["result-empty", "rating-missing", "outlook-empty"]
    assert codes(EntryValues("実績", "C", "")) == ["cd-without-outlook"]
    assert codes(EntryValues("", "A", "展望"), prev) == [
        "result-empty",
        "rating-changed-without-reason",
    ]
    assert codes(EntryValues("昨年の 実績。", "B", "展望"), prev) == ["same-as-last-year"]
    assert codes(EntryValues("今年の実績", "A", "展望"), prev) == []
    assert entry_status(EntryValues()) is Status.BLANK
    assert entry_status(EntryValues("x", "", "")) is Status.PARTIAL
    assert entry_status(EntryValues("x", "D", "")) is Status.PARTIAL
    assert entry_status(EntryValues("x", "D", "y")) is Status.COMPLETE


def test_clean_text_keeps_everything_but_control_characters() -> None:
    text = "①地域\u3000福祉 👩‍👩‍👧 e\u0301 ｶﾀｶﾅ\r\n二行目\rx\x00\x07\x1b[0m\ttab"
    assert clean_text(text) == "①地域\u3000福祉 👩‍👩‍👧 e\u0301 ｶﾀｶﾅ\n二行目\nx[0m\ttab"


def test_worklist_of_department_file(dept: Workbook) -> None:
    wl = load_worklist(dept)
    assert wl.department_name == "地域福祉課" and wl.fiscal_year == 2025 and wl.round_open
    assert len(wl.items) == 30
    assert wl.progress() == (0, 30)
    item7 = next(i for i in wl.items if i.number == 7)
    assert item7.other_departments == ["健康課"]
    assert item7.previous is not None and item7.previous.rating == "B"
    assert item7.measure_label == "(2) ②"


def test_save_entry_bumps_revision_and_is_idempotent(dept: Workbook) -> None:
    item = load_worklist(dept).items[0]
    assert read_revision(dept) == 0
    values = EntryValues("実績です。\r\n二行目", "A", "展望です。")
    r = save_entry(dept, item.entry_id, values, user="小金井 花子")
    assert r.changed == ("result", "rating", "outlook") and r.revision == 1
    again = save_entry(dept, item.entry_id, EntryValues("実績です。\n二行目", "A", "展望です。"))
    assert again.changed == () and again.revision is None
    assert read_revision(dept) == 1
    with dept.session() as s:
        e = s.get(Entry, item.entry_id)
        assert e is not None and e.result == "実績です。\n二行目" and e.updated_by == "小金井 花子"


def test_bad_rating_is_refused(dept: Workbook) -> None:
    item = load_worklist(dept).items[0]
    with pytest.raises(DataError):
        save_entry(dept, item.entry_id, EntryValues("x", "E", ""))
    assert read_revision(dept) == 0


def test_closed_round_is_read_only(demo_wb: Workbook) -> None:
    with demo_wb.session() as s:
        entry = s.scalars(select(Entry)).first()
        assert entry is not None
    with pytest.raises(ReadOnlyError):
        save_entry(demo_wb, entry.id, EntryValues("書き換え", "A", "x"))


def test_master_edits_are_audited(demo_wb: Workbook) -> None:
    with demo_wb.transaction() as s:
        e = s.scalars(select(Entry)).first()
        assert e is not None
        e.round.status = "open"
        entry_id, old = e.id, e.result
    save_entry(
        demo_wb,
        entry_id,
        EntryValues("訂正後の実績", "A", "都から提供される…"),
        user="地域福祉課 担当",
        source="",
    )
    with demo_wb.session() as s:
        events = s.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert (events[0].field, events[0].old, events[0].new) == ("result", old, "訂正後の実績")
    assert all(ev.action == "edit" for ev in events)


def test_submission_and_change_after(dept: Workbook) -> None:
    wl = load_worklist(dept)
    assert len(blocking_problems(wl)) == 90  # 30 entries × 3 missing fields
    assert submission_state(dept) is None
    with pytest.raises(DataError):
        submit(dept, "  ")
    state = submit(dept, "小金井 花子")
    assert state.submitted_by == "小金井 花子" and not state.changed_after_submission
    save_entry(dept, wl.items[0].entry_id, EntryValues("追記", "", ""))
    state2 = submission_state(dept)
    assert state2 is not None and state2.changed_after_submission
    assert open_problems(load_worklist(dept))


def test_a_save_waits_for_another_writer_instead_of_failing(dept: Workbook) -> None:
    """Another connection in the middle of a write (a merge, a second window) holds the
    write lock for a moment: the save waits for it and then succeeds."""
    import sqlite3
    import threading
    import time

    item = load_worklist(dept).items[0]
    other = sqlite3.connect(dept.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE wp_meta SET value = value WHERE key = 'revision'")
    released = threading.Timer(0.3, other.execute, ("COMMIT",))
    released.start()
    try:
        started = time.perf_counter()
        result = save_entry(dept, item.entry_id, EntryValues("待ってから保存", "B", "展望"))
        waited = time.perf_counter() - started
    finally:
        released.join()
        other.close()
    assert result.changed == ("result", "rating", "outlook")
    assert waited >= 0.2
    assert load_worklist(dept).items[0].values.result == "待ってから保存"
