"""What makes a file ours, and the read-only checks run before any file is opened.

A welfareplan file is an SQLite database whose header carries our ``application_id`` and the
schema version in ``user_version``. :func:`check_file` reads the 100-byte header directly and
then runs ``PRAGMA quick_check`` on a read-only connection and compares the file's schema with
the one of its version (:mod:`welfareplan.core.schemacheck`), so a file that is not ours, is
newer than this app, is damaged or carries SQL or structure of its own is refused with a
Japanese message and never touched.
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import struct
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from welfareplan.core.errors import FileCheckError, SchemaTooNewError
from welfareplan.core.errortext import os_reason, sqlite_reason
from welfareplan.core.regularfile import open_regular
from welfareplan.core.schemacheck import refuse_duplicates, verify_schema
from welfareplan.core.walfiles import converted_copy, needs_conversion

#: ``PRAGMA application_id`` of every welfareplan file: the ASCII bytes "WPLN".
APPLICATION_ID = 0x57504C4E
#: The schema version this app writes (``PRAGMA user_version``). See core.migrations.
SCHEMA_VERSION = 5
#: Oldest schema version this app can upgrade.
OLDEST_SUPPORTED_SCHEMA = 1

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
FILE_SUFFIX = ".wpdb"
#: How long a read waits for another program's write to finish before giving up (seconds).
READ_BUSY_TIMEOUT_S = 2.0


class FileKind(StrEnum):
    WORKBOOK = "workbook"
    DEPARTMENT = "department"

    @property
    def label(self) -> str:
        return {"workbook": "マスターワークブック", "department": "担当課ファイル"}[self.value]


@dataclass(frozen=True)
class SqliteHeader:
    page_size: int
    page_count: int
    application_id: int
    user_version: int
    change_counter: int
    version_valid_for: int

    @property
    def expected_size(self) -> int | None:
        """The size the header promises, when the in-header page count is valid."""
        if self.page_count and self.change_counter == self.version_valid_for:
            return self.page_size * self.page_count
        return None


@dataclass(frozen=True)
class FileCheck:
    """The result of :func:`check_file` for a file that passed every check."""

    path: Path
    kind: FileKind
    schema_version: int
    file_uuid: str
    size: int
    #: The file's ``wp_meta`` key/values as read by the check (callers need not read them again).
    meta: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    #: What the user should be told about a repair made before opening ('' if none): an
    #: interrupted save rolled back, a WAL-mode file converted (``storage.check_for_writing``).
    note: str = field(default="", compare=False)

    @property
    def needs_upgrade(self) -> bool:
        return self.schema_version < SCHEMA_VERSION


def parse_header(raw: bytes) -> SqliteHeader:
    page_size = struct.unpack(">H", raw[16:18])[0]
    if page_size == 1:
        page_size = 65536
    return SqliteHeader(
        page_size=page_size,
        page_count=struct.unpack(">I", raw[28:32])[0],
        change_counter=struct.unpack(">I", raw[24:28])[0],
        version_valid_for=struct.unpack(">I", raw[92:96])[0],
        user_version=struct.unpack(">I", raw[60:64])[0],
        application_id=struct.unpack(">I", raw[68:72])[0],
    )


def _describe_foreign(raw: bytes) -> str:
    """A short Japanese description of what a non-SQLite file probably is."""
    if raw.startswith(b"PK\x03\x04"):
        return "ZIP形式のファイル（Excelの .xlsx や Word の .docx を含む）です"
    if raw.startswith(b"\x89PNG"):
        return "画像ファイル（PNG）です"
    if raw.startswith(b"%PDF"):
        return "PDFファイルです"
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        return "古い形式のOffice文書（.xls / .doc）です"
    return "SQLiteデータベースではありません"


def read_header(path: Path) -> tuple[bytes, int]:
    """Read the first bytes of ``path`` without changing anything. Returns (bytes, size).
    Only a regular file is read (:mod:`welfareplan.core.regularfile`): a FIFO, a device or a
    link to one is refused before it could block or never end."""
    name = path.name
    try:
        with open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            raw = fh.read(HEADER_SIZE)
    except PermissionError:
        raise FileCheckError(
            f"ファイル「{name}」を読み取る権限がありません。", code="permission"
        ) from None
    except OSError as exc:
        raise FileCheckError(
            f"ファイル「{name}」を読み取れません（{os_reason(exc)}）。", code="unreadable"
        ) from None
    return raw, size


def check_header(path: Path, raw: bytes, size: int, *, check_size: bool = True) -> SqliteHeader:
    """The header's checks (ours, a version this app reads) and, with ``check_size``, that
    the file is exactly as long as its pages (see :func:`check_size`)."""
    name = path.name
    if size == 0:
        raise FileCheckError(f"ファイル「{name}」は空です（0バイト）。", code="empty")
    if not raw.startswith(SQLITE_MAGIC):
        raise FileCheckError(
            f"ファイル「{name}」は welfareplan のファイルではありません（{_describe_foreign(raw)}）。",
            code="not-sqlite",
        )
    if len(raw) < HEADER_SIZE:
        raise FileCheckError(
            f"ファイル「{name}」は途中で切れています（壊れています）。", code="truncated"
        )
    header = parse_header(raw)
    if header.application_id != APPLICATION_ID:
        raise FileCheckError(
            f"ファイル「{name}」は他のアプリケーションのデータベースで、welfareplan のファイルではありません。",
            code="foreign-app",
        )
    if header.user_version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"ファイル「{name}」は新しい版の welfareplan で作成されています"
            f"（ファイルの形式 {header.user_version}、このアプリは {SCHEMA_VERSION} まで）。"
            "アプリを更新してから開いてください。",
        )
    if header.user_version < OLDEST_SUPPORTED_SCHEMA:
        raise FileCheckError(
            f"ファイル「{name}」の形式（{header.user_version}）は古すぎるため開けません。",
            code="too-old",
        )
    if check_size:
        check_file_size(path, header, size)
    return header


def check_file_size(path: Path, header: SqliteHeader, size: int) -> None:
    """A file of ours is exactly as long as its pages once a save is complete: shorter is cut
    off, longer has data appended (damage or tampering). Only for a file without a hot
    journal, or for bytes read under SQLite's shared lock (a writer's pages are not half
    written then)."""
    name = path.name
    expected = header.expected_size
    if expected is not None and size < expected:
        raise FileCheckError(
            f"ファイル「{name}」は途中で切れています（{size:,} バイト、本来は {expected:,} バイト）。"
            "送り直してもらうか、バックアップから戻してください。",
            code="truncated",
        )
    if expected is not None and size > expected:
        raise FileCheckError(
            f"ファイル「{name}」には、データベースの後ろに余分なデータ（{size - expected:,} バイト）が"
            "付いています（壊れているか、書き換えられています）。送り直してもらうか、バックアップから戻してください。",
            code="trailing-data",
        )


def journal_path(path: Path) -> Path:
    """SQLite's rollback journal of ``path`` (present while a save is in progress, and after
    a save was cut off by a crash or a power cut: a *hot* journal)."""
    return path.with_name(path.name + "-journal")


def has_journal(path: Path) -> bool:
    try:
        return journal_path(path).stat().st_size > 0
    except OSError:
        return False


def sqlite_error_name(exc: BaseException) -> str:
    """The SQLite result code name of ``exc`` ('SQLITE_BUSY' …; '' when unknown)."""
    return str(getattr(exc, "sqlite_errorname", "") or "")


def interrupted_error(path: Path) -> FileCheckError:
    return FileCheckError(
        f"ファイル「{path.name}」は前回の保存が途中で中断されたままです"
        f"（「{journal_path(path).name}」が残っています）。"
        "welfareplan で一度開くと、最後に保存した状態に戻ります。",
        code="interrupted",
    )


def busy_error(path: Path) -> FileCheckError:
    return FileCheckError(
        f"ファイル「{path.name}」は他のプログラムが書き込み中のため読み取れません。"
        "書き込みが終わってから（そのプログラムを閉じてから）もう一度お試しください。",
        code="busy",
    )


def access_error(exc: BaseException, path: Path) -> FileCheckError | None:
    """The precise error for an SQLite error that says nothing about the file's health: a hot
    journal a read-only connection may not roll back, or another program's write lock."""
    name = sqlite_error_name(exc)
    if name == "SQLITE_READONLY_ROLLBACK":
        return interrupted_error(path)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return busy_error(path)
    return None


