"""Peak memory of the GUI with the demo open (source install, offscreen; no goal, recorded).

A child process opens the demo master workbook (every department's entries of FY2025) in the
main window, then the 地域福祉課 department file issued from it, as a user would; its peak
resident set size (``ru_maxrss``) after each is reported, against the floor process of the
start-up benchmark (``sqlalchemy.orm`` and an empty QMainWindow). The same for the synthetic
plan 10× the demo (its master: the latest round of 500 projects × 60 departments), to show how
memory grows with the plan. The bundle's figure is in bench_bundle.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_gui import FLOOR_CHILD
from benchmarks.common import Result
from benchmarks.process import offscreen_env, run_child

CHILD = """
import json, resource, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from welfareplan.core.settings import Settings
from welfareplan.gui.application import create_application
from welfareplan.gui.main_window import MainWindow
from welfareplan.gui.style import apply_zoom

app = create_application()
apply_zoom(app, 100)
window = MainWindow(Settings())
window.resize(1280, 820)
window.show()
peaks = {}
for path in sys.argv[1:]:
    assert window.open_path(Path(path), remember=False) and window.view is not None, path
    QApplication.processEvents()
    peaks[Path(path).name] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
window.close()
print(json.dumps(peaks))
"""


def entries(path: Path) -> int:
    """Entries of the file's latest round (of its department, for a department file)."""
    from welfareplan.core.storage import Workbook
    from welfareplan.core.worklist import load_worklist

    with Workbook.open(path, read_only=True) as wb:
        return len(load_worklist(wb).items)


def run(quick: bool) -> list[Result]:
    from benchmarks.synthetic import make_synthetic_workbook
    from welfareplan.workflow.demo import make_demo_files

    size = (
        {"projects": 120, "departments": 20, "rounds": 3}
        if quick
        else {"projects": 500, "departments": 60, "rounds": 10}
    )
    label = f"synthetic {size['projects']}p/{size['departments']}d/{size['rounds']}r"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        master, dept = make_demo_files(folder / "demo")
        synthetic = make_synthetic_workbook(folder / "synthetic.wpdb", **size)
        env = offscreen_env(folder / "home")
        floor = run_child([sys.executable, "-c", FLOOR_CHILD], env).peak_mb
        demo = run_child([sys.executable, "-c", CHILD, str(master), str(dept)], env)
        big = run_child([sys.executable, "-c", CHILD, str(synthetic)], env)
        master_n, dept_n, big_n = (entries(p) for p in (master, dept, synthetic))
    demo_peaks = json.loads(demo.stdout)
    master_mb, dept_mb = demo_peaks[master.name], demo_peaks[dept.name]
    big_mb = json.loads(big.stdout)[synthetic.name]
    note = "ru_maxrss of a child process, offscreen; floor = bare QMainWindow + sqlalchemy.orm"
    return [
        Result(
            "peak memory: GUI with the demo master open",
            master_mb,
            unit="MB",
            floor=floor,
            note=f"{master_n} entries in the round; {note}",
        ),
        Result(
            "peak memory: GUI, demo master then department file",
            max(dept_mb, demo.peak_mb),
            unit="MB",
            floor=floor,
            note=f"{dept_n} entries in the department file; whole process",
        ),
        Result(
            f"peak memory: GUI with the {label} master open",
            max(big_mb, big.peak_mb),
            unit="MB",
            floor=floor,
            note=f"{big_n} entries (latest round); growth over the demo master "
            f"{(big_mb - floor) / max(master_mb - floor, 1e-9):.1f}x for "
            f"{big_n / master_n:.1f}x the entries",
        ),
    ]
