"""Unexpected errors: the user sees one Japanese sentence, the details go to a log file.

The log is ``welfareplan.log`` in the user's profile (:func:`welfareplan.core.appdirs.log_dir`),
written with the standard library's :mod:`logging` through a size-bounded rotating handler
(:data:`MAX_BYTES` per file, :data:`BACKUPS` older files), so it never grows without limit.
``logging`` is imported on the first record, not at start-up: a run without errors pays
nothing for it. The file is opened for each record and closed again, so two running copies of
the program (or a rotation on Windows, which cannot rename an open file) do not get in each
other's way.

Native crashes (a segmentation fault in Qt, an abort) never reach Python's exception handling:
:func:`enable_native_crash_log` has :mod:`faulthandler` write their stacks to
``native-crash.log`` beside the log, through a file kept open for the life of the process.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import IO, TYPE_CHECKING

from welfareplan import __version__
from welfareplan.core.appdirs import log_dir

if TYPE_CHECKING:
    import logging

#: The log file's name in :func:`log_dir`; its rotated predecessors get ``.1`` … ``.BACKUPS``.
LOG_NAME = "welfareplan.log"
#: Where faulthandler writes the stacks of a native crash.
NATIVE_CRASH_NAME = "native-crash.log"
#: Size at which the log is rotated, and how many older files are kept (about 4 MB in all).
MAX_BYTES = 1_000_000
BACKUPS = 3
LOGGER_NAME = "welfareplan"


class _State:
    lock = threading.RLock()
    handler: logging.Handler | None = None
    #: records the handler could not write (counted instead of printed)
    failed_writes = 0
    #: the open file faulthandler writes to (it needs a file descriptor that stays valid)
    native_crash_file: IO[str] | None = None


def log_path() -> Path:
    return log_dir() / LOG_NAME


def _make_handler(path: Path, max_bytes: int, backups: int) -> logging.Handler:
    import logging
    from logging.handlers import RotatingFileHandler

    class ClosingRotatingFileHandler(RotatingFileHandler):
        """Closes its file after every record (errors are rare; the file stays free), and
        notes a failed write instead of printing logging's own error report on stderr."""

        def emit(self, record: logging.LogRecord) -> None:
            super().emit(record)
            self.close()

        def handleError(self, record: logging.LogRecord) -> None:
            _State.failed_writes += 1

    handler = ClosingRotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=True
    )
    handler.setFormatter(
        logging.Formatter(
            f"%(asctime)s %(levelname)s [welfareplan {__version__} pid %(process)d "
            "%(threadName)s] %(name)s: %(message)s"
        )
    )
    return handler


def get_logger() -> logging.Logger:
    """The ``welfareplan`` logger, writing to :func:`log_path` (resolved again on every call:
    ``WELFAREPLAN_HOME`` may change, as it does between tests) with the current bounds."""
    import logging

    logger = logging.getLogger(LOGGER_NAME)
    path = log_path()
    with _State.lock:
        handler = _State.handler
        current = getattr(handler, "baseFilename", None)
        if (
            handler is None
            or current != str(path.absolute())
            or getattr(handler, "maxBytes", None) != MAX_BYTES
            or getattr(handler, "backupCount", None) != BACKUPS
        ):
            if handler is not None:
                logger.removeHandler(handler)
                handler.close()
            handler = _State.handler = _make_handler(path, MAX_BYTES, BACKUPS)
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
            logger.propagate = False
    return logger


def log_error(message: str, exc: BaseException | None = None) -> Path | None:
    """Write ``message`` (with the traceback of ``exc``) to the log. Returns the log's path,
    or None when it could not be written (a full disk, no profile folder …)."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    with _State.lock:
        failures = _State.failed_writes
        get_logger().error(message, exc_info=exc)
        written = _State.failed_writes == failures
    return path if written else None


def write_crash_report(exc: BaseException, what: str = "予期しないエラー") -> Path | None:
    """Log the traceback of ``exc``; returns the log's path (None if unwritable)."""
    return log_error(f"{what}: {type(exc).__name__}: {exc}", exc)


def unexpected_error_message(exc: BaseException, log: Path | None) -> str:
    where = f"詳細はログ {log} に記録しました。" if log else ""
    return f"予期しないエラーが発生しました（{type(exc).__name__}）。処理は中断しました（途中までの変更は保存されていません）。{where}"


def enable_native_crash_log() -> Path | None:
    """Have :mod:`faulthandler` write native crashes (and their Python stacks, all threads)
    to ``native-crash.log`` in the profile. The file is opened once, for appending, and stays
    open until the process ends; a file over :data:`MAX_BYTES` is moved to ``.1`` first so it
    stays bounded. Returns its path (None when it cannot be opened: crashes then go nowhere,
    as before)."""
    import faulthandler

    path = log_dir() / NATIVE_CRASH_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file() and path.stat().st_size > MAX_BYTES:
            path.replace(path.with_name(f"{NATIVE_CRASH_NAME}.1"))
        handle = path.open("a", encoding="utf-8")
    except OSError:
        return None
    previous = _State.native_crash_file
    faulthandler.enable(file=handle, all_threads=True)
    _State.native_crash_file = handle
    if previous is not None:
        previous.close()
    return path
