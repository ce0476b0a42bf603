"""An open file in the GUI: working copy, lock, autosave bookkeeping and write-back.

Edits commit to the local working copy (see :mod:`welfareplan.core.workcopy`); this object then
writes the file back to where the user opened it, in the background, coalescing bursts of
saves. When the original is locked by someone else the file opens read-only from a snapshot.

When the original was changed underneath (by somebody who ignored its lock), the unsaved edits
are brought onto the changed file (:meth:`WorkingCopy.catch_up`): ``caughtUp`` tells the
window to show the file again; if that is not possible, ``replacedDetected`` makes the window
show exactly what writing back would discard before anything is overwritten.
"""

from __future__ import annotations

import contextlib
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from welfareplan.core.appdirs import working_dir
from welfareplan.core.atomic import sqlite_snapshot
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.fileformat import FileKind, check_file, read_header
from welfareplan.core.lockfile import (
    REFRESH_EVERY,
    LockedError,
    is_stale,
    lock_path_for,
    read_lock,
    taken_over_note,
)
from welfareplan.core.regularfile import check_regular
from welfareplan.core.storage import Workbook
from welfareplan.core.walfiles import converted_copy, needs_conversion
from welfareplan.core.workcopy import (
    CatchUp,
    MarkedReadOnlyError,
    ReplacedError,
    WorkingCopy,
)
from welfareplan.gui.tasks import Task, run_task, tasks_running

if TYPE_CHECKING:
    from welfareplan.gui.server_watch import ServerWatch

#: How long to wait for running background work before bringing in a changed original.
CATCH_UP_RETRY_MS = 300

WRITE_BACK_DELAY_MS = 600
#: How often a file opened read-only because someone held it checks whether it is free.
LOCK_POLL_MS = 3000
T = TypeVar("T")


class SaveState:
    SAVED = "saved"
    SAVING = "saving"
    LOCAL_ONLY = "local-only"  # saved on this computer, not yet in the original (error)
    READ_ONLY = "read-only"


