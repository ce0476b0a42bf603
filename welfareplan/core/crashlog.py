"""Unexpected errors: the user sees one Japanese sentence, the details go to a log file."""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

from welfareplan import __version__
from welfareplan.core.appdirs import log_dir


def write_crash_report(exc: BaseException) -> Path | None:
    """Append the traceback of ``exc`` to the crash log; returns its path (None if unwritable)."""
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "crash.log"
        with path.open("a", encoding="utf-8") as fh:
            fh.write(
                f"--- {dt.datetime.now().isoformat(timespec='seconds')} welfareplan {__version__}\n"
            )
            fh.write("".join(traceback.format_exception(exc)))
        return path
    except OSError:
        return None


def unexpected_error_message(exc: BaseException, log: Path | None) -> str:
    where = f"詳細はログ {log} に記録しました。" if log else ""
    return f"予期しないエラーが発生しました（{type(exc).__name__}）。処理は中断しました（途中までの変更は保存されていません）。{where}"
