"""Child processes for the start-up and memory benchmarks: wall time and peak memory each.

A child's ``ru_maxrss`` (from ``os.wait4``) is not only its own: on Linux, ``exec`` keeps the
high-water mark of the memory it replaces, i.e. of the forking parent — and the benchmark
runner can be a big process. So every child is started by a small go-between process (a bare
Python, ~10 MB) that times it, waits for it with ``wait4`` and reports its figures; the
child's stdout passes through.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

#: The same start-up the source-install benchmark measures (benchmarks/bench_gui.py), run as
#: the windowed program's ``--startup-check FILE``: open FILE in the main window, then quit.
SOURCE_STARTUP = (
    "import sys; sys.argv[1:] = ['--startup-check', sys.argv[1]]; "
    "from welfareplan.gui.app import main; raise SystemExit(main())"
)

#: The go-between: runs argv[1:], prints [seconds, exit status, ru_maxrss, launch time, CPU
#: seconds] as its last stderr line.
_GO_BETWEEN = """
import json, os, subprocess, sys, time
started = time.perf_counter()
launched = time.time()
with subprocess.Popen(sys.argv[1:]) as child:
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
cpu = usage.ru_utime + usage.ru_stime
sys.stderr.write("\\n" + json.dumps([seconds, child.returncode, usage.ru_maxrss, launched, cpu]) + "\\n")
"""

#: What a start-up child prints (with ``time.time()``) once its window is shown and painted.
SHOWN_MARKER = "WP_SHOWN"


@dataclass(frozen=True)
class ChildRun:
    seconds: float
    peak_mb: float
    stdout: str
    launched: float = 0.0
    #: CPU seconds of the child (user + system): less disturbed by other load than wall time
    cpu: float = 0.0

    @property
    def shown_after(self) -> float:
        """Seconds from launching the process to its window shown (the SHOWN_MARKER line);
        the whole run time if the child printed none."""
        for line in self.stdout.splitlines():
            if line.startswith(SHOWN_MARKER + " "):
                return float(line.split()[1]) - self.launched
        return self.seconds


def run_child(args: list[str], env: dict[str, str], *, cwd: Path | None = None) -> ChildRun:
    """Run ``args`` to completion: its wall time, its own peak RSS and its stdout."""
    if not hasattr(os, "wait4"):
        raise RuntimeError("os.wait4 is not available on this platform")
    done = subprocess.run(
        [sys.executable, "-c", _GO_BETWEEN, *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the go-between process failed: {done.stderr[-2000:]}")
    seconds, status, maxrss, launched, cpu = json.loads(done.stderr.strip().splitlines()[-1])
    if status != 0:
        raise RuntimeError(f"{args[0]} exited with {status}")
    # ru_maxrss is in KiB on Linux, in bytes on macOS
    peak = maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return ChildRun(seconds, peak, done.stdout, launched, cpu)


def offscreen_env(home: Path) -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", WELFAREPLAN_HOME=str(home))
