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

import functools
import operator
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from welfareplan.core.contentdigest import TableDigest, digest_rows
from welfareplan.core.errors import DataError, FileCheckError, ReadOnlyError, WelfareplanError
from welfareplan.core.fileformat import APPLICATION_ID, SCHEMA_VERSION, FileKind
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
#: the page cache (KiB) of a new file while its rows are inserted
BUILD_CACHE_KB = 256 * 1024
META_TABLE = "wp_meta"
#: schema version → the bytes of an empty master file of it (:func:`_empty_master`)
_EMPTY: dict[int, bytes] = {}
#: Tables that journal what happened beside the content, and are no part of it: a refused
#: return is journaled and changes none of the master's content (copied like every table).
JOURNAL_TABLES = frozenset({"rejected_return"})


def is_content(table: str) -> bool:
    """Whether ``table`` holds the master's content (every table but :data:`JOURNAL_TABLES`)."""
    return table not in JOURNAL_TABLES


@dataclass(frozen=True)
class CopyResult:
    source: str
    dest: str
    #: table → rows and digest, as checked on both sides
    tables: dict[str, TableDigest]

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables.values())


@functools.cache
def storage_tables() -> tuple[Table, ...]:
    """The model's tables (parents before children) with each column's storage type: a
    column of a type decorator (dates as text, JSON as text) reads and writes what is stored.
    Built once per process: the same objects every time, so SQLAlchemy compiles each table's
    statements once (a snapshot before every merge would otherwise compile them all anew)."""
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
    return tuple(tables)


def _kept(table: Table, row: tuple[Any, ...]) -> bool:
    return not (table.name == META_TABLE and row[_column(table, "key")] in SERVER_ONLY_META)


@functools.cache
def _column(table: Table, name: str) -> int:
    return [c.name for c in table.columns].index(name)


def _rows(conn: Connection, table: Table) -> list[tuple[Any, ...]]:
    """Every row of ``table`` (its values in the order of its columns). On a server, read by
    the driver's own cursor in ``conn``'s transaction: the storage types need no conversion
    there (SQLAlchemy would only wrap each row), and a snapshot reads every row of a master."""
    if conn.dialect.name == "postgresql":
        raw = conn.connection.dbapi_connection
        assert raw is not None
        cursor = raw.cursor()
        try:
            cursor.execute(_select(table))
            rows = list(cursor.fetchall())
        finally:
            cursor.close()
    else:
        rows = [tuple(r) for r in conn.execute(table.select()).all()]
    return [r for r in rows if _kept(table, r)] if table.name == META_TABLE else rows


def content_digests(
    conn: Connection, *, only: Callable[[str], bool] | None = None
) -> dict[str, TableDigest]:
    """Rows and SHA-256 of every table (:func:`~welfareplan.core.contentdigest.digest_rows`), or of the tables ``only`` keeps."""
    return {
        table.name: digest_rows(_rows(conn, table))
        for table in storage_tables()
        if only is None or only(table.name)
    }


