"""Reading a returned file into plain data, before any validation against the master.

Merge works on :class:`ReturnedFile`: what a returned file *claims* (its issuance record and
MAC, revision, submission) and *holds* (entry rows, digests of its plan rows). A reader turns
one kind of file into it; the shared validation and the three-way rules in
:mod:`welfareplan.workflow.returns.compare` never look at the file again.

Readers are tried in order (:data:`READERS`); the first whose ``accepts`` says yes reads the
file: the Excel worksheet reader (:mod:`welfareplan.workflow.returns.worksheet_reader`) takes every ZIP
file, the department-file reader (.wpdb) everything else. The types live in
:mod:`welfareplan.workflow.returns.returned_file` and are re-exported here.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from welfareplan.core.errors import FileCheckError, WelfareplanError
from welfareplan.core.errortext import os_reason, sqlite_reason
from welfareplan.core.evaluation_form import form_from_text
from welfareplan.core.fileformat import (
    HEADER_SIZE,
    READ_BUSY_TIMEOUT_S,
    SQLITE_MAGIC,
    FileKind,
    access_error,
    check_database,
    check_header,
    read_header,
    readonly_uri,
)
from welfareplan.core.migrations import upgrade_connection
from welfareplan.core.regularfile import open_regular, read_limited, too_large
from welfareplan.core.schemacheck import verify_schema
from welfareplan.core.textclean import clean_text
from welfareplan.core.walfiles import converted_copy, needs_conversion
from welfareplan.workflow.issuing.department_file import state_from_meta
from welfareplan.workflow.issuing.issue_record import digests, sqlite_plan_rows
from welfareplan.workflow.issuing.signing import IssueClaims
from welfareplan.workflow.returns.legacy import ContextV2, context_before_upgrade
from welfareplan.workflow.returns.returned_file import (
    ReturnedEntry,
    ReturnedFile,
    ReturnedReply,
    ReturnReader,
)
from welfareplan.workflow.returns.worksheet_reader import WorksheetReader
from welfareplan.workflow.wording import where_to

__all__ = [
    "READERS",
    "DepartmentFileReader",
    "ReturnReader",
    "ReturnedEntry",
    "ReturnedFile",
    "WorksheetReader",
    "read_returned",
]

#: Returned files larger than this are refused before reading (a department file of a plan
#: ten times the demo's is about 2 MB).
MAX_RETURN_BYTES = 64 * 1024 * 1024


def _corrupt(name: str, detail: object) -> FileCheckError:
    return FileCheckError(
        f"ファイル「{name}」の内容を読み取れません（壊れているか、形式が違います: {detail}）。",
        code="unreadable-content",
    )


def _cleaned(value: object) -> object:
    """Text cleaned by :func:`welfareplan.core.textclean.clean_text`; anything else as it is
    (refused by the checks, which name the value)."""
    return clean_text(value) if isinstance(value, str) else value


def _memory_database(path: Path, data: bytes, workdir: Path) -> sqlite3.Connection:
    """An in-memory database holding ``data`` (autocommit mode)."""
    con = sqlite3.connect(":memory:")
    con.isolation_level = None
    try:
        deserialize = getattr(con, "deserialize", None)
        if deserialize is not None:
            deserialize(data)
        else:  # an SQLite without the serialize API: go through a private file
            folder = Path(tempfile.mkdtemp(dir=workdir))
            try:
                copy = folder / path.name
                copy.write_bytes(data)
                src = sqlite3.connect(readonly_uri(copy), uri=True)
                try:
                    src.backup(con)
                finally:
                    src.close()
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        # As on a read-only file (check_file), quick_check leaves CHECK constraints to the
        # validation, which names the bad value precisely.
        con.execute("PRAGMA ignore_check_constraints = ON")
    except sqlite3.Error as exc:
        con.close()
        raise FileCheckError(
            f"ファイル「{path.name}」は壊れています（{sqlite_reason(exc)}）。", code="corrupt"
        ) from None
    return con


class DepartmentFileReader:
    """Reads department files (.wpdb) issued by ``welfareplan distribute``."""

    def accepts(self, path: Path, head: bytes) -> bool:
        return True  # the fallback: check_file explains what any other file is

    def read(self, path: Path, data: bytes, workdir: Path) -> ReturnedFile:
        name = path.name
        header = check_header(path, data[:HEADER_SIZE], len(data))
        # Everything below works on a private in-memory copy of the bytes read once (so the
        # SHA-256 and the content always agree); the returned file itself is only ever read,
        # and an older schema is upgraded in that copy.
        con = _memory_database(path, data, workdir)
        try:
            check = check_database(con, path, header, len(data), expect=FileKind.DEPARTMENT)
            meta = check.meta
            upgraded_from = None
            legacy_context = None
            if check.needs_upgrade:
                try:
                    legacy_context = context_before_upgrade(
                        con, check.schema_version, _context_keys(con, path)
                    )
                    version = upgrade_connection(con, check.schema_version)
                except (sqlite3.Error, RuntimeError) as exc:
                    raise FileCheckError(
                        f"ファイル「{name}」は古い形式（{check.schema_version}）で、新しい形式に更新できません（{sqlite_reason(exc) if isinstance(exc, sqlite3.Error) else 'この版のアプリでは更新できない形式です'}）。",
                        code="upgrade-failed",
                    ) from None
                upgraded_from = check.schema_version
                verify_schema(con, name, version)
                meta = dict(con.execute("SELECT key, value FROM wp_meta").fetchall())
            return self._read(con, path, data, meta, upgraded_from, legacy_context=legacy_context)
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            raise _corrupt(name, exc) from None
        finally:
            con.close()

    def _read(
        self,
        con: sqlite3.Connection,
        path: Path,
        data: bytes,
        meta: Mapping[str, str],
        upgraded_from: int | None,
        *,
        legacy_context: Mapping[str, str] | None = None,
    ) -> ReturnedFile:
        name = path.name
        state = state_from_meta(meta, name=name)
        records = con.execute(
            "SELECT id, round_id, department_id, file_format, issued_at, entry_keys, context, mac "
            "FROM issued_file"
        ).fetchall()
        if len(records) != 1:
            raise FileCheckError(
                f"ファイル「{name}」には配布の記録がありません（{len(records)} 件）。"
                f"{where_to('distribute')}で配布したファイルを指定してください。",
                code="missing-issue",
            )
        fid, round_id, dept_id, fmt, issued_at, keys_text, context_text, mac = records[0]
        try:
            keys = json.loads(keys_text)
            context = json.loads(context_text)
        except (TypeError, ValueError) as exc:
            raise _corrupt(name, exc) from None
        if not (
            isinstance(keys, list)
            and all(isinstance(k, str) for k in keys)
            and isinstance(context, dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in context.items())
            and all(isinstance(v, str) for v in (fid, round_id, dept_id, fmt, issued_at, mac))
        ):
            raise _corrupt(name, "配布の記録の形式")
        claims = IssueClaims(
            file_id=fid,
            workbook_uuid=state.workbook_uuid,
            round_id=round_id,
            department_id=dept_id,
            entry_keys=tuple(keys),
            issued_at=issued_at,
            file_format=fmt,
            context=context,
        )
        values: dict[str, dict[str, object]] = {}
        # The one rule for text that enters (what the department app and the worksheet reader
        # apply too) for the text fields of the round's form; a value that is not text, a
        # code or a number as stored is refused later. Only the issued round's values: other
        # rounds' rows are reference, never merged.
        texts = _text_keys(con, round_id)
        for entry_id, field, value in con.execute(
            "SELECT v.entry_id, v.field, v.value FROM entry_value v "
            "JOIN entry e ON e.id = v.entry_id WHERE e.round_id = ?",
            (round_id,),
        ):
            key = str(field)
            values.setdefault(str(entry_id), {})[key] = _cleaned(value) if key in texts else value
        entries = tuple(
            ReturnedEntry(
                entry_id=str(r[0]),
                round_id=str(r[1]),
                project_id=str(r[2]),
                department_id=str(r[3]),
                values=values.get(str(r[0]), {}),
                updated_at=r[4] if isinstance(r[4], str) else None,
                updated_by=clean_text(r[5]) if isinstance(r[5], str) else "",
            )
            for r in con.execute(
                "SELECT id, round_id, project_id, department_id, updated_at, updated_by FROM entry"
            )
        )
        plan_rows = sqlite_plan_rows(con, context.keys())
        replies = []
        for nid, cid, text, author, at in con.execute(
            "SELECT id, comment_id, text, author, at FROM review_note "
            "WHERE kind = 'reply' AND file_id = ? ORDER BY seq, id",
            (fid,),
        ):
            if not all(isinstance(v, str) for v in (nid, cid, text, author)):
                raise _corrupt(name, "差戻しへの回答の形式")
            if clean_text(text).strip():
                stamp = at if isinstance(at, str) else None
                replies.append(ReturnedReply(nid, cid, clean_text(text), clean_text(author), stamp))
        return ReturnedFile(
            path=path,
            sha256=hashlib.sha256(data).hexdigest(),
            file_format="wpdb",
            claims=claims,
            mac=mac,
            state=state,
            entries=entries,
            context=digests(plan_rows),
            legacy_context=(
                dict(legacy_context) if legacy_context is not None else ContextV2(plan_rows)
            ),
            upgraded_from=upgraded_from,
            replies=tuple(replies),
        )


def _text_keys(con: sqlite3.Connection, round_id: str) -> frozenset[str]:
    """The keys of the text fields of the form of ``round_id``'s plan in a returned file."""
    row = con.execute(
        "SELECT p.form FROM round r JOIN plan p ON p.id = r.plan_id WHERE r.id = ?", (round_id,)
    ).fetchone()
    try:
        form = form_from_text(row[0]) if row is not None else None
    except (TypeError, ValueError, WelfareplanError):
        form = None  # the checks refuse such a file (its round or plan is not the master's)
    return frozenset(f.key for f in form.text_fields) if form is not None else frozenset()


