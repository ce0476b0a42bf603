"""Writing files so that no reader ever sees a half-written one.

The pattern everywhere: write a temporary file in the destination's own folder (same volume,
so the final rename is atomic, also on SMB shares), flush it to disk, verify it, then replace
the destination in one step. On Windows a replace fails with ``PermissionError`` while another
program (a virus scanner, the Explorer preview) holds the file for a moment; we retry briefly.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.errortext import os_reason

REPLACE_RETRIES = 10
REPLACE_DELAY_S = 0.2


def temp_path_for(dest: Path, tag: str = "tmp") -> Path:
    """A hidden temporary name in the same folder as ``dest``."""
    return dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.{tag}")


def fsync_file(path: Path) -> None:
    with path.open("rb+") as fh:
        fh.flush()
        os.fsync(fh.fileno())


def fsync_dir(path: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened (Windows)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def replace_with_retry(
    src: Path,
    dest: Path,
    *,
    retries: int | None = None,
    delay: float | None = None,
    sleep: Callable[[float], None] | None = None,
) -> None:
    """``os.replace`` that waits out short-lived locks held by other programs (defaults:
    :data:`REPLACE_RETRIES` tries more, :data:`REPLACE_DELAY_S` growing waits, read at call
    time so they can be tuned)."""
    retries = REPLACE_RETRIES if retries is None else retries
    delay = REPLACE_DELAY_S if delay is None else delay
    sleep = time.sleep if sleep is None else sleep
    for attempt in range(retries + 1):
        try:
            os.replace(src, dest)
        except PermissionError:
            if attempt == retries:
                raise
            sleep(delay * (attempt + 1))
        else:
            fsync_dir(dest.parent)
            return


#: SQLite result codes that say the storage failed (not the data): full, I/O, permissions.
_STORAGE_ERRORS = (
    "SQLITE_FULL",
    "SQLITE_IOERR",
    "SQLITE_READONLY",
    "SQLITE_CANTOPEN",
    "SQLITE_PERM",
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
)


def describe_sqlite_error(exc: BaseException, path: Path) -> str | None:
    """A Japanese sentence for an SQLite error of the storage (disk full, I/O error, read-only,
    busy) while writing ``path``; None for any other error (a bug, not the disk's fault)."""
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    if not name.startswith(_STORAGE_ERRORS):
        return None
    file = path.name
    if name == "SQLITE_FULL":
        return f"ディスクの空き容量が足りないため「{file}」を保存できません。空き容量を確保してください。"
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM")):
        return f"「{file}」に書き込む権限がないか、保存先が読み取り専用です。"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return f"「{file}」は他のプログラムが使用中のため保存できません。しばらくしてからもう一度お試しください。"
    return f"「{file}」の読み書きに失敗しました（ディスクや接続を確かめてください）。"


def describe_os_error(exc: OSError, path: Path) -> str:
    """A Japanese sentence for an OS error while writing ``path``."""
    import errno

    name = path.name
    if exc.errno == errno.ENOSPC:
        return f"ディスクの空き容量が足りないため「{name}」を保存できません。空き容量を確保してください。"
    if isinstance(exc, PermissionError):
        return f"「{name}」に書き込む権限がないか、他のプログラムが使用中です。"
    if exc.errno == errno.EROFS:
        return f"「{name}」の保存先は読み取り専用です。"
    return f"「{name}」を保存できません（{os_reason(exc)}）。"


@contextlib.contextmanager
def atomic_target(dest: Path, *, overwrite: bool = True) -> Iterator[Path]:
    """Yield a temporary path; on success it replaces ``dest``, on any error it is removed.

    The caller writes the complete file to the yielded path.
    """
    dest = Path(dest)
    if dest.exists() and not overwrite:
        raise WelfareplanError(
            f"「{dest.name}」は既に存在します。別の名前を指定してください。", code="exists"
        )
    if not dest.parent.is_dir():
        raise WelfareplanError(f"保存先のフォルダ「{dest.parent}」がありません。", code="no-folder")
    tmp = temp_path_for(dest)
    try:
        yield tmp
        fsync_file(tmp)
        replace_with_retry(tmp, dest)
    except OSError as exc:
        raise WelfareplanError(describe_os_error(exc, dest), code="write-failed") from exc
    except sqlite3.Error as exc:  # SQLite writing the temporary file: the disk, not the data
        message = describe_sqlite_error(exc, dest)
        if message is None:
            raise
        raise WelfareplanError(message, code="write-failed") from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        for suffix in ("-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(str(tmp) + suffix).unlink(missing_ok=True)


def sqlite_snapshot(src: Path, dest: Path, *, durable: bool = True) -> None:
    """Copy a (possibly open) SQLite database consistently, via SQLite's backup API.

    ``durable=False`` leaves the copy to the operating system's cache instead of waiting for
    the disk: only for a copy that holds nothing the source does not (a working copy as it is
    opened). Its first commit makes it durable, since SQLite's full sync flushes the whole
    file; a copy cut off by a power cut before that fails the check that any recovery of it
    passes first, and the source is untouched."""
    source = sqlite3.connect(Path(src).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        target = sqlite3.connect(dest)
        try:
            if not durable:
                target.execute("PRAGMA synchronous = OFF")
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE").fetchall()  # never a WAL copy
        finally:
            target.close()
    finally:
        source.close()


def copy_file_atomic(src: Path, dest: Path) -> None:
    """Copy bytes of ``src`` to ``dest`` atomically (temp file in dest's folder + replace)."""
    with atomic_target(dest) as tmp:
        shutil.copyfile(src, tmp)
