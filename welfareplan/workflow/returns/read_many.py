"""Reading many returned files at once (issue 17): each file is read and checked on its own
(header, quick_check, digests, duplicate keys …: :func:`welfareplan.workflow.returns.reading.read_returned`),
so the files are read by a few threads side by side. Most of that work is SQLite's, which runs
without Python's global lock, so a merge day of 40 files uses every core the machine has.

The results come back in the order the files were given; progress is announced and
cancellation checked in the calling thread as each file is done. A file whose reader fails
in any way is rejected on its own (see :func:`read_one`), never the whole merge.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from welfareplan.core.errors import WelfareplanError
from welfareplan.workflow.progress import Steps
from welfareplan.workflow.returns.reading import ReturnedFile, read_returned

#: At most this many files are read at once (each holds its bytes and an in-memory copy).
MAX_READERS = 4

Read = tuple[Path, ReturnedFile | None, WelfareplanError | None]


def read_one(path: Path, workdir: Path) -> Read:
    """``path`` read, or the Japanese reason it cannot be merged."""
    try:
        return path, read_returned(path, workdir), None
    except WelfareplanError as exc:
        return path, None, exc
    except Exception as exc:
        # A reader's bug on a strange file must not stop the merge of the other files: the
        # file is rejected, and the details go to the crash log.
        from welfareplan.core.crashlog import write_crash_report

        write_crash_report(exc)
        return (
            path,
            None,
            WelfareplanError(
                f"ファイル「{path.name}」の内容を読み取れません（予期しないエラー {type(exc).__name__}。"
                "壊れているか、形式が違います）。",
                code="unreadable-content",
            ),
        )


def readers() -> int:
    """How many threads read: one per core, at most :data:`MAX_READERS`."""
    return max(1, min(MAX_READERS, os.cpu_count() or 1))


def read_all(paths: Sequence[Path], workdir: Path, steps: Steps) -> list[Read]:
    """Every file of ``paths`` read (in that order), a step of ``steps`` per file."""
    if len(paths) <= 1 or readers() == 1:
        out = []
        for path in paths:
            steps.step(f"{path.name} を確認しています")
            out.append(read_one(path, workdir))
        return out
    steps.check()
    pool = ThreadPoolExecutor(max_workers=readers(), thread_name_prefix="wp-read")
    try:
        futures = [pool.submit(read_one, path, workdir) for path in paths]
        out = []
        for path, future in zip(paths, futures, strict=True):
            steps.step(f"{path.name} を確認しています")
            out.append(future.result())
        return out
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
