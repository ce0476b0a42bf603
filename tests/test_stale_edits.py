"""Two division staff editing one entry of the master at once (issue 16), on a file master and
on a server master: a field someone else changed after the editor loaded it is never silently
overwritten (``save_entry(base=…)`` returns it as a conflict), the other fields are saved, and
the audit trail shows only the writes that happened."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.masters import opened_master
from welfareplan.core.editing import SaveResult, save_entry
from welfareplan.core.entry_values import EntryValues
from welfareplan.core.identity import os_user
from welfareplan.core.plainsql import execute, rows
from welfareplan.core.storage import Workbook

_OPEN_ENTRY = (
    "SELECT e.id FROM entry e JOIN round r ON r.id = e.round_id "
    "WHERE r.status = 'open' ORDER BY e.id LIMIT 1"
)


@pytest.fixture
def two_users(master_at: str) -> Iterator[tuple[Workbook, Workbook, str]]:
    """Two masters opened for writing (two staff), and an entry of the open round."""
    with opened_master(master_at) as first:
        with first.writer() as con:  # demo rounds may all be closed: open one
            execute(con, "UPDATE round SET status = 'open'")
        with first.reader() as con:
            entry_id = str(rows(con, _OPEN_ENTRY)[0][0])
        if first.on_server:
            with opened_master(master_at) as second:
                yield first, second, entry_id
        else:  # a file master has one writer at a time: the same opened file stands for both
            yield first, first, entry_id


def stored(wb: Workbook, entry_id: str) -> EntryValues:
    with wb.reader() as con:
        found = rows(
            con, "SELECT field, value FROM entry_value WHERE entry_id = :id", {"id": entry_id}
        )
    return EntryValues({str(f): str(v) for f, v in found})


def audit(wb: Workbook, entry_id: str) -> list[tuple[str, str | None, str | None, str]]:
    with wb.reader() as con:
        return [
            (str(f), o, n, str(note))
            for f, o, n, note in rows(
                con,
                "SELECT a.field, a.old, a.new, a.note FROM audit_event a JOIN entry e "
                "ON e.round_id = a.round_id AND e.project_id = a.project_id "
                "AND e.department_id = a.department_id WHERE e.id = :id AND a.action = 'edit' "
                "ORDER BY a.id",
                {"id": entry_id},
            )
        ]


def test_the_same_field_changed_by_both_keeps_the_first_and_reports_the_second(
    two_users: tuple[Workbook, Workbook, str],
) -> None:
    first, second, entry_id = two_users
    loaded = stored(first, entry_id)
    before = len(audit(first, entry_id))
    a = save_entry(
        first, entry_id, loaded.replaced(result="Aさんの実績"), base=loaded, user="Aさん"
    )
    assert a.changed == ("result",) and a.conflicts == ()
    b = save_entry(
        second, entry_id, loaded.replaced(result="Bさんの実績"), base=loaded, user="Bさん"
    )
    assert b.changed == ()
    [c] = b.conflicts
    assert (c.field, c.label, c.base, c.theirs, c.yours) == (
        "result",
        "事業実績・評価理由",
        loaded.get("result"),
        "Aさんの実績",
        "Bさんの実績",
    )
    assert c.by and c.at is not None
    assert stored(second, entry_id).get("result") == "Aさんの実績"  # nothing overwritten
    assert audit(first, entry_id)[before:] == [
        ("result", loaded.get("result") or None, "Aさんの実績", "入力者: Aさん")
    ]
    # B saw the conflict and overwrites: saving again from what is there now
    again = save_entry(
        second,
        entry_id,
        loaded.replaced(result="Bさんの実績"),
        base=loaded.replaced(result=c.theirs),
        user="Bさん",
    )
    assert again.changed == ("result",) and again.conflicts == ()
    assert stored(first, entry_id).get("result") == "Bさんの実績"
    assert [row[2] for row in audit(first, entry_id)[before:]] == ["Aさんの実績", "Bさんの実績"]


def test_different_fields_are_both_saved(two_users: tuple[Workbook, Workbook, str]) -> None:
    first, second, entry_id = two_users
    loaded = stored(first, entry_id)
    rating = "B" if loaded.get("rating") != "B" else "C"
    a = save_entry(first, entry_id, loaded.replaced(result="Aさんの実績"), base=loaded)
    b = save_entry(second, entry_id, loaded.replaced(rating=rating), base=loaded)
    assert a.changed == ("result",) and b.changed == ("rating",)
    assert a.conflicts == b.conflicts == ()
    now = stored(first, entry_id)
    assert (now.get("result"), now.get("rating")) == ("Aさんの実績", rating)


def test_the_same_new_text_is_no_conflict(two_users: tuple[Workbook, Workbook, str]) -> None:
    first, second, entry_id = two_users
    loaded = stored(first, entry_id)
    before = len(audit(first, entry_id))
    same = loaded.replaced(outlook="二人とも同じ展望")
    assert save_entry(first, entry_id, same, base=loaded).changed == ("outlook",)
    b = save_entry(second, entry_id, same, base=loaded)
    assert b.changed == () and b.conflicts == ()
    assert len(audit(first, entry_id)) == before + 1  # one real write, one audit row


def test_without_base_the_last_save_wins_as_before(
    two_users: tuple[Workbook, Workbook, str],
) -> None:
    first, second, entry_id = two_users
    loaded = stored(first, entry_id)
    save_entry(first, entry_id, loaded.replaced(result="Aさんの実績"))
    b = save_entry(second, entry_id, loaded.replaced(result="Bさんの実績"))
    assert b.changed == ("result",) and b.conflicts == ()
    assert stored(first, entry_id).get("result") == "Bさんの実績"


def test_a_field_only_the_other_changed_is_left_as_they_wrote_it(
    two_users: tuple[Workbook, Workbook, str],
) -> None:
    """B's editor still shows the old result, B changes only the outlook: A's result stays."""
    first, second, entry_id = two_users
    loaded = stored(first, entry_id)
    save_entry(first, entry_id, loaded.replaced(result="Aさんの実績"), base=loaded)
    b = save_entry(second, entry_id, loaded.replaced(outlook="Bさんの展望"), base=loaded)
    assert b.changed == ("outlook",) and b.conflicts == ()
    now = stored(first, entry_id)
    assert (now.get("result"), now.get("outlook")) == ("Aさんの実績", "Bさんの展望")


def test_simultaneous_saves_of_one_field_on_a_server_lose_nothing(
    pg_url: str, demo_master: Path
) -> None:
    """Four staff save the same field at the same moment from the same loaded values: the
    entry's row lock makes them take turns, so one is written and three see a conflict
    naming it — never two writes that each believed the field unchanged."""
    from welfareplan.core.mastercopy import copy_master

    copy_master(demo_master, pg_url)
    with opened_master(pg_url) as wb:
        with wb.writer() as con:
            execute(con, "UPDATE round SET status = 'open'")
        with wb.reader() as con:
            entry_id = str(rows(con, _OPEN_ENTRY)[0][0])
        loaded = stored(wb, entry_id)
        before = len(audit(wb, entry_id))
    users = 4
    start = threading.Barrier(users)
    results: list[SaveResult] = []

    def user(n: int) -> None:
        with opened_master(pg_url) as mine:
            start.wait()
            results.append(
                save_entry(mine, entry_id, loaded.replaced(result=f"職員{n}の実績"), base=loaded)
            )

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    written = [r for r in results if r.changed]
    assert len(results) == users and len(written) == 1
    with opened_master(pg_url, read_only=True) as wb:
        kept = stored(wb, entry_id).get("result")
        assert audit(wb, entry_id)[before:] == [
            ("result", loaded.get("result") or None, kept, f"入力者: {os_user()}")
        ]
    assert all(r.conflicts[0].theirs == kept for r in results if not r.changed)
