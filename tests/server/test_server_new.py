"""``welfareplan new URL --plan …``: a master in an empty database of a PostgreSQL server
(issue 16, item 1), its schema from the model's metadata and its identity in ``wp_meta``; a
database that holds something else, or a master of an unknown schema version, is refused with
a Japanese message; never a password in the URL."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from tests.helpers.shaped_plans import PLANS
from welfareplan.cli.main import main
from welfareplan.core.errors import FileCheckError, SchemaTooNewError
from welfareplan.core.fileformat import APPLICATION_ID, SCHEMA_VERSION
from welfareplan.core.model import AuditEvent, Base, Entry, Plan, Round
from welfareplan.core.serverdb import IDENTITY_KEY, check_server_master, parse_server_url


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out + err


def sql(url: str, statement: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as con:
        cur = con.execute(statement)  # type: ignore[arg-type]
        return cur.fetchall() if cur.description else []


def public_tables(url: str) -> set[str]:
    rows = sql(
        url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
    )
    return {str(r[0]) for r in rows}


@pytest.mark.parametrize("plan", ["koganei-previous.json", "other-city-five-codes.json"])
def test_new_makes_a_master_on_the_server(
    pg_url: str, capsys: pytest.CaptureFixture[str], plan: str
) -> None:
    code, out = run(capsys, "new", pg_url, "--plan", PLANS / plan)
    assert code == 0, out
    assert f"マスターワークブックを作成しました: {pg_url}" in out
    assert public_tables(pg_url) == set(Base.metadata.tables)
    meta = dict(sql(pg_url, "SELECT key, value FROM wp_meta"))
    assert meta[IDENTITY_KEY] == str(APPLICATION_ID)
    assert meta["schema_version"] == str(SCHEMA_VERSION)
    assert meta["file_kind"] == "workbook"
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:
            assert check_server_master(conn, parse_server_url(pg_url))["file_uuid"]
        with Session(engine) as s:
            (p,) = s.scalars(select(Plan)).all()
            assert p.evaluation_form.fields and p.plan_levels
            assert s.scalar(select(func.count()).select_from(Round)) == 0
            assert s.scalar(select(func.count()).select_from(Entry)) == 0
            assert list(s.scalars(select(AuditEvent.action))) == ["workbook-create"]
    finally:
        engine.dispose()


def test_new_refuses_a_database_that_holds_something_else(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sql(pg_url, "CREATE TABLE accounts (id integer PRIMARY KEY)")
    code, out = run(capsys, "new", pg_url, "--plan", PLANS / "koganei-previous.json")
    assert code == 2
    assert "既に表があります（accounts）" in out
    assert public_tables(pg_url) == {"accounts"}


def test_new_leaves_the_database_empty_when_the_plan_is_bad(
    pg_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "welfareplan-plan/2", "key": ""}', encoding="utf-8")
    code, out = run(capsys, "new", pg_url, "--plan", bad)
    assert code == 2, out
    assert out.startswith("エラー: ")
    assert public_tables(pg_url) == set()


def test_new_twice_refuses_the_second(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    plan = PLANS / "koganei-previous.json"
    assert run(capsys, "new", pg_url, "--plan", plan)[0] == 0
    before = sql(pg_url, "SELECT key, value FROM wp_meta ORDER BY key")
    code, out = run(capsys, "new", pg_url, "--plan", plan)
    assert code == 2 and "既に表があります" in out
    assert sql(pg_url, "SELECT key, value FROM wp_meta ORDER BY key") == before


def test_a_password_in_the_url_is_refused_and_never_shown(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with_password = pg_url.replace("postgres@", "postgres:Himitsu-123@")
    code, out = run(capsys, "new", with_password, "--plan", PLANS / "koganei-previous.json")
    assert code == 2
    assert "パスワードを書かないでください" in out
    assert "Himitsu-123" not in out
    assert public_tables(pg_url) == set()


def test_an_unreachable_server_is_one_japanese_sentence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.helpers.pgcluster import free_port

    url = f"postgresql+psycopg://someone@127.0.0.1:{free_port()}/nothing"
    code, out = run(capsys, "new", url, "--plan", PLANS / "koganei-previous.json")
    assert code == 2
    assert f"サーバー「{url}」に接続できません" in out


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (
            "UPDATE wp_meta SET value = '1' WHERE key = 'application_id'",
            FileCheckError,
            "ではないデータ",
        ),
        ("DELETE FROM wp_meta WHERE key = 'application_id'", FileCheckError, "ではないデータ"),
        (
            f"UPDATE wp_meta SET value = '{SCHEMA_VERSION + 1}' WHERE key = 'schema_version'",
            SchemaTooNewError,
            "新しい形式",
        ),
        (
            f"UPDATE wp_meta SET value = '{SCHEMA_VERSION - 1}' WHERE key = 'schema_version'",
            FileCheckError,
            "古い形式",
        ),
        (
            "UPDATE wp_meta SET value = 'department' WHERE key = 'file_kind'",
            FileCheckError,
            "マスターワークブックではありません",
        ),
        (
            "CREATE TABLE extra (id integer)",
            FileCheckError,
            "表が welfareplan のマスターと合いません（extra）",
        ),
        ("DROP TABLE merge_conflict", FileCheckError, "合いません（merge_conflict）"),
    ],
)
def test_a_master_of_another_kind_or_version_is_refused(
    pg_url: str,
    capsys: pytest.CaptureFixture[str],
    change: str,
    error: type[Exception],
    message: str,
) -> None:
    assert run(capsys, "new", pg_url, "--plan", PLANS / "koganei-previous.json")[0] == 0
    sql(pg_url, change)
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn, pytest.raises(error, match=message) as caught:
            check_server_master(conn, parse_server_url(pg_url))
    finally:
        engine.dispose()
    assert type(caught.value) is error


def test_libpq_parameters_in_the_url_reach_the_connection(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``?sslmode=…`` is libpq's: the test server has no TLS, so requiring it fails, and
    disabling it works (the documented way to ask for TLS)."""
    plan = PLANS / "koganei-previous.json"
    code, out = run(capsys, "new", f"{pg_url}?sslmode=require", "--plan", plan)
    assert code == 2 and "に接続できません（" in out and "SSL" in out
    code, out = run(capsys, "new", f"{pg_url}?sslmode=disable", "--plan", plan)
    assert code == 0, out


def test_the_tables_seen_are_those_sqlalchemys_inspector_sees(pg_url: str) -> None:
    """``table_names`` (what a check or a new master looks at) reads the schema with one plain
    query: the tables, partitioned tables and views the inspector lists, nothing else."""
    from sqlalchemy import inspect

    from welfareplan.core.serverdb import table_names

    sql(pg_url, "CREATE TABLE kept (id int)")
    sql(pg_url, "CREATE TABLE parts (id int) PARTITION BY RANGE (id)")
    sql(pg_url, "CREATE VIEW looked AS SELECT 1 AS one")
    sql(pg_url, "CREATE SEQUENCE counted")
    sql(pg_url, "CREATE INDEX ix_kept ON kept (id)")
    sql(pg_url, "CREATE SCHEMA elsewhere")
    sql(pg_url, "CREATE TABLE elsewhere.hidden (id int)")
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:
            seen = inspect(conn)
            expected = set(seen.get_table_names()) | set(seen.get_view_names())
            assert table_names(conn) == expected == {"kept", "parts", "looked"}
    finally:
        engine.dispose()
