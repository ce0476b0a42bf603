"""How a command opens the master workbook: as one of its writers, or only to read it.

A command that may change the master (``merge``, ``round --new``, ``backups --restore`` …)
first takes the master's lock file (``NAME.lock``, :func:`welfareplan.core.lockfile.holding`),
the same lock the window holds while the master is open there: of all writers — windows and
commands, on this computer or another — one at a time. A command that cannot get it says who
holds it and changes nothing (exit status 2). A stale lock (its process gone, or not refreshed
for 15 minutes) is taken over and the command says whose it was.

A command that only reads opens the master read-only and takes no lock, so it works while
the master is open in a window. Only when the file must be written before it can be read (an
older schema to upgrade, an interrupted save to roll back, another tool's WAL mode to convert)
does it take the lock like a writer.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

from welfareplan.core.errors import FileCheckError, ReadOnlyError
from welfareplan.core.fileformat import FileKind
from welfareplan.core.lockfile import holding, taken_over_note
from welfareplan.core.regularfile import check_regular
from welfareplan.core.serverdb import is_server_url
from welfareplan.core.storage import Workbook

#: Why a read-only open failed when opening for writing would succeed.
_NEEDS_WRITING = frozenset({"needs-upgrade", "interrupted", "needs-conversion"})


@contextlib.contextmanager
def held_master(path: Path, command: str) -> Iterator[None]:
    """Hold the master's lock while ``welfareplan COMMAND`` runs (see the module's text)."""
    if path.is_dir():  # a folder (or '') has no lock file beside it: say what it is
        check_regular(path)
    with holding(path, activity=f"welfareplan {command}") as lock:
        note = taken_over_note(lock)
        if note:
            print(f"注意: {note}", file=sys.stderr)
        yield


@contextlib.contextmanager
def read_master(location: Path | str) -> Iterator[Workbook]:
    """The master at ``location`` (a file, or a server's URL) opened only to read."""
    if is_server_url(location):
        assert isinstance(location, str)
        with _server_master(location, writes=False) as wb:
            yield wb
        return
    with Workbook.open(location, read_only=True, expect=FileKind.WORKBOOK) as wb:
        yield wb


@contextlib.contextmanager
def open_master(path: Path | str, *, command: str, writes: bool) -> Iterator[Workbook]:
    """The master for ``welfareplan COMMAND``; ``writes``: the command may change it. A master
    on a server takes no lock file: several writers work at once, each change in its own short
    transaction (:mod:`welfareplan.core.serverbook`)."""
    if is_server_url(path):
        assert isinstance(path, str)
        with _server_master(path, writes=writes) as wb:
            yield wb
        return
    path = Path(path)
    if not writes:
        try:
            wb = Workbook.open(path, read_only=True, expect=FileKind.WORKBOOK)
        except (ReadOnlyError, FileCheckError) as exc:
            if exc.code not in _NEEDS_WRITING:
                raise
        else:
            with wb:
                yield wb
            return
    with held_master(path, command):
        wb = Workbook.open(path, expect=FileKind.WORKBOOK)
        with wb:
            if wb.note:
                print(f"注意: {wb.note}", file=sys.stderr)
            if wb.upgraded_from is not None:
                print(
                    f"ワークブックを古い形式（{wb.upgraded_from}）から更新しました"
                    f"（更新前のコピー: {wb.upgrade_backup}）。"
                )
            yield wb


@contextlib.contextmanager
def _server_master(location: str, *, writes: bool) -> Iterator[Workbook]:
    from welfareplan.core.serverbook import open_server_workbook

    with open_server_workbook(location, read_only=not writes) as wb:
        if wb.note:  # a role that may not write: opened read-only (core/serverroles.py)
            print(f"注意: {wb.note}", file=sys.stderr)
        yield wb
