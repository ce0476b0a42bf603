"""The division's window on a server master (issue 17's "same table for a server master"):
start-up, peak memory and one edit, next to the same on the file master.

* start-up: a fresh process until the main window is shown with the master opened
  (``welfareplan --startup-check URL``, the steps of bench_gui_scale), against bench_gui's
  floor (``sqlalchemy.orm`` + an empty QMainWindow). Goal ≤ 1.3× (issue 17, goal 1); the
  same master as a file is measured in the same rounds and named in the note.
* peak memory of that process (``ru_maxrss``) against the floor process's. Goal ≤ 1.3×
  (issue 17, goal 4).
* one edit committed on the server master (``save_entry``: the row lock, the per-field stale
  check and the audit in one transaction), median, with the same edit on the file master in
  the note. Goal ≤ 20 ms, as the file's autosave (bench_gui_scale).

The server is a throwaway cluster on loopback (bench_server.cluster); without PostgreSQL's
programs the rows say so and count as missed.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_gui import FLOOR_CHILD
from benchmarks.bench_server import cluster, missing, server_copy
from benchmarks.common import Result
from benchmarks.process import SOURCE_STARTUP, ChildRun, offscreen_env, run_child

STARTUP_GOAL = 1.3
MEMORY_GOAL = 1.3
EDIT_GOAL_MS = 20


def _startups(
    locations: dict[str, str], folder: Path, repeat: int
) -> tuple[list[ChildRun], dict[str, list[ChildRun]]]:
    """Interleaved runs of the floor and of the window on each location (same machine load)."""
    env = offscreen_env(folder / "home")
    floor_cmd = [sys.executable, "-c", FLOOR_CHILD]
    commands = {k: [sys.executable, "-c", SOURCE_STARTUP, v] for k, v in locations.items()}
    run_child(floor_cmd, env)  # warm the OS file cache once for all
    for cmd in commands.values():
        run_child(cmd, env)
    floors: list[ChildRun] = []
    runs: dict[str, list[ChildRun]] = {k: [] for k in locations}
    for _ in range(repeat):
        floors.append(run_child(floor_cmd, env))
        for name, cmd in commands.items():
            runs[name].append(run_child(cmd, env))
    return floors, runs


def _window_rows(label: str, master: Path, url: str, folder: Path, repeat: int) -> list[Result]:
    floors, runs = _startups({"file": str(master), "server": url}, folder, repeat)
    floor_s = statistics.median(r.seconds for r in floors)
    floor_mb = max(r.peak_mb for r in floors)
    server_s = statistics.median(r.seconds for r in runs["server"])
    file_s = statistics.median(r.seconds for r in runs["file"])
    server_mb = max(r.peak_mb for r in runs["server"])
    file_mb = max(r.peak_mb for r in runs["file"])
    return [
        Result(
            f"server master window start-up ({label})",
            server_s,
            floor=floor_s,
            goal=STARTUP_GOAL,
            note=f"median of {repeat}; the same master as a file: {file_s / floor_s:.2f}× "
            "the floor; floor = sqlalchemy.orm + empty QMainWindow",
        ),
        Result(
            f"server master window peak memory ({label})",
            server_mb,
            unit="MB",
            floor=floor_mb,
            goal=MEMORY_GOAL,
            note=f"ru_maxrss; the same master as a file: {file_mb:.0f} MB "
            f"({file_mb / floor_mb:.2f}× the floor process)",
        ),
    ]


def _edit_ms(location: str, edits: int) -> float:
    """Median milliseconds of one committed edit of the latest round's entries."""
    from welfareplan.cli.master import open_master
    from welfareplan.core.editing import save_entry
    from welfareplan.core.koganei_form import koganei_values
    from welfareplan.core.worklist import load_worklist

    with open_master(location, command="bench", writes=True) as wb:
        items = load_worklist(wb).items
        times = []
        for i in range(edits):
            item = items[(i * 7) % len(items)]
            values = koganei_values(f"実績の文章 {i} " * 20, "AB"[i % 2], f"展望 {i}")
            t0 = time.perf_counter()
            save_entry(wb, item.entry_id, values)
            times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def run(quick: bool) -> list[Result]:
    from benchmarks.synthetic import make_synthetic_workbook
    from welfareplan.workflow.demo import make_demo_files

    repeat = 3 if quick else 7
    edits = 30 if quick else 200
    size = (120, 20, 3) if quick else (500, 60, 10)
    results: list[Result] = []
    with cluster() as running, tempfile.TemporaryDirectory(prefix="bench-window-") as tmp:
        if running is None:
            return missing()
        folder = Path(tmp)
        demo, _ = make_demo_files(folder / "demo")  # with an open round, as a division has
        big = make_synthetic_workbook(
            folder / "big.wpdb", projects=size[0], departments=size[1], rounds=size[2]
        )
        for label, master in (("demo", demo), (f"synthetic {size[0]}p/{size[1]}d", big)):
            url = server_copy(running, master)
            results += _window_rows(label, master, url, folder, repeat)
        url = server_copy(running, demo)
        on_file = _edit_ms(str(demo), edits)
        results.append(
            Result(
                "server master: one edit committed (demo, median)",
                _edit_ms(url, edits),
                unit="ms",
                goal=EDIT_GOAL_MS,
                note=f"{edits} edits: row lock + stale check + audit; the same edits on the "
                f"file master: {on_file:.1f} ms",
            )
        )
    return results
