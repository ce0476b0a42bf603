"""Who may read and who may write a master on a server (issue 16): two kinds of PostgreSQL role.

- **Division staff** (:data:`Kind.STAFF`, 課の職員): ``SELECT, INSERT, UPDATE, DELETE`` on every
  table of the master and ``USAGE, SELECT, UPDATE`` on its id sequences.
- **Viewers** (:data:`Kind.VIEWER`, 閲覧用 — the committee's secretariat): ``SELECT`` on every
  table but the signing secret of issued files (:data:`SECRET_TABLES`: whoever reads it can
  make a department file the master takes for its own), nothing more.

What a role can do is asked of PostgreSQL itself (``has_table_privilege`` and friends, which
count what a role has through the groups it belongs to), never worked out from grant lists
here: :func:`role_access` is what :func:`welfareplan.core.serverbook.open_server_workbook`
checks before a writer gets the master (a viewer gets it read-only, with a note), and what
``welfareplan server check`` prints for every role with a privilege on the master.
:func:`grant` (``welfareplan server grant``) gives a role exactly one of the two sets; every
name in its statements is quoted by psycopg (``sql.Identifier``), never pasted from text.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from welfareplan.core.errors import DataError, WelfareplanError
from welfareplan.core.serverdb import master_tables

if TYPE_CHECKING:
    from sqlalchemy import URL, Connection, Engine
    from sqlalchemy.engine import ExceptionContext

#: What division staff have on every table of the master, and on its id sequences.
STAFF_TABLE_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE")
STAFF_SEQUENCE_PRIVILEGES = ("USAGE", "SELECT", "UPDATE")
#: What a viewer has on every table but :data:`SECRET_TABLES` (on the sequences: nothing).
VIEWER_TABLE_PRIVILEGES = ("SELECT",)
#: Tables only staff read: the key the issued files are signed with.
SECRET_TABLES = frozenset({"issue_secret"})
_WRITES = ("INSERT", "UPDATE", "DELETE")


class Kind(enum.Enum):
    OWNER = "owner"
    STAFF = "staff"
    VIEWER = "viewer"
    #: some privileges, but neither set (a table forgotten, a write on a viewer)
    MIXED = "mixed"
    NONE = "none"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Kind.OWNER: "所有者（すべての権限）",
    Kind.STAFF: "課の職員（読み書き）",
    Kind.VIEWER: "閲覧用（読み取りのみ）",
    Kind.MIXED: "課の職員・閲覧用のどちらとも合いません",
    Kind.NONE: "権限なし",
}


@dataclass(frozen=True)
class RoleAccess:
    """What one role can do to the master (effective privileges, groups counted)."""

    role: str
    superuser: bool
    owner: bool
    can_login: bool
    can_connect: bool
    #: the groups the role belongs to (directly)
    member_of: tuple[str, ...]
    #: "table: PRIVILEGE" a staff role has and this one lacks (tables and sequences)
    missing_for_staff: tuple[str, ...]
    #: tables it cannot read (:data:`SECRET_TABLES` left out: a viewer does not read them)
    unreadable: tuple[str, ...]
    #: tables it can change (any of INSERT, UPDATE, DELETE)
    writable: tuple[str, ...]
    #: whether it can read at least one table
    reads_any: bool
    #: whether it can read the signing secret (:data:`SECRET_TABLES`)
    reads_secret: bool

    @property
    def can_read(self) -> bool:
        return self.can_connect and not self.unreadable

    @property
    def can_write(self) -> bool:
        return self.can_read and not self.missing_for_staff

    @property
    def kind(self) -> Kind:
        if self.superuser or self.owner:
            return Kind.OWNER
        if self.can_write:
            return Kind.STAFF
        if self.can_read and not self.writable and not self.reads_secret:
            return Kind.VIEWER
        if not self.writable and not self.reads_any:
            return Kind.NONE
        return Kind.MIXED

    def problems(self) -> list[str]:
        """Why the role is neither staff nor viewer, in Japanese ([] when it is one)."""
        if self.kind is not Kind.MIXED:
            return []
        found = []
        if not self.can_connect:
            found.append("このデータベースに接続する権限（CONNECT）がありません")
        if self.unreadable:
            found.append(f"読めない表があります（{_some(self.unreadable)}）")
        if self.reads_secret and not self.writable:
            found.append("配布の署名の鍵（issue_secret）を読めます（閲覧用には与えません）")
        if self.writable:
            found.append(f"書き込める表があります（{_some(self.writable)}）")
            if self.missing_for_staff:
                found.append(f"課の職員に足りない権限があります（{_some(self.missing_for_staff)}）")
        return found


def _some(items: Sequence[str], shown: int = 3) -> str:
    head = "、".join(items[:shown])
    return head + (f" ほか {len(items) - shown} 件" if len(items) > shown else "")


def _rows(conn: Connection, sql: str, **params: object) -> list[tuple[object, ...]]:
    from sqlalchemy import bindparam, text

    statement = text(sql)
    for name, value in params.items():
        if isinstance(value, list | tuple):
            statement = statement.bindparams(bindparam(name, expanding=True))
    return [tuple(r) for r in conn.execute(statement, params).all()]


#: The master's tables and sequences in the connection's schema, with each role's privileges.
_PRIVILEGES_SQL = """
SELECT r.rolname, c.relname, c.relkind = 'S',
  CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(r.oid, c.oid, 'SELECT')
       ELSE has_table_privilege(r.oid, c.oid, 'SELECT') END,
  CASE WHEN c.relkind = 'S' THEN false ELSE has_table_privilege(r.oid, c.oid, 'INSERT') END,
  CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(r.oid, c.oid, 'UPDATE')
       ELSE has_table_privilege(r.oid, c.oid, 'UPDATE') END,
  CASE WHEN c.relkind = 'S' THEN false ELSE has_table_privilege(r.oid, c.oid, 'DELETE') END,
  CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(r.oid, c.oid, 'USAGE') ELSE false END
