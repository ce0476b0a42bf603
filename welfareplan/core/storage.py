"""Opening and creating welfareplan files.

:class:`Workbook` wraps one SQLite file (a master workbook or a department file) with an
SQLAlchemy engine. Files are created complete in a temporary file and then moved into place,
so a crash or a full disk never leaves a half-written file under the real name. Opening runs
the read-only checks of :mod:`welfareplan.core.fileformat` first; an older schema is upgraded
after a backup copy has been made.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import shutil
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from welfareplan import __version__
from welfareplan.core.atomic import atomic_target, describe_sqlite_error, sqlite_snapshot
from welfareplan.core.backupnames import new_copy_name
from welfareplan.core.errors import FileCheckError, ReadOnlyError, WelfareplanError
from welfareplan.core.errortext import os_reason, sqlite_reason
from welfareplan.core.fileformat import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    FileCheck,
    FileKind,
    check_file,
    read_header,
    readonly_uri,
)
from welfareplan.core.journal import interrupted_note, recover_interrupted
from welfareplan.core.kepthandle import KeptHandle
from welfareplan.core.keptwriter import KeptWriter
from welfareplan.core.migrations import upgrade_connection
from welfareplan.core.timestamps import time_to_text
from welfareplan.core.walfiles import convert_in_place, needs_conversion

if TYPE_CHECKING:  # SQLAlchemy loads when the ORM is first used (see Workbook.engine)
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from welfareplan.core.plainsql import Reader, Writer

BUSY_TIMEOUT_MS = 5000


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        con = sqlite3.connect(readonly_uri(path), uri=True, check_same_thread=False)
    else:
        con = sqlite3.connect(str(path), check_same_thread=False)
    # SQLAlchemy's documented pysqlite recipe: let SQLAlchemy (not the driver) emit BEGIN,
    # so transactions, SAVEPOINTs and DDL behave as SQLite intends.
    con.isolation_level = None
    con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    con.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        # Rollback journal (never WAL: WAL does not work on network file systems) with a full
        # sync at every commit, so a committed edit survives a power cut.
        con.execute("PRAGMA synchronous = FULL")
        no_early_writes(con)
    return con


def no_early_writes(con: sqlite3.Connection) -> None:
    """Nothing reaches the file before the commit (no cache spill), so the journal of a save
    that was cut off always holds page 1 first: what proves it belongs to the file
    (:mod:`welfareplan.core.journal`)."""
    con.execute("PRAGMA cache_spill = OFF")


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    engine = create_engine(
        "sqlite://",
        creator=lambda: _connect(path, read_only=read_only),
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


#: Local working copies whose backups belong beside the file the user opened (core.workcopy).
_BACKUP_HOMES: dict[Path, Path] = {}


def set_backup_home(local: Path, original: Path | None) -> None:
    """Keep the backups of working copy ``local`` beside ``original`` (None: forget it)."""
    key = Path(local).resolve()
    if original is None:
        _BACKUP_HOMES.pop(key, None)
    else:
        _BACKUP_HOMES[key] = Path(original).resolve()


def backup_dir_for(path: Path) -> Path:
    """The folder where copies of ``path`` are kept (``name.backups`` beside the file).

    For a working copy it is the folder beside the original, so backups and the log of
    rejected returns outlive the session and sit where the division keeps the workbook.
    """
    path = Path(path)
    base = _BACKUP_HOMES.get(path.resolve(), path)
    return base.with_name(f"{base.stem}.backups")


def backup_copy(path: Path, reason: str, *, exact: bool = False) -> Path:
    """Keep a consistent copy of ``path`` in its backup folder before changing it (``exact``:
    its bytes as they are, for a file this process does not hold open)."""
    dest = new_copy_name(backup_dir_for(path), path, reason)
    with atomic_target(dest, overwrite=False) as tmp:
        if exact:
            shutil.copyfile(path, tmp)
        else:
            sqlite_snapshot(path, tmp)
    return dest


def upgrade_file(path: Path, from_version: int, *, keep_backup: bool = True) -> Path | None:
    """Upgrade ``path`` in place to the current schema; returns the backup made first (and
    removed again if the upgrade fails: the file is then unchanged)."""
    backup = backup_copy(path, f"schema{from_version}") if keep_backup else None
    try:
        con = sqlite3.connect(str(path))
        try:
            con.isolation_level = None
            no_early_writes(con)
            upgrade_connection(con, from_version)
        finally:
            con.close()
    except BaseException:
        if backup is not None:
            with contextlib.suppress(OSError):
                backup.unlink()
        raise
    return backup


def check_for_writing(path: Path, *, expect: FileKind | None = None) -> FileCheck:
    """:func:`check_file` for a file about to be opened for writing (its writer's lock held),
    after the repairs only a writer may make, each after keeping copies in the backup folder
    and told in :attr:`FileCheck.note`: a file another SQLite tool switched to WAL mode is
    converted back (:func:`welfareplan.core.walfiles.convert_in_place`); a save that was cut
    off (a hot journal beside the file) is rolled back to the last committed state — only if
    the journal belongs to the file (:func:`welfareplan.core.journal.recover_interrupted`)."""
    raw, _ = read_header(path)
    if needs_conversion(path, raw):
        check_file(path, expect=expect)  # the converted content is healthy and of the kind
        note = convert_in_place(path, backup_dir_for(path), check_file)
        return dataclasses.replace(check_file(path, expect=expect), note=note)
    try:
        return check_file(path, expect=expect)
    except FileCheckError as exc:
        if exc.code != "interrupted":
            raise
    kept = recover_interrupted(path, backup_dir_for(path))
    note = interrupted_note(path, kept)
    return dataclasses.replace(check_file(path, expect=expect), note=note)


class Workbook:
    """An open welfareplan file (master workbook or department file)."""

    def __init__(
        self, path: Path, engine: Engine | None, check: FileCheck, *, read_only: bool
    ) -> None:
        self.path = path
        self.kind = check.kind
        self.file_uuid = check.file_uuid
        self.read_only = read_only
        self.upgraded_from: int | None = None
        self.upgrade_backup: Path | None = None
        #: a repair made on opening (what to tell the user; '' if none): see FileCheck.note
        self.note = ""
        self._engine = engine
        self._sessionmaker: sessionmaker[Session] | None = None
        self._engine_lock = threading.Lock()
        self._writer = KeptWriter(path, lambda: _connect(path, read_only=False))
        self._kept: KeptHandle | None = None

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made on first use: reading a file to show it needs only
        :meth:`read_connection`, so a window opens without loading SQLAlchemy's SQLite dialect."""
        with self._engine_lock:
            if self._engine is None:
                self._engine = make_engine(self.path, read_only=self.read_only)
            return self._engine

    def read_connection(self) -> contextlib.closing[sqlite3.Connection]:
        """A plain read-only ``sqlite3`` connection (use in a ``with`` block), for fast reads."""
        con = sqlite3.connect(readonly_uri(self.path), uri=True, check_same_thread=False)
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return contextlib.closing(con)

    #: a master on a server (core.serverbook), not a file
    on_server = False

    def header(self, size: int = 100) -> bytes:
        """The file's first ``size`` bytes, read through a descriptor kept until :meth:`close`:
        also while a connection of this process holds a lock on it (:mod:`.kepthandle`)."""
        with self._engine_lock:
            if self._kept is None:
                self._kept = KeptHandle(self.path)
            kept = self._kept
        return kept.read(size)

    @contextlib.contextmanager
    def reader(self) -> Iterator[Reader]:
        """A connection for plain-SQL reads (:func:`welfareplan.core.plainsql.rows`): the
        file's own read-only ``sqlite3`` connection; a server master's SQLAlchemy one."""
        with self.read_connection() as con:
            yield con

    @contextlib.contextmanager
    def writer(self) -> Iterator[Writer]:
        """One short write transaction for plain SQL (:func:`welfareplan.core.plainsql.execute`,
        ``:name`` parameters): the file's own ``sqlite3`` connection (:meth:`sql_transaction`);
        a server master's SQLAlchemy connection (:mod:`welfareplan.core.serverbook`)."""
        with self.sql_transaction() as con:
            yield con

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        read_only: bool = False,
        expect: FileKind | None = None,
    ) -> Workbook:
        """Open an existing file after checking it. An older schema is upgraded (with a
        backup) unless ``read_only``, in which case the caller must upgrade a copy."""
        path = Path(path)
        if read_only and needs_conversion(path, read_header(path)[0]):
            raise ReadOnlyError(
                f"ファイル「{path.name}」は他の SQLite のツールで WAL 形式に変えられています。"
                "読み取り専用では開けないため、一度 welfareplan で編集用に開いて形式を戻してください。",
                code="needs-conversion",
            )
        check = (
            check_file(path, expect=expect) if read_only else check_for_writing(path, expect=expect)
        )
        upgraded_from = None
        backup = None
        recovered = check.note
        if check.needs_upgrade:
            if read_only:
                raise ReadOnlyError(
                    f"ファイル「{path.name}」は古い形式（{check.schema_version}）です。"
                    "読み取り専用では開けないため、書き込みできる場所にコピーしてから開いてください。",
                    code="needs-upgrade",
                )
            try:
                backup = upgrade_file(path, check.schema_version)
            except (OSError, sqlite3.Error) as exc:
                raise WelfareplanError(
                    f"ファイル「{path.name}」を新しい形式に更新できません（{sqlite_reason(exc) if isinstance(exc, sqlite3.Error) else os_reason(exc)}）。ファイルは変更していません。",
                    code="upgrade-failed",
                ) from exc
            upgraded_from = check.schema_version
            check = check_file(path, expect=expect)
        wb = cls(path, None, check, read_only=read_only)
        wb.upgraded_from = upgraded_from
        wb.upgrade_backup = backup
        wb.note = recovered
        return wb

    @classmethod
    def create(
        cls,
        path: Path | str,
        kind: FileKind,
        populate: Callable[[Session], None],
        *,
        meta: dict[str, str] | None = None,
        overwrite: bool = False,
        page_size: int | None = None,
    ) -> Path:
        """Create a complete new file at ``path`` atomically and return its path.

        ``populate`` fills the new database inside one transaction. Nothing appears under
        ``path`` unless everything succeeded and the file passed ``integrity_check``.
        ``page_size`` (bytes, a power of two 512–65536) overrides SQLite's default.
        """
        path = Path(path)
        with atomic_target(path, overwrite=overwrite) as tmp:
            init_database(tmp, kind, meta or {}, page_size=page_size)
            engine = make_engine(tmp)
            try:
                from sqlalchemy.orm import Session

                with Session(engine) as session, session.begin():
                    populate(session)
            finally:
                engine.dispose()
            verify_integrity(tmp)
        return path

    def close(self) -> None:
        """Close every connection this object holds to the file (open again on next use)."""
        self._writer.close()
        if self._engine is not None:
            self._engine.dispose()
        with self._engine_lock:
            kept, self._kept = self._kept, None
        if kept is not None:
            kept.close()  # after the connections: see kepthandle

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ sessions

    def _sessions(self) -> sessionmaker[Session]:
        if self._sessionmaker is None:
            from sqlalchemy.orm import sessionmaker

            self._sessionmaker = sessionmaker(bind=self.engine, expire_on_commit=False)
        return self._sessionmaker

    def session(self) -> Session:
        """A new ORM session (use as a context manager)."""
        return self._sessions()()

    @contextlib.contextmanager
    def transaction(
        self, *, prepare: Callable[[sqlite3.Connection], None] | None = None
    ) -> Iterator[Session]:
        """A session inside one write transaction: committed on success, rolled back on error.

        ``prepare`` runs first on the plain connection the transaction will use, before it
        begins (see :func:`welfareplan.core.heldwrite.write_from_here`)."""
        from sqlalchemy.exc import DBAPIError

        self._check_writable()
        try:
            if prepare is None:
                with self._sessions()() as session, session.begin():
                    yield session
                return
            from sqlalchemy.orm import Session

            with self.engine.connect() as conn:
                raw = conn.connection.driver_connection
                assert isinstance(raw, sqlite3.Connection)
                prepare(raw)
                with Session(bind=conn, expire_on_commit=False) as session, session.begin():
                    yield session
        except (DBAPIError, sqlite3.Error) as exc:
            failed = self._write_failed(getattr(exc, "orig", None) or exc)
            if failed is None:
                raise
            raise failed from exc

    @contextlib.contextmanager
    def sql_transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction on a plain ``sqlite3`` connection with the engine's settings
        (full sync, foreign keys, busy timeout): committed on success, rolled back on error.
        For the small writes of the department window (saving an entry, submitting), which so
        need no SQLAlchemy at all.

        ``BEGIN IMMEDIATE`` takes the write lock first, so a save that meets another writer
        (a merge running in the background) waits for it (busy timeout) instead of failing
        when it upgrades a read lock. The connection is kept between transactions
        (:mod:`welfareplan.core.keptwriter`: no schema parsed again at every autosave)."""
        self._check_writable()
        try:
            with self._writer.transaction() as con:
                yield con
        except sqlite3.Error as exc:
            failed = self._write_failed(exc)
            if failed is None:
                raise
            raise failed from exc

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(f"ファイル「{self.path.name}」は読み取り専用で開いています。")

    def _write_failed(self, exc: BaseException) -> WelfareplanError | None:
        """A full disk, an I/O error …: the transaction was rolled back, nothing half-written.
        None for any other error (a bug, not the disk's fault: it is passed on as it is)."""
        message = describe_sqlite_error(exc, self.path)
        if message is None:
            return None
        return WelfareplanError(
            message + "この変更は保存されていません（ファイルは前の状態のままです）。",
            code="write-failed",
        )

    # ------------------------------------------------------------------ metadata

    def meta(self) -> dict[str, str]:
        with self.read_connection() as con:
            return {str(k): str(v) for k, v in con.execute("SELECT key, value FROM wp_meta")}


def init_database(
    path: Path, kind: FileKind, extra_meta: dict[str, str], *, page_size: int | None = None
) -> None:
    """Create the empty schema of the current version in a new file, with its meta rows."""
    from welfareplan.core.model import Base, MetaItem, now  # the ORM classes load on demand

    init_schema(path, page_size=page_size)
    engine = make_engine(path)
    rows = [{"key": k, "value": v} for k, v in new_meta(kind, extra_meta, now()).items()]
    try:
        # a Core insert: an ORM flush would keep this file's dialect alive in the mapper's
        # compiled cache after the file is written (every department file of a distribute)
        with engine.begin() as conn:
            conn.execute(Base.metadata.tables[MetaItem.__tablename__].insert(), rows)
    finally:
        engine.dispose()


def init_schema(path: Path, *, page_size: int | None = None) -> None:
    """The header (``application_id``, ``user_version``) and the empty tables of the current
    version in a new file, without meta rows (:func:`init_database` adds them; a copy of a
    master copies its own, :mod:`welfareplan.core.mastercopy`)."""
    from welfareplan.core.model import Base

    con = sqlite3.connect(str(path))
    try:
        if page_size is not None:
            con.execute(f"PRAGMA page_size = {int(page_size)}")
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        con.execute("PRAGMA journal_mode = DELETE")
        con.commit()
    finally:
        con.close()
    engine = make_engine(path)
    try:
        Base.metadata.create_all(engine)
    finally:
        engine.dispose()


def new_meta(kind: FileKind, extra_meta: dict[str, str], at: dt.datetime) -> dict[str, str]:
    """The ``wp_meta`` rows of a new master or department file (a file or on a server)."""
    return {
        "file_kind": kind.value,
        "file_uuid": str(uuid.uuid4()),
        "app_version": __version__,
        "schema_version": str(SCHEMA_VERSION),
        "created_at": time_to_text(at),
    } | extra_meta


def verify_integrity(path: Path) -> None:
    con = sqlite3.connect(readonly_uri(path), uri=True)
    try:
        rows = con.execute("PRAGMA integrity_check").fetchall()
    finally:
        con.close()
    if [r[0] for r in rows] != ["ok"]:
        raise FileCheckError(
            f"作成したファイル「{path.name}」の整合性検査に失敗しました。", code="integrity"
        )


def copy_for_upgrade(path: Path, workdir: Path) -> Path:
    """Copy ``path`` into ``workdir`` (for reading an old-schema file without changing it)."""
    dest = workdir / f"{uuid.uuid4().hex}{path.suffix}"
    shutil.copyfile(path, dest)
    return dest
