"""A master on a server brought up to this app's schema version (issue 16).

A file is upgraded when it is opened for writing (:mod:`welfareplan.core.migrations`); a server
master the same way — when a command or the window opens it to write — in one transaction:
PostgreSQL's DDL is transactional, so the upgrade happens completely or not at all. The steps
run the very statements of the file's steps (their frozen DDL is the same text on both
databases). Two staff opening an old master at once: the first locks ``wp_meta``, the second
waits and then finds it current.

Creating a table needs the master's owner (or a superuser): any other role is refused with a
Japanese message saying who can do it, and the master stays as it was. A new table gets
exactly the grants the roles have on an older table of the same kind (:data:`GRANTS_LIKE`:
staff keep reading and writing, viewers reading) and the owner of the master's tables, so
``welfareplan server check`` finds every role as it was.

Server masters were first made with schema 4 (:data:`FIRST_SERVER_VERSION`): every step from
there is here (:data:`SERVER_STEPS`), and a test upgrades a master of each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfareplan.core import migration_v5
from welfareplan.core.errors import FileCheckError, WelfareplanError
from welfareplan.core.fileformat import SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlalchemy import URL, Connection, Engine

#: The schema version of the first masters on a server.
FIRST_SERVER_VERSION = 4
#: from-version → the statements that make it from-version + 1
SERVER_STEPS: dict[int, tuple[str, ...]] = {4: migration_v5.DDL}
#: table a step adds → the table whose grants it gets
GRANTS_LIKE: dict[str, str] = {"rejected_return": "received_return"}
#: what a grant copied from the catalogue may name (anything else is not copied)
_TABLE_PRIVILEGES = frozenset(
    {"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"}
)

_GRANTS_SQL = """
SELECT pg_get_userbyid(a.grantee), a.privilege_type
FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
WHERE c.oid = CAST(:t AS regclass) AND a.grantee <> 0 AND a.grantee <> c.relowner
ORDER BY 1, 2
"""
_OWNER_SQL = "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = CAST(:t AS regclass)"


def _version(conn: Connection) -> int:
    from sqlalchemy import text

    found = conn.execute(text("SELECT value FROM wp_meta WHERE key = 'schema_version'")).scalar()
    return int(str(found))


def upgrade_server_master(engine: Engine, url: URL) -> int | None:
    """Upgrade the master of ``engine`` to :data:`SCHEMA_VERSION`; the version it had, or None
    if it was current. Refused in Japanese (nothing changed) for a role that does not own it."""
    from sqlalchemy import text

    from welfareplan.core.serverdb import describe
    from welfareplan.core.serverroles import my_access

    with engine.connect() as conn, conn.begin():
        if _version(conn) >= SCHEMA_VERSION:
            return None
        me = my_access(conn)
        where = f"{describe(url)}のマスター"
        if not (me.owner or me.superuser):
            raise WelfareplanError(
                f"{where}は古い形式（{_version(conn)}）です。形式の更新（→ {SCHEMA_VERSION}）は"
                f"表を作るため、マスターの所有者のロールで接続して書き込む操作をしたときに行います"
                f"（いまのロール「{me.role}」は所有者ではありません）。"
                "データベースの管理者に依頼してください（docs/server.md）。何も変更していません。",
                code="needs-upgrade",
            )
        conn.exec_driver_sql("LOCK TABLE wp_meta IN EXCLUSIVE MODE")
        version = _version(conn)  # another user may have upgraded it meanwhile
        if version >= SCHEMA_VERSION:
            return None
        missing = [v for v in range(version, SCHEMA_VERSION) if v not in SERVER_STEPS]
        if missing:
            raise FileCheckError(
                f"{where}の形式（{version}）からの更新には対応していません。", code="needs-upgrade"
            )
        for step in range(version, SCHEMA_VERSION):
            for statement in SERVER_STEPS[step]:
                conn.exec_driver_sql(statement)
        for new, like in GRANTS_LIKE.items():
            _grant_like(conn, new, like)
        conn.execute(
            text("UPDATE wp_meta SET value = :v WHERE key = 'schema_version'"),
            {"v": str(SCHEMA_VERSION)},
        )
    return version


def _grant_like(conn: Connection, table: str, like: str) -> None:
    """Give ``table`` the owner and the grants of ``like`` (names quoted by psycopg)."""
    from psycopg import sql
    from sqlalchemy import text

    owner = str(conn.execute(text(_OWNER_SQL), {"t": like}).scalar_one())
    statements: list[sql.Composable] = [
        sql.SQL("ALTER TABLE {} OWNER TO {}").format(sql.Identifier(table), sql.Identifier(owner))
    ]
    for role, privilege in conn.execute(text(_GRANTS_SQL), {"t": like}).all():
        if str(privilege) in _TABLE_PRIVILEGES:
            statements.append(
                sql.SQL("GRANT {} ON TABLE {} TO {}").format(
                    sql.SQL(str(privilege)), sql.Identifier(table), sql.Identifier(str(role))
                )
            )
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    for statement in statements:
        cursor.execute(statement)