FROM pg_roles r
CROSS JOIN pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND r.rolname IN :roles
  AND ((c.relkind IN ('r', 'p') AND c.relname IN :tables) OR c.relkind = 'S')
"""

_ROLES_SQL = """
SELECT r.rolname, r.rolsuper, r.rolcanlogin,
  has_database_privilege(r.oid, current_database(), 'CONNECT'),
  COALESCE(pg_has_role(r.oid, (SELECT c.relowner FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relname = 'wp_meta'), 'USAGE'), false),
  ARRAY(SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
        WHERE m.member = r.oid ORDER BY g.rolname)
FROM pg_roles r WHERE r.rolname IN :roles
"""


def role_access(conn: Connection, roles: Iterable[str]) -> dict[str, RoleAccess]:
    """What each of ``roles`` (that exists) can do to the master in ``conn``'s database."""
    names = sorted(set(roles))
    if not names:
        return {}
    tables = master_tables()
    grid: dict[str, list[tuple[object, ...]]] = {name: [] for name in names}
    for row in _rows(conn, _PRIVILEGES_SQL, roles=names, tables=tables):
        grid[str(row[0])].append(row[1:])
    found: dict[str, RoleAccess] = {}
    for name, superuser, login, connect, owner, groups in _rows(conn, _ROLES_SQL, roles=names):
        missing: list[str] = []
        unreadable: list[str] = []
        writable: list[str] = []
        seen = set()
        secret = False
        for rel, is_seq, select, insert, update, delete, usage in grid[str(name)]:
            seen.add(rel)
            held = {"SELECT": select, "INSERT": insert, "UPDATE": update, "DELETE": delete}
            if is_seq:
                held = {"USAGE": usage, "SELECT": select, "UPDATE": update}
                missing += [f"{rel}: {p}" for p in STAFF_SEQUENCE_PRIVILEGES if not held[p]]
                continue
            missing += [f"{rel}: {p}" for p in STAFF_TABLE_PRIVILEGES if not held[p]]
            if rel in SECRET_TABLES:
                secret = secret or bool(select)
            elif not select:
                unreadable.append(str(rel))
            if any(held[p] for p in _WRITES):
                writable.append(str(rel))
        absent = [t for t in tables if t not in seen]  # a table of the model not in the database
        unreadable += [t for t in absent if t not in SECRET_TABLES]
        missing += [f"{t}: SELECT" for t in absent]
        found[str(name)] = RoleAccess(
            role=str(name),
            superuser=bool(superuser),
            owner=bool(owner),
            can_login=bool(login),
            can_connect=bool(connect),
            member_of=tuple(str(g) for g in groups or ()),  # type: ignore[attr-defined]
            missing_for_staff=tuple(missing),
            unreadable=tuple(unreadable),
            writable=tuple(writable),
            reads_any=secret or len(unreadable) < len(tables) - len(SECRET_TABLES),
            reads_secret=secret,
        )
    return found


def current_role(conn: Connection) -> str:
    return str(conn.exec_driver_sql("SELECT current_user").scalar_one())


def my_access(conn: Connection) -> RoleAccess:
    """What the connected role can do to the master."""
    me = current_role(conn)
    return role_access(conn, [me])[me]


