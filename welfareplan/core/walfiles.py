"""Files another SQLite tool switched to WAL mode, or with ``-wal`` / ``-shm`` files beside them.

The app never uses WAL (it does not work on network file systems), but another SQLite tool can
switch a file to it (``PRAGMA journal_mode = WAL``, recorded in the file's header) and leave a
``NAME-wal`` holding committed changes beside it. SQLite then reads the file *together with*
any ``-wal`` beside it — also one left over from an earlier state, which would hide whatever
was written into the file since — and merely reading creates ``-wal`` and ``-shm`` beside it.

So such a file is never opened in place: :func:`converted_copy` copies the file and its
``-wal`` (bytes, no SQLite on the original) into a private folder, where SQLite applies the
WAL and switches the copy back to a rollback journal. Reading (a returned file, a check, a
read-only view) uses that copy; opening for writing converts the file itself
(:func:`convert_in_place`): copies of the file and its side files are kept in the backup
folder, the checked copy replaces the file, and then the side files are removed.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from welfareplan.core.atomic import atomic_target
from welfareplan.core.backupnames import new_copy_name
from welfareplan.core.regularfile import copy_regular

SIDE_SUFFIXES = ("-wal", "-shm")
#: A file (or its -wal) larger than this is not ours.
MAX_COPY_BYTES = 1024 * 1024 * 1024
TOO_LARGE = "welfareplan のファイルではありません。"


def side_files(path: Path) -> list[Path]:
    """The ``-wal`` and ``-shm`` files beside ``path`` that exist."""
    return [p for p in (path.with_name(path.name + s) for s in SIDE_SUFFIXES) if p.exists()]


def in_wal_mode(header: bytes) -> bool:
    """The file's header says WAL (read and write version 2)."""
    return len(header) >= 20 and 2 in (header[18], header[19])


def needs_conversion(path: Path, header: bytes) -> bool:
    return in_wal_mode(header) or bool(side_files(path))


def side_file_state(path: Path) -> tuple[tuple[str, int, int], ...]:
    """What the side files of ``path`` are now (to notice when they change)."""
    state = []
    for p in side_files(path):
        with contextlib.suppress(OSError):
            st = p.stat()
            state.append((p.name, st.st_size, st.st_mtime_ns))
    return tuple(state)


def converted_copy(path: Path, folder: Path) -> Path:
    """A private copy of ``path`` (same name, in ``folder``) with its ``-wal`` applied, in
    rollback-journal mode, without side files. Only the bytes of ``path`` and its ``-wal``
    are read."""
    dest = folder / path.name
    copy_regular(path, dest, limit=MAX_COPY_BYTES, what=TOO_LARGE)
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        copy_regular(wal, dest.with_name(dest.name + "-wal"), limit=MAX_COPY_BYTES, what=TOO_LARGE)
    con = sqlite3.connect(dest)
    try:
        con.execute("PRAGMA journal_mode = DELETE").fetchall()  # checkpoints the WAL
    finally:
        con.close()
    for side in side_files(dest):
        side.unlink()
    return dest


def _keep(path: Path, keep_in: Path, reason: str) -> Path:
    """Copies of ``path`` and its side files in ``keep_in`` (``….REASON.wpdb.kept``,
    ``….REASON.wpdb-wal.kept`` …); returns the first."""
    kept = new_copy_name(keep_in, path, reason, kept=True)
    for source in (path, *side_files(path)):
        tail = source.name[len(path.name) :]
        dest = kept.with_name(kept.name.removesuffix(".kept") + tail + ".kept")
        with atomic_target(dest) as tmp:
            copy_regular(source, tmp, limit=MAX_COPY_BYTES, what=TOO_LARGE)
    return kept


def discard_side_files(path: Path, keep_in: Path) -> None:
    """Remove the side files of ``path`` (their content was brought in), after keeping
    copies of them with the file in ``keep_in``."""
    _keep(path, keep_in, "wal")
    for side in side_files(path):
        side.unlink()


def convert_in_place(path: Path, keep_in: Path, check: Callable[[Path], object]) -> str:
    """Make ``path`` a rollback-journal file again, holding what SQLite shows of it with its
    ``-wal``: copies of the file and its side files are kept in ``keep_in``, the converted
    copy must pass ``check`` (:func:`~welfareplan.core.fileformat.check_file`) before it
    replaces the file, and only then are the side files removed. Needs the file's lock.
    Returns what to tell the user."""
    kept = _keep(path, keep_in, "wal")
    with tempfile.TemporaryDirectory(prefix="wp-wal-") as tmp:
        private = converted_copy(path, Path(tmp))
        check(private)
        with atomic_target(path) as target:
            shutil.copyfile(private, target)
    for side in side_files(path):
        side.unlink()
    return (
        f"「{path.name}」は他の SQLite のツールで WAL 形式に変えられていたため、その内容のまま"
        "welfareplan の形式に戻しました（元のファイルと横にあった「-wal」「-shm」のコピーは"
        f"「{keep_in.name}」フォルダに「{kept.name}」などとして保存しました）。"
    )
