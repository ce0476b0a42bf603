"""Child processes for the start-up and memory benchmarks: wall time and peak memory each.

``os.wait4`` gives the resource usage of exactly that child (``ru_maxrss``: its peak resident
set size), so floor and app are measured alike, whatever ran before them in this process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

#: The same start-up the source-install benchmark measures (benchmarks/bench_gui.py), run as
#: the windowed program's ``--startup-check FILE``: open FILE in the main window, then quit.
SOURCE_STARTUP = (
    "import sys; sys.argv[1:] = ['--startup-check', sys.argv[1]]; "
    "from welfareplan.gui.app import main; raise SystemExit(main())"
)


@dataclass(frozen=True)
class ChildRun:
    seconds: float
    peak_mb: float
    stdout: str


def run_child(args: list[str], env: dict[str, str], *, cwd: Path | None = None) -> ChildRun:
    """Run ``args`` to completion; its wall time and peak RSS (Linux/macOS only)."""
    if not hasattr(os, "wait4"):
        raise RuntimeError("os.wait4 is not available on this platform")
    started = time.perf_counter()
    with subprocess.Popen(
        args, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as proc:
        assert proc.stdout is not None
        stdout = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait
    if proc.returncode != 0:
        raise RuntimeError(f"{args[0]} exited with {proc.returncode}")
    # ru_maxrss is in KiB on Linux, in bytes on macOS
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return ChildRun(seconds, peak, stdout)


def offscreen_env(home: Path) -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", WELFAREPLAN_HOME=str(home))
