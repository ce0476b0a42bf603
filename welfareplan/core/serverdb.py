"""A master workbook on a PostgreSQL server, named by a SQLAlchemy URL.

``postgresql+psycopg://USER@HOST:PORT/DATABASE`` (``postgresql://`` means the same): one
database holds one master, its tables made from the same SQLAlchemy metadata as a file's
(:mod:`welfareplan.core.model`). What a file's header says — ``application_id`` (ours) and
``user_version`` (the schema version) — a server master keeps in its ``wp_meta`` table: the
key :data:`IDENTITY_KEY` and ``schema_version``, beside the file UUID and the rest of a file's
own meta rows.

A password is never written in the URL (it would show on the command line, in process lists
and in output): libpq finds it in the user's ``pgpass`` file or in ``PGPASSWORD``, or the
caller asks for it (:class:`PasswordNeeded`) and passes it in ``password``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from welfareplan.core.errors import DataError, FileCheckError, SchemaTooNewError, WelfareplanError
from welfareplan.core.fileformat import APPLICATION_ID, SCHEMA_VERSION, FileKind
from welfareplan.core.schema_snapshots import SNAPSHOTS

if TYPE_CHECKING:
    from sqlalchemy import URL, Connection, Engine
    from sqlalchemy.orm import Session

#: The URL schemes of a server master (the driver is always psycopg 3).
SERVER_SCHEMES = ("postgresql", "postgresql+psycopg")
DRIVER = "postgresql+psycopg"
#: The ``wp_meta`` row that says the database holds a welfareplan master (a file's
#: ``application_id``); only a server master has it.
IDENTITY_KEY = "application_id"
#: Meta rows a server master has and a file does not (a copy leaves them out of a file).
SERVER_ONLY_META = frozenset({IDENTITY_KEY})
CONNECT_TIMEOUT_S = 10
#: libpq's TLS modes (the URL's ``sslmode``; ``sslrootcert`` names the root certificate).
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


class PasswordNeeded(WelfareplanError):
    """The server asks for a password that neither pgpass nor PGPASSWORD gave."""

    code = "password-needed"


def is_server_url(location: object) -> bool:
    """Whether ``location`` (a command-line argument, a path) names a server master."""
    if not isinstance(location, str) or "://" not in location:
        return False
    return location.split("://", 1)[0].lower() in SERVER_SCHEMES


def master_location(text: str) -> Path | str:
    """A master as a command line names it: a server's URL as typed (``postgresql+psycopg://
    …``; a Path would fold its ``//``), else a file's path."""
    return text if is_server_url(text) else Path(text)


def parse_server_url(text: str) -> URL:
    """The URL of a server master; refuses one that holds a password or lacks the database."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(text)
    except ArgumentError:
        raise DataError(
            "サーバーの指定が正しくありません。"
            "postgresql+psycopg://ユーザー名@サーバー名:ポート/データベース名 の形で指定してください。",
            code="bad-url",
        ) from None
    if url.password is not None or "password" in url.query:
        raise DataError(
            "サーバーの指定にパスワードを書かないでください（画面や履歴に残ります）。"
            "パスワードは pgpass ファイルか環境変数 PGPASSWORD で渡すか、"
            "求められたときに入力してください。",
            code="password-in-url",
        )
    if not url.database:
        raise DataError(
            "サーバーの指定にデータベース名がありません"
            "（postgresql+psycopg://ユーザー名@サーバー名/データベース名）。",
            code="bad-url",
        )
    mode = url.query.get("sslmode")
    if mode is not None and mode not in SSL_MODES:
        raise DataError(
            f"sslmode「{mode}」は使えません（{'、'.join(SSL_MODES)} のどれかを指定してください）。",
            code="bad-url",
        )
    return url.set(drivername=DRIVER)


def describe(url: URL) -> str:
    """The URL as shown to a user (never with a password)."""
    return url.render_as_string(hide_password=True)


def server_engine(url: URL, *, password: str | None = None) -> Engine:
    from sqlalchemy import create_engine

    args: dict[str, object] = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": "welfareplan",
    }
    if password is not None:
        args["password"] = password
    return create_engine(url, connect_args=args)


def connection_error(exc: BaseException, url: URL) -> WelfareplanError:
    """What to tell the user when the server could not be reached or refused the login."""
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    first = reason[0] if reason else type(exc).__name__
    if "no password supplied" in first or "password authentication failed" in first:
        return PasswordNeeded(
            f"サーバー「{describe(url)}」にログインできません（パスワードが必要か、違います）。"
            "pgpass ファイルか環境変数 PGPASSWORD にパスワードを設定してください。",
        )
    if "SSL" in first or "certificate" in first:  # sslmode=verify-full could not check it
        return WelfareplanError(
            f"サーバー「{describe(url)}」に接続できません（{first}）。"
            "TLS を確かめてください: サーバーで TLS が有効か、ルート証明書（sslrootcert）が"
            "サーバー証明書を発行した認証局のものか、URL のサーバー名が証明書の名前と同じか"
            "（docs/server.md の「TLS」）。",
            code="server-tls",
        )
    return WelfareplanError(
        f"サーバー「{describe(url)}」に接続できません（{first}）。"
        "サーバー名・ポート・データベース名・ユーザー名と、サーバーが動いているかを確かめてください。",
        code="server-unreachable",
    )


#: Asks the user for the password of a URL (None: nobody to ask); see set_password_prompt.
_prompt: Callable[[URL], str | None] | None = None
#: Passwords typed in this process, by URL as shown (kept in memory only).
_typed: dict[str, str] = {}


def set_password_prompt(prompt: Callable[[URL], str | None] | None) -> None:
    """Who asks for a password the server wants and pgpass/PGPASSWORD did not give (the
    command line: a hidden prompt on a terminal; None: nobody, the connection fails)."""
    global _prompt  # noqa: PLW0603 - one asker per process, chosen by the front end
    _prompt = prompt


def _try(engine: Engine, url: URL) -> WelfareplanError | None:
    from sqlalchemy.exc import OperationalError

    try:
        engine.connect().close()
    except OperationalError as exc:
        return connection_error(exc, url)
    return None


@contextlib.contextmanager
def connected(url: URL, *, password: str | None = None) -> Iterator[Engine]:
    """An engine whose first connection has succeeded; disposed when the block ends. Without
    ``password`` libpq looks in pgpass and PGPASSWORD; if the server still wants one, the
    password prompt (:func:`set_password_prompt`) is asked once per URL and process."""
    key = describe(url)
    engine = server_engine(url, password=password or _typed.get(key))
    try:
        failed = _try(engine, url)
        if isinstance(failed, PasswordNeeded) and password is None and _prompt is not None:
            typed = _prompt(url)
            if typed:
                engine.dispose()
                engine = server_engine(url, password=typed)
                failed = _try(engine, url)
                if failed is None:
                    _typed[key] = typed
        if failed is not None:
            raise failed
        yield engine
    finally:
        engine.dispose()


#: The tables (plain and partitioned) and views of the connection's schema: one plain query,
#: where SQLAlchemy's inspector builds and compiles two (its first use costs ~20 ms of CPU).
_RELATIONS_SQL = (
    "SELECT c.relname FROM pg_catalog.pg_class c"
    " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
    " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v')"
)


def table_names(conn: Connection) -> set[str]:
    """The tables and views of the database's default schema."""
    return {str(r[0]) for r in conn.exec_driver_sql(_RELATIONS_SQL)}


