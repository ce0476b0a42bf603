"""The process the crash tests kill: a small fork server and the work it runs.

``python -m tests.reliability.crash_child`` imports the app once, then reads one JSON command
per line on standard input: ``{"scenario": …, "args": {…}, "kill_after": seconds}``. For each
it forks a worker that runs the scenario, sleeps ``kill_after`` seconds and sends the worker
SIGKILL (unless it has already ended), then answers with one JSON line: whether the worker
was killed, its exit status and when it started (``time.monotonic``, shared by all processes
of the machine). Forking the already-imported server makes a kill cost milliseconds instead
of an interpreter start, so hundreds of kills fit in a test. The server itself never opens a
database, so the workers inherit no SQLite state.

Workers report progress by appending lines to a log file with unbuffered ``os.write``; a line
is written only *after* the step it reports has returned (``saved 7`` after the commit of
revision 7 returned), so every reported step must survive the kill.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from welfareplan.core.checks import EntryValues
from welfareplan.core.editing import read_revision, save_entry
from welfareplan.core.recovery import find_recovery
from welfareplan.core.storage import Workbook
from welfareplan.core.workcopy import WorkingCopy
from welfareplan.workflow.returns.apply import apply_merge
from welfareplan.workflow.returns.compare import preview_merge

RATINGS = "ABCD"


def edit_values(seq: int) -> EntryValues:
    """What the save of revision ``seq`` writes (a function of ``seq`` only)."""
    return EntryValues(
        result=f"第{seq}版の事業実績。" + "記入" * (seq % 7),
        rating=RATINGS[seq % 4],
        outlook=f"第{seq}版の展望",
    )


def entry_ids(path: Path) -> list[str]:
    """The department's entries of the issued round, in a fixed order."""
    con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        (round_id,) = con.execute("SELECT value FROM wp_meta WHERE key = 'round_id'").fetchone()
        return [
            r[0]
            for r in con.execute("SELECT id FROM entry WHERE round_id = ? ORDER BY id", (round_id,))
        ]
    finally:
        con.close()


class Log:
    def __init__(self, path: str) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def __call__(self, line: str) -> None:
        os.write(self.fd, f"{line} {time.monotonic():.6f}\n".encode())


def edit(original: str, log: str, write_back_every: int) -> None:
    """The department app's save path, forever: resume a leftover working copy (as the user
    would, answering 復元する) or open a new one, then save one entry per transaction and
    write the file back every few saves."""
    report = Log(log)
    path = Path(original)
    recovery = find_recovery(path)
    wc = WorkingCopy.resume(recovery) if recovery is not None else WorkingCopy.open(path)
    report("opened")
    wb = Workbook.open(wc.local)
    ids = entry_ids(wc.local)
    revision = read_revision(wb)
    while True:
        seq = revision + 1
        result = save_entry(wb, ids[seq % len(ids)], edit_values(seq), user="試験 太郎")
        assert result.revision == seq, (result.revision, seq)
        report(f"saved {seq}")
        wc.mark_dirty()
        if seq % write_back_every == 0:
            wc.write_back()
            report(f"written {seq}")
        revision = seq


def merge(master: str, files: list[str], log: str) -> None:
    """The division's merge: preview, then apply (one transaction after a backup)."""
    report = Log(log)
    with Workbook.open(master) as wb:
        preview = preview_merge(wb, [Path(f) for f in files])
        report("previewed")
        apply_merge(wb, preview)
        report("applied")


def upgrade(path: str, log: str) -> None:
    """Opening a file of an older schema: backup, then the upgrade in one transaction."""
    report = Log(log)
    with Workbook.open(path) as wb:
        report(f"upgraded {wb.upgraded_from}")


SCENARIOS: dict[str, Callable[..., None]] = {"edit": edit, "merge": merge, "upgrade": upgrade}


def run_worker(command: dict[str, Any]) -> None:
    """In the forked worker: run the scenario; never return."""
    code = 0
    try:
        errors = os.open(command["args"]["log"] + ".err", os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        os.dup2(errors, 2)
        SCENARIOS[command["scenario"]](**command["args"])
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
        code = 1
    os._exit(code)


def serve() -> None:
    print("ready", flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            run_worker(command)
        kill_after = command.get("kill_after")
        killed = False
        if kill_after is not None:
            time.sleep(kill_after)
            # Not reaped yet, so the pid is still this worker's (at worst a zombie).
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        answer = {
            "killed": killed,
            "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            "started": started,
        }
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    serve()
