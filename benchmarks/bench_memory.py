"""Peak memory of the GUI with the demo open (offscreen, recorded) and its growth over a day.

A child process opens the demo master workbook (every department's entries of FY2025) in the
main window, then the 地域福祉課 department file issued from it, as a user would; its peak
resident set size (``ru_maxrss``) after each is reported, against the floor process of the
start-up benchmark (``sqlalchemy.orm`` and an empty QMainWindow). The same for the synthetic
plan 10× the demo (its master: the latest round of 500 projects × 60 departments), to show how
memory grows with the plan. The bundle's figure is in bench_bundle.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_gui import FLOOR_CHILD
from benchmarks.common import Result
from benchmarks.process import offscreen_env, run_child
from welfareplan.core.storage import Workbook

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


DAY_CHILD = """
import gc, json, os, sys
from pathlib import Path
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from welfareplan.core.settings import Settings
from welfareplan.exports.round_export import export_report
from welfareplan.gui.application import create_application
from welfareplan.gui.main_window import MainWindow
from welfareplan.gui.style import apply_zoom
from welfareplan.workflow.returns.apply import apply_merge
from welfareplan.workflow.returns.compare import preview_merge


def resident_mb():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


master, year, out, *sets = sys.argv[1:]
app = create_application()
apply_zoom(app, 100)
window = MainWindow(Settings())
window.resize(1280, 820)
window.show()
after = []
for n, folder in enumerate(sets):
    assert window.open_path(Path(master), remember=False) and window.document is not None
    QApplication.processEvents()
    wb = window.document.workbook
    preview = preview_merge(wb, sorted(Path(folder).glob("*.wpdb")))
    assert not preview.rejected and not preview.conflicts, preview.rejected
    assert apply_merge(wb, preview).applied > 0
    export_report(wb, int(year), docx=Path(out) / f"r{n}.docx", xlsx=Path(out) / f"r{n}.xlsx")
    del wb, preview
    QApplication.processEvents()
    # what the event loop does once control returns to it: delete the closed file's view
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()
    after.append(resident_mb())
window.close()
print(json.dumps(after))
"""


def _day_files(folder: Path, times: int) -> tuple[Path, int, list[Path]]:
    """The demo master with every department's file issued, and ``times`` sets of their
    returns, each set a newer revision of the one before with other texts."""
    from benchmarks.bench_merge import _fill
    from welfareplan.core.shipped import create_demo_workbook
    from welfareplan.workflow.demo import DEMO_YEAR
    from welfareplan.workflow.issuing.distribute import distribute
    from welfareplan.workflow.rounds.lifecycle import create_round

    master = create_demo_workbook(folder / "day.wpdb")
    with Workbook.open(master) as wb:
        create_round(wb, DEMO_YEAR)
        (folder / "issued").mkdir()
        previous = [f.path for f in distribute(wb, DEMO_YEAR, folder / "issued").files]
    sets = []
    for n in range(times):
        target = folder / f"returns{n}"
        target.mkdir()
        current = [target / p.name for p in previous]
        for source, copy in zip(previous, current, strict=True):
            shutil.copyfile(source, copy)
            _fill(copy, f"{n} 回目")
        sets.append(target)
        previous = current
    return master, DEMO_YEAR, sets


def day_of_use(quick: bool) -> Result:
    """Memory after the last of ``times`` open–merge–export round trips ÷ after the 2nd."""
    if not Path("/proc/self/statm").exists():
        raise RuntimeError("the resident memory of a process is read from /proc (Linux)")
    times = 6 if quick else 20
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        master, year, sets = _day_files(folder, times)
        (folder / "out").mkdir()
        child = [sys.executable, "-c", DAY_CHILD, str(master), str(year), str(folder / "out")]
        done = run_child(child + [str(s) for s in sets], offscreen_env(folder / "home"))
        merged = len(list(sets[0].iterdir()))
    after = json.loads(done.stdout)
    return Result(
        f"memory growth over a day: open, merge, export × {times}",
        after[-1] / after[1],
        unit="x",
        goal=1.1,
        note=f"resident {after[1]:.0f} MB after the 2nd → {after[-1]:.0f} MB after the "
        f"{times}th (first {after[0]:.0f} MB); {merged} files merged each time",
    )


def entries(path: Path) -> int:
    """Entries of the file's latest round (of its department, for a department file)."""
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
    day = day_of_use(quick)
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
        day,
    ]
