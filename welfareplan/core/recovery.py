"""Work left behind: working copies of a session that ended before writing back.

A working copy (:mod:`welfareplan.core.workcopy`) stays in the user's profile when the app dies
before writing it back. Opening the same file in the same place again offers it
(:func:`find_recovery`); work left for another copy of the same file (the same file id in
another place) is named (:func:`other_recoveries`) and restored only by opening that copy.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from welfareplan.core.appdirs import working_dir
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.fileformat import check_file, readonly_uri
from welfareplan.core.storage import check_for_writing


@dataclass(frozen=True)
class Recovery:
    """A working copy left behind by a session that ended before writing back."""

    original: Path
    local: Path
    saved_revision: int
    original_revision: int
    #: when the work left behind was last saved on this computer (the copy's time)
    saved_at: dt.datetime | None = None


def counter_in(header: bytes) -> int:
    """SQLite's file change counter (header offset 24) in a file's first bytes: every
    committed write increments it (-1 for a header cut short)."""
    return int.from_bytes(header[24:28], "big") if len(header) >= 28 else -1


def change_counter(path: Path) -> int:
    """The change counter of a file this process does not hold open (work left behind): a
    plain read, whose closing would release SQLite's locks on a file that is held (a working
    copy in use reads it through :class:`~welfareplan.core.kepthandle.KeptHandle`)."""
    try:
        with path.open("rb") as fh:
            return counter_in(fh.read(28))
    except OSError:
        return -1


def _revision(path: Path) -> int:
    con = sqlite3.connect(readonly_uri(path), uri=True)
    try:
        row = con.execute("SELECT value FROM wp_meta WHERE key = 'revision'").fetchone()
    finally:
        con.close()
    return int(row[0]) if row and re.fullmatch("[0-9]{1,12}", str(row[0])) else 0


def _leftover(folder: Path, name: str) -> tuple[Path, dict[str, object]] | None:
    """The state and local copy of a session folder, if both are there."""
    try:
        state = json.loads((folder / "session.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict):
        return None
    original = Path(str(state.get("original", "")))
    local = folder / (original.name or name)
    return (local, state) if local.is_file() else None


def _recovery(original: Path, local: Path, state: dict[str, object]) -> Recovery | None:
    try:
        # the app may have died in the middle of a commit to its copy: roll that one back
        check_for_writing(local)
        unsynced = state.get("dirty") or change_counter(local) != state.get("synced_counter")
        saved = _revision(local)
        current = _revision(original) if original.is_file() else 0
        saved_at = dt.datetime.fromtimestamp(local.stat().st_mtime)
    except (WelfareplanError, sqlite3.Error, OSError):
        return None
    if not unsynced:
        return None
    return Recovery(original, local, saved, current, saved_at)


def _leftovers(file_uuid: str) -> list[tuple[Path, Path, dict[str, object]]]:
    """(original, local copy, state) of every session folder of the file id ``file_uuid``,
    in today's layout (``UUID-PLACE``) and the earlier one (``UUID``)."""
    root = working_dir()
    folders = [root / file_uuid, *sorted(root.glob(f"{file_uuid}-*"))]
    found = []
    for folder in folders:
        left = _leftover(folder, "")
        if left is not None:
            local, state = left
            found.append((Path(str(state.get("original", ""))), local, state))
    return found


def _same_place(a: Path, b: Path) -> bool:
    return os.path.normcase(str(a)) == os.path.normcase(str(b))


def find_recovery(original: Path | str) -> Recovery | None:
    """Work left behind for ``original`` itself (this file in this place) that never reached it."""
    original = Path(original).resolve()
    try:
        # read only: recovering a cut-off save needs the lock. Only the file's id is needed
        # here: the file (or the recovered copy) gets the whole check when it is opened.
        check = check_file(original, thorough=False)
    except WelfareplanError:
        return None
    for place, local, state in _leftovers(check.file_uuid):
        if _same_place(place, original):
            return _recovery(original, local, state)
    return None


def other_recoveries(original: Path | str) -> list[Recovery]:
    """Work left behind for *other copies* of the same file (the same file id in another
    place): named when this copy is opened, restored only by opening that copy."""
    original = Path(original).resolve()
    try:
        check = check_file(original, thorough=False)  # its id (see find_recovery)
    except WelfareplanError:
        return []
    found = []
    for place, local, state in _leftovers(check.file_uuid):
        if not _same_place(place, original):
            recovery = _recovery(place, local, state)
            if recovery is not None:
                found.append(recovery)
    return found


def discard_recovery(recovery: Recovery) -> None:
    shutil.rmtree(recovery.local.parent, ignore_errors=True)
