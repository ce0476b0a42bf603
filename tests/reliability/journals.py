"""Generated rollback journals (https://www.sqlite.org/fileformat.html, "The Rollback Journal").

:func:`cut_off_save` leaves a file exactly as a save of the app cut off in the middle of its
commit does: the journal holds page 1 and every page the save changes, as they were, with
SQLite's header and checksums; the file holds the first of the new pages (SQLite writes them
in page order, page 1 first), the rest still old. Built from the bytes before and after a real
transaction, so it is as deterministic as a fixture and as faithful as a kill.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
import tempfile
from pathlib import Path

from tests.reliability.hostile import EnvLike
from welfareplan.core.fileformat import journal_path
from welfareplan.core.journal import JOURNAL_MAGIC

SECTOR = 512


def _checksum(nonce: int, page: bytes) -> int:
    total, i = nonce, len(page) - 200
    while i > 0:
        total += page[i]
        i -= 200
    return total & 0xFFFFFFFF


def journal_bytes(
    before: bytes, pages: list[int], page_size: int, *, nonce: int = 0x1234ABCD
) -> bytes:
    """A synced journal of the pages ``pages`` of the file ``before``."""
    head = JOURNAL_MAGIC + struct.pack(
        ">IIIII", len(pages), nonce, len(before) // page_size, SECTOR, page_size
    )
    out = bytearray(head.ljust(SECTOR, b"\0"))
    for number in pages:
        page = before[(number - 1) * page_size : number * page_size]
        out += struct.pack(">I", number) + page + struct.pack(">I", _checksum(nonce, page))
    return bytes(out)


def cut_off_save(path: Path, *statements: str, written: int = 2) -> None:
    """Leave ``path`` as a save running ``statements`` that was cut off after writing its
    first ``written`` changed pages."""
    before = path.read_bytes()
    page_size = struct.unpack(">H", before[16:18])[0] or 65536
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(shutil.copy(path, Path(tmp) / "work.wpdb"))
        con = sqlite3.connect(work, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        for statement in statements:
            con.execute(statement)
        con.execute("COMMIT")
        con.close()
        after = work.read_bytes()
    count = len(before) // page_size
    changed = [
        n
        for n in range(1, count + 1)
        if before[(n - 1) * page_size : n * page_size] != after[(n - 1) * page_size : n * page_size]
    ]
    assert changed and changed[0] == 1, "a save always changes page 1 (the change counter)"
    written_pages = (changed + list(range(count + 1, len(after) // page_size + 1)))[:written]
    data = bytearray(before)
    for n in written_pages:
        page = after[(n - 1) * page_size : n * page_size]
        if n <= count:
            data[(n - 1) * page_size : n * page_size] = page
        else:
            data += page
    journal_path(path).write_bytes(journal_bytes(before, changed, page_size))
    path.write_bytes(bytes(data))
    os.utime(path)


# ---------------------------------------------------------------------- corpus builders


SAVE = (
    "UPDATE entry_value SET value = value || '（途中）' WHERE field = 'result'",
    "UPDATE wp_meta SET value = '99' WHERE key = 'revision'",
)


def interrupted(env: EnvLike, name: str) -> Path:
    """A save of the app cut off half way (a hot journal that belongs to the file)."""
    path = env.valid(name)
    cut_off_save(path, *SAVE)
    return path


def journal_of_another_file(env: EnvLike, name: str) -> Path:
    """The journal of another department file's cut-off save, copied along beside this one."""
    path = env.valid(name)
    other = env.valid(name.replace(".wpdb", " 別.wpdb"))
    raw = sqlite3.connect(other)
    raw.execute("UPDATE wp_meta SET value = '7' WHERE key = 'revision'")  # its own history
    raw.commit()
    raw.close()
    cut_off_save(other, *SAVE)
    journal_path(path).write_bytes(journal_path(other).read_bytes())
    other.unlink()
    journal_path(other).unlink()
    return path


def journal_left_after_restore(env: EnvLike, name: str) -> Path:
    """The file was put back from an older copy after a save of a later state was cut off;
    that save's journal was left beside it."""
    path = env.valid(name)
    older = path.read_bytes()
    raw = sqlite3.connect(path)
    raw.execute(
        "INSERT OR REPLACE INTO entry_value (entry_id, field, value) "
        "SELECT entry_id, 'outlook', '後で書いた展望' FROM entry_value WHERE field = 'result'"
    )
    raw.execute("UPDATE wp_meta SET value = '2' WHERE key = 'revision'")
    raw.commit()
    raw.close()
    cut_off_save(path, "UPDATE entry_value SET value = '消えたはずの記入' WHERE field = 'result'")
    path.write_bytes(older)  # the restore; the journal stays
    return path


def appended_data_with_idle_journal(env: EnvLike, name: str) -> Path:
    """Data appended to the file, and a journal beside it that SQLite ignores (its first
    byte is zero): the journal must not switch the size check off."""
    path = env.valid(name)
    with path.open("ab") as fh:
        fh.write(b"\xa5" * 4096)
    journal_path(path).write_bytes(b"\0" * 1024)
    return path
