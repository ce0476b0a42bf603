"""Lock files beside files opened for editing, so a second user gets a clear message.

SQLite's own locking is unreliable on Windows network shares (SQLite's documentation warns
about it), and it would not tell *who* holds the file anyway. While a file is open for editing
we keep ``NAME.lock`` beside it with the user, the computer and the time, refreshed every few
minutes. A lock that has not been refreshed for :data:`STALE_AFTER` (or whose process is gone
on this same computer) is stale and may be taken over; the lock taken over is kept in
:attr:`FileLock.taken_over`, so the taker can say whose it was.

Every writer of a file honours it: the window for the whole time a file is open
(:mod:`welfareplan.core.workcopy`), every command that changes a master for the time it runs
(:func:`holding`, which also keeps the lock fresh while a long command works). The lock file
is created with ``O_CREAT | O_EXCL`` (``CREATE_NEW`` on Windows), which is atomic on a local
disk and on an SMB share alike: of two computers racing for it exactly one wins.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from welfareplan import __version__
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.identity import host_name, os_user

STALE_AFTER = dt.timedelta(minutes=15)
#: How long a lock file just created by another process may stay empty (being written).
LOCK_WRITE_WAIT_S = 1.0
#: tokens of the locks held by live FileLock objects of this process
_HELD_TOKENS: set[str] = set()
REFRESH_EVERY = dt.timedelta(minutes=2)


def lock_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@dataclass(frozen=True)
class LockInfo:
    token: str
    user: str
    host: str
    pid: int
    opened_at: str
    refreshed_at: str
    app_version: str = __version__
    #: what holds it: "" for the window (editing), else the command ("welfareplan merge")
    activity: str = ""

    @property
    def refreshed(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.refreshed_at)

    def opened_label(self, style: str = "%Y年%m月%d日 %H:%M") -> str:
        """When the lock was taken, for a message ('2026年05月10日 10:23'); a lock file that
        says nothing readable: '（時刻不明）'."""
        try:
            return f"{dt.datetime.fromisoformat(self.opened_at).astimezone():{style}}"
        except (TypeError, ValueError):
            return "（時刻不明）"

    def describe(self) -> str:
        """'山田（コンピューター PC-07）が 2026年05月10日 10:23 から'."""
        return f"{self.user}（コンピューター {self.host}）が {self.opened_label()} から"

    @property
    def use(self) -> str:
        """'編集中' (the window) or '「welfareplan merge」を実行中' (a command)."""
        return f"「{self.activity}」を実行中" if self.activity else "編集中"

    @property
    def is_mine(self) -> bool:
        """Held by the same user on this computer: another window (or a session that is still
        shutting down) of the person now opening the file."""
        return self.user == os_user() and self.host == host_name()


def holder_text(holder: LockInfo | None) -> str:
    """'山田（コンピューター PC-07）が 2026年05月10日 10:23 から編集中' (the holder unknown:
    '別のユーザーが編集中')."""
    return f"{holder.describe()}{holder.use}" if holder else "別のユーザーが編集中"


class LockedError(WelfareplanError):
    """Somebody else holds the file. ``for_command``: the message of a command, which changes
    nothing and ends (the window opens the file read-only instead)."""

    code = "locked"

    def __init__(self, path: Path, holder: LockInfo | None, *, for_command: bool = False) -> None:
        who = holder_text(holder)
        if for_command:
            message = (
                f"ファイル「{path.name}」は {who}のため、変更できません。何も変更していません。"
                "相手がファイルを閉じてから（処理が終わってから）、もう一度実行してください。"
            )
        elif holder is not None and holder.is_mine and not holder.activity:
            message = (
                f"ファイル「{path.name}」は、このコンピューター（{holder.host}）で あなた（{holder.user}）が"
                f" {holder.opened_label('%m月%d日 %H:%M')} から別のウィンドウで編集中です。ここでは読み取り専用で開きます。"
                "編集はそのウィンドウで続けてください（そのウィンドウで閉じると、ここで編集できるようになります）。"
            )
        else:
            message = (
                f"ファイル「{path.name}」は {who}です。読み取り専用で開きます。"
                "相手がファイルを閉じると、ここで編集できるようになります。"
            )
        super().__init__(message)
        self.holder = holder


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        process_query_limited_information = 0x1000
        handle = ctypes.windll.kernel32.OpenProcess(process_query_limited_information, False, pid)  # type: ignore[attr-defined]
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_lock(path: Path) -> LockInfo | None:
    """The holder recorded in the lock file of ``path`` (None if there is none or unreadable)."""
    try:
        data = json.loads(lock_path_for(path).read_text(encoding="utf-8"))
        return LockInfo(**{k: data[k] for k in LockInfo.__dataclass_fields__ if k in data})
    except (OSError, ValueError, TypeError, KeyError):
        return None


def is_stale(info: LockInfo | None, lock: Path, *, now: dt.datetime | None = None) -> bool:
    now = now or _now()
    if info is None:
        # Unreadable (half-written by a crash, or garbage): stale once it is not brand new.
        try:
            age = now.timestamp() - lock.stat().st_mtime
        except OSError:
            return True
        return age > 10
    if now - info.refreshed > STALE_AFTER:
        return True
    return info.host == host_name() and info.pid != os.getpid() and not _pid_alive(info.pid)


def read_settled_lock(path: Path) -> LockInfo | None:
    """:func:`read_lock`, waiting a moment when the lock file is brand new and still empty:
    another process that has just created it is writing its name into it."""
    lock = lock_path_for(path)
    deadline = time.monotonic() + LOCK_WRITE_WAIT_S
    while True:
        holder = read_lock(path)
        if holder is not None or time.monotonic() >= deadline:
            return holder
        try:
            age = time.time() - lock.stat().st_mtime
        except OSError:
            return None
        if age > LOCK_WRITE_WAIT_S:
            return None  # old garbage (a crash while writing it): nobody is writing it now
        time.sleep(0.02)


class FileLock:
    """A held lock on one data file."""

    def __init__(self, data_path: Path, info: LockInfo) -> None:
        self.data_path = data_path
        self.path = lock_path_for(data_path)
        self.info = info
        #: the stale lock this one replaced (None when the file was free)
        self.taken_over: LockInfo | None = None

    @classmethod
    def acquire(cls, data_path: Path, *, activity: str = "", for_command: bool = False) -> FileLock:
        """Take the lock, or raise :class:`LockedError` naming who holds it. ``activity`` is
        recorded for others to read ('' = the window; else the command being run)."""
        data_path = Path(data_path)
        lock = lock_path_for(data_path)
        stamp = _now().isoformat()
        info = LockInfo(
            token=uuid.uuid4().hex,
            user=os_user(),
            host=host_name(),
            pid=os.getpid(),
            opened_at=stamp,
            refreshed_at=stamp,
            activity=activity,
        )
        taken_over: LockInfo | None = None
        for _ in range(3):
            try:
                fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = read_settled_lock(data_path)
                # A lock of this very process that no live FileLock holds any more (its release
                # failed, e.g. while the share was gone) is a leftover we may take back.
                leftover = (
                    holder is not None
                    and holder.host == host_name()
                    and holder.pid == os.getpid()
                    and holder.token not in _HELD_TOKENS
                )
                if not leftover and not is_stale(holder, lock):
                    raise LockedError(data_path, holder, for_command=for_command) from None
                # Move the stale lock aside atomically; only one taker can win this rename.
                aside = lock.with_name(f"{lock.name}.{uuid.uuid4().hex[:8]}.stale")
                with contextlib.suppress(OSError):
                    os.replace(lock, aside)
                    aside.unlink()
                    if not leftover:
                        taken_over = holder
                continue
            except PermissionError as exc:
                raise WelfareplanError(
                    f"「{data_path.parent}」に書き込めないため、ファイルを編集用に開けません。",
                    code="lock-permission",
                ) from exc
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(asdict(info), fh, ensure_ascii=False)
            except OSError as exc:
                # an empty lock file would keep everybody out for a while: take it back
                with contextlib.suppress(OSError):
                    lock.unlink()
                from welfareplan.core.atomic import describe_os_error

                raise WelfareplanError(
                    "ファイルを編集用に開けません（" + describe_os_error(exc, lock) + "）",
                    code="lock-failed",
                ) from exc
            _HELD_TOKENS.add(info.token)
            held = cls(data_path, info)
            held.taken_over = taken_over
            return held
        raise LockedError(data_path, read_settled_lock(data_path), for_command=for_command)

    def still_ours(self) -> bool:
        current = read_lock(self.data_path)
        return current is not None and current.token == self.info.token

    def refresh(self) -> bool:
        """Renew the time stamp. False when the lock was taken over by someone else."""
        if not self.still_ours():
            return False
        self.info = LockInfo(**(asdict(self.info) | {"refreshed_at": _now().isoformat()}))
        tmp = self.path.with_name(f"{self.path.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            tmp.write_text(json.dumps(asdict(self.info), ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
            return False
        return True

    def release(self) -> None:
        _HELD_TOKENS.discard(self.info.token)
        if self.still_ours():
            with contextlib.suppress(OSError):
                self.path.unlink()


def taken_over_note(lock: FileLock) -> str:
    """A sentence naming the stale lock ``lock`` replaced ('' when the file was free)."""
    old = lock.taken_over
    if old is None:
        return ""
    return (
        f"ファイル「{lock.data_path.name}」は {old.describe()}{old.use}のままになっていましたが、"
        "応答がない（ロックが古い）ため、引き継ぎました。"
    )


@contextlib.contextmanager
def holding(data_path: Path, *, activity: str) -> Iterator[FileLock]:
    """Hold the lock of ``data_path`` for a command (raises :class:`LockedError` with the
    command's message), refreshed in the background every :data:`REFRESH_EVERY` so a long
    command never looks stale to others, and released at the end."""
    lock = FileLock.acquire(data_path, activity=activity, for_command=True)
    stop = threading.Event()

    def keep_fresh() -> None:
        while not stop.wait(REFRESH_EVERY.total_seconds()):
            lock.refresh()

    refresher = threading.Thread(target=keep_fresh, name="lock-refresh", daemon=True)
    refresher.start()
    try:
        yield lock
    finally:
        stop.set()
        refresher.join()
        lock.release()