#: Roles with a privilege of their own on the master's tables or sequences (PUBLIC left out),
#: and the roles that belong to them, through any number of groups.
_GRANTED_SQL = """
WITH RECURSIVE granted(oid) AS (
  SELECT a.grantee FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
    aclexplode(c.relacl) a
  WHERE n.nspname = current_schema() AND a.grantee <> 0
    AND ((c.relkind IN ('r', 'p') AND c.relname IN :tables) OR c.relkind = 'S')
  UNION
  SELECT m.member FROM pg_auth_members m JOIN granted g ON m.roleid = g.oid
)
SELECT r.rolname FROM pg_roles r WHERE r.oid IN (SELECT oid FROM granted)
"""

_PUBLIC_SQL = """
SELECT DISTINCT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
  aclexplode(c.relacl) a
WHERE n.nspname = current_schema() AND a.grantee = 0
  AND ((c.relkind IN ('r', 'p') AND c.relname IN :tables) OR c.relkind = 'S')
ORDER BY 1
"""


@dataclass(frozen=True)
class Survey:
    """Who can do what to a master: ``welfareplan server check``."""

    me: RoleAccess
    roles: tuple[RoleAccess, ...]
    #: tables and sequences with a privilege granted to PUBLIC (every role)
    public: tuple[str, ...]


def survey(conn: Connection) -> Survey:
    """The connected role's access and every role's with a privilege on the master (the owner
    and the roles in groups that have one included), owners first, then by name."""
    tables = master_tables()
    names = {str(r[0]) for r in _rows(conn, _GRANTED_SQL, tables=tables)}
    me = current_role(conn)
    found = role_access(conn, names | {me})
    order = {Kind.OWNER: 0, Kind.STAFF: 1, Kind.VIEWER: 2, Kind.MIXED: 3, Kind.NONE: 4}
    listed = sorted(
        (a for a in found.values() if a.role in names or a.owner),
        key=lambda a: (order[a.kind], a.role),
    )
    public = tuple(str(r[0]) for r in _rows(conn, _PUBLIC_SQL, tables=tables))
    return Survey(me=found[me], roles=tuple(listed), public=public)


def grant(conn: Connection, role: str, kind: Kind) -> RoleAccess:
    """Give ``role`` exactly the privileges of ``kind`` (staff or viewer) on the master, in the
    caller's transaction; refused in Japanese — nothing granted — when the role does not exist,
    is the owner or a superuser, when the connected role does not own the master, or when the
    role would still not be ``kind`` afterwards (it belongs to a group with more)."""
    from psycopg import sql

    if kind not in (Kind.STAFF, Kind.VIEWER):
        raise ValueError(kind)
    target = _existing_role(conn, role)
    _check_owner(conn)
    if target.superuser or target.owner:
        why = "スーパーユーザー" if target.superuser else "マスターの所有者"
        raise DataError(
            f"ロール「{role}」は{why}で、権限の確認を受けずにすべてできます。"
            "課の職員・閲覧用には、ログイン用の別のロールを作って指定してください。",
            code="role-is-owner",
        )
    schema = str(conn.exec_driver_sql("SELECT current_schema()").scalar_one())
    database = str(conn.exec_driver_sql("SELECT current_database()").scalar_one())
    who = sql.Identifier(role)
    names = master_tables()
    tables = sql.SQL(", ").join(sql.Identifier(schema, t) for t in names)
    public = sql.SQL(", ").join(sql.Identifier(schema, t) for t in names if t not in SECRET_TABLES)
    sequences = sql.SQL("ALL SEQUENCES IN SCHEMA {}").format(sql.Identifier(schema))

    def privileges(names: Sequence[str]) -> sql.Composable:
        return sql.SQL(", ").join(sql.SQL(p) for p in names)  # constants of this module

    statements = [
        sql.SQL("REVOKE ALL ON TABLE {} FROM {}").format(tables, who),
        sql.SQL("REVOKE ALL ON {} FROM {}").format(sequences, who),
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), who),
        sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(schema), who),
    ]
    if kind is Kind.STAFF:
        statements += [
            sql.SQL("GRANT {} ON TABLE {} TO {}").format(
                privileges(STAFF_TABLE_PRIVILEGES), tables, who
            ),
            sql.SQL("GRANT {} ON {} TO {}").format(
                privileges(STAFF_SEQUENCE_PRIVILEGES), sequences, who
            ),
        ]
    else:
        statements.append(
            sql.SQL("GRANT {} ON TABLE {} TO {}").format(
                privileges(VIEWER_TABLE_PRIVILEGES), public, who
            )
        )
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    for statement in statements:
        cursor.execute(statement)
    after = role_access(conn, [role])[role]
    if after.kind is not kind:
        groups = "、".join(after.member_of) or "なし"
        raise DataError(
            f"ロール「{role}」を{kind.label}にできません。権限を設定しても{after.kind.label}の"
            f"ままです（所属するグループ: {groups}"
            + (f"。{'。'.join(after.problems())}" if after.problems() else "")
            + "）。グループや、ほかのロールが与えた権限を確かめてください。何も変更していません。",
            code="role-still-other",
        )
    return after