def _parents_first(table: Table, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows of a table that refers to itself (a plan to the plan it follows, a node to its
    parent) ordered so that each comes after the row it refers to: the database checks every
    foreign key as a row is inserted."""
    from welfareplan.core.model import Base

    model = Base.metadata.tables[table.name]
    links = [
        (_column(table, fk.parent.name), _column(table, fk.column.name))
        for fk in model.foreign_keys
        if fk.column.table is model
    ]
    if not links:
        return rows
    placed: list[tuple[Any, ...]] = []
    present: set[tuple[int, Any]] = set()
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


def _write(source: Connection, dest: Connection | sqlite3.Connection) -> dict[str, TableDigest]:
    """Copy every row ``source`` reads into ``dest`` (a server's connection, or a new file's
    own ``sqlite3`` one: a snapshot's fast path); the digests of what was read (each table
    read once: the copy is then checked against exactly these rows)."""
    from sqlalchemy import insert

    digests = {}
    for table in storage_tables():
        rows = _rows(source, table)
        digests[table.name] = digest_rows(rows)
        ordered = _parents_first(table, rows)
        if isinstance(dest, sqlite3.Connection):
            dest.executemany(_file_insert(table), ordered)
            continue
        names = [c.name for c in table.columns]
        for start in range(0, len(ordered), BATCH):
            batch = ordered[start : start + BATCH]
            dest.execute(insert(table), [dict(zip(names, r, strict=True)) for r in batch])
    return digests


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _file_insert(table: Table) -> str:
    columns = ", ".join(_quoted(c.name) for c in table.columns)
    marks = ", ".join("?" for _ in table.columns)
    return f"INSERT INTO {_quoted(table.name)} ({columns}) VALUES ({marks})"


def _select(table: Table) -> str:
    """Every row of ``table``, its columns in order (plain SQL for either database's driver)."""
    return f"SELECT {', '.join(_quoted(c.name) for c in table.columns)} FROM {_quoted(table.name)}"


def _file_digests(con: sqlite3.Connection) -> dict[str, TableDigest]:
    """:func:`content_digests` of a file read through its own ``sqlite3`` connection: each
    value as SQLAlchemy would read it (a stored 0/1 of a Boolean column as False/True)."""
    from sqlalchemy import Boolean

    found = {}
    for table in storage_tables():
        rows = con.execute(_select(table)).fetchall()
        flags = [i for i, c in enumerate(table.columns) if isinstance(c.type, Boolean)]
        if flags:
            rows = [
                tuple(bool(v) if i in flags and v is not None else v for i, v in enumerate(r))
                for r in rows
            ]
        if table.name == META_TABLE:
            rows = [r for r in rows if _kept(table, r)]
        found[table.name] = digest_rows(rows)
    return found


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


def _verify(
    expected: dict[str, TableDigest], dest: Connection | sqlite3.Connection, where: str
) -> None:
    """Check the copy ``dest`` against its source by the digests of what was read (a
    snapshot's new file is checked row by row instead: :func:`_compare_rows`)."""
    found = _file_digests(dest) if isinstance(dest, sqlite3.Connection) else content_digests(dest)
    wrong = {
        name: (expected[name].rows, found[name].rows)
        for name in expected
        if found.get(name) != expected[name]
    }
    if wrong:
        raise _mismatch(wrong, where)


def _compare_rows(
    read: dict[str, list[tuple[Any, ...]]], dest: sqlite3.Connection, where: str
) -> None:
    """Check that the new file ``dest`` holds exactly the rows ``read`` from the source: each
    table's rows, ordered by its primary key on both sides, compared value for value (a
    snapshot's check — stricter than comparing digests, and it need not digest a master
    twice). A stored 0/1 of a Boolean column equals the source's False/True."""
    wrong = {}
    for table in storage_tables():
        expected = read[table.name]
        found = dest.execute(_select(table)).fetchall()
        if found == expected:  # most often: the file returns them in the order read
            continue
        key = _primary_key(table)
        if len(found) != len(expected) or sorted(found, key=key) != sorted(expected, key=key):
            wrong[table.name] = (len(expected), len(found))
    if wrong:
        raise _mismatch(wrong, where)


@functools.cache
def _primary_key(table: Table) -> Callable[[tuple[Any, ...]], Any]:
    return operator.itemgetter(*(i for i, c in enumerate(table.columns) if c.primary_key))


def _mismatch(wrong: dict[str, tuple[int, int]], where: str) -> WelfareplanError:
    """The copy differs from its source in the tables ``wrong`` (name → rows read, rows in
    the copy)."""
    details = "、".join(
        f"{name}（元 {read} 行、写し {copied} 行）" for name, (read, copied) in wrong.items()
    )
    return WelfareplanError(
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
    with _new_file(path) as dest:
        expected = _write(source, dest)
        dest.execute("COMMIT")
        _verify(expected, dest, str(path))
    return expected


@contextmanager
def _new_file(path: Path) -> Iterator[sqlite3.Connection]:
    """A new master file's own connection, a transaction begun, for the rows of a copy: built
    in a temporary file beside ``path``, its integrity checked and renamed into place when the
    caller (who commits and checks the rows) is done; nothing is left on failure."""
    from welfareplan.core.atomic import atomic_target
    from welfareplan.core.storage import verify_integrity

    if path.suffix.lower() != ".wpdb":
        raise DataError(
            f"写しのファイル名は .wpdb で終わるようにしてください（「{path.name}」）。",
            code="bad-name",
        )
    with atomic_target(path, overwrite=False) as tmp:
        tmp.write_bytes(_empty_master())
        dest = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            dest.execute("PRAGMA foreign_keys = ON")  # every row checked as it is inserted
            # a temporary file, synced once and renamed into place only when checked
            dest.execute("PRAGMA synchronous = OFF")
            # the whole master in the page cache while it is built (only what is used is
            # taken): with SQLite's 2 MB, a 15 MB master's indexes and key checks spill and
            # are read back, and inserting it takes twice as long
            dest.execute(f"PRAGMA cache_size = -{BUILD_CACHE_KB}")
            dest.execute("BEGIN")
            yield dest
        finally:
            dest.close()
        verify_integrity(tmp)


def _empty_master() -> bytes:
    """A new file with the header and the empty tables of this version
    (:func:`~welfareplan.core.storage.init_schema`'s), made once per process: a snapshot
    before every merge need not build the schema again."""
    from welfareplan.core.storage import init_schema

    data = _EMPTY.get(SCHEMA_VERSION)
    if data is None:
        with tempfile.TemporaryDirectory(prefix="wp-schema-") as folder:
            empty = Path(folder) / "empty.wpdb"
            init_schema(empty)
            data = _EMPTY[SCHEMA_VERSION] = empty.read_bytes()
    return data


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
        except (DBAPIError, sqlite3.Error) as exc:  # rolled back or removed: nothing is left
            cause = exc.orig if isinstance(exc, DBAPIError) else exc  # a file: its own sqlite3
            reason = str(cause).strip().splitlines()
            raise WelfareplanError(
                f"{_shown(dst)} へのコピーに失敗しました（{reason[0] if reason else type(cause).__name__}）。"
                "コピー先には何も残していません。",
                code="copy-failed",
            ) from exc
    return CopyResult(_shown(src), _shown(dst), expected)


def snapshot_to_file(source: Connection, path: Path) -> dict[str, int]:
    """Copy the master ``source`` reads (one read transaction open on it: a server master's
    backup) into the new ``.wpdb`` file ``path``, the file then checked row by row against the
    rows read (:func:`_compare_rows`); the rows checked per table. Nothing is left at
    ``path`` on failure."""
    if source.dialect.name == "postgresql":
        require_whole_read(source)  # a viewer's role: said, before anything is written
    read: dict[str, list[tuple[Any, ...]]] = {}
    with _new_file(path) as dest:
        for table in storage_tables():
            rows = read[table.name] = _rows(source, table)
            dest.executemany(_file_insert(table), _parents_first(table, rows))
        dest.execute("COMMIT")
        _compare_rows(read, dest, str(path))
    return {name: len(rows) for name, rows in read.items()}


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