def master_tables() -> list[str]:
    """The names of the master's tables, sorted: the tables of this version's schema snapshot
    (:mod:`welfareplan.core.schema_snapshots`, generated from the ORM model; a test keeps them
    equal), so that checking a master needs no ORM model loaded."""
    return sorted(r[1] for r in SNAPSHOTS[SCHEMA_VERSION] if r[0] == "table")


def refuse_nonempty(conn: Connection, url: URL) -> None:
    """A new master (or a copy) is made only in a database without tables."""
    names = table_names(conn)
    if names:
        shown = "、".join(sorted(names)[:5]) + ("…" if len(names) > 5 else "")
        raise DataError(
            f"データベース「{url.database}」には既に表があります（{shown}）。"
            "マスターは空のデータベースにだけ作成します。別のデータベースを指定してください。",
            code="exists",
        )


def check_server_master(
    conn: Connection, url: URL, *, expect: FileKind = FileKind.WORKBOOK
) -> dict[str, str]:
    """The meta rows of the master in the database of ``conn``, after checking that it is
    one of ours, of ``expect``'s kind and of this app's schema version."""
    where = f"データベース「{url.database}」"
    names = table_names(conn)
    if not names:
        raise FileCheckError(f"{where}は空です（マスターがありません）。", code="empty")
    meta: dict[str, str] = {}
    if "wp_meta" in names:
        meta = {str(k): str(v) for k, v in conn.exec_driver_sql("SELECT key, value FROM wp_meta")}
    if meta.get(IDENTITY_KEY) != str(APPLICATION_ID):
        raise FileCheckError(
            f"{where}には welfareplan のマスターではないデータがあります。", code="not-ours"
        )
    try:
        version = int(meta.get("schema_version", ""))
    except ValueError:
        raise FileCheckError(f"{where}の形式の版が読めません。", code="not-ours") from None
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"{where}のマスターは、このアプリより新しい形式（{version}）です。"
            "welfareplan を新しい版にしてください。",
        )
    if version < SCHEMA_VERSION:
        raise FileCheckError(
            f"{where}のマスターは古い形式（{version}）です。形式の更新（→ {SCHEMA_VERSION}）は、"
            "マスターの所有者のロールで接続して書き込む操作をしたときに行います（docs/server.md）。",
            code="needs-upgrade",
        )
    if meta.get("file_kind") != expect.value:
        raise FileCheckError(f"{where}は{expect.label}ではありません。", code="wrong-kind")
    expected = set(master_tables())
    if names != expected:
        odd = sorted(names ^ expected)
        raise FileCheckError(
            f"{where}の表が welfareplan のマスターと合いません（{'、'.join(odd[:5])}）。",
            code="schema-mismatch",
        )
    return meta


def create_server_master(
    url: URL,
    kind: FileKind,
    populate: Callable[[Session], None],
    *,
    meta: Mapping[str, str] | None = None,
    password: str | None = None,
) -> dict[str, str]:
    """Create a master in the empty database of ``url`` in one transaction — the tables of the
    model, the meta rows, then ``populate`` — and return its meta rows. A failure anywhere
    leaves the database as empty as it was (PostgreSQL's DDL is transactional)."""
    from sqlalchemy import insert
    from sqlalchemy.orm import Session

    from welfareplan.core.identity import now
    from welfareplan.core.model import Base, MetaItem
    from welfareplan.core.storage import new_meta

    rows = new_meta(kind, dict(meta or {}), now()) | {IDENTITY_KEY: str(APPLICATION_ID)}
    with connected(url, password=password) as engine, engine.begin() as conn:
        refuse_nonempty(conn, url)
        Base.metadata.create_all(conn)
        conn.execute(
            insert(Base.metadata.tables[MetaItem.__tablename__]),
            [{"key": k, "value": v} for k, v in rows.items()],
        )
        with Session(bind=conn, expire_on_commit=False) as session:
            populate(session)
            session.flush()
    return rows
