"""Reading only regular files: never a FIFO, a device, a socket — also not through a link.

A returned "file" can be a symbolic link to ``/dev/zero`` (read until memory runs out) or a
named pipe called ``R7_介護福祉課.wpdb`` (opening it waits forever for a writer). Every file
we read is therefore looked at with ``stat`` first (following links: what a link points to is
what would be read), opened without waiting (``O_NONBLOCK``: opening a FIFO returns at once),
checked again on the open handle (the name could have been swapped in between), and read only
up to a limit. Windows has no FIFOs at these paths, but devices (``NUL``, ``CON``) and
directory junctions are refused the same way.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from welfareplan.core.errors import FileCheckError

_KINDS = (
    (stat.S_ISFIFO, "名前付きパイプ（FIFO）"),
    (stat.S_ISCHR, "デバイス"),
    (stat.S_ISBLK, "デバイス"),
    (stat.S_ISSOCK, "ソケット"),
)


def not_regular(path: Path, mode: int) -> FileCheckError:
    what = next((label for test, label in _KINDS if test(mode)), "通常のファイル以外のもの")
    return FileCheckError(
        f"「{path.name}」は通常のファイルではなく、{what}です。読み取りません。",
        code="not-regular",
    )


def check_regular(path: Path) -> os.stat_result:
    """``stat`` of ``path`` (following links) when it is a regular file; raises
    :class:`FileCheckError` (``not-found``, ``is-dir``, ``not-regular``) otherwise."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise FileCheckError(
            f"ファイル「{path.name}」が見つかりません。", code="not-found"
        ) from None
    if stat.S_ISDIR(st.st_mode):
        raise FileCheckError(
            f"「{path.name}」はフォルダです。ファイルを指定してください。", code="is-dir"
        )
    if not stat.S_ISREG(st.st_mode):
        raise not_regular(path, st.st_mode)
    return st


def open_regular(path: Path) -> BinaryIO:
    """Open ``path`` for reading, only if it is a regular file (see the module's text).
    Raises :class:`FileCheckError`, or ``OSError`` for the system's own refusals."""
    check_regular(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise not_regular(path, st.st_mode)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_limited(fh: BinaryIO, path: Path, limit: int, what: str) -> bytes:
    """The rest of ``fh``, refused as too large beyond ``limit`` bytes (also when the file
    grows while being read)."""
    data = fh.read(limit + 1)
    if len(data) > limit:
        raise too_large(path, len(data), what)
    return data


def too_large(path: Path, size: int, what: str) -> FileCheckError:
    return FileCheckError(
        f"ファイル「{path.name}」は大きすぎます（{size:,} バイト以上）。{what}",
        code="too-large",
    )


def copy_regular(source: Path, dest: Path, *, limit: int, what: str) -> None:
    """Copy the regular file ``source`` to ``dest`` (at most ``limit`` bytes)."""
    with open_regular(source) as fh, dest.open("wb") as out:
        copied = 0
        while chunk := fh.read(1 << 20):
            copied += len(chunk)
            if copied > limit:
                raise too_large(source, copied, what)
            out.write(chunk)
