"""Start-up of the department window and autosave latency.

* start-up: wall time of a fresh process until the department window is shown with a file
  loaded, against the floor of a bare process that imports ``sqlalchemy.orm`` and shows an empty
  PySide6 QMainWindow (the stack's unavoidable cost). Goal ≤ 1.3×.
* start-up CPU: the same launches' CPU time (user + system), which other load on the machine
  disturbs less than wall time, against the floor's. Goal ≤ 1.0× (the department window does
  not load the ORM the floor imports).
* autosave: one edit committed to the working copy (the user-visible part of autosave),
  median over many edits. Goal ≤ 20 ms. Its CPU time is in the note.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import Result

FLOOR_CHILD = """
import sqlalchemy.orm
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow()
w.resize(1280, 820)
w.show()
app.processEvents()
import time
print("WP_SHOWN", repr(time.time()), flush=True)
QTimer.singleShot(0, app.quit)
app.exec()
"""


def _department_file(folder: Path) -> Path:
    from welfareplan.workflow.demo import make_demo_files

    return make_demo_files(folder)[1]


def startup(quick: bool) -> list[Result]:
    """Launch → window shown with the file loaded (the child prints when it is painted)."""
    from benchmarks.process import SOURCE_STARTUP, offscreen_env, run_child

    repeat = 3 if quick else 9
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        dept = _department_file(folder)
        env = offscreen_env(folder / "home")
        floor_cmd = [sys.executable, "-c", FLOOR_CHILD]
        app_cmd = [sys.executable, "-c", SOURCE_STARTUP, str(dept)]
        run_child(floor_cmd, env)  # warm the OS file cache once for both
        run_child(app_cmd, env)
        floors, apps = [], []
        for _ in range(repeat):  # interleaved, so both see the same machine load
            floors.append(run_child(floor_cmd, env))
            apps.append(run_child(app_cmd, env))
    cpu = [run.cpu for run in apps]
    return [
        Result(
            "start-up: department window with file (source install)",
            statistics.median(run.shown_after for run in apps),
            floor=statistics.median(run.shown_after for run in floors),
            goal=1.3,
            note=f"launch to window painted, median of {repeat}; floor = sqlalchemy.orm + empty QMainWindow",
        ),
        Result(
            "start-up CPU: department window with file (source install)",
            statistics.median(cpu),
            floor=statistics.median(run.cpu for run in floors),
            goal=1.0,
            note=f"CPU seconds of the whole launch, median of {repeat} "
            f"(spread {min(cpu):.3f}–{max(cpu):.3f} s); floor as above",
        ),
    ]


def autosave(quick: bool) -> list[Result]:
    from welfareplan.core.editing import save_entry
    from welfareplan.core.koganei_form import koganei_values
    from welfareplan.core.storage import Workbook
    from welfareplan.core.worklist import load_worklist

    n = 30 if quick else 200
    with tempfile.TemporaryDirectory() as tmp:
        dept = _department_file(Path(tmp))
        with Workbook.open(dept) as wb:
            items = load_worklist(wb).items
            times, cpu = [], []
            for i in range(n):
                item = items[i % len(items)]
                t0, c0 = time.perf_counter(), time.process_time()
                save_entry(
                    wb, item.entry_id, koganei_values(f"実績の文章 {i} " * 20, "AB"[i % 2], "展望")
                )
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
    return [
        Result(
            "autosave: one edit committed (median)",
            statistics.median(times) * 1000,
            unit="ms",
            goal=20,
            note=f"{n} edits, p95 {sorted(times)[int(n * 0.95) - 1] * 1000:.1f} ms, "
            f"CPU {statistics.median(cpu) * 1000:.2f} ms, synchronous=FULL",
        )
    ]


def run(quick: bool) -> list[Result]:
    shutil.which("true")
    return startup(quick) + autosave(quick)