def _existing_role(conn: Connection, role: str) -> RoleAccess:
    found = role_access(conn, [role])
    if role in found:
        return found[role]
    similar = [
        str(r[0])
        for r in _rows(
            conn, "SELECT rolname FROM pg_roles WHERE lower(rolname) = lower(:r)", r=role
        )
    ]
    hint = f"（「{similar[0]}」のことですか。大文字と小文字は区別されます）" if similar else ""
    raise DataError(
        f"ロール「{role}」はサーバーにありません{hint}。"
        "先にデータベースの管理者が CREATE ROLE で作ってください（docs/server.md）。",
        code="no-such-role",
    )


def _check_owner(conn: Connection) -> None:
    me = my_access(conn)
    if not me.owner and not me.superuser:
        raise WelfareplanError(
            f"権限の設定は、マスターの所有者のロールで接続して行ってください"
            f"（いまのロール「{me.role}」は所有者ではありません）。",
            code="not-owner",
        )


def checked_master(
    conn: Connection, url: URL, *, whole: bool = False
) -> tuple[dict[str, str], RoleAccess]:
    """The master's meta rows (:func:`welfareplan.core.serverdb.check_server_master`) and what
    the connected role can do to it; refused in Japanese when the role cannot read it —
    ``whole``: every table, the signing secret too (a copy of the whole master)."""
    from sqlalchemy.exc import ProgrammingError

    from welfareplan.core.serverdb import check_server_master, describe

    try:
        with conn.begin_nested():
            meta = check_server_master(conn, url)
    except ProgrammingError as exc:
        if not is_privilege_error(exc):
            raise
        meta = {}
    access = my_access(conn)
    whole_refused = whole and not access.reads_secret
    if meta and access.can_read and not whole_refused:
        return meta, access
    raise _cannot(access, describe(url), whole=whole)


def require_whole_read(conn: Connection) -> None:
    """Refuse in Japanese — not PostgreSQL's "permission denied" half way — a copy of the
    whole master (a snapshot, a backup) by a role that cannot read every table of it."""
    from welfareplan.core.serverdb import describe

    access = my_access(conn)
    if not (access.can_read and access.reads_secret):
        raise _cannot(access, describe(conn.engine.url), whole=True)


def _cannot(access: RoleAccess, where: str, *, whole: bool) -> WelfareplanError:
    if not access.can_connect:
        why = "このデータベースに接続する権限がありません"
    elif access.unreadable:
        why = f"読めない表があります（{_some(access.unreadable)}）"
    else:
        why = "配布の署名の鍵（issue_secret）を読めません"
    to = "マスター全体を写せません" if whole else "マスターを開けません"
    ask = (
        "コピーやバックアップは、課の職員か所有者のロールで行ってください。"
        if whole
        else "情報システム担当に、welfareplan server grant で課の職員か閲覧用の権限を"
        "設定してもらってください。"
    )
    return WelfareplanError(
        f"ロール「{access.role}」では{where}の{to}（{why}）。{ask}", code="no-privilege"
    )


def read_only_note(access: RoleAccess) -> str:
    """Why a master asked for writing was opened read-only (what the user is told)."""
    return (
        f"ロール「{access.role}」にはこのマスターに書き込む権限がないため、読み取り専用で"
        f"開きました（{access.kind.label}）。書き込むには、情報システム担当に "
        "welfareplan server grant で課の職員の権限を設定してもらってください。"
    )


def is_privilege_error(exc: BaseException) -> bool:
    """Whether ``exc`` (a SQLAlchemy error) is PostgreSQL's "permission denied"."""
    from psycopg import errors

    return isinstance(getattr(exc, "orig", None), errors.InsufficientPrivilege)


def said_when_denied(engine: Engine, role: str) -> None:
    """Whatever the product does on ``engine``, PostgreSQL's "permission denied" (a path that
    needs more than ``role`` may: a viewer's merge reads the signing secret) reaches the user
    as a Japanese message (:class:`WelfareplanError`), not as a crash; the statement failed,
    so its transaction is rolled back."""
    from psycopg import errors
    from sqlalchemy import event

    def translate(context: ExceptionContext) -> None:
        denied = context.original_exception
        if isinstance(denied, errors.InsufficientPrivilege):
            reason = str(denied).strip().splitlines()
            raise WelfareplanError(
                f"ロール「{role}」には、この操作に必要な権限がありません"
                f"（{reason[0] if reason else 'permission denied'}）。この操作は中断しました。"
                "必要なら、情報システム担当に welfareplan server grant で課の職員の権限を"
                "設定してもらってください。",
                code="no-privilege",
            ) from context.sqlalchemy_exception

    event.listen(engine, "handle_error", translate)
