"""A save that was cut off: checking that a hot ``NAME-journal`` belongs to ``NAME`` before it is
rolled back, and rolling it back only in a private copy, after keeping both files.

SQLite's rollback journal holds the pages a transaction was about to change, as they were
before it (https://www.sqlite.org/fileformat.html, "The Rollback Journal"): a header — magic
bytes, the number of page records, a random nonce for the records' checksums, the database's
size in pages before the transaction, the sector and page size — then per record the page
number, the page's old content and a checksum (the nonce plus every 200th byte of the page).
SQLite rolls back whatever journal lies beside a file under its name. A journal that is not
this file's — copied along from another file, or left behind when the file itself was put
back from an older copy — would write its pages into the file: the file becomes damaged, or
silently regains rows without the rows that belong with them.

So before any rollback :func:`journal_mismatch` checks the journal against the file: a valid
header for the file's page size, no page beyond the file, and a record of page 1 with a
correct checksum holding *our* header, the journal's own "size before" and a change counter
the file's own counter can follow from (equal — then the file's page 1 must still be exactly
the recorded one — or one more when the crash came after page 1 was written). Page 1 is in every journal of a save that had begun to write into the file:
SQLite journals it at the commit, before the first page is written, and the app never lets
pages reach the file earlier (``PRAGMA cache_spill = OFF``, :func:`storage.no_early_writes`).
A journal without page 1 is accepted only when the file still holds every page it recorded
(nothing was written yet). :func:`recover_interrupted` then keeps
a copy of both files in the backup folder, rolls back a private copy of the two, checks the
result like any file we open, and only then puts it in place of the file and removes the
journal.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

from welfareplan.core.atomic import atomic_target
from welfareplan.core.backupnames import new_copy_name
from welfareplan.core.errors import FileCheckError
from welfareplan.core.errortext import os_reason
from welfareplan.core.fileformat import (
    APPLICATION_ID,
    check_file,
    journal_path,
    parse_header,
    read_header,
)

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
#: A journal larger than this is not one of our transactions (the largest is a merge).
MAX_JOURNAL_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class Journal:
    """What a rollback journal says, as far as its checksums vouch for it."""

    page_size: int
    initial_pages: int
    #: page number → the page's content before the transaction (valid records only)
    pages: dict[int, bytes]


def _checksum(nonce: int, data: bytes) -> int:
    total = nonce
    i = len(data) - 200
    while i > 0:
        total += data[i]
        i -= 200
    return total & 0xFFFFFFFF


def read_journal(data: bytes) -> Journal | None:
    """Parse a journal's bytes (every segment); None when its first header is not valid."""
    pages: dict[int, bytes] = {}
    offset = 0
    first: tuple[int, int] | None = None
    while offset + 28 <= len(data) and data[offset : offset + 8] == JOURNAL_MAGIC:
        records, nonce, initial, sector, page_size = struct.unpack(
            ">IIIII", data[offset + 8 : offset + 28]
        )
        if not (512 <= page_size <= 65536 and page_size & (page_size - 1) == 0):
            break
        if not (32 <= sector <= 65536 and sector & (sector - 1) == 0):
            break
        if first is None:
            first = (page_size, initial)
        elif page_size != first[0]:
            break
        offset += sector
        size = page_size + 8
        if records == 0xFFFFFFFF:  # written without syncs: the records fill the rest
            records = (len(data) - offset) // size
        done = 0
        while done < records and offset + size <= len(data):
            number = struct.unpack(">I", data[offset : offset + 4])[0]
            page = data[offset + 4 : offset + 4 + page_size]
            (stored,) = struct.unpack(">I", data[offset + 4 + page_size : offset + size])
            if number == 0 or stored != _checksum(nonce, page):
                return Journal(first[0], first[1], pages)  # SQLite stops here too
            pages.setdefault(number, page)  # the first copy of a page is its original
            offset += size
            done += 1
        if done < records:
            break
        offset = -(-offset // sector) * sector  # the next segment starts on a sector
    if first is None:
        return None
    return Journal(first[0], first[1], pages)


def journal_mismatch(
    path: Path, file_header: bytes, file_size: int, journal: Journal | None
) -> str:
    """Why ``journal`` is not the interrupted save of the file at ``path`` (whose first bytes
    and size are given): a Japanese phrase, or '' when it is."""
    if journal is None:
        return "保存の記録として読み取れません"
    header = parse_header(file_header)
    if journal.page_size != header.page_size:
        return "ページの大きさが違います"
    limit = max(journal.initial_pages, -(-file_size // header.page_size))
    if any(number > limit for number in journal.pages):
        return "ファイルにないページの記録があります"
    page1 = journal.pages.get(1)
    if page1 is None:
        # The app writes nothing into the file before page 1 is in the journal (no cache
        # spill): a journal without it is one of a save that had written nothing yet —
        # rolling back changes nothing — or another program's.
        if _pages_unchanged(path, journal):
            return ""
        return "ファイルの先頭ページの記録がなく、ファイルはすでに書き換えられています"
    before = parse_header(page1[:100])
    if not page1.startswith(b"SQLite format 3\x00") or before.application_id != APPLICATION_ID:
        return "welfareplan のファイルの記録ではありません"
    if before.expected_size is not None and before.page_count != journal.initial_pages:
        return "記録の中身が食い違っています"
    if header.change_counter not in (
        before.change_counter,
        (before.change_counter + 1) & 0xFFFFFFFF,
    ):
        return (
            f"ファイルの保存回数（{header.change_counter}）が記録（{before.change_counter}）と"
            "つながりません"
        )
    if header.change_counter == before.change_counter and not _pages_unchanged(
        path, Journal(journal.page_size, journal.initial_pages, {1: page1})
    ):
        # page 1 not yet rewritten by the save: it must be exactly the recorded one
        return "ファイルの先頭ページが記録と違います"
    return ""


def _pages_unchanged(path: Path, journal: Journal) -> bool:
    """Every page the journal holds is still the same in the file (nothing was written)."""
    try:
        with path.open("rb") as fh:
            for number, page in journal.pages.items():
                fh.seek((number - 1) * journal.page_size)
                if fh.read(journal.page_size) != page:
                    return False
    except OSError:
        return False
    return True


def foreign_journal_error(path: Path, reason: str) -> FileCheckError:
    journal = journal_path(path)
    return FileCheckError(
        f"ファイル「{path.name}」の横にある「{journal.name}」は、このファイルの中断された保存の記録と"
        f"一致しません（{reason}）。元に戻すとファイルが壊れるおそれがあるため、どちらも変更していません。"
        f"ファイルを別のコピーで置き換えたときに古い「{journal.name}」が残ったのであれば、それを別のフォルダに"
        "移して（消さずに保管して）から開き直してください。そうでなければ、バックアップから戻してください。",
        code="foreign-journal",
    )


def _keep_both(path: Path, journal: Path, folder: Path) -> Path:
    """Copies of the file and its journal, as they are (bytes), in ``folder``:
    ``NAME.YYYYMMDD-HHMMSS.interrupted.wpdb.kept`` and ``…wpdb-journal.kept`` (not backups to
    restore from — the file is half written — but what was there, kept for good)."""
    base = new_copy_name(folder, path, "interrupted", kept=True)
    kept_journal = base.with_name(base.name.removesuffix(".kept") + "-journal.kept")
    for source, dest in ((path, base), (journal, kept_journal)):
        with atomic_target(dest, overwrite=False) as tmp:
            shutil.copyfile(source, tmp)
    return base


def recover_interrupted(path: Path, keep_in: Path) -> Path:
    """Roll back the interrupted save of ``path`` after checking that its journal belongs to
    it and keeping a copy of both in the folder ``keep_in`` (its backup folder); returns the
    kept copy of the file. Raises :class:`FileCheckError` and changes nothing when the
    journal is not the file's."""
    journal = journal_path(path)
    raw, size = read_header(path)
    try:
        data = journal.read_bytes() if journal.stat().st_size <= MAX_JOURNAL_BYTES else b""
    except OSError as exc:
        raise FileCheckError(
            f"「{journal.name}」を読み取れません（{os_reason(exc)}）。", code="interrupted"
        ) from None
    reason = journal_mismatch(path, raw, size, read_journal(data))
    if reason:
        raise foreign_journal_error(path, reason)
    kept = _keep_both(path, journal, keep_in)
    with tempfile.TemporaryDirectory(prefix="wp-rollback-") as tmp:
        private = Path(tmp) / path.name
        shutil.copyfile(path, private)
        journal_path(private).write_bytes(data)
        try:
            con = sqlite3.connect(private)
            try:
                con.execute("PRAGMA schema_version").fetchall()  # SQLite rolls back the copy
            finally:
                con.close()
            if journal_path(private).exists() and journal_path(private).stat().st_size:
                raise FileCheckError(
                    f"ファイル「{path.name}」の中断された保存を元に戻せません。"
                    f"元のファイルと「{journal.name}」のコピーを「{kept.parent.name}」に保存しました。",
                    code="interrupted",
                )
            check_file(private)  # the rolled-back file is a healthy file of ours
        except (sqlite3.Error, FileCheckError) as exc:
            if isinstance(exc, FileCheckError) and exc.code == "interrupted":
                raise
            raise foreign_journal_error(path, "元に戻した結果が壊れています") from None
        with atomic_target(path) as target:
            shutil.copyfile(private, target)
    with contextlib.suppress(OSError):
        journal.unlink()
    return kept


def interrupted_note(path: Path, kept: Path) -> str:
    """What the user is told after :func:`recover_interrupted`."""
    return (
        f"「{path.name}」は前回の保存が途中で中断されていたため、最後に保存した状態に戻しました"
        f"（戻す前のファイルと中断された保存の記録は「{kept.parent.name}」フォルダに"
        f"「{kept.name}」として保存しました）。"
    )
