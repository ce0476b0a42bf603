"""``welfareplan master copy SOURCE DEST``: a whole master between a ``.wpdb`` file and a
PostgreSQL server (:mod:`welfareplan.core.serverdb`), in either direction.

Every table of the model's metadata is copied (so a table a later schema adds is copied too),
the rows as they are stored: the columns' storage types, not the ORM's Python values, so a
stored text comes back byte for byte. The source is read in one read transaction (one
consistent state of a master in use). The copy is then checked row by row against the source:
the rows per table and a content digest (:func:`content_digests`), computed the same way on
both sides (the source's from the very rows copied: each table is read once). Nothing is left half-written: on a server everything — tables, rows, check — is
one transaction, rolled back on any failure; a file is built in a temporary file beside the
target and renamed into place only when complete and checked. A destination that already
holds a master (a file that exists, a database with tables) is refused.

Of the meta rows, only the server's identity row (:data:`serverdb.SERVER_ONLY_META`; a file has
its header instead) differs: it is written for a server, left out of a file and of the digest.
The file UUID is kept, so the department files issued before the move are still accepted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from welfareplan.core.errors import DataError, FileCheckError, ReadOnlyError, WelfareplanError
from welfareplan.core.fileformat import APPLICATION_ID, FileKind
from welfareplan.core.serverdb import (
    IDENTITY_KEY,
    SERVER_ONLY_META,
    connected,
    describe,
    is_server_url,
    parse_server_url,
    refuse_nonempty,
)
from welfareplan.core.serverroles import checked_master, require_whole_read

if TYPE_CHECKING:
    from sqlalchemy import URL, Connection, Table

#: Why a file master cannot be read as it is, which opening it for writing repairs.
_REPAIRED_BY_OPENING = frozenset({"needs-upgrade", "interrupted", "needs-conversion"})
#: Rows inserted per statement.
BATCH = 500
META_TABLE = "wp_meta"
#: Tables that journal what happened beside the content, and are no part of it: a refused
#: return is journaled and changes none of the master's content (copied like every table).
JOURNAL_TABLES = frozenset({"rejected_return"})


def is_content(table: str) -> bool:
    """Whether ``table`` holds the master's content (every table but :data:`JOURNAL_TABLES`)."""
    return table not in JOURNAL_TABLES


@dataclass(frozen=True)
class TableDigest:
    rows: int
    sha256: str


@dataclass(frozen=True)
class CopyResult:
    source: str
    dest: str
    #: table → rows and digest, as checked on both sides
    tables: dict[str, TableDigest]

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables.values())


def storage_tables() -> list[Table]:
    """The model's tables (parents before children) with each column's storage type: a
    column of a type decorator (dates as text, JSON as text) reads and writes what is stored."""
    from sqlalchemy import Column, MetaData, Table, TypeDecorator

    from welfareplan.core.model import Base

    plain = MetaData()
    tables = []
    for table in Base.metadata.sorted_tables:
        columns = []
        for col in table.columns:
            kind = col.type.impl_instance if isinstance(col.type, TypeDecorator) else col.type
            columns.append(Column(col.name, kind, primary_key=col.primary_key))
        tables.append(Table(table.name, plain, *columns))
    return tables


def _canonical(value: Any) -> list[Any]:
    """A stored value as JSON that is the same from either database (its kind and value)."""
    if value is None:
        return ["null"]
    if isinstance(value, bool):
        return ["bool", value]
    if isinstance(value, int):
        return ["int", value]
    if isinstance(value, float):
        return ["float", repr(value)]
    if isinstance(value, bytes | memoryview):
        return ["bytes", bytes(value).hex()]
    return ["text", str(value)]


def _kept(table: Table, row: Mapping[Any, Any]) -> bool:
    return not (table.name == META_TABLE and row["key"] in SERVER_ONLY_META)


def _rows(conn: Connection, table: Table) -> Iterator[dict[str, Any]]:
    for row in conn.execute(table.select()).mappings():
        if _kept(table, row):
            yield dict(row)


def _digest(table: Table, rows: list[dict[str, Any]]) -> TableDigest:
    """Rows and SHA-256 of one table's rows: each row as canonical JSON, sorted (the order the
    database returns them in, and how each sorts text, does not matter)."""
    lines = sorted(
        json.dumps([_canonical(row[c.name]) for c in table.columns], ensure_ascii=False)
        for row in rows
    )
    return TableDigest(len(lines), hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest())


