"""A master on a server of an older schema (server masters began with schema 4) is upgraded
when its owner opens it to write — in one transaction, every row kept, every role's grants
carried to the new table — and refused in Japanese, unchanged, for anyone else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.server import test_server_roles
from tests.server.test_server_roles import RolesMaster, grant
from welfareplan.core.errors import FileCheckError, WelfareplanError
from welfareplan.core.fileformat import SCHEMA_VERSION
from welfareplan.core.server_upgrade import FIRST_SERVER_VERSION, SERVER_STEPS

#: a master made by its owner role, with a staff and a viewer role to give it to
roles_template = test_server_roles.roles_template
roles_master = test_server_roles.roles_master
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schema"
#: what each schema after the first server one added: undone, it is the master of that version
ADDED: dict[int, tuple[str, ...]] = {5: ("DROP TABLE rejected_return",)}


def as_version(url: str, version: int) -> None:
    """Make the current master at ``url`` the master of ``version`` it was before the steps
    since (a table a step added dropped again, the version row set back)."""
    import psycopg

    with psycopg.connect(url.replace("+psycopg", "")) as con:
        for newer in range(SCHEMA_VERSION, version, -1):
            for statement in ADDED[newer]:
                con.execute(statement)  # type: ignore[arg-type]
        con.execute("UPDATE wp_meta SET value = %s WHERE key = 'schema_version'", (str(version),))


def shape(url: str) -> dict[str, object]:
    """Tables, columns and their types, keys, foreign keys and indexes, as PostgreSQL has them."""
    from sqlalchemy import inspect

    from welfareplan.core.serverdb import connected, parse_server_url

    with connected(parse_server_url(url)) as engine, engine.connect() as conn:
        found = inspect(conn)
        return {
            t: (
                [(c["name"], str(c["type"]), c["nullable"]) for c in found.get_columns(t)],
                found.get_pk_constraint(t)["constrained_columns"],
                sorted(
                    (f["referred_table"], tuple(f["constrained_columns"]), str(f["options"]))
                    for f in found.get_foreign_keys(t)
                ),
                sorted((i["name"], tuple(i["column_names"])) for i in found.get_indexes(t)),
            )
            for t in sorted(found.get_table_names())
        }


def digests(url: str) -> dict[str, object]:
    """Rows and digest of every table the master at ``url`` has."""
    from sqlalchemy import inspect

    from welfareplan.core.mastercopy import content_digests
    from welfareplan.core.serverdb import connected, parse_server_url

    with connected(parse_server_url(url)) as engine, engine.connect() as conn:
        present = set(inspect(conn).get_table_names())
        return dict(content_digests(conn, only=present.__contains__))


def test_every_version_since_the_first_server_master_has_a_step() -> None:
    assert set(SERVER_STEPS) == set(range(FIRST_SERVER_VERSION, SCHEMA_VERSION))
    assert set(ADDED) == set(range(FIRST_SERVER_VERSION + 1, SCHEMA_VERSION + 1))


@pytest.mark.parametrize("version", range(FIRST_SERVER_VERSION, SCHEMA_VERSION))
def test_an_older_server_master_is_upgraded_when_opened_to_write(
    pg_cluster: object, tmp_path: Path, version: int
) -> None:
    """The committed workbook of ``version`` (upgraded as a file, copied onto the server, set
    back to ``version`` there) comes out of the server's upgrade as a new master is made:
    the same tables, columns, keys and indexes, and every row as it was."""
    from tests.helpers.masters import opened_master
    from tests.helpers.pgcluster import Cluster
    from welfareplan.core.mastercopy import copy_master
    from welfareplan.core.storage import Workbook

    assert isinstance(pg_cluster, Cluster)
    work = Path(shutil.copy(FIXTURES / f"workbook-v{version}.wpdb", tmp_path / "old.wpdb"))
    with Workbook.open(work):
        pass  # the file's own upgrade, so that the copy can read it
    old = pg_cluster.url(pg_cluster.new_database())
    copy_master(work, old)
    fresh = pg_cluster.url(pg_cluster.new_database())
    copy_master(work, fresh)
    as_version(old, version)
    before = digests(old)
    assert "rejected_return" not in before

    with (
        pytest.raises(FileCheckError, match=f"古い形式（{version}）"),
        opened_master(old, read_only=True),
    ):
        pass  # to read, it is refused as an older file is (nothing written)
    assert digests(old) == before
    with opened_master(old) as wb:
        assert wb.meta()["schema_version"] == str(SCHEMA_VERSION)
    assert digests(old) == digests(fresh)  # every row, the version row now the current one
    assert shape(old) == shape(fresh)
    with opened_master(old) as wb:  # opened again: nothing more to do
        assert wb.meta()["schema_version"] == str(SCHEMA_VERSION)


def test_only_the_owner_upgrades_and_every_role_keeps_its_grants(
    roles_master: RolesMaster, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.helpers.masters import opened_master
    from welfareplan.core.serverdb import connected, parse_server_url
    from welfareplan.core.serverroles import Kind, role_access

    m = roles_master
    grant(capsys, m, m.staff, "staff")
    grant(capsys, m, m.viewer, "viewer")
    as_version(m.url(m.owner), FIRST_SERVER_VERSION)
    before = digests(m.url(m.owner))
    with (
        pytest.raises(WelfareplanError, match="所有者のロールで接続して") as refused,
        opened_master(m.url(m.staff)),
    ):
        pass
    assert refused.value.code == "needs-upgrade" and f"「{m.staff}」" in refused.value.message
    assert digests(m.url(m.owner)) == before

    with opened_master(m.url(m.owner)) as wb:
        assert not wb.read_only
    with (
        connected(parse_server_url(m.url(m.owner))) as engine,
        engine.connect() as conn,
    ):
        kinds = {r: a.kind for r, a in role_access(conn, [m.staff, m.viewer]).items()}
        owner = conn.exec_driver_sql(
            "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'rejected_return'"
        ).scalar_one()
    assert kinds == {m.staff: Kind.STAFF, m.viewer: Kind.VIEWER}
    assert owner == m.owner
    with opened_master(m.url(m.staff)) as wb:  # staff write the new table
        assert not wb.read_only
        from welfareplan.core.plainsql import rows

        with wb.writer() as con:
            assert rows(con, "SELECT count(*) FROM rejected_return") == [(0,)]
