"""The schema snapshots (welfareplan/core/schema_snapshots.py) are current data derived from
one source: the committed fixture files of the released versions and the ORM model; every
upgrade path ends in the current snapshot; and any difference is named."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.fixtures.make_schema_snapshots import FIXTURES, current_snapshot, released_snapshots
from welfareplan.core.fileformat import SCHEMA_VERSION, check_file
from welfareplan.core.schema_snapshots import SNAPSHOTS
from welfareplan.core.schemacheck import normalize_sql, schema_differences, snapshot_file
from welfareplan.core.serverdb import master_tables
from welfareplan.core.storage import Workbook


def test_the_snapshots_are_current() -> None:
    """Regenerate with ``python -m tests.fixtures.make_schema_snapshots`` when this fails."""
    assert released_snapshots() == SNAPSHOTS
    assert set(SNAPSHOTS) == set(range(1, SCHEMA_VERSION + 1))


def test_the_current_snapshot_is_what_the_model_creates() -> None:
    from welfareplan.core.model import Base

    snapshot = SNAPSHOTS[SCHEMA_VERSION]
    assert current_snapshot() == snapshot
    assert {r[1] for r in snapshot if r[0] == "table"} == set(Base.metadata.tables)
    # what a server master's check expects, read without loading the model
    assert master_tables() == sorted(Base.metadata.tables)
    assert {r[0] for r in snapshot} == {"table", "index"}  # never a trigger or a view


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.wpdb")), ids=lambda p: p.name)
def test_every_fixture_has_the_schema_of_its_version_and_upgrades_to_the_current(
    fixture: Path, tmp_path: Path
) -> None:
    version = check_file(fixture).schema_version
    assert snapshot_file(fixture) == SNAPSHOTS[version]
    work = Path(shutil.copy(fixture, tmp_path / fixture.name))
    with Workbook.open(work):
        pass
    assert snapshot_file(work) == SNAPSHOTS[SCHEMA_VERSION]


def test_layout_of_the_sql_does_not_matter() -> None:
    assert normalize_sql("CREATE TABLE t (\n\tid INTEGER NOT NULL, \n\tPRIMARY KEY (id)\n)") == (
        "CREATE TABLE t (id INTEGER NOT NULL, PRIMARY KEY (id))"
    )
    assert normalize_sql("\n    CREATE INDEX i ON t (a, b)\n    ") == "CREATE INDEX i ON t (a, b)"
    # a table rebuilt by an upgrade (created as new_t, renamed to t) is written with its name quoted
    assert normalize_sql('CREATE TABLE "t" (id INTEGER)') == "CREATE TABLE t (id INTEGER)"


def test_every_difference_is_named(tmp_path: Path) -> None:
    path = tmp_path / "x.wpdb"
    shutil.copy(FIXTURES / f"workbook-v{SCHEMA_VERSION}.wpdb", path)
    con = sqlite3.connect(path)
    con.executescript(
        "CREATE TRIGGER t1 AFTER INSERT ON entry BEGIN SELECT 1; END;"
        "CREATE VIEW v1 AS SELECT 1;"
        "DROP INDEX ix_audit_entry;"
        "CREATE INDEX ix_more ON entry (label);"
        "CREATE TABLE sqliteXnotes (x);"
        "DROP TABLE committee_opinion;"
        "ALTER TABLE round ADD COLUMN note TEXT;"
    )
    con.close()
    parts = schema_differences(snapshot_file(path), SNAPSHOTS[SCHEMA_VERSION])
    assert parts == [
        "トリガー: t1",
        "ビュー: v1",
        "ない表: committee_opinion",
        "余分な表: sqliteXnotes",
        "定義の違う表: round（列・型・制約）",
        "ない索引: ix_audit_entry, sqlite_autoindex_committee_opinion_1",
        "余分な索引: ix_more",
    ]
