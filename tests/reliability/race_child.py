"""Commands run at the same moment in separate processes: a fork server for the race tests.

``python -m tests.reliability.race_child`` imports the app once, then reads one JSON batch per
line on standard input: ``{"runs": [{"argv": [...], "delay": s, "out": path}, ...]}``. It forks
one worker per run; every worker waits until the same start time plus its own ``delay``, runs
``welfareplan ARGV`` (:func:`welfareplan.cli.main.main`, standard output and error into
``OUT.stdout`` / ``OUT.stderr``) and exits with its status. The server answers with one JSON
line: the exit status of every run. Forking the imported server starts a run in milliseconds,
so two commands really overlap instead of being spread by interpreter start-up. The server
never opens a database itself: the workers inherit no SQLite state.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from typing import Any

import welfareplan.cli.merge  # imported once, before forking
import welfareplan.workflow.returns.apply  # noqa: F401
from welfareplan.cli.main import main

#: Time the workers have to start before the common start time (seconds).
START_AFTER_S = 0.15


def run_worker(run: dict[str, Any], start: float) -> None:
    code = 3
    try:
        out = os.open(run["out"] + ".stdout", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        err = os.open(run["out"] + ".stderr", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        sys.stdout.flush()
        os.dup2(out, 1)
        os.dup2(err, 2)
        time.sleep(max(0.0, start + run["delay"] - time.monotonic()))
        code = main(run["argv"])
    except BaseException:
        traceback.print_exc()
        code = 3
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


def serve() -> None:
    print("ready", flush=True)
    for line in sys.stdin:
        batch = json.loads(line)
        start = time.monotonic() + START_AFTER_S
        pids = []
        for run in batch["runs"]:
            pid = os.fork()
            if pid == 0:
                run_worker(run, start)
            pids.append(pid)
        codes = []
        for pid in pids:
            _, status = os.waitpid(pid, 0)
            codes.append(os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1)
        print(json.dumps({"exit": codes}), flush=True)


if __name__ == "__main__":
    serve()
