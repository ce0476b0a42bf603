"""``welfareplan master copy SOURCE DEST`` (issue 16, item 4): a whole master between a
``.wpdb`` file and a PostgreSQL server in either direction, checked row by row (rows per table
and a content digest computed the same way on both sides); a destination that holds anything
is refused; nothing is left half-written on failure."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from tests.conftest import sha256
from tests.helpers.shaped_plans import OTHER_CITY, shaped
from welfareplan.cli.main import main
from welfareplan.core import audittrail, mastercopy
from welfareplan.core.mastercopy import content_digests
from welfareplan.core.model import AuditEvent, Base
from welfareplan.core.storage import Workbook, make_engine


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out + err


def server_tables(url: str) -> set[str]:
    with psycopg.connect(url.replace("+psycopg", "")) as con:
        rows = con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
    return {str(r[0]) for r in rows}


def file_digests(path: Path) -> dict[str, Any]:
    engine = make_engine(path, read_only=True)
    try:
        with engine.connect() as conn:
            return content_digests(conn)
    finally:
        engine.dispose()


def sqlite_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, as SQLite itself returns them (independent of the copy)."""
    con = sqlite3.connect(path)
    try:
        return {
            name: sorted(con.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in Base.metadata.tables
        }
    finally:
        con.close()


@pytest.fixture
def busy_master(tmp_path: Path) -> Path:
    """A master of another shape (eight codes, numbers) with a merged return: entries, values,
    issued files, a received return and audit rows."""
    (tmp_path / "plan").mkdir()
    plan = shaped(tmp_path / "plan", OTHER_CITY, 2025)
    plan.fill(
        "福祉総務課", {"5": {"actual": "1,050", "achievement": "S", "activities": "出張相談"}}
    )
    assert plan.merge(plan.file("福祉総務課")).ok
    return plan.master


def round_trip(capsys: pytest.CaptureFixture[str], source: Path, url: str, back: Path) -> None:
    code, out = run(capsys, "master", "copy", source, url)
    assert code == 0, out
    assert "行数と内容のダイジェストが元と一致しました" in out
    assert server_tables(url) == set(Base.metadata.tables)
    code, out = run(capsys, "master", "copy", url, back)
    assert code == 0, out
    assert sqlite_rows(back) == sqlite_rows(source)
    assert file_digests(back) == file_digests(source)
    with Workbook.open(back, read_only=True) as wb, Workbook.open(source, read_only=True) as old:
        assert wb.file_uuid == old.file_uuid
        assert wb.meta() == old.meta()


def test_the_demo_master_goes_to_a_server_and_back_unchanged(
    demo_master: Path, pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    back = tmp_path / "戻し.wpdb"
    round_trip(capsys, demo_master, pg_url, back)
    code, out = run(capsys, "info", back)
    assert code == 0 and "令和6年度" in out, out


def test_a_master_of_another_shape_with_a_merge_goes_both_ways(
    busy_master: Path, pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    back = tmp_path / "戻し.wpdb"
    round_trip(capsys, busy_master, pg_url, back)
    assert file_digests(busy_master)["audit_event"].rows > 0
    # the server master goes on: a new audit row gets the next id, not a copied one's
    engine = create_engine(pg_url)
    try:
        with Session(engine) as s, s.begin():
            audittrail.record(s, "test-after-copy")
        with Session(engine) as s:
            ids = list(s.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))
    finally:
        engine.dispose()
    assert ids == list(range(1, len(ids) + 1))


def test_a_master_made_on_the_server_copies_to_a_file_and_another_server(
    pg_cluster: Any, pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.helpers.shaped_plans import PLANS

    assert run(capsys, "new", pg_url, "--plan", PLANS / "shakyo-katsudo-3.json")[0] == 0
    file = tmp_path / "m.wpdb"
    other = pg_cluster.url(pg_cluster.new_database())
    assert run(capsys, "master", "copy", pg_url, file)[0] == 0
    assert run(capsys, "master", "copy", pg_url, other)[0] == 0
    code, out = run(capsys, "round", file, "--new", "2024")
    assert code == 0, out


def test_an_existing_file_or_a_database_with_tables_is_refused(
    demo_master: Path, pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = tmp_path / "taken.wpdb"
    taken.write_bytes(demo_master.read_bytes())
    before = sha256(taken)
    assert run(capsys, "master", "copy", demo_master, pg_url)[0] == 0
    code, out = run(capsys, "master", "copy", pg_url, taken)
    assert code == 2 and "既にあります" in out
    assert sha256(taken) == before
    code, out = run(capsys, "master", "copy", demo_master, pg_url)
    assert code == 2 and "既に表があります" in out


def copy_with(
    writer: Any,
    where: str,
    demo: Path,
    url: str,
    folder: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[int, str]:
    """``master copy`` with ``writer`` in place of the real one: the demo to the server
    (``where`` = server), or — the demo put there first — from the server to a new file in
    the empty ``folder``; asserts that nothing of the copy is left."""
    if where == "server":
        monkeypatch.setattr(mastercopy, "_write", writer)
        code, out = run(capsys, "master", "copy", demo, url)
        assert server_tables(url) == set()
    else:
        assert run(capsys, "master", "copy", demo, url)[0] == 0
        monkeypatch.setattr(mastercopy, "_write", writer)
        code, out = run(capsys, "master", "copy", url, folder / "写し.wpdb")
        assert sorted(p.name for p in folder.iterdir()) == []
    return code, out


@pytest.mark.parametrize("where", ["file", "server"])
def test_a_copy_that_does_not_match_leaves_nothing(
    demo_master: Path,
    pg_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    """A row lost on the way (here: the writer drops one) is caught by the check, and the copy
    is not kept: the database stays empty, no file (nor a temporary one) appears."""
    real_write = mastercopy._write

    def lossy_write(source: Any, dest: Any) -> Any:
        read = real_write(source, dest)
        lose = "DELETE FROM entry_value WHERE entry_id IN (SELECT MIN(entry_id) FROM entry_value)"
        if isinstance(dest, sqlite3.Connection):  # a new file's own connection
            dest.execute(lose)
        else:
            dest.exec_driver_sql(lose)
        return read

    code, out = copy_with(lossy_write, where, demo_master, pg_url, tmp_path, capsys, monkeypatch)
    assert code == 2
    assert "内容が元と一致しません: entry_value（元 207 行、写し" in out
    assert "写しは作成していません" in out


@pytest.mark.parametrize("where", ["file", "server"])
def test_a_failure_half_way_leaves_nothing(
    demo_master: Path,
    pg_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    """The database refuses a row half way (here: the entries written twice, a key held by
    two rows): one Japanese sentence, and nothing of the copy is left."""
    real_write = mastercopy._write

    def failing_write(source: Any, dest: Any) -> None:
        real_write(source, dest)
        (entry,) = [t for t in mastercopy.storage_tables() if t.name == "entry"]
        rows = [dict(r) for r in source.execute(entry.select()).mappings()]
        if isinstance(dest, sqlite3.Connection):  # a new file's own connection
            dest.executemany(mastercopy._file_insert(entry), [list(r.values()) for r in rows])
        else:
            dest.execute(entry.insert(), rows)

    code, out = copy_with(failing_write, where, demo_master, pg_url, tmp_path, capsys, monkeypatch)
    assert code == 2, out
    assert "へのコピーに失敗しました（" in out
    assert "コピー先には何も残していません" in out


def test_what_is_not_a_master_is_refused(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = tmp_path / "odd.wpdb"
    odd.write_text("これはマスターではありません", encoding="utf-8")
    code, out = run(capsys, "master", "copy", odd, pg_url)
    assert code == 2 and out.startswith("エラー: ")
    assert server_tables(pg_url) == set()
    code, out = run(capsys, "master", "copy", pg_url, tmp_path / "x.wpdb")
    assert code == 2 and "は空です" in out
    assert not (tmp_path / "x.wpdb").exists()


def test_a_bad_destination_name_and_a_password_are_refused(
    demo_master: Path, pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "master", "copy", demo_master, pg_url)[0] == 0
    code, out = run(capsys, "master", "copy", pg_url, tmp_path / "x.txt")
    assert code == 2 and ".wpdb で終わる" in out
    secret = pg_url.replace("postgres@", "postgres:Himitsu-9@")
    code, out = run(capsys, "master", "copy", secret, tmp_path / "x.wpdb")
    assert code == 2 and "パスワードを書かないでください" in out and "Himitsu-9" not in out
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        (
            "workbook-v2.wpdb",
            "古い形式（2）です。コピーする前に、一度 welfareplan のウィンドウで開いて",
        ),
        (
            "department-v3.wpdb",
            "は担当課ファイルです。ここにはマスターワークブックを指定してください",
        ),
    ],
)
def test_an_older_master_or_a_department_file_is_not_copied(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], fixture: str, message: str
) -> None:
    """A master of an earlier schema is upgraded by opening it in welfareplan first; a
    department file is no master. Neither is read into the server, nor changed."""
    source = tmp_path / fixture
    source.write_bytes((Path(__file__).parents[1] / "fixtures" / "schema" / fixture).read_bytes())
    before = sha256(source)
    code, out = run(capsys, "master", "copy", source, pg_url)
    assert code == 2 and message in out, out
    assert server_tables(pg_url) == set()
    assert sha256(source) == before
