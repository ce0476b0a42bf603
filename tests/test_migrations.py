"""Every released schema version opens, upgrades (with a backup) and equals a fresh file."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import next_schema_version, sha256
from welfareplan.core import fileformat, migrations
from welfareplan.core.fileformat import SCHEMA_VERSION, FileKind
from welfareplan.core.shipped import create_demo_workbook
from welfareplan.core.storage import Workbook, backup_dir_for

FIXTURES = Path(__file__).parent / "fixtures" / "schema"
FIXTURE_FILES = sorted(FIXTURES.glob("*.wpdb"))


def schema_shape(path: Path) -> dict[str, object]:
    """Tables, columns, indexes and foreign keys — independent of how the DDL was written."""
    con = sqlite3.connect(path)
    try:
        shape: dict[str, object] = {}
        tables = [
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        for t in tables:
            cols = [
                (r[1], r[2].upper(), r[3], r[5]) for r in con.execute(f"PRAGMA table_info('{t}')")
            ]
            fks = sorted(tuple(r[2:5]) for r in con.execute(f"PRAGMA foreign_key_list('{t}')"))
            idx = sorted(
                (r[2], tuple(c[2] for c in con.execute(f"PRAGMA index_info('{r[1]}')")))
                for r in con.execute(f"PRAGMA index_list('{t}')")
            )
            checks = sorted(
                re.findall(
                    r"CHECK \((.*?)\)(?:,|\s*\))",
                    (
                        con.execute("SELECT sql FROM sqlite_master WHERE name=?", (t,)).fetchone()[
                            0
                        ]
                        or ""
                    ),
                )
            )
            shape[t] = (cols, fks, idx, checks)
        return shape
    finally:
        con.close()


#: The first schema version that had department files.
FIRST_DEPARTMENT_VERSION = 2


def test_there_is_a_fixture_for_every_version() -> None:
    found: dict[str, set[int]] = {}
    for p in FIXTURE_FILES:
        m = re.fullmatch(r"(workbook|department)-v(\d+)\.wpdb", p.name)
        assert m is not None, p.name
        found.setdefault(m.group(1), set()).add(int(m.group(2)))
    assert found["workbook"] == set(range(1, SCHEMA_VERSION + 1))
    assert found["department"] == set(range(FIRST_DEPARTMENT_VERSION, SCHEMA_VERSION + 1))
    assert set(migrations.STEPS) == set(range(1, SCHEMA_VERSION))
    for p in FIXTURE_FILES:
        kind = fileformat.check_file(p).kind
        assert kind.value == p.name.split("-")[0]


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda p: p.name)
def test_fixture_opens_and_matches_fresh_schema(fixture: Path, tmp_path: Path) -> None:
    work = tmp_path / fixture.name
    shutil.copyfile(fixture, work)
    fresh = create_demo_workbook(tmp_path / "fresh.wpdb")
    old_version = fileformat.check_file(work).schema_version
    with Workbook.open(work) as wb:
        assert wb.kind in (FileKind.WORKBOOK, FileKind.DEPARTMENT)
        if old_version < SCHEMA_VERSION:
            assert wb.upgraded_from == old_version
            assert wb.upgrade_backup is not None and wb.upgrade_backup.is_file()
            assert sha256(wb.upgrade_backup) != ""  # the backup is a readable copy
            assert fileformat.check_file(wb.upgrade_backup).schema_version == old_version
        else:
            assert wb.upgraded_from is None
    assert fileformat.check_file(work).schema_version == SCHEMA_VERSION
    assert schema_shape(work) == schema_shape(fresh)


def test_upgrade_step_runs_with_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The mechanism itself, with a hypothetical next version."""
    work = tmp_path / "book.wpdb"
    create_demo_workbook(work)

    def step(con: sqlite3.Connection) -> None:
        con.execute("ALTER TABLE entry ADD COLUMN reviewer TEXT NOT NULL DEFAULT ''")

    next_schema_version(monkeypatch, step)
    with Workbook.open(work) as wb:
        assert wb.upgraded_from == SCHEMA_VERSION
        assert wb.upgrade_backup is not None
        assert wb.upgrade_backup.parent == backup_dir_for(work)
    con = sqlite3.connect(work)
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert "reviewer" in [r[1] for r in con.execute("PRAGMA table_info(entry)")]
        assert con.execute("SELECT value FROM wp_meta WHERE key='schema_version'").fetchone()[
            0
        ] == str(SCHEMA_VERSION + 1)
    finally:
        con.close()


def test_failed_upgrade_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "book.wpdb"
    create_demo_workbook(work)
    before = sha256(work)

    def step(con: sqlite3.Connection) -> None:
        con.execute("ALTER TABLE entry ADD COLUMN reviewer TEXT")
        con.execute("UPDATE entry SET result = 'x'")
        raise sqlite3.OperationalError("disk I/O error")

    next_schema_version(monkeypatch, step)
    from welfareplan.core.errors import WelfareplanError

    with pytest.raises(WelfareplanError) as info:
        Workbook.open(work)
    assert info.value.code == "upgrade-failed"
    assert "変更していません" in info.value.message
    assert sha256(work) == before


def test_read_only_open_refuses_to_upgrade(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "book.wpdb"
    create_demo_workbook(work)
    before = sha256(work)
    next_schema_version(monkeypatch, lambda con: None)
    from welfareplan.core.errors import ReadOnlyError

    with pytest.raises(ReadOnlyError) as info:
        Workbook.open(work, read_only=True)
    assert "古い形式" in info.value.message
    assert sha256(work) == before


def _row_counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name != 'wp_meta'"
            )
        ]
        return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        con.close()


#: the tables each version added, all empty after an upgrade
NEW_TABLES: dict[int, set[str]] = {
    4: {
        "review_comment",  # review (差戻し)
        "review_note",
        "return_confirmation",
        "committee_member",  # the committee's members, opinion sheets and the city's answers
        "opinion_sheet",
        "opinion_sheet_return",
        "member_opinion",
        "opinion_answer",
    },
    5: {"rejected_return"},  # rejected returns, seen by every user of a master on a server
}


@pytest.mark.parametrize("version", [3, 4])
@pytest.mark.parametrize("kind", ["workbook", "department"])
def test_upgrades_keep_every_row_and_add_empty_tables(
    kind: str, version: int, tmp_path: Path
) -> None:
    work = Path(shutil.copyfile(FIXTURES / f"{kind}-v{version}.wpdb", tmp_path / f"{kind}.wpdb"))
    before = _row_counts(work)
    with Workbook.open(work) as wb:
        assert wb.upgraded_from == version
    after = _row_counts(work)
    new_tables = set().union(*(NEW_TABLES[v] for v in range(version + 1, SCHEMA_VERSION + 1)))
    assert set(after) - set(before) == new_tables
    assert {t: after[t] for t in before} == before
    assert all(after[t] == 0 for t in new_tables)