def readonly_uri(path: Path) -> str:
    """A SQLite URI that opens ``path`` read-only (works for spaces and Japanese names).

    The path is made absolute without resolving it: SQLite resolves symbolic links and ``..``
    itself when it opens the file, so a system call per folder level here would be wasted
    (it counts when a merge opens dozens of returned files)."""
    return Path(path).absolute().as_uri() + "?mode=ro"


def check_file(
    path: Path | str, *, expect: FileKind | None = None, thorough: bool = True
) -> FileCheck:
    """Check that ``path`` is a healthy welfareplan file. Never writes to it.

    ``thorough=False`` leaves out the two checks that read every page (``quick_check`` and
    the duplicate keys): for finding out *which* file this is (its id, kind and version)
    before it is opened — whatever is then opened or read gets the whole check.

    Raises :class:`FileCheckError` (Japanese message) when it is not: code ``interrupted``
    when a save was cut off (a writer recovers it with
    :func:`welfareplan.core.journal.recover_interrupted`), ``busy`` while another program
    writes to it.
    """
    path = Path(path)
    raw, size = read_header(path)
    header = check_header(path, raw, size, check_size=False)
    if needs_conversion(path, raw):
        # another tool's WAL mode or side files: SQLite must not open the file itself (it
        # would create side files beside it, and apply a -wal that may not belong to it)
        with tempfile.TemporaryDirectory(prefix="wp-check-") as tmp:
            try:
                private = converted_copy(path, Path(tmp))
            except (OSError, sqlite3.Error):
                raise FileCheckError(
                    f"ファイル「{path.name}」は壊れています（WAL 形式の内容を読み取れません）。",
                    code="corrupt",
                ) from None
            return dataclasses.replace(
                check_file(private, expect=expect, thorough=thorough), path=path
            )
    name = path.name
    try:
        con = sqlite3.connect(readonly_uri(path), uri=True, timeout=READ_BUSY_TIMEOUT_S)
    except sqlite3.Error:
        raise FileCheckError(
            f"ファイル「{name}」を開けません（SQLite で開けないファイルです）。", code="unopenable"
        ) from None
    try:
        if has_journal(path):
            # SQLite decides whether the journal is hot (a save cut off: refused here) or a
            # live writer's; once we can read, the file's size is its committed size
            _probe(con, path)
            size = path.stat().st_size
        check_file_size(path, header, size)
        try:
            return check_database(con, path, header, size, expect=expect, thorough=thorough)
        except FileCheckError:
            if thorough:
                raise
            # a damaged page can look like a missing table or value: the whole check says
            # what is really wrong with the file
            check_database(con, path, header, size, expect=expect)
            raise
    finally:
        con.close()