class Document(QObject):
    #: (state, Japanese message) for the status bar / banner
    stateChanged = Signal(str, str)
    #: the original was changed underneath and our unsaved edits were re-applied on top of
    #: it (the message says what happened): the window shows the file again
    caughtUp = Signal(str)
    #: about to bring in a changed original: typed text still in the view must be saved now
    aboutToCatchUp = Signal()
    #: the original was changed underneath and our edits could not be re-applied
    #: (:attr:`catch_up_result` says why and what writing back would discard); the window asks
    #: the user what to do (once: later write-backs that meet the same changed file only keep
    #: the banner up)
    replacedDetected = Signal()
    #: a file opened read-only because someone held it is free now: it can be opened for editing
    lockReleased = Signal()

    def __init__(
        self,
        original: Path,
        workbook: Workbook,
        working_copy: WorkingCopy | None,
        *,
        read_only_reason: str = "",
        snapshot_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.original = original
        self.workbook = workbook
        self.working_copy = working_copy
        self.read_only_reason = read_only_reason
        self._snapshot_dir = snapshot_dir
        #: a master on a server: its URL as shown, the engine's lifetime, the change watch
        self.server = ""
        self._server_stack: contextlib.ExitStack | None = None
        self.watch: ServerWatch | None = None
        self._task: Task | None = None
        self._again = False
        self._closed = False
        self._replaced_asked = False
        self._lock_watch: QTimer | None = None
        self.state = SaveState.READ_ONLY if read_only_reason else SaveState.SAVED
        self.last_error = ""
        self.catch_up_result: CatchUp | None = None
        #: what the window should keep saying about this file (after a catch-up)
        self.notice = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(WRITE_BACK_DELAY_MS)
        self._timer.timeout.connect(self.write_back_async)
        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(int(REFRESH_EVERY.total_seconds() * 1000))
        self._lock_timer.timeout.connect(self._refresh_lock)
        if working_copy is not None:
            self._lock_timer.start()

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path) -> Document:
        """Open ``path`` for editing, or read-only when another user holds it.

        Raises WelfareplanError (Japanese) for files that are not healthy files of ours.
        """
        check_regular(Path(path))  # named as the user chose it, before a link is followed
        path = Path(path).resolve()
        try:
            wc = WorkingCopy.open(path)
        except (LockedError, MarkedReadOnlyError) as exc:
            return cls.open_snapshot(path, exc.message, watch_lock=isinstance(exc, LockedError))
        try:
            wb = Workbook.open(wc.local)
        except BaseException:
            wc.close()
            raise
        doc = cls(path, wb, wc)
        doc.notice = " ".join(n for n in (taken_over_note(wc.lock), wc.check.note) if n)
        if wb.upgraded_from is not None:
            doc.mark_saved_locally()
        return doc

    @classmethod
    def open_snapshot(cls, path: Path, reason: str, *, watch_lock: bool = False) -> Document:
        """A read-only view of ``path`` from a snapshot; with ``watch_lock`` it watches the
        holder's lock and says when the file is free (:attr:`lockReleased`)."""
        check_file(path)
        folder = working_dir() / "readonly" / uuid.uuid4().hex
        folder.mkdir(parents=True, exist_ok=True)
        snap = folder / path.name
        try:
            if needs_conversion(path, read_header(path)[0]):
                converted_copy(path, folder)  # SQLite never opens the original itself
            else:
                sqlite_snapshot(path, snap)
            wb = Workbook.open(snap, read_only=True)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        doc = cls(path, wb, None, read_only_reason=reason, snapshot_dir=folder)
        if watch_lock:
            doc._lock_watch = QTimer(doc)
            doc._lock_watch.setInterval(LOCK_POLL_MS)
            doc._lock_watch.timeout.connect(doc._check_lock)
            doc._lock_watch.start()
        return doc

    @classmethod
    def of_server(cls, stack: contextlib.ExitStack, wb: Workbook, folder: Path) -> Document:
        """The document of the server master ``wb`` opened by :func:`connect_server`
        (``stack`` closes it), with no lock file and no working copy: every change is a short
        transaction on the server. ``folder`` is where exports and distributed files are
        proposed. On the UI thread; the window connects in a worker first
        (:mod:`welfareplan.gui.server_connect`)."""
        from welfareplan.core.serverdb import describe
        from welfareplan.gui.server_watch import ServerWatch

        url = getattr(wb, "url", None)
        assert url is not None
        # a role that may not write gets the master read-only, and why (core/serverroles.py)
        doc = cls(folder / str(url.database), wb, None, read_only_reason=wb.note)
        doc.notice = wb.note
        doc.server = describe(url)
        doc._server_stack = stack
        doc.watch = ServerWatch(wb, doc)
        return doc

    @property
    def title(self) -> str:
        """What the window's title calls it: the file's name, or the server master's URL."""
        return self.server or self.original.name

    def _check_lock(self) -> None:
        holder = read_lock(self.original)
        if holder is None or is_stale(holder, lock_path_for(self.original)):
            if self._lock_watch is not None:
                self._lock_watch.stop()
            self.lockReleased.emit()

    @property
    def kind(self) -> FileKind:
        return self.workbook.kind

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    # ------------------------------------------------------------------ saving

    def _set_state(self, state: str, message: str) -> None:
        self.state = state
        self.stateChanged.emit(state, message)

    def mark_saved_locally(self) -> None:
        """Called after every commit to the working copy: schedule the write-back."""
        if self.working_copy is None:
            return
        self.working_copy.mark_dirty()
        self._set_state(SaveState.SAVING, "保存中…")
        self._timer.start()

    def write_back_async(self) -> None:
        wc = self.working_copy
        if wc is None:
            return
        if self._task is not None:
            self._again = True
            return
        self._again = False

        def work(progress: object, cancelled: object) -> None:
            wc.write_back()

        self._task = run_task(work, on_done=self._written, on_error=self._write_failed)

    def _written(self, _: object) -> None:
        self._task = None
        if self._closed:
            return
        if self._again or self.has_unwritten_changes:
            self.write_back_async()
            return
        self._replaced_asked = False
        self.last_error = ""
        self._set_state(SaveState.SAVED, "保存済み")

    def _write_failed(self, exc: BaseException) -> None:
        self._task = None
        if self._closed:
            return
        if isinstance(exc, ReplacedError):
            self.last_error = exc.message
            self._set_state(SaveState.LOCAL_ONLY, exc.message)
            self._bring_in_changed_original()
            return
        if isinstance(exc, WelfareplanError):
            message = exc.message
        else:
            from welfareplan.core.crashlog import write_crash_report

            write_crash_report(exc, "元のファイルへの保存で予期しないエラー")
            message = (
                f"元のファイル「{self.original.name}」に保存できません（予期しないエラー "
                f"{type(exc).__name__}）。入力した内容はこのコンピューターに保存されています。"
            )
        self.last_error = message
        self._set_state(SaveState.LOCAL_ONLY, message)

    def write_back_now(self, *, force: bool = False) -> None:
        """Synchronous write-back (Ctrl+S, submit, close). Raises WelfareplanError on failure;
        :class:`ReplacedError` (with :attr:`catch_up_result` set) only when the original was
        changed underneath and our edits could not be brought onto it."""
        if self.working_copy is None:
            return
        self._timer.stop()
        if self._task is not None:
            self._task.finished.wait(30)
        try:
            self.working_copy.write_back(force=force)
        except ReplacedError:
            if not self.catch_up().merged:
                raise
            self.working_copy.write_back()
        self._replaced_asked = False
        self.last_error = ""
        self._set_state(SaveState.SAVED, "保存済み")

    def catch_up(self) -> CatchUp:
        """Bring our unsaved edits onto the changed original (the database is closed meanwhile
        and reopened on the result); ``caughtUp`` is emitted when they were re-applied."""
        wc = self.working_copy
        assert wc is not None
        self.aboutToCatchUp.emit()
        self.workbook.close()
        try:
            outcome = wc.catch_up()
        finally:
            self.workbook = Workbook.open(wc.local)
        self.catch_up_result = outcome
        if outcome.merged:
            self.notice = (
                f"「{self.original.name}」が開いている間に別の操作で変更されたため"
                f"（{len(outcome.theirs)} 件）、その内容を読み込み、あなたの入力"
                f"（{len(outcome.ours)} 件）をその上に保存し直しました。"
            )
            self.caughtUp.emit(self.notice)
        return outcome

    def _bring_in_changed_original(self) -> None:
        if self._closed or self.working_copy is None:
            return
        if tasks_running():  # a merge or an export still uses the database: after it
            QTimer.singleShot(CATCH_UP_RETRY_MS, self._bring_in_changed_original)
            return
        try:
            outcome = self.catch_up()
        except WelfareplanError as exc:
            self.last_error = exc.message
            self._set_state(SaveState.LOCAL_ONLY, exc.message)
            return
        if outcome.merged:
            self.write_back_async()
        elif not self._replaced_asked:
            self._replaced_asked = True
            self.replacedDetected.emit()

    @property
    def has_unwritten_changes(self) -> bool:
        return self.working_copy is not None and self.working_copy.dirty

    def save_as(self, dest: Path) -> None:
        if self.server:  # a checked .wpdb copy of the server master (master copy)
            import tempfile

            from welfareplan.core.atomic import atomic_target
            from welfareplan.core.mastercopy import copy_master

            with atomic_target(dest) as tmp, tempfile.TemporaryDirectory(dir=dest.parent) as d:
                made = Path(d) / Path(dest).with_suffix(".wpdb").name
                copy_master(self.server, made)
                made.replace(tmp)
            return
        if self.working_copy is not None:
            self.working_copy.save_as(dest)
        else:
            from welfareplan.core.atomic import atomic_target

            with atomic_target(dest) as tmp:
                sqlite_snapshot(self.workbook.path, tmp)

    def _refresh_lock(self) -> None:
        if self.working_copy is not None and not self.working_copy.lock.refresh():
            self._set_state(
                SaveState.LOCAL_ONLY,
                "このファイルの編集の権利（ロック）が別のユーザーに移りました。名前を付けて保存してください。",
            )

    def replace_workbook(self, action: Callable[[Path], T]) -> T:
        """Run ``action(local path)`` with the database closed (e.g. restoring a backup over
        it), then reopen it and schedule the write-back."""
        if self.server:
            from welfareplan.core.serverbook import not_on_a_server

            raise not_on_a_server(self.server)
        if self.working_copy is None:
            raise WelfareplanError(
                "読み取り専用で開いているため、変更できません。", code="read-only"
            )
        local = self.working_copy.local
        self.workbook.close()
        try:
            result = action(local)
        finally:
            self.workbook = Workbook.open(local)
        self.mark_saved_locally()
        return result

    # ------------------------------------------------------------------ closing

    def close(self) -> None:
        """Close without asking (the caller has already tried :meth:`write_back_now`)."""
        self._closed = True
        self._timer.stop()
        self._lock_timer.stop()
        if self._lock_watch is not None:
            self._lock_watch.stop()
        if self._task is not None:
            self._task.finished.wait(30)
        if self.watch is not None:
            self.watch.stop()
        self.workbook.close()
        if self._server_stack is not None:
            self._server_stack.close()  # the server's engine: its connections closed
        if self.working_copy is not None:
            self.working_copy.close()
        if self._snapshot_dir is not None:
            shutil.rmtree(self._snapshot_dir, ignore_errors=True)


def connect_server(text: str) -> tuple[contextlib.ExitStack, Workbook]:
    """Connect to the server master at URL ``text`` and check it (no Qt: a worker thread
    may call it); the master and the stack that closes it. Raises WelfareplanError."""
    from welfareplan.core.serverbook import open_server_workbook

    stack = contextlib.ExitStack()
    try:
        wb = stack.enter_context(open_server_workbook(text, read_only=False))
    except BaseException:
        stack.close()
        raise
    return stack, wb
