"""Start-up of the department window and autosave latency.

* start-up: wall time of a fresh process until the department window is shown with a file
  loaded, against the floor of a bare process that imports ``sqlalchemy.orm`` and shows an empty
  PySide6 QMainWindow (the stack's unavoidable cost). Goal ≤ 1.3×.
* autosave: one edit committed to the working copy (the user-visible part of autosave),
  median over many edits. Goal ≤ 20 ms.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
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
QTimer.singleShot(0, app.quit)
app.exec()
"""

APP_CHILD = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from welfareplan.gui.app import create_application
from welfareplan.core.settings import Settings
from welfareplan.gui.style import apply_zoom
app = create_application()
apply_zoom(app, 100)
from welfareplan.gui.main_window import MainWindow
w = MainWindow(Settings())
w.show()
assert w.open_path(Path(sys.argv[1]), remember=False)
assert w.view is not None
QTimer.singleShot(0, w.close)
QTimer.singleShot(0, app.quit)
app.exec()
"""


def _wall(args: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(args, check=True, env=env, capture_output=True)
    return time.perf_counter() - t0


def _department_file(folder: Path) -> Path:
    from welfareplan.workflow.demo import make_demo_files

    return make_demo_files(folder)[1]


def startup(quick: bool) -> list[Result]:
    repeat = 3 if quick else 7
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        dept = _department_file(folder)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WELFAREPLAN_HOME=str(folder / "home"))
        exe = sys.executable
        # warm the OS file cache once for both
        _wall([exe, "-c", FLOOR_CHILD], env)
        _wall([exe, "-c", APP_CHILD, str(dept)], env)
        floors, apps = [], []
        for _ in range(repeat):
            floors.append(_wall([exe, "-c", FLOOR_CHILD], env))
            apps.append(_wall([exe, "-c", APP_CHILD, str(dept)], env))
    return [
        Result(
            "start-up: department window with file (source install)",
            statistics.median(apps),
            floor=statistics.median(floors),
            goal=1.3,
            note=f"median of {repeat}; floor = sqlalchemy.orm + empty QMainWindow",
        )
    ]


def autosave(quick: bool) -> list[Result]:
    from welfareplan.core.checks import EntryValues
    from welfareplan.core.editing import save_entry
    from welfareplan.core.storage import Workbook
    from welfareplan.core.worklist import load_worklist

    n = 30 if quick else 200
    with tempfile.TemporaryDirectory() as tmp:
        dept = _department_file(Path(tmp))
        with Workbook.open(dept) as wb:
            items = load_worklist(wb).items
            times = []
            for i in range(n):
                item = items[i % len(items)]
                t0 = time.perf_counter()
                save_entry(
                    wb, item.entry_id, EntryValues(f"実績の文章 {i} " * 20, "AB"[i % 2], "展望")
                )
                times.append(time.perf_counter() - t0)
    return [
        Result(
            "autosave: one edit committed (median)",
            statistics.median(times) * 1000,
            unit="ms",
            goal=20,
            note=f"{n} edits, p95 {sorted(times)[int(n * 0.95) - 1] * 1000:.1f} ms, synchronous=FULL",
        )
    ]


def run(quick: bool) -> list[Result]:
    shutil.which("true")
    return startup(quick) + autosave(quick)