def _probe(con: sqlite3.Connection, path: Path) -> None:
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchall()
    except sqlite3.Error as exc:
        precise = access_error(exc, path)
        if precise is not None:
            raise precise from None
        raise FileCheckError(
            f"ファイル「{path.name}」は壊れています（データベースの構造を読み取れません）。",
            code="corrupt",
        ) from None


def check_database(
    con: sqlite3.Connection,
    path: Path,
    header: SqliteHeader,
    size: int,
    *,
    expect: FileKind | None = None,
    thorough: bool = True,
) -> FileCheck:
    """The checks of :func:`check_file` after the header, on an open connection to the file's
    content (the file itself, or an in-memory copy of its bytes). Reads only."""
    name = path.name
    try:
        rows = con.execute("PRAGMA quick_check" if thorough else "SELECT 'ok'").fetchall()
    except UnicodeDecodeError:
        # the report of a damaged page can quote its bytes, which are not text
        raise FileCheckError(
            f"ファイル「{name}」は壊れています（整合性検査で読めない内容が見つかりました）。"
            "送り直してもらうか、バックアップから戻してください。",
            code="corrupt",
        ) from None
    except sqlite3.DatabaseError as exc:
        precise = access_error(exc, path)
        if precise is not None:
            raise precise from None
        raise FileCheckError(
            f"ファイル「{name}」は壊れています（{sqlite_reason(exc)}）。", code="corrupt"
        ) from None
    if [r[0] for r in rows] != ["ok"]:
        raise FileCheckError(
            f"ファイル「{name}」は壊れています（整合性検査で {len(rows)} 件の問題）。"
            "送り直してもらうか、バックアップから戻してください。",
            code="corrupt",
        )
    # exactly our schema (no trigger, no view, nothing added or missing) before any table
    # is read, and no key held by two rows
    try:
        schema = verify_schema(con, name, header.user_version)
        if thorough:
            refuse_duplicates(con, name, schema)
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        raise FileCheckError(
            f"ファイル「{name}」は壊れています（データベースの構造を読み取れません）。"
            "送り直してもらうか、バックアップから戻してください。",
            code="corrupt",
        ) from None
    try:
        rows = con.execute("SELECT key, value FROM wp_meta").fetchall()
    except (sqlite3.DatabaseError, UnicodeDecodeError):
        raise FileCheckError(
            f"ファイル「{name}」には welfareplan の管理情報がありません（壊れているか、別の形式です）。",
            code="missing-meta",
        ) from None
    odd = sorted(str(k) for k, v in rows if not (isinstance(k, str) and isinstance(v, str)))
    if odd:
        # the column is text, but SQLite stores a BLOB as it is: not a value we wrote
        raise FileCheckError(
            f"ファイル「{name}」の管理情報（{', '.join(odd[:3])}）が文字ではありません"
            "（書き換えられたファイルです）。",
            code="bad-meta",
        )
    meta = dict(rows)
    try:
        kind = FileKind(meta.get("file_kind", ""))
    except ValueError:
        raise FileCheckError(
            f"ファイル「{name}」の種類が不明です（{meta.get('file_kind', '未設定')}）。",
            code="bad-kind",
        ) from None
    if expect is not None and kind is not expect:
        raise FileCheckError(
            f"ファイル「{name}」は{kind.label}です。ここには{expect.label}を指定してください。",
            code="wrong-kind",
        )
    return FileCheck(
        path=path,
        kind=kind,
        schema_version=header.user_version,
        file_uuid=meta.get("file_uuid", ""),
        size=size,
        meta=meta,
    )


def is_writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
