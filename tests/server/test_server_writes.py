"""Writing a master on the server (issue 16): the one plain-SQL write path
(``Workbook.writer`` + ``plainsql.execute``) and the ORM transaction, and a master opened to
read refusing both."""

from __future__ import annotations

from pathlib import Path

import pytest

from welfareplan.core.errors import ReadOnlyError


@pytest.fixture
def server_master(pg_url: str, demo_master: Path) -> str:
    from welfareplan.core.mastercopy import copy_master

    copy_master(demo_master, pg_url)
    return pg_url


def test_a_writing_command_gets_a_writable_server_master(server_master: str) -> None:
    from welfareplan.cli.master import open_master
    from welfareplan.core.plainsql import execute, rows

    with open_master(server_master, command="test", writes=True) as wb:
        assert wb.on_server and not wb.read_only
        with wb.writer() as con:
            changed = execute(
                con, "UPDATE wp_meta SET value = :v WHERE key = :k", {"v": "x", "k": "note"}
            )
            execute(con, "INSERT INTO wp_meta (key, value) VALUES (:k, :v)", {"k": "t", "v": "1"})
        assert changed == 0
        with wb.reader() as con:
            assert rows(con, "SELECT value FROM wp_meta WHERE key = 't'") == [("1",)]
        assert wb.meta()["t"] == "1"


def test_a_failed_write_changes_nothing_on_the_server(server_master: str) -> None:
    from welfareplan.cli.master import open_master
    from welfareplan.core.plainsql import executemany

    with open_master(server_master, command="test", writes=True) as wb:
        with pytest.raises(RuntimeError), wb.writer() as con:
            executemany(
                con,
                "INSERT INTO wp_meta (key, value) VALUES (:k, :v)",
                [{"k": "a", "v": "1"}, {"k": "b", "v": "2"}],
            )
            raise RuntimeError("after the writes")
        assert "a" not in wb.meta() and "b" not in wb.meta()
        with pytest.raises(RuntimeError), wb.transaction() as session:
            from welfareplan.core.model import MetaItem

            session.add(MetaItem(key="c", value="3"))
            session.flush()
            raise RuntimeError("after the flush")
        assert "c" not in wb.meta()


def test_a_master_opened_to_read_refuses_every_write(server_master: str) -> None:
    from welfareplan.cli.master import open_master

    with open_master(server_master, command="test", writes=False) as wb:
        assert wb.read_only
        with pytest.raises(ReadOnlyError, match="読み取り専用"), wb.writer():
            pass
        with pytest.raises(ReadOnlyError, match="読み取り専用"), wb.transaction():
            pass


def test_master_at_gives_both_backends_the_same_workbook(master_at: str) -> None:
    from tests.helpers.masters import opened_master
    from welfareplan.core.plainsql import execute

    with opened_master(master_at) as wb:
        assert wb.on_server == master_at.startswith("postgresql")
        with wb.writer() as con:
            execute(con, "INSERT INTO wp_meta (key, value) VALUES ('t', 'x')")
    with opened_master(master_at, read_only=True) as wb:
        assert wb.meta()["t"] == "x" and wb.read_only


def test_a_change_that_meets_another_users_is_refused_in_japanese(server_master: str) -> None:
    """Two staff add the same department at once: the second's insert breaks the unique name
    the first committed — a Japanese message, its transaction rolled back, not SQL text."""
    from welfareplan.cli.master import open_master
    from welfareplan.core.errors import WelfareplanError
    from welfareplan.core.model import Department
    from welfareplan.core.plainsql import execute

    with open_master(server_master, command="test", writes=True) as wb:
        with (
            pytest.raises(WelfareplanError, match="ほかの人が同時に") as caught,
            wb.transaction() as session,
        ):
            session.add(Department(name="健康課", kind="city", sort=99))
            session.flush()
        assert caught.value.code == "changed-meanwhile"
        with pytest.raises(WelfareplanError, match="ほかの人が同時に"), wb.writer() as con:
            execute(con, "INSERT INTO wp_meta (key, value) VALUES ('x', '1')")
            execute(con, "INSERT INTO wp_meta (key, value) VALUES ('x', '2')")
        assert "x" not in wb.meta()


def test_an_integrity_error_that_is_no_clash_is_not_called_one(server_master: str) -> None:
    """A NOT NULL the code itself breaks is a bug, not another user's change: it is not
    worded as 「ほかの人が同時に…」 (the crash report must see the real error)."""
    from sqlalchemy.exc import IntegrityError

    from welfareplan.cli.master import open_master
    from welfareplan.core.plainsql import execute

    with (
        open_master(server_master, command="test", writes=True) as wb,
        pytest.raises(IntegrityError),
        wb.writer() as con,
    ):
        execute(con, "INSERT INTO wp_meta (key, value) VALUES ('t', NULL)")
