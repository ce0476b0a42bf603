"""A file's first bytes, read through a descriptor kept open while SQLite may hold the file.

SQLite's locks on Linux and macOS belong to the process, and closing **any** descriptor of the
file releases them all (:mod:`welfareplan.core.heldwrite`). Reading a database's header with
``open()`` … ``close()`` while another thread's connection holds a lock on it (a write-back
asking whether the working copy changed while a merge writes into it) would let another process
write into the middle of that transaction. :class:`KeptHandle` reads instead through a
descriptor that stays open until its owner (a working copy, an open workbook) lets go, after
the owner's own SQLite connections are closed:

* the descriptors of one file (device and inode) are shared by all its owners and closed only
  when the last of them lets go (:meth:`KeptHandle.close`);
* a file replaced under the path (a restore, a catch-up, another program) is followed: the
  file now at the path gets a descriptor of its own, and the old file's stays open until the
  owner lets go (a connection may still hold a lock on it).

Windows has no such trap (a lock belongs to the handle that took it), and a handle kept open
there would keep the file from being replaced or removed: there each read opens and closes a
handle of its own, as a plain read does.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

#: False where closing a descriptor releases nothing of SQLite's (Windows).
KEEPS_DESCRIPTORS = os.name != "nt"

_Identity = tuple[int, int]

_GUARD = threading.Lock()
#: every kept descriptor, by the file (device, inode) it was opened on
_DESCRIPTORS: dict[_Identity, list[int]] = {}
#: how many handles keep each file's descriptors open
_OWNERS: dict[_Identity, int] = {}


def _identity(st: os.stat_result) -> _Identity:
    return st.st_dev, st.st_ino


def kept_descriptors() -> int:
    """How many descriptors are kept open now (for tests)."""
    with _GUARD:
        return sum(len(fds) for fds in _DESCRIPTORS.values())


class KeptHandle:
    """Reads the first bytes of the file at ``path`` without ever closing a descriptor of it
    while it is held (see the module); :meth:`close` once every connection is closed."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._files: set[_Identity] = set()

    def read(self, size: int) -> bytes:
        """The first ``size`` bytes (fewer for a shorter file) of the file now at the path.
        Raises OSError when there is none."""
        if not KEEPS_DESCRIPTORS:
            with self.path.open("rb") as fh:
                return fh.read(size)
        for _ in range(3):  # the path is replaced again while it is being opened: rare
            now = _identity(os.stat(self.path))
            with _GUARD:
                fds = _DESCRIPTORS.get(now) if now in self._files else None
                if fds:
                    return os.pread(fds[0], size, 0)
            self._keep()
        raise OSError(f"the file at {self.path} keeps being replaced")

    def _keep(self) -> None:
        """Open a descriptor of the file now at the path and keep it."""
        fd = os.open(self.path, os.O_RDONLY)
        opened = _identity(os.fstat(fd))
        with _GUARD:
            _DESCRIPTORS.setdefault(opened, []).append(fd)
            if opened not in self._files:
                self._files.add(opened)
                _OWNERS[opened] = _OWNERS.get(opened, 0) + 1

    def close(self) -> None:
        """Let go: the descriptors of a file no other handle keeps are closed. Only once no
        connection of this process holds a lock on the file (its owner's are closed)."""
        to_close: list[int] = []
        with _GUARD:
            for file in self._files:
                _OWNERS[file] -= 1
                if not _OWNERS[file]:
                    del _OWNERS[file]
                    to_close += _DESCRIPTORS.pop(file, [])
            self._files.clear()
        for fd in to_close:
            os.close(fd)
