"""Start-up and autosave on the synthetic plan 10× the demo (500 projects, 60 departments,
10 rounds), next to the demo: the growth should be linear (or flat) and the goals still met.

* start-up (source install): a fresh process until the main window is shown with the file
  loaded (``welfareplan --startup-check FILE``, the steps of bench_gui), against bench_gui's
  floor (``sqlalchemy.orm`` + an empty QMainWindow). Goal ≤ 1.3×, for the demo master, the
  synthetic master (its latest round, every department) and the synthetic plan's largest
  department file. Growth: start-up time per entry shown, synthetic ÷ demo ≤ 1.5 (linear or better).
* autosave: one edit committed (``save_entry``), median over many edits, in the synthetic
  plan's department file and its master (every edit audited), and in the demo master.
  Goal ≤ 20 ms; growth synthetic master ÷ demo master ≤ 1.5 (flat: it must not depend on the
  size of the file).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.bench_gui import FLOOR_CHILD
from benchmarks.common import Result
from benchmarks.process import SOURCE_STARTUP, offscreen_env, run_child

STARTUP_GOAL = 1.3
AUTOSAVE_GOAL_MS = 20
GROWTH_GOAL = 1.5


def _entries(path: Path) -> int:
    from welfareplan.core.storage import Workbook
    from welfareplan.core.worklist import load_worklist

    with Workbook.open(path, read_only=True) as wb:
        return len(load_worklist(wb).items)


def _largest_department_file(master: Path, out: Path) -> Path:
    from welfareplan.core.storage import Workbook
    from welfareplan.core.worklist import load_worklist
    from welfareplan.workflow.issuing.distribute import distribute

    out.mkdir()
    with Workbook.open(master) as wb:
        worklist = load_worklist(wb)
        busiest = Counter(i.department_label for i in worklist.items).most_common(1)[0][0]
        result = distribute(wb, worklist.fiscal_year, out, departments=[busiest])
    return result.files[0].path


def startup(files: dict[str, Path], folder: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """Median start-up per file and the median floor: {name: (seconds, floor)}."""
    env = offscreen_env(folder / "home")
    floor_cmd = [sys.executable, "-c", FLOOR_CHILD]
    commands = {name: [sys.executable, "-c", SOURCE_STARTUP, str(p)] for name, p in files.items()}
    run_child(floor_cmd, env)
    for cmd in commands.values():
        run_child(cmd, env)
    floors: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in files}
    for _ in range(repeat):
        floors.append(run_child(floor_cmd, env).seconds)
        for name, cmd in commands.items():
            times[name].append(run_child(cmd, env).seconds)
    floor = statistics.median(floors)
    return {name: (statistics.median(t), floor) for name, t in times.items()}


def autosave_ms(path: Path | str, edits: int) -> tuple[float, float]:
    """(median, p95) milliseconds per committed edit of the file ``path`` — or of the server
    master at the URL ``path``, opened as a writing command opens it."""
    import contextlib

    from welfareplan.cli.master import open_master
    from welfareplan.core.editing import save_entry
    from welfareplan.core.koganei_form import koganei_values
    from welfareplan.core.storage import Workbook
    from welfareplan.core.worklist import load_worklist

    opened: contextlib.AbstractContextManager[Workbook] = (
        Workbook.open(path)
        if isinstance(path, Path)
        else open_master(path, command="bench", writes=True)
    )
    with opened as wb:
        items = load_worklist(wb).items
        times = []
        for i in range(edits):
            item = items[(i * 7) % len(items)]
            values = koganei_values(f"実績の文章 {i} " * 20, "AB"[i % 2], f"展望 {i}")
            t0 = time.perf_counter()
            save_entry(wb, item.entry_id, values)
            times.append(time.perf_counter() - t0)
    times.sort()
    return statistics.median(times) * 1000, times[int(len(times) * 0.95) - 1] * 1000


def run(quick: bool) -> list[Result]:
    from benchmarks.synthetic import make_synthetic_workbook
    from welfareplan.workflow.demo import make_demo_files

    size = (
        {"projects": 120, "departments": 20, "rounds": 3}
        if quick
        else {"projects": 500, "departments": 60, "rounds": 10}
    )
    label = f"synthetic {size['projects']}p/{size['departments']}d/{size['rounds']}r"
    repeat = 3 if quick else 5
    edits = 30 if quick else 200
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        demo_master, _ = make_demo_files(folder / "demo")
        big_master = make_synthetic_workbook(folder / "synthetic.wpdb", **size)
        big_dept = _largest_department_file(big_master, folder / "issued")
        files = {"demo master": demo_master, f"{label} master": big_master}
        files[f"{label} largest department file"] = big_dept
        entries = {name: _entries(p) for name, p in files.items()}
        timed = startup(files, folder, repeat)
        for name, (seconds, floor) in timed.items():
            results.append(
                Result(
                    f"start-up: {name} (source install)",
                    seconds,
                    floor=floor,
                    goal=STARTUP_GOAL,
                    note=f"median of {repeat}; {entries[name]} entries shown",
                )
            )
        (small, _), (large, _) = timed["demo master"], timed[f"{label} master"]
        small_n, large_n = entries["demo master"], entries[f"{label} master"]
        # The whole start-up per entry, not the part above the floor: the demo master starts
        # at (or under) its floor, so "above the floor per entry" divided by a value near zero
        # and the ratio said nothing (11,583x one run, 0.13x another).
        results.append(
            Result(
                f"growth: start-up per entry, {label} ÷ demo master",
                large / large_n * 1000,
                unit="ms",
                floor=small / small_n * 1000,
                goal=GROWTH_GOAL,
                note=f"{small_n} → {large_n} entries: {small:.2f} → {large:.2f} s (linear or better)",
            )
        )
        autosaves = {}
        for name, path in (
            ("demo master", demo_master),
            (f"{label} master", big_master),
            (f"{label} department file", big_dept),
        ):
            median, p95 = autosave_ms(path, edits)
            autosaves[name] = median
            results.append(
                Result(
                    f"autosave: one edit committed, {name} (median)",
                    median,
                    unit="ms",
                    goal=AUTOSAVE_GOAL_MS,
                    note=f"{edits} edits, p95 {p95:.1f} ms"
                    + (", audited" if "master" in name else ""),
                )
            )
        results.append(
            Result(
                f"growth: autosave, {label} master ÷ demo master",
                autosaves[f"{label} master"],
                unit="ms",
                floor=autosaves["demo master"],
                goal=GROWTH_GOAL,
                note="flat: an edit costs the same whatever the size of the file",
            )
        )
    return results