def content_digests(
    conn: Connection, *, only: Callable[[str], bool] | None = None
) -> dict[str, TableDigest]:
    """Rows and SHA-256 of every table (:func:`_digest`), or of the tables ``only`` keeps."""
    return {
        table.name: _digest(table, list(_rows(conn, table)))
        for table in storage_tables()
        if only is None or only(table.name)
    }


def _parents_first(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of a table that refers to itself (a plan to the plan it follows, a node to its
    parent) ordered so that each comes after the row it refers to: the database checks every
    foreign key as a row is inserted."""
    from welfareplan.core.model import Base

    model = Base.metadata.tables[table.name]
    links = [
        (fk.parent.name, fk.column.name) for fk in model.foreign_keys if fk.column.table is model
    ]
    if not links:
        return rows
    placed: list[dict[str, Any]] = []
    present: set[tuple[str, Any]] = set()
    pending = rows
    while pending:
        ready = [
            r for r in pending if all(r[c] is None or (ref, r[c]) in present for c, ref in links)
        ]
        if not ready:  # a loop (or a dangling key): as they are, the database names the row
            return placed + pending
        placed += ready
        present |= {(ref, r[ref]) for r in ready for _, ref in links}
        waiting = {id(r) for r in ready}
        pending = [r for r in pending if id(r) not in waiting]
    return placed


def _write(source: Connection, dest: Connection) -> dict[str, TableDigest]:
    """Copy every row ``source`` reads into ``dest``; the digests of what was read (each table
    read once: the copy is then checked against exactly these rows)."""
    from sqlalchemy import insert

    digests = {}
    for table in storage_tables():
        rows = list(_rows(source, table))
        digests[table.name] = _digest(table, rows)
        batch: list[dict[str, Any]] = []
        for row in _parents_first(table, rows):
            batch.append(row)
            if len(batch) >= BATCH:
                dest.execute(insert(table), batch)
                batch = []
        if batch:
            dest.execute(insert(table), batch)
    return digests


def _advance_sequences(dest: Connection) -> None:
    """On PostgreSQL, the id sequences of the tables with a generated integer key continue
    after the copied ids (a copied row kept its id; the sequence did not see it)."""
    from sqlalchemy import text

    from welfareplan.core.model import Base

    quote = dest.dialect.identifier_preparer.quote
    for table in Base.metadata.sorted_tables:
        col = table.autoincrement_column
        if col is None:
            continue
        dest.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f"COALESCE(MAX({quote(col.name)}), 0) + 1, false) FROM {quote(table.name)}"
            ),
            {"table": table.name, "column": col.name},
        )


def _verify(expected: dict[str, TableDigest], dest: Connection, where: str) -> None:
    found = content_digests(dest)
    wrong = [name for name in expected if found.get(name) != expected[name]]
    if wrong:
        details = "、".join(
            f"{name}（元 {expected[name].rows} 行、写し {found[name].rows} 行）" for name in wrong
        )
        raise WelfareplanError(
            f"写し（{where}）の内容が元と一致しません: {details}。写しは作成していません。",
            code="copy-mismatch",
        )


@contextmanager
def _reading(source: Path | URL) -> Iterator[Connection]:
    """One read transaction on the source master (after its checks)."""
    if isinstance(source, Path):
        from welfareplan.core.storage import Workbook, make_engine

        try:
            Workbook.open(source, read_only=True, expect=FileKind.WORKBOOK).close()
        except (ReadOnlyError, FileCheckError) as exc:
            if exc.code not in _REPAIRED_BY_OPENING:
                raise
            raise WelfareplanError(
                f"{exc.message.split('。')[0]}。コピーする前に、一度 welfareplan のウィンドウで"
                "開いてください（形式の更新や修復はそのときに行います）。コピー元は変更していません。",
                code=exc.code,
            ) from exc
        engine = make_engine(source, read_only=True)
        try:
            with engine.connect() as conn, conn.begin():
                yield conn
        finally:
            engine.dispose()
        return
    with connected(source) as engine, engine.connect() as plain:
        conn = plain.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            checked_master(conn, source, whole=True)  # also: may this role read all of it
            yield conn


def _to_server(source: Connection, url: URL) -> dict[str, TableDigest]:
    from sqlalchemy import insert

    from welfareplan.core.model import Base

    with connected(url) as engine, engine.begin() as dest:
        refuse_nonempty(dest, url)
        Base.metadata.create_all(dest)
        expected = _write(source, dest)
        dest.execute(
            insert(Base.metadata.tables[META_TABLE]),
            [{"key": IDENTITY_KEY, "value": str(APPLICATION_ID)}],
        )
        _advance_sequences(dest)
        _verify(expected, dest, describe(url))
    return expected


def _to_file(source: Connection, path: Path) -> dict[str, TableDigest]:
    from welfareplan.core.atomic import atomic_target
    from welfareplan.core.storage import init_schema, make_engine, verify_integrity

    if path.suffix.lower() != ".wpdb":
        raise DataError(
            f"写しのファイル名は .wpdb で終わるようにしてください（「{path.name}」）。",
            code="bad-name",
        )
    with atomic_target(path, overwrite=False) as tmp:
        init_schema(tmp)
        engine = make_engine(tmp)
        try:
            with engine.begin() as dest:
                expected = _write(source, dest)
            with engine.connect() as dest, dest.begin():
                _verify(expected, dest, str(path))
        finally:
            engine.dispose()
        verify_integrity(tmp)
    return expected


def _location(text: str | Path) -> Path | URL:
    if is_server_url(text):
        return parse_server_url(str(text))
    return Path(text)


def _shown(where: Path | URL) -> str:
    return str(where) if isinstance(where, Path) else describe(where)


def copy_master(
    source: str | Path, dest: str | Path, *, on_step: Callable[[str], None] | None = None
) -> CopyResult:
    """Copy the master ``source`` to ``dest`` (each a ``.wpdb`` path or a server's URL) and
    check the copy; returns what was checked. Raises :class:`WelfareplanError` with nothing
    written under ``dest``."""
    from sqlalchemy.exc import DBAPIError

    src, dst = _location(source), _location(dest)
    if isinstance(src, Path) and isinstance(dst, Path) and src.resolve() == dst.resolve():
        raise DataError("コピー元とコピー先が同じです。", code="same")
    if isinstance(dst, Path) and dst.exists():
        raise DataError(
            f"「{dst.name}」は既にあります。写しは既にあるファイルを置き換えません。",
            code="exists",
        )
    with _reading(src) as conn:
        if on_step is not None:
            on_step(f"{_shown(src)} から {_shown(dst)} へコピーしています")
        try:
            expected = _to_file(conn, dst) if isinstance(dst, Path) else _to_server(conn, dst)
        except DBAPIError as exc:  # rolled back (server) or removed (file): nothing is left
            reason = str(exc.orig).strip().splitlines()
            raise WelfareplanError(
                f"{_shown(dst)} へのコピーに失敗しました（{reason[0] if reason else type(exc.orig).__name__}）。"
                "コピー先には何も残していません。",
                code="copy-failed",
            ) from exc
    return CopyResult(_shown(src), _shown(dst), expected)


def snapshot_to_file(source: Connection, path: Path) -> dict[str, TableDigest]:
    """Copy the master ``source`` reads (one read transaction open on it: a server master's
    backup) into the new ``.wpdb`` file ``path``, checked against it as :func:`copy_master`
    checks a copy; the digests checked. Nothing is left at ``path`` on failure."""
    if source.dialect.name == "postgresql":
        require_whole_read(source)  # a viewer's role: said, before anything is written
    return _to_file(source, path)


def replace_from_file(path: Path, dest: Connection) -> dict[str, TableDigest]:
    """Replace every row of the server master ``dest`` (inside the caller's transaction) with
    the rows of the master file ``path`` (checked by the caller), and check the result against
    the file by digest (else :class:`WelfareplanError`, and the caller's transaction rolls
    back). The server's identity row stays. Returns the digests checked."""
    from sqlalchemy import delete

    from welfareplan.core.storage import make_engine

    for table in reversed(storage_tables()):  # children first
        query = delete(table)
        if table.name == META_TABLE:
            query = query.where(table.c.key.notin_(SERVER_ONLY_META))
        dest.execute(query)
    engine = make_engine(path, read_only=True)
    try:
        with engine.connect() as source, source.begin():
            expected = _write(source, dest)
    finally:
        engine.dispose()
    _advance_sequences(dest)
    _verify(expected, dest, describe(dest.engine.url))
    return expected