def _context_keys(con: sqlite3.Connection, path: Path) -> list[str]:
    """The project ids of the issuance record's plan context (read before an upgrade)."""
    try:
        found = con.execute("SELECT context FROM issued_file").fetchall()
        return [str(k) for row in found for k in json.loads(row[0])]
    except (sqlite3.Error, TypeError, ValueError, AttributeError) as exc:
        raise _corrupt(path.name, exc) from None


#: Readers tried in order: an Excel worksheet is recognised by its ZIP header, anything else
#: goes to the department-file reader, whose checks explain what the file is.
READERS: list[ReturnReader] = [WorksheetReader(), DepartmentFileReader()]


def _read_bytes(path: Path) -> bytes:
    """The whole file, read once: only a regular file, refused when huge before it is read
    (:mod:`welfareplan.core.regularfile`).

    An SQLite file is read while holding SQLite's shared lock, so the bytes are one committed
    state: not a save in progress by another program (it is refused as busy) nor one that
    was cut off (a hot journal beside it: refused, the file needs opening in the app once).
    A file another tool switched to WAL mode (or with ``-wal``/``-shm`` beside it) is read
    through a private converted copy: SQLite never opens it, nothing is created beside it."""
    too_big = "配布した担当課ファイルではありません。"
    try:
        with open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_RETURN_BYTES:
                raise too_large(path, size, too_big)
            head = fh.read(HEADER_SIZE)
            fh.seek(0)
            if not head.startswith(SQLITE_MAGIC):
                return read_limited(fh, path, MAX_RETURN_BYTES, too_big)
            if needs_conversion(path, head):
                with tempfile.TemporaryDirectory(prefix="wp-return-") as tmp:
                    private = converted_copy(path, Path(tmp))
                    with private.open("rb") as copy:
                        return read_limited(copy, path, MAX_RETURN_BYTES, too_big)
            with _shared_lock(path):
                return read_limited(fh, path, MAX_RETURN_BYTES, too_big)
    except sqlite3.Error:
        raise FileCheckError(
            f"ファイル「{path.name}」は壊れています（WAL 形式の内容を読み取れません）。",
            code="corrupt",
        ) from None
    except OSError as exc:
        read_header(path)  # raises the precise reason: missing, a folder, no permission
        raise FileCheckError(
            f"ファイル「{path.name}」を読み取れません（{os_reason(exc)}）。", code="unreadable"
        ) from None


@contextlib.contextmanager
def _shared_lock(path: Path) -> Iterator[None]:
    """Hold SQLite's shared lock on ``path`` (no writer can commit meanwhile). A file SQLite
    cannot read at all is left to the reader's checks, which say what is wrong with it."""
    try:
        con = sqlite3.connect(readonly_uri(path), uri=True, timeout=READ_BUSY_TIMEOUT_S)
    except sqlite3.Error:
        yield
        return
    try:
        try:
            con.execute("BEGIN")
            con.execute("PRAGMA schema_version").fetchone()
        except sqlite3.Error as exc:
            precise = access_error(exc, path)
            if precise is not None:
                raise precise from None
        yield
    finally:
        con.close()


def read_returned(path: Path, workdir: Path) -> ReturnedFile:
    """Read ``path`` with the first reader that accepts it. Raises :class:`WelfareplanError`."""
    path = Path(path)
    data = _read_bytes(path)
    head = data[:HEADER_SIZE]
    for reader in READERS:
        if reader.accepts(path, head):
            return reader.read(path, data, workdir)
    raise WelfareplanError(f"ファイル「{path.name}」は取り込めない種類です。", code="no-reader")
