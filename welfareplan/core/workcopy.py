"""Editing a file through a local working copy, written back atomically.

Files often live on a shared folder or a USB stick. Editing them in place would put SQLite's
journal and locks on the share (unreliable there) and a dropped connection in the middle of a
commit could damage the file. Instead:

1. the original is checked, locked (``NAME.lock`` beside it) and copied to a working folder in
   the user's profile; every save commits to that local copy (fast, safe);
2. :meth:`WorkingCopy.write_back` copies the local database to a temporary file beside the
   original, checks its integrity and replaces the original in one step (retrying while another
   program briefly holds it) — the original is always either the old or the new complete file;
3. before writing back it verifies that the original was not replaced by someone else in the
   meantime (:class:`ReplacedError`); then :meth:`WorkingCopy.catch_up` brings the unsaved
   edits onto the changed original (:mod:`welfareplan.core.rebase`, from the *base* copy of
   the original as last read or written, kept beside the local copy), or names exactly what
   writing back would discard; an original that is overwritten anyway is first copied into
   its backup folder;
4. if the app dies before a write-back, the working copy stays behind and is offered for
   recovery the next time the same file is opened (:mod:`welfareplan.core.recovery`).

Working copies are kept per file *and place*: copies of one issued file in two folders (the
same file id) never share a working folder, so work left behind for one is offered only for
that one — :func:`welfareplan.core.recovery.other_recoveries` names it when the other copy is opened — and is never
written into the other.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from welfareplan.core.appdirs import working_dir
from welfareplan.core.atomic import atomic_target, describe_os_error, sqlite_snapshot
from welfareplan.core.errors import FileCheckError, WelfareplanError
from welfareplan.core.errortext import os_reason, sqlite_reason
from welfareplan.core.fileformat import FileCheck, check_file, read_header
from welfareplan.core.kepthandle import KeptHandle
from welfareplan.core.lockfile import FileLock
from welfareplan.core.recovery import Recovery, change_counter, counter_in
from welfareplan.core.regularfile import check_regular
from welfareplan.core.storage import (
    backup_copy,
    backup_dir_for,
    check_for_writing,
    set_backup_home,
    verify_integrity,
)
from welfareplan.core.walfiles import (
    converted_copy,
    discard_side_files,
    needs_conversion,
    side_file_state,
    side_files,
)


@dataclass(frozen=True)
class Fingerprint:
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> Fingerprint:
        st = path.stat()
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        return cls(st.st_size, st.st_mtime_ns, digest.hexdigest())


class ReplacedError(WelfareplanError):
    code = "replaced"


class MarkedReadOnlyError(WelfareplanError):
    """The file is marked read-only (Windows' 読み取り専用 attribute, or no write permission
    bits): it opens for viewing only, like a file somebody else is editing."""

    code = "read-only-file"

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"ファイル「{path.name}」は読み取り専用に設定されているため、閲覧のみで開きます。"
            "編集するには、ファイルのプロパティで「読み取り専用」のチェックを外してから開き直してください。"
        )


def marked_read_only(path: Path) -> bool:
    try:
        return not path.stat().st_mode & 0o222
    except OSError:
        return False


class WriteBackError(WelfareplanError):
    code = "write-back"


@dataclass(frozen=True)
class CatchUp:
    """What :meth:`WorkingCopy.catch_up` did with an original changed underneath."""

    #: our edits were re-applied on top of the other change (nothing is lost)
    merged: bool
    #: the other change, one line per row a person would recognise
    theirs: tuple[str, ...]
    #: our unsaved edits, likewise
    ours: tuple[str, ...]
    #: what writing our copy back over the original would discard (empty when merged)
    would_lose: tuple[str, ...]
    #: why the edits could not be re-applied ('' when merged)
    reason: str = ""


def _place_key(original: Path) -> str:
    """A short key of where ``original`` is (its resolved path)."""
    return hashlib.sha256(os.path.normcase(str(original)).encode("utf-8")).hexdigest()[:12]


def _session_dir(check: FileCheck, original: Path) -> Path:
    """The working folder of ``original``: per file id and place (see the module's notes)."""
    return working_dir() / f"{check.file_uuid or uuid.uuid4().hex}-{_place_key(original)}"


def _checked_unless_interrupted(path: Path, *, thorough: bool = True) -> FileCheck | None:
    """:func:`check_file`; None for a file whose repair needs its lock (a save that was cut
    off, another tool's WAL mode): :func:`check_for_writing` repairs it once locked."""
    try:
        check = check_file(path, thorough=thorough)
    except FileCheckError as exc:
        if exc.code != "interrupted":
            raise
        return None
    return None if needs_conversion(path, read_header(path)[0]) else check


def _keep_leftover_work(folder: Path) -> None:
    """A session folder still holding work that never reached the original (its recovery
    could not be offered) is moved aside, never overwritten by the new working copy."""
    try:
        state = json.loads((folder / "session.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    local = Path(str(state.get("original", ""))).name
    if not local or not (folder / local).is_file():
        return
    if state.get("dirty") or change_counter(folder / local) != state.get("synced_counter"):
        stamp = uuid.uuid4().hex[:8]
        folder.rename(folder.with_name(f"{folder.name}.kept-{stamp}"))


class WorkingCopy:
    def __init__(
        self, original: Path, local: Path, lock: FileLock, check: FileCheck, *, dirty: bool = False
    ) -> None:
        self.original = original
        self.local = local
        self.lock = lock
        self.check = check
        self.fingerprint = Fingerprint.of(original)
        set_backup_home(local, original)
        self.dirty = dirty
        #: the local copy's header, read while a job in another thread may hold its lock
        self._header = KeptHandle(local)
        self._generation = (
            0  # bumped by every local commit; write-back clears dirty only if unchanged
        )
        #: the local copy's change counter when it last equalled the original: a copy whose
        #: counter moved on holds commits that never reached the original, even if the app
        #: died before it could mark itself dirty (-1: a recovered copy, never equal)
        self._synced_counter = -1 if dirty else self._change_counter()
        #: the -wal/-shm beside the original whose content was brought in by catch_up (they
        #: are removed by the next write-back, after keeping copies)
        self._absorbed_sides: tuple[tuple[str, int, int], ...] = ()
        self._write_state()

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def open(cls, original: Path | str) -> WorkingCopy:
        """Check and lock ``original`` and make the local copy. Raises LockedError when
        somebody else has it open, FileCheckError when it is not a healthy file of ours."""
        check_regular(Path(original))  # named as given, before a link is followed
        original = Path(original).resolve()
        if marked_read_only(original):
            check_file(original)  # a damaged file is refused, not viewed
            raise MarkedReadOnlyError(original)
        # Which file this is, before taking its lock. The pages are read once, by the whole
        # check of the copy that is opened (Workbook.open of the local copy): a damage in the
        # original is a damage in its page-for-page copy, refused with the same message.
        check = _checked_unless_interrupted(original, thorough=False)
        lock = FileLock.acquire(original)
        try:
            # an interrupted save is rolled back only by the lock's holder
            check = check or check_for_writing(original)
            folder = _session_dir(check, original)
            _keep_leftover_work(folder)
            folder.mkdir(parents=True, exist_ok=True)
            local = folder / original.name
            tmp = folder / f".{uuid.uuid4().hex}.tmp"
            try:
                sqlite_snapshot(original, tmp, durable=False)  # see its note
            except sqlite3.DatabaseError as exc:
                tmp.unlink(missing_ok=True)
                check_file(original)  # raises the precise reason (a page SQLite cannot read)
                raise FileCheckError(
                    f"ファイル「{original.name}」を読み取れません（{sqlite_reason(exc)}）。",
                    code="unreadable",
                ) from None
            shutil.copyfile(tmp, folder / "base.wpdb")
            tmp.replace(local)
            return cls(original, local, lock, check)
        except OSError as exc:
            lock.release()
            raise WelfareplanError(
                "作業用のコピーを作れません（" + describe_os_error(exc, original) + "）",
                code="workcopy",
            ) from exc
        except BaseException:
            lock.release()
            raise

    @classmethod
    def resume(cls, recovery: Recovery) -> WorkingCopy:
        """Continue with a recovered working copy (it becomes the state to write back)."""
        check = _checked_unless_interrupted(recovery.original)
        lock = FileLock.acquire(recovery.original)
        try:
            check = check or check_for_writing(recovery.original)
        except BaseException:
            lock.release()
            raise
        # dirty from the start, and so recorded: a crash before the next save or write-back
        # must offer the recovered work again
        return cls(recovery.original, recovery.local, lock, check, dirty=True)

    def _state_path(self) -> Path:
        return self.local.with_name("session.json")

    @property
    def base(self) -> Path:
        """The original as this session last read or wrote it (see :meth:`catch_up`)."""
        return self.local.with_name("base.wpdb")

    def _write_state(self) -> None:
        state = {
            "original": str(self.original),
            "fingerprint": asdict(self.fingerprint),
            "dirty": self.dirty,
            "synced_counter": self._synced_counter,
        }
        path = self._state_path()
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        # Written whole or not at all: a state file cut off by a crash would hide the work.
        try:
            tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()

    def mark_dirty(self) -> None:
        """Call after every commit to the local copy."""
        self._generation += 1
        if not self.dirty:
            self.dirty = True
            self._write_state()

    # ------------------------------------------------------------------ writing back

    def original_replaced(self) -> bool:
        """True when the original is no longer the file we copied (or wrote back) last — also
        when another SQLite tool wrote into a ``-wal`` beside it (the file itself unchanged)."""
        sides = side_file_state(self.original)
        if sides and sides != self._absorbed_sides:
            return True
        try:
            st = self.original.stat()
        except OSError:
            return True
        if (st.st_size, st.st_mtime_ns) == (self.fingerprint.size, self.fingerprint.mtime_ns):
            return False
        return Fingerprint.of(self.original).sha256 != self.fingerprint.sha256

    @property
    def unsynced(self) -> bool:
        """The local copy holds commits the original does not have."""
        return self.dirty or self._change_counter() != self._synced_counter

    def _change_counter(self) -> int:
        """The local copy's change counter, read without closing a descriptor of it (a
        merge in another thread may hold its write lock: :mod:`welfareplan.core.kepthandle`)."""
        try:
            return counter_in(self._header.read(28))
        except OSError:
            return -1

    def write_back(self, *, force: bool = False) -> None:
        """Replace the original with the local copy, atomically (nothing is written when the
        copy holds no change: a file only looked at is left exactly as it was).

        Raises :class:`ReplacedError` if the original changed underneath (unless ``force``),
        :class:`WriteBackError` if it cannot be written (share gone, permissions, disk full).
        In every failure case the original is left as it was and the local copy keeps the work.
        """
        generation = self._generation
        counter = self._change_counter()
        if not force and not self.unsynced:
            return
        if not self.original.parent.is_dir():
            raise WriteBackError(
                f"保存先のフォルダ「{self.original.parent}」に接続できません（共有フォルダの切断、USBメモリの取り外しなど）。"
                "入力した内容はこのコンピューターに保存されています。接続を戻して保存し直すか、名前を付けて保存してください。"
            )
        replaced = self.original_replaced()
        if replaced and not force:
            raise ReplacedError(
                f"ファイル「{self.original.name}」が、開いている間に別の操作で変更されました。"
            )
        next_base = self.base.with_name(".base.next")
        try:
            if replaced and self.original.exists():
                # overwriting a change we could not bring in: keep it where backups are kept
                backup_copy(self.original, "overwritten", exact=True)
            if side_files(self.original):
                # brought in (or overwritten by the user's choice): first out of the way, or
                # SQLite would lay the old -wal over what is written now
                discard_side_files(self.original, backup_dir_for(self.original))
            # The working copy is read-locked only while SQLite copies it on this computer's
            # disk: a job writing to it meanwhile (a merge started right after a change) never
            # waits for the share to take and sync the copy, which on a slow share outlasted
            # the job's busy timeout (issue 17). The copy in the original's folder is a plain
            # copy of that snapshot, which then becomes the new base.
            next_base.unlink(missing_ok=True)
            sqlite_snapshot(self.local, next_base, durable=False)
            with atomic_target(self.original) as tmp:
                shutil.copyfile(next_base, tmp)
                verify_integrity(tmp)
            next_base.replace(self.base)
        except WelfareplanError as exc:
            raise WriteBackError(
                f"元のファイル「{self.original.name}」に保存できません（{exc.message}）。"
                "入力した内容はこのコンピューターに保存されています。名前を付けて保存できます。"
            ) from exc
        except (OSError, sqlite3.Error) as exc:
            raise WriteBackError(
                f"元のファイル「{self.original.name}」に保存できません（{os_reason(exc) if isinstance(exc, OSError) else sqlite_reason(exc)}）。"
                "入力した内容はこのコンピューターに保存されています。名前を付けて保存できます。"
            ) from exc
        finally:
            with contextlib.suppress(OSError):
                next_base.unlink(missing_ok=True)
        self.fingerprint = Fingerprint.of(self.original)
        self._absorbed_sides = ()
        if self._generation == generation:
            self.dirty = False
            self._synced_counter = counter
            self._write_state()

    def catch_up(self) -> CatchUp:
        """The original changed underneath (:class:`ReplacedError`): bring it in.

        The changed original is copied privately and checked like any file we open. If our
        unsaved edits and the other change touch different rows, our edits are applied on top
        of it and that becomes the local copy (still to be written back: nothing of either
        side is lost). Otherwise nothing changes here and :attr:`CatchUp.would_lose` names
        what writing back would discard. The database of the local copy must be closed (no
        :class:`~welfareplan.core.storage.Workbook` open on it)."""
        folder = self.local.parent
        theirs, merged = folder / ".theirs.wpdb", folder / ".merged.wpdb"
        try:
            outcome = self._catch_up(theirs, merged)
            if outcome.merged:
                merged.replace(self.local)
                theirs.replace(self.base)
                self._synced_counter = -1
                self.mark_dirty()
                self._write_state()
            return outcome
        finally:
            for path in (theirs, merged):
                with contextlib.suppress(OSError):
                    path.unlink(missing_ok=True)

    def _catch_up(self, theirs: Path, merged: Path) -> CatchUp:
        # loaded only when an original changed underneath (not for opening a file)
        from welfareplan.core.rebase import apply_ours, changes_between, describe, plan_rebase

        try:
            seen, sides = Fingerprint.of(self.original), side_file_state(self.original)
            check_file(self.original)  # the precise reason for a file we cannot read in
            if sides or needs_conversion(self.original, read_header(self.original)[0]):
                with tempfile.TemporaryDirectory(prefix="wp-theirs-") as tmp:
                    shutil.move(converted_copy(self.original, Path(tmp)), theirs)
            else:
                sqlite_snapshot(self.original, theirs)
            if (Fingerprint.of(self.original), side_file_state(self.original)) != (seen, sides):
                raise ReplacedError(
                    f"ファイル「{self.original.name}」は今も別の操作で変更され続けています。"
                    "しばらくしてからもう一度保存してください。"
                )
            check_file(theirs)
        except (OSError, sqlite3.Error):
            return CatchUp(
                False,
                (),
                (),
                (),
                reason=f"変更された元のファイル「{self.original.name}」を読み取れません"
                "（壊れているか、別の形式のファイルです）。",
            )
        except FileCheckError as exc:
            return CatchUp(False, (), (), (), reason=exc.message)
        if not self.base.is_file():
            return CatchUp(
                False,
                (),
                (),
                tuple(describe(changes_between(self.local, theirs), theirs)),
                reason="開いたときの内容が残っていないため、どちらの変更かを区別できません。",
            )
        plan = plan_rebase(self.base, self.local, theirs)
        their_lines = tuple(describe(plan.theirs, theirs))
        our_lines = tuple(describe(plan.ours, self.local))
        if not plan.clean:
            clashes = "、".join(describe(plan.clashes, theirs))
            return CatchUp(
                False,
                their_lines,
                our_lines,
                their_lines,
                reason=f"あなたの入力と同じ箇所が変更されています（{clashes}）。",
            )
        try:
            shutil.copyfile(theirs, merged)
            apply_ours(plan, merged)
            check_file(merged)
            verify_integrity(merged)
        except WelfareplanError as exc:
            return CatchUp(False, their_lines, our_lines, their_lines, reason=exc.message)
        self.fingerprint, self._absorbed_sides = seen, sides
        return CatchUp(True, their_lines, our_lines, ())

    def save_as(self, dest: Path) -> None:
        """Write the current state to ``dest`` (a new place); the original stays as it is."""
        dest = Path(dest)
        with atomic_target(dest) as tmp:
            sqlite_snapshot(self.local, tmp)
            verify_integrity(tmp)

    def close(self) -> None:
        """Release the lock and remove the local copy (only when nothing is left unsaved)."""
        self.lock.release()
        self._header.close()  # after the local copy's connections (see kepthandle)
        set_backup_home(self.local, None)
        if not self.dirty:
            shutil.rmtree(self.local.parent, ignore_errors=True)
