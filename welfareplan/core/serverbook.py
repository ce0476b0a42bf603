"""A master on a PostgreSQL server opened to read (issue 16): a :class:`Workbook` whose engine
is the server's, for the read commands that go through SQLAlchemy (``export``, ``plan export``,
``plan list``). A reader that still needs the file's own ``sqlite3`` connection, or any write,
is refused with a Japanese message that names the way round (``master copy`` to a file)."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.fileformat import FileCheck, FileKind
from welfareplan.core.serverdb import check_server_master, connected, describe, parse_server_url
from welfareplan.core.storage import Workbook

if TYPE_CHECKING:
    from sqlalchemy import URL, Engine

    from welfareplan.core.plainsql import Reader


def not_on_a_server(where: str) -> WelfareplanError:
    return WelfareplanError(
        f"サーバーのマスター（{where}）には、この操作はまだ対応していません。"
        "welfareplan master copy でファイルに写してから行ってください。",
        code="server-not-yet",
    )


class ServerWorkbook(Workbook):
    """A server master, read-only; :attr:`path` is its URL as shown (no file)."""

    def __init__(self, url: URL, engine: Engine, meta: dict[str, str]) -> None:
        check = FileCheck(
            path=Path(describe(url)),
            kind=FileKind(meta["file_kind"]),
            schema_version=int(meta["schema_version"]),
            file_uuid=meta.get("file_uuid", ""),
            size=0,
            meta=meta,
        )
        super().__init__(check.path, engine, check, read_only=True)
        self.url = url
        self._meta = dict(meta)

    on_server = True

    @contextlib.contextmanager
    def reader(self) -> Iterator[Reader]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def read_connection(self) -> contextlib.closing[sqlite3.Connection]:
        raise not_on_a_server(describe(self.url))

    @contextlib.contextmanager
    def sql_transaction(self) -> Iterator[sqlite3.Connection]:
        raise not_on_a_server(describe(self.url))
        yield  # pragma: no cover - a generator, for the context manager

    def meta(self) -> dict[str, str]:
        return dict(self._meta)

    def close(self) -> None:
        """The engine belongs to :func:`open_server_workbook`, which disposes of it."""


@contextlib.contextmanager
def open_server_workbook(text: str) -> Iterator[ServerWorkbook]:
    """The server master at URL ``text``, checked (:func:`check_server_master`), to read."""
    url = parse_server_url(text)
    with connected(url) as engine:
        with engine.connect() as conn:
            meta = check_server_master(conn, url)
        yield ServerWorkbook(url, engine, meta)
