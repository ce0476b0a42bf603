"""A master on a PostgreSQL server (issue 16): a :class:`Workbook` whose engine is the server's.

Reads go through :meth:`ServerWorkbook.reader` (a SQLAlchemy connection for
:func:`welfareplan.core.plainsql.rows`), plain-SQL writes through :meth:`ServerWorkbook.writer`
(one short transaction, :func:`welfareplan.core.plainsql.execute`) and ORM work through
:meth:`Workbook.transaction` — all dialect-neutral. A path that still needs a file's own
``sqlite3`` connection (:meth:`ServerWorkbook.read_connection`,
:meth:`ServerWorkbook.sql_transaction`) is refused with a Japanese message that names the way
round (``master copy`` to a file). Opened with ``read_only`` (a viewer, a read command) every
write is refused as it is for a read-only file. A role that may not write the master
(:mod:`welfareplan.core.serverroles`) gets it read-only even when a writer asks, with
:attr:`Workbook.note` saying why."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from welfareplan.core.errors import FileCheckError, ReadOnlyError, WelfareplanError
from welfareplan.core.fileformat import FileCheck, FileKind
from welfareplan.core.serverdb import connected, describe, parse_server_url
from welfareplan.core.storage import Workbook

if TYPE_CHECKING:
    from sqlalchemy import URL, Engine
    from sqlalchemy.orm import Session

    from welfareplan.core.plainsql import Reader, Writer
    from welfareplan.core.serverroles import RoleAccess


def not_on_a_server(where: str) -> WelfareplanError:
    return WelfareplanError(
        f"サーバーのマスター（{where}）には、この操作はまだ対応していません。"
        "welfareplan master copy でファイルに写してから行ってください。",
        code="server-not-yet",
    )


class ServerWorkbook(Workbook):
    """A server master; :attr:`path` is its URL as shown (no file)."""

    def __init__(
        self, url: URL, engine: Engine, meta: dict[str, str], *, read_only: bool = True
    ) -> None:
        check = FileCheck(
            path=Path(describe(url)),
            kind=FileKind(meta["file_kind"]),
            schema_version=int(meta["schema_version"]),
            file_uuid=meta.get("file_uuid", ""),
            size=0,
            meta=meta,
        )
        super().__init__(check.path, engine, check, read_only=read_only)
        self.url = url
        #: why writing is refused although a writer asked ('' when it was not):
        #: the connected role may not write (:func:`welfareplan.core.serverroles.read_only_note`)
        self.write_refused = ""

    on_server = True

    @contextlib.contextmanager
    def reader(self) -> Iterator[Reader]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextlib.contextmanager
    def writer(self) -> Iterator[Writer]:
        self._check_writable()
        with _changed_meanwhile(), self.engine.begin() as conn:
            yield conn

    @contextlib.contextmanager
    def transaction(
        self, *, prepare: Callable[[sqlite3.Connection], None] | None = None
    ) -> Iterator[Session]:
        """An ORM session inside one write transaction on the server. ``prepare`` (a file's
        look before a held write, :mod:`welfareplan.core.heldwrite`) has no server meaning."""
        if prepare is not None:
            raise not_on_a_server(describe(self.url))
        self._check_writable()
        with _changed_meanwhile(), self.session() as session, session.begin():
            yield session

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(
                f"サーバーのマスター（{describe(self.url)}）は読み取り専用で開いています。"
                + self.write_refused
            )

    def meta(self) -> dict[str, str]:
        from welfareplan.core.plainsql import rows

        with self.reader() as conn:
            return {str(k): str(v) for k, v in rows(conn, "SELECT key, value FROM wp_meta")}

    def read_connection(self) -> contextlib.closing[sqlite3.Connection]:
        raise not_on_a_server(describe(self.url))

    @contextlib.contextmanager
    def sql_transaction(self) -> Iterator[sqlite3.Connection]:
        raise not_on_a_server(describe(self.url))
        yield  # pragma: no cover - a generator, for the context manager

    def close(self) -> None:
        """The engine belongs to :func:`open_server_workbook`, which disposes of it."""


#: SQLSTATEs of a constraint another user's committed change can break: unique_violation,
#: foreign_key_violation, exclusion_violation
_CLASHES = frozenset({"23505", "23503", "23P01"})


@contextlib.contextmanager
def _changed_meanwhile() -> Iterator[None]:
    """A uniqueness or reference the change relied on was broken by another user's change
    committed meanwhile (two staff adding the same department, the same year …): said in
    Japanese, the transaction rolled back, never the server's SQL error text. Any other
    integrity error (a NOT NULL or CHECK the code itself broke) is a bug and is not
    reworded as a clash: it propagates as it is, for the crash report."""
    from sqlalchemy.exc import IntegrityError

    try:
        yield
    except IntegrityError as exc:
        if getattr(exc.orig, "sqlstate", None) not in _CLASHES:
            raise
        raise WelfareplanError(
            "ほかの人が同時に行った変更とぶつかったため、この変更は保存していません"
            "（サーバーのマスターは変更前のままです）。画面を新しくしてから、もう一度行ってください。",
            code="changed-meanwhile",
        ) from exc


def _checked(engine: Engine, url: URL) -> tuple[dict[str, str], RoleAccess]:
    from welfareplan.core import serverroles

    with engine.connect() as conn, conn.begin():
        return serverroles.checked_master(conn, url)


@contextlib.contextmanager
def open_server_workbook(text: str, *, read_only: bool = True) -> Iterator[ServerWorkbook]:
    """The server master at URL ``text``, checked (:func:`check_server_master`); to read
    only unless ``read_only`` is False — or unless the connected role may not write it (then
    read-only, and :attr:`Workbook.note` says why). A role that cannot read it is refused."""
    from welfareplan.core import serverroles

    url = parse_server_url(text)
    with connected(url) as engine:
        try:
            meta, access = _checked(engine, url)
        except FileCheckError as exc:
            if read_only or exc.code != "needs-upgrade":
                raise
            from welfareplan.core.server_upgrade import upgrade_server_master

            upgrade_server_master(engine, url)  # an older schema, as a file opened to write
            meta, access = _checked(engine, url)
        serverroles.said_when_denied(engine, access.role)
        wb = ServerWorkbook(url, engine, meta, read_only=read_only or not access.can_write)
        if not read_only and not access.can_write:
            wb.note = serverroles.read_only_note(access)
            wb.write_refused = f"ロール「{access.role}」には書き込む権限がありません。"
        yield wb
